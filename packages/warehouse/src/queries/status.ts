import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

export interface LinkForStatus {
  linkId: number;
  planId: string;
  followUps: string[];
  planStart: string;
  planEnd: string;
  statusRule: Record<string, unknown>;
  indicatorId: number;
  indicatorKey: string;
  unit: string;
  decimals: number;
  direction: 'higher' | 'lower';
  kind: 'level' | 'ytd_sum';
  baselineValue: number | null;
  baselineDate: string;
  targetType: string;
  targetValue: number | null;
  targetMin: number | null;
  targetMax: number | null;
  targetDate: string;
  peerGroupId: string | null;
  milestones: { date: string; value: number }[];
  tolerance: number | null;
  observations: { periodStart: string; periodEnd: string; periodLabel: string; value: number | null }[];
  peerMedians: { periodEnd: string; value: number }[];
}

/** Everything the status engine needs for the links of the given indicators (or of one plan). */
export async function loadLinksForStatus(
  db: Warehouse,
  filter: { indicatorIds?: readonly number[]; planId?: string; linkIds?: readonly number[] },
): Promise<LinkForStatus[]> {
  let query = db
    .selectFrom('plan.goal_indicators as gi')
    .innerJoin('plan.goals as g', 'g.id', 'gi.goal_id')
    .innerJoin('plan.plans as p', 'p.id', 'g.plan_id')
    .innerJoin('dim.indicators as i', 'i.id', 'gi.indicator_id')
    .select([
      'gi.id as linkId',
      'p.id as planId',
      'p.follow_ups as followUps',
      'p.start_date as planStart',
      'p.end_date as planEnd',
      'p.status_rule as statusRule',
      'i.id as indicatorId',
      'i.key as indicatorKey',
      'i.unit',
      'i.decimals',
      'i.direction',
      'gi.kind',
      'gi.baseline_value as baselineValue',
      'gi.baseline_date as baselineDate',
      'gi.target_type as targetType',
      'gi.target_value as targetValue',
      'gi.target_min as targetMin',
      'gi.target_max as targetMax',
      'gi.target_date as targetDate',
      'gi.peer_group_id as peerGroupId',
      'gi.milestones',
      'gi.tolerance',
      'gi.area_id as areaId',
      'gi.breakdown',
    ]);
  if (filter.indicatorIds) {
    if (filter.indicatorIds.length === 0) return [];
    query = query.where('gi.indicator_id', 'in', filter.indicatorIds);
  }
  if (filter.planId) query = query.where('p.id', '=', filter.planId);
  if (filter.linkIds) {
    if (filter.linkIds.length === 0) return [];
    query = query.where('gi.id', 'in', filter.linkIds);
  }
  const links = await query.execute();
  if (links.length === 0) return [];
  const linkIds = links.map((l) => l.linkId);

  // One array parameter rather than an IN list of thousands: the plan stays small and cached.
  const observations = await sql<{
    linkId: number;
    start_date: string;
    end_date: string;
    label: string;
    value: number | null;
  }>`
    select gi.id as "linkId", per.start_date, per.end_date, per.label, f.value
    from plan.goal_indicators gi
    join fact.indicator_values f
      on f.indicator_id = gi.indicator_id and f.area_id = gi.area_id and f.breakdown = gi.breakdown
    join dim.periods per on per.id = f.period_id
    where gi.id = any(${linkIds}::int[])
    order by per.end_date`.execute(db);

  // Median of the peer group's values for the same indicator, breakdown and period. Only periods ending
  // on or after the baseline date: the engine compares the current value, which never ends before it,
  // so a full recompute does not sort twenty years of every peer's values.
  const peers = await sql<{ link_id: number; end_date: string; median: number }>`
    select gi.id as link_id, per.end_date, percentile_cont(0.5) within group (order by f.value) as median
    from plan.goal_indicators gi
    -- A plan names a group, or a set (skr-kommungrupper-2017) meaning the link's own area's group in it.
    join dim.peer_group_members m
      on m.group_id = coalesce(dim.peer_group_for(gi.area_id, gi.peer_group_id), gi.peer_group_id)
    join fact.indicator_values f
      on f.indicator_id = gi.indicator_id and f.area_id = m.area_id and f.breakdown = gi.breakdown
    join dim.periods per on per.id = f.period_id and per.end_date >= gi.baseline_date
    where gi.id = any(${linkIds}::int[]) and gi.peer_group_id is not null and f.value is not null
    group by gi.id, per.end_date`.execute(db);

  const byLink = new Map<number, LinkForStatus>();
  for (const l of links) {
    const { areaId: _a, breakdown: _b, ...rest } = l;
    byLink.set(l.linkId, {
      ...rest,
      direction: l.direction as 'higher' | 'lower',
      kind: l.kind as 'level' | 'ytd_sum',
      statusRule: (l.statusRule ?? {}) as Record<string, unknown>,
      milestones: (l.milestones ?? []) as { date: string; value: number }[],
      observations: [],
      peerMedians: [],
    });
  }
  for (const o of observations.rows) {
    byLink.get(o.linkId)?.observations.push({
      periodStart: o.start_date,
      periodEnd: o.end_date,
      periodLabel: o.label,
      value: o.value === null ? null : Number(o.value),
    });
  }
  for (const p of peers.rows) {
    byLink.get(p.link_id)?.peerMedians.push({ periodEnd: p.end_date, value: Number(p.median) });
  }
  return [...byLink.values()];
}

export interface StatusSnapshotInput {
  linkId: number;
  asOf: string;
  status: string;
  currentValue: number | null;
  currentPeriodEnd: string | null;
  currentPeriodLabel: string | null;
  expectedValue: number | null;
  progress: number | null;
  expectedProgress: number | null;
  rule: string;
  explanation: string;
  explanationEn: string;
  inputs: unknown;
  forecastValue: number | null;
  forecastReachesTargetOn: string | null;
  forecastText: string | null;
}

export interface WriteSnapshotsOptions {
  /** Also overwrite frozen snapshots (and count the refreeze); otherwise a frozen row is left as decided. */
  refreeze?: boolean;
}

export interface WriteSnapshotsResult {
  /** Rows inserted or updated. */
  written: number;
  /** Rows left alone: their snapshot is frozen, or it already says exactly this. */
  unchanged: number;
}

/**
 * One statement for any number of rows: the columns go in as arrays and `unnest` turns them back into
 * rows (a multi-row VALUES would hit Postgres's 65 535 parameter limit at about 4 000 snapshots).
 */
export async function writeStatusSnapshots(
  db: Warehouse,
  rows: readonly StatusSnapshotInput[],
  options: WriteSnapshotsOptions = {},
): Promise<WriteSnapshotsResult> {
  if (rows.length === 0) return { written: 0, unchanged: 0 };
  const refreeze = options.refreeze === true;
  const records = rows.map((r) => {
    const record = {
      goal_indicator_id: r.linkId,
      as_of: r.asOf,
      status: r.status,
      current_value: r.currentValue,
      current_period_end: r.currentPeriodEnd,
      current_period_label: r.currentPeriodLabel,
      expected_value: r.expectedValue,
      progress: r.progress,
      expected_progress: r.expectedProgress,
      rule: r.rule,
      explanation: r.explanation,
      explanation_en: r.explanationEn,
      inputs: r.inputs,
      forecast_value: r.forecastValue,
      forecast_reaches_target_on: r.forecastReachesTargetOn,
      forecast_text: r.forecastText,
    };
    // Serialised once: the text is both hashed and sent.
    const json = JSON.stringify(record);
    const hash = createHash('sha1').update(json).digest('base64');
    return {
      goal_indicator_id: r.linkId,
      as_of: r.asOf,
      content_hash: hash,
      json: `${json.slice(0, -1)},"content_hash":${JSON.stringify(hash)}}`,
    };
  });
  // What is stored already: a snapshot that says the same is not sent again (an unchanged full recompute
  // writes nothing), a frozen one is left as decided unless refreezing.
  const stored = await sql<{
    goal_indicator_id: number;
    as_of: string;
    content_hash: string | null;
    frozen: boolean;
  }>`
    select goal_indicator_id, as_of::text as as_of, content_hash, frozen_at is not null as frozen
    from ops.status_snapshots
    where goal_indicator_id = any(${[...new Set(rows.map((r) => r.linkId))]}::int[])`.execute(db);
  const byKey = new Map(stored.rows.map((s) => [`${s.goal_indicator_id}|${s.as_of}`, s]));
  const changed = records.filter((r) => {
    const s = byKey.get(`${r.goal_indicator_id}|${r.as_of}`);
    if (!s) return true;
    if (refreeze) return true;
    return !s.frozen && s.content_hash !== r.content_hash;
  });
  if (changed.length === 0) return { written: 0, unchanged: rows.length };
  // One JSON document for all rows: JSON.stringify and Postgres's JSON parser are both native and fast
  // (node-pg's array literals escape every string element by hand; a multi-row VALUES would hit the
  // 65 535 parameter limit at about 4 000 snapshots).
  const result = await sql<{ n: number }>`
    with input as (
      select * from jsonb_to_recordset(${`[${changed.map((c) => c.json).join(',')}]`}::jsonb) as t(
        goal_indicator_id int, as_of date, status text, current_value numeric, current_period_end date,
        current_period_label text, expected_value numeric, progress numeric, expected_progress numeric,
        rule text, explanation text, explanation_en text, inputs jsonb, forecast_value numeric,
        forecast_reaches_target_on date, forecast_text text, content_hash text)
    ), written as (
      insert into ops.status_snapshots as s
        (goal_indicator_id, as_of, status, current_value, current_period_end, current_period_label,
         expected_value, progress, expected_progress, rule, explanation, explanation_en, inputs,
         forecast_value, forecast_reaches_target_on, forecast_text, content_hash, computed_at)
      select goal_indicator_id, as_of, status, current_value, current_period_end, current_period_label,
             expected_value, progress, expected_progress, rule, explanation, explanation_en, inputs,
             forecast_value, forecast_reaches_target_on, forecast_text, content_hash, now()
      from input
      on conflict (goal_indicator_id, as_of) do update set
        status = excluded.status,
        current_value = excluded.current_value,
        current_period_end = excluded.current_period_end,
        current_period_label = excluded.current_period_label,
        expected_value = excluded.expected_value,
        progress = excluded.progress,
        expected_progress = excluded.expected_progress,
        rule = excluded.rule,
        explanation = excluded.explanation,
        explanation_en = excluded.explanation_en,
        inputs = excluded.inputs,
        forecast_value = excluded.forecast_value,
        forecast_reaches_target_on = excluded.forecast_reaches_target_on,
        forecast_text = excluded.forecast_text,
        content_hash = excluded.content_hash,
        computed_at = excluded.computed_at,
        frozen_at = case when s.frozen_at is null then null else now() end,
        refrozen_count = s.refrozen_count + (case when s.frozen_at is null then 0 else 1 end)
      -- A snapshot frozen since it was read above stays as decided.
      where s.frozen_at is null or ${refreeze}
      returning 1
    )
    select count(*)::int as n from written`.execute(db);
  const written = result.rows[0]?.n ?? 0;
  return { written, unchanged: rows.length - written };
}

/** The (link, as-of) pairs already frozen among the given links: a recompute need not compute them. */
export async function listFrozenSnapshots(
  db: Warehouse,
  linkIds: readonly number[],
): Promise<{ linkId: number; asOf: string }[]> {
  if (linkIds.length === 0) return [];
  const result = await sql<{ linkId: number; asOf: string }>`
    select goal_indicator_id as "linkId", as_of::text as "asOf"
    from ops.status_snapshots
    where goal_indicator_id = any(${[...linkIds]}::int[]) and frozen_at is not null`.execute(db);
  return result.rows;
}

/**
 * Freezes follow-up snapshots that are due: the follow-up date plus the plan's `freeze_after_days`
 * (default 30) lies before `today`, and the plan existed by then (a plan applied later, such as an old
 * report imported today, had nobody decide on its status at the time; freeze it with
 * freezeStatusSnapshots). Set-based; returns how many snapshots it froze.
 */
export async function freezeDueSnapshots(
  db: Warehouse,
  today: string,
  linkIds?: readonly number[],
): Promise<number> {
  const result = await sql`
    update ops.status_snapshots s set frozen_at = now()
    from plan.goal_indicators gi
    join plan.goals g on g.id = gi.goal_id
    join plan.plans p on p.id = g.plan_id
    cross join lateral (
      select coalesce((p.status_rule ->> 'freeze_after_days')::int, 30) as days
    ) rule
    where s.goal_indicator_id = gi.id
      and s.frozen_at is null
      and s.as_of = any(p.follow_ups)
      and s.as_of + rule.days < ${today}::date
      and (p.created_at at time zone 'Europe/Stockholm')::date <= s.as_of + rule.days
      ${linkIds ? sql`and gi.id = any(${[...linkIds]}::int[])` : sql``}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Freezes a plan's follow-up snapshots by hand ("the board decided the report"): every follow-up on or
 * before `today`, or only `asOf`. Returns the dates frozen now, with how many links each.
 */
export async function freezeStatusSnapshots(
  db: Warehouse,
  filter: { planId: string; asOf?: string; today: string },
): Promise<{ as_of: string; links: number }[]> {
  const result = await sql<{ as_of: string; links: number }>`
    with frozen as (
      update ops.status_snapshots s set frozen_at = now()
      from plan.goal_indicators gi
      join plan.goals g on g.id = gi.goal_id
      join plan.plans p on p.id = g.plan_id
      where s.goal_indicator_id = gi.id and p.id = ${filter.planId}
        and s.frozen_at is null
        and s.as_of = any(p.follow_ups)
        and s.as_of <= ${filter.today}::date
        ${filter.asOf ? sql`and s.as_of = ${filter.asOf}::date` : sql``}
      returning s.as_of
    )
    select as_of::text as as_of, count(*)::int as links from frozen group by as_of order by as_of`.execute(
    db,
  );
  return result.rows;
}

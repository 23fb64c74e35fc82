import { createHash } from 'node:crypto';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import { clientOfTransaction, type Warehouse } from '../client.ts';
import type { DB } from '../db.generated.ts';
import { CopyChannel, copyText } from './copy.ts';

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
  /** Declared breaks in the indicator's series (dim.series_breaks), oldest first. */
  seriesBreaks: string[];
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
      sql<
        string[]
      >`array(select b.break_date::text from dim.series_breaks b where b.indicator_id = i.id order by b.break_date)`.as(
        'seriesBreaks',
      ),
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

  // Median of the peer group's values for the same indicator, breakdown and period end. Only the period
  // ends the link's own area has a fact for, on or after the baseline date: the engine compares the
  // current value (its own, never from before the baseline) with the median of that period and with no
  // other, so a full recompute does not sort twenty years of every peer's values. The peer group of a
  // link is resolved once per link, not once per joined row.
  const peers = await sql<{ link_id: number; end_date: string; median: number }>`
    with links as materialized (
      -- A plan names a group, or a set (skr-kommungrupper-2017) meaning the link's own area's group in it.
      select gi.id, gi.indicator_id, gi.area_id, gi.breakdown, gi.baseline_date,
             coalesce(dim.peer_group_for(gi.area_id, gi.peer_group_id), gi.peer_group_id) as group_id
      from plan.goal_indicators gi
      where gi.id = any(${linkIds}::int[]) and gi.peer_group_id is not null
    ), wanted as materialized (
      select distinct l.id, l.indicator_id, l.breakdown, l.group_id, per.end_date
      from links l
      join fact.indicator_values own
        on own.indicator_id = l.indicator_id and own.area_id = l.area_id and own.breakdown = l.breakdown
      join dim.periods per on per.id = own.period_id and per.end_date >= l.baseline_date
    )
    select w.id as link_id, w.end_date, percentile_cont(0.5) within group (order by f.value) as median
    from wanted w
    join dim.periods per on per.end_date = w.end_date
    join dim.peer_group_members m on m.group_id = w.group_id
    join fact.indicator_values f
      on f.indicator_id = w.indicator_id and f.area_id = m.area_id and f.period_id = per.id
      and f.breakdown = w.breakdown
    where f.value is not null
    group by w.id, w.end_date`.execute(db);

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
  /**
   * What is stored for every link among the rows (listStoredSnapshots), read by the caller in the same
   * transaction before computing them. Without it the rows are collected first to read it here.
   */
  stored?: readonly StoredSnapshot[];
}

export interface WriteSnapshotsResult {
  /** Rows inserted or updated. */
  written: number;
  /** Rows left alone: their snapshot is frozen, or it already says exactly this. */
  unchanged: number;
}

/** A stored snapshot's key, what it says (its content hash) and whether it is frozen. */
export interface StoredSnapshot {
  linkId: number;
  asOf: string;
  contentHash: string | null;
  frozen: boolean;
}

/** The snapshots stored for the given links. */
export async function listStoredSnapshots(
  db: Warehouse | Transaction<DB>,
  linkIds: readonly number[],
): Promise<StoredSnapshot[]> {
  if (linkIds.length === 0) return [];
  const result = await sql<StoredSnapshot>`
    select goal_indicator_id as "linkId", as_of::text as "asOf", content_hash as "contentHash",
           frozen_at is not null as frozen
    from ops.status_snapshots
    where goal_indicator_id = any(${[...linkIds]}::int[])`.execute(db);
  return result.rows;
}

/** The columns a snapshot is sent with, in the order of the COPY and of jsonb_to_recordset below. */
const snapshotColumns = `goal_indicator_id, as_of, status, current_value, current_period_end,
  current_period_label, expected_value, progress, expected_progress, rule, explanation, explanation_en,
  inputs, forecast_value, forecast_reaches_target_on, forecast_text, content_hash`;
const snapshotColumnTypes = `goal_indicator_id int, as_of date, status text, current_value numeric,
  current_period_end date, current_period_label text, expected_value numeric, progress numeric,
  expected_progress numeric, rule text, explanation text, explanation_en text, inputs jsonb,
  forecast_value numeric, forecast_reaches_target_on date, forecast_text text, content_hash text`;

/** What a snapshot says as JSON (the content hash is the SHA-1 of this text), and the hash. */
function snapshotRecord(r: StatusSnapshotInput): { json: string; hash: string } {
  const json = JSON.stringify({
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
  });
  return { json, hash: createHash('sha1').update(json).digest('base64') };
}

/** A number as the JSON document would carry it: JSON has no NaN or infinity (they become null). */
const copyNumber = (v: number | null) => (typeof v !== 'number' || !Number.isFinite(v) ? '\\N' : String(v));
const copyNullable = (v: string | null) => (v === null || v === undefined ? '\\N' : copyText(v));

/** One COPY text line for a snapshot; `inputs` is taken from the record's JSON (stringified once). */
function snapshotCopyLine(r: StatusSnapshotInput, json: string, hash: string): string {
  const from = json.indexOf(',"inputs":');
  // Keys come before string values and a string's quotes are escaped inside it, so the first
  // ',"inputs":' is the record's own key and the last ',"forecast_value":' the one after it.
  const inputs =
    from < 0
      ? JSON.stringify(r.inputs ?? null)
      : json.slice(from + ',"inputs":'.length, json.lastIndexOf(',"forecast_value":'));
  return `${r.linkId}\t${copyText(r.asOf)}\t${copyText(r.status)}\t${copyNumber(r.currentValue)}\t${copyNullable(r.currentPeriodEnd)}\t${copyNullable(r.currentPeriodLabel)}\t${copyNumber(r.expectedValue)}\t${copyNumber(r.progress)}\t${copyNumber(r.expectedProgress)}\t${copyText(r.rule)}\t${copyText(r.explanation)}\t${copyText(r.explanationEn)}\t${copyText(inputs)}\t${copyNumber(r.forecastValue)}\t${copyNullable(r.forecastReachesTargetOn)}\t${copyNullable(r.forecastText)}\t${hash}\n`;
}

/** Insert or update from the given input relation; a frozen row stays as decided unless refreezing. */
const upsertSnapshots = (input: RawBuilder<unknown>, refreeze: boolean) => sql<{ n: number }>`
    with written as (
      insert into ops.status_snapshots as s (${sql.raw(snapshotColumns)}, computed_at)
      select ${sql.raw(snapshotColumns)}, now()
      from ${input}
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
      -- A snapshot frozen since it was read stays as decided.
      where s.frozen_at is null or ${refreeze}
      returning 1
    )
    select count(*)::int as n from written`;

/** Lines are sent in chunks of about this many characters (fewer socket writes, little memory). */
const copyChunk = 256 * 1024;

/**
 * Writes snapshots that differ from what is stored: rows are consumed one by one (the engine may
 * compute them lazily), hashed, and those that say something new are copied (COPY … FROM STDIN) into a
 * temporary table while the rest are still being computed, so the engine and Postgres work side by
 * side; one insert … on conflict then merges them. A snapshot that says the same as the stored one is
 * not sent at all (an unchanged full recompute writes nothing), a frozen one is left as decided unless
 * refreezing. Where the transaction's connection cannot be had for COPY, the changed rows go in as one
 * JSON document instead (slower: Postgres parses the whole document before the first row).
 */
export async function writeStatusSnapshots(
  db: Warehouse | Transaction<DB>,
  rows: Iterable<StatusSnapshotInput>,
  options: WriteSnapshotsOptions = {},
): Promise<WriteSnapshotsResult> {
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => writeStatusSnapshots(trx, rows, options));
  }
  const trx = db as Transaction<DB>;
  const refreeze = options.refreeze === true;
  let input: Iterable<StatusSnapshotInput> = rows;
  let stored = options.stored;
  if (stored === undefined) {
    const all = [...rows];
    input = all;
    stored = await listStoredSnapshots(trx, [...new Set(all.map((r) => r.linkId))]);
  }
  const byKey = new Map(stored.map((s) => [`${s.linkId}|${s.asOf}`, s]));
  const isChanged = (r: StatusSnapshotInput, hash: string) => {
    const s = byKey.get(`${r.linkId}|${r.asOf}`);
    if (!s || refreeze) return true;
    return !s.frozen && s.contentHash !== hash;
  };

  let total = 0;
  let sent = 0;
  const client = await clientOfTransaction(trx);
  if (client !== null) {
    await sql`create temporary table status_snapshots_in (${sql.raw(snapshotColumnTypes)}) on commit drop`.execute(
      trx,
    );
    const copy = new CopyChannel(client, `copy status_snapshots_in (${snapshotColumns}) from stdin`);
    try {
      let chunk = '';
      for (const r of input) {
        total++;
        const { json, hash } = snapshotRecord(r);
        if (!isChanged(r, hash)) continue;
        sent++;
        chunk += snapshotCopyLine(r, json, hash);
        if (chunk.length >= copyChunk) {
          await copy.write(chunk);
          chunk = '';
        }
      }
      if (chunk.length > 0) await copy.write(chunk);
      await copy.end();
    } catch (error) {
      await copy.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    if (sent === 0) {
      await sql`drop table status_snapshots_in`.execute(trx);
      return { written: 0, unchanged: total };
    }
    const result = await upsertSnapshots(sql`status_snapshots_in`, refreeze).execute(trx);
    await sql`drop table status_snapshots_in`.execute(trx);
    const written = result.rows[0]?.n ?? 0;
    return { written, unchanged: total - written };
  }

  const changed: string[] = [];
  for (const r of input) {
    total++;
    const { json, hash } = snapshotRecord(r);
    if (isChanged(r, hash)) changed.push(`${json.slice(0, -1)},"content_hash":${JSON.stringify(hash)}}`);
  }
  if (changed.length === 0) return { written: 0, unchanged: total };
  const result = await upsertSnapshots(
    sql`jsonb_to_recordset(${`[${changed.join(',')}]`}::jsonb) as t(${sql.raw(snapshotColumnTypes)})`,
    refreeze,
  ).execute(trx);
  const written = result.rows[0]?.n ?? 0;
  return { written, unchanged: total - written };
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

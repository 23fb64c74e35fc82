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
  filter: { indicatorIds?: readonly number[]; planId?: string },
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
  const links = await query.execute();
  if (links.length === 0) return [];
  const linkIds = links.map((l) => l.linkId);

  const observations = await db
    .selectFrom('plan.goal_indicators as gi')
    .innerJoin('fact.indicator_values as f', (j) =>
      j
        .onRef('f.indicator_id', '=', 'gi.indicator_id')
        .onRef('f.area_id', '=', 'gi.area_id')
        .onRef('f.breakdown', '=', 'gi.breakdown'),
    )
    .innerJoin('dim.periods as per', 'per.id', 'f.period_id')
    .select(['gi.id as linkId', 'per.start_date', 'per.end_date', 'per.label', 'f.value'])
    .where('gi.id', 'in', linkIds)
    .orderBy('per.end_date')
    .execute();

  // Median of the peer group's values for the same indicator, breakdown and period.
  const peers = await sql<{ link_id: number; end_date: string; median: number }>`
    select gi.id as link_id, per.end_date, percentile_cont(0.5) within group (order by f.value) as median
    from plan.goal_indicators gi
    join dim.peer_group_members m on m.group_id = gi.peer_group_id
    join fact.indicator_values f
      on f.indicator_id = gi.indicator_id and f.area_id = m.area_id and f.breakdown = gi.breakdown
    join dim.periods per on per.id = f.period_id
    where gi.id = any(${linkIds}) and f.value is not null
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
  for (const o of observations) {
    byLink.get(o.linkId)?.observations.push({
      periodStart: o.start_date,
      periodEnd: o.end_date,
      periodLabel: o.label,
      value: o.value,
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
}

export async function writeStatusSnapshots(
  db: Warehouse,
  rows: readonly StatusSnapshotInput[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((r) => ({
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
    inputs: JSON.stringify(r.inputs),
    computed_at: new Date(),
  }));
  await db
    .insertInto('ops.status_snapshots')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['goal_indicator_id', 'as_of']).doUpdateSet({
        status: sql`excluded.status`,
        current_value: sql`excluded.current_value`,
        current_period_end: sql`excluded.current_period_end`,
        current_period_label: sql`excluded.current_period_label`,
        expected_value: sql`excluded.expected_value`,
        progress: sql`excluded.progress`,
        expected_progress: sql`excluded.expected_progress`,
        rule: sql`excluded.rule`,
        explanation: sql`excluded.explanation`,
        explanation_en: sql`excluded.explanation_en`,
        inputs: sql`excluded.inputs`,
        computed_at: sql`excluded.computed_at`,
      }),
    )
    .execute();
  return rows.length;
}

import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

// "Why is this value / status here?": the lineage of one fact and the inputs of one status snapshot.

export interface FactKey {
  indicatorKey: string;
  areaCode: string;
  /** End date of the period, YYYY-MM-DD (unique per period type; the first match wins). */
  periodEnd: string;
  breakdown: string;
}

export async function loadFactLineage(db: Warehouse, key: FactKey) {
  const fact = await db
    .selectFrom('fact.indicator_values as f')
    .innerJoin('dim.indicators as i', 'i.id', 'f.indicator_id')
    .innerJoin('dim.areas as a', 'a.id', 'f.area_id')
    .innerJoin('dim.periods as p', 'p.id', 'f.period_id')
    .innerJoin('ops.sources as s', 's.id', 'f.source_id')
    .innerJoin('ops.runs as r', 'r.id', 'f.run_id')
    .select([
      'f.indicator_id',
      'f.area_id',
      'f.period_id',
      'f.breakdown',
      'f.value',
      'f.value_note',
      'f.origin',
      'f.loaded_at',
      'i.key as indicator_key',
      'i.title as indicator_title',
      'i.unit',
      'i.decimals',
      'a.code as area_code',
      'a.name as area_name',
      'p.label as period_label',
      'p.end_date as period_end',
      's.id as source_id',
      's.title as source_title',
      's.kind as source_kind',
      'r.id as run_id',
      'r.trigger as run_trigger',
      'r.status as run_status',
      'r.origin as run_origin',
      'r.started_at as run_started_at',
      'r.finished_at as run_finished_at',
      'r.rows_read',
      'r.inserted',
      'r.updated',
      'r.unchanged',
      'r.rejected',
    ])
    .where('i.key', '=', key.indicatorKey)
    .where('a.code', '=', key.areaCode)
    .where('p.end_date', '=', key.periodEnd)
    .where('f.breakdown', '=', key.breakdown)
    .orderBy('p.start_date')
    .limit(1)
    .executeTakeFirst();
  if (!fact) return null;
  const history = await db
    .selectFrom('fact.indicator_value_history as h')
    .leftJoin('ops.runs as r', 'r.id', 'h.run_id')
    .select([
      'h.value',
      'h.value_note',
      'h.source_id',
      'h.run_id',
      'h.origin',
      'h.loaded_at',
      'h.replaced_at',
      'h.replaced_by_run_id',
      'r.trigger as run_trigger',
    ])
    .where('h.indicator_id', '=', fact.indicator_id)
    .where('h.area_id', '=', fact.area_id)
    .where('h.period_id', '=', fact.period_id)
    .where('h.breakdown', '=', fact.breakdown)
    .orderBy('h.replaced_at', 'desc')
    .execute();
  return { fact, history };
}

export type FactLineage = NonNullable<Awaited<ReturnType<typeof loadFactLineage>>>;

export async function loadStatusLineage(db: Warehouse, linkId: number, asOf: string) {
  return db
    .selectFrom('ops.status_snapshots as s')
    .innerJoin('plan.goal_indicators as gi', 'gi.id', 's.goal_indicator_id')
    .innerJoin('plan.goals as g', 'g.id', 'gi.goal_id')
    .innerJoin('dim.indicators as i', 'i.id', 'gi.indicator_id')
    .innerJoin('dim.areas as a', 'a.id', 'gi.area_id')
    .select([
      's.as_of',
      's.status',
      's.rule',
      's.inputs',
      's.explanation',
      's.explanation_en',
      's.current_value',
      's.current_period_label',
      's.expected_value',
      's.progress',
      's.expected_progress',
      's.computed_at',
      'gi.label',
      'gi.target_type',
      'gi.target_value',
      'gi.baseline_value',
      'gi.baseline_date',
      'gi.target_date',
      'i.key as indicator_key',
      'i.unit',
      'i.decimals',
      'a.code as area_code',
      'g.plan_id',
      'g.key as goal_key',
    ])
    .where('s.goal_indicator_id', '=', linkId)
    .where('s.as_of', '=', asOf)
    .executeTakeFirst();
}

/**
 * How fresh a plan's nyckeltal are at one follow-up date, from that date's status snapshots: how many
 * links there are, how many rest on a measured value, and the newest and oldest of those values' period
 * ends. The why-dialog says this about the plan at hand, not about the warehouse's latest period overall.
 */
export async function loadPlanFreshnessAt(db: Warehouse, planId: string, asOf: string) {
  const periodEnd = sql<string | null>`s.inputs #>> '{current,periodEnd}'`;
  const row = await db
    .selectFrom('ops.status_snapshots as s')
    .innerJoin('plan.goal_indicators as gi', 'gi.id', 's.goal_indicator_id')
    .innerJoin('plan.goals as g', 'g.id', 'gi.goal_id')
    .select([
      sql<number>`count(*)::int`.as('links'),
      sql<number>`count(${periodEnd})::int`.as('withValue'),
      sql<string | null>`max(${periodEnd})`.as('newest'),
      sql<string | null>`min(${periodEnd})`.as('oldest'),
    ])
    .where('g.plan_id', '=', planId)
    .where('s.as_of', '=', asOf)
    .executeTakeFirstOrThrow();
  return row;
}

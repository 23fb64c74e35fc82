import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

// Read queries behind the dashboard's goal page, overview changes and freshness line. Every query is
// keyed on an index: facts by their primary key prefix (indicator_id, area_id), snapshots by
// (goal_indicator_id, as_of), runs by (status, finished_at) from the 2026-11-30 migration.

/** Status of each of a plan's links at another as-of date (the previous follow-up), for "what changed". */
export async function loadLinkStatusesAt(db: Warehouse, planId: string, asOf: string) {
  return db
    .selectFrom('ops.status_snapshots as s')
    .innerJoin('plan.goal_indicators as gi', 'gi.id', 's.goal_indicator_id')
    .innerJoin('plan.goals as g', 'g.id', 'gi.goal_id')
    .select(['s.goal_indicator_id as link_id', 's.status'])
    .where('g.plan_id', '=', planId)
    .where('s.as_of', '=', asOf)
    .execute();
}

/** Milestones and peer group of the given links (not part of the overview rows). */
export async function loadLinkTargets(db: Warehouse, linkIds: readonly number[]) {
  if (linkIds.length === 0) return [];
  return (
    db
      .selectFrom('plan.goal_indicators as gi')
      // A set key resolves to the group of the link's own area in that set.
      .leftJoin('dim.peer_groups as pg', (join) =>
        join.on(
          sql<boolean>`pg.id = coalesce(dim.peer_group_for(gi.area_id, gi.peer_group_id), gi.peer_group_id)`,
        ),
      )
      .select([
        'gi.id as link_id',
        'gi.milestones',
        'gi.peer_group_id',
        'pg.title as peer_group_title',
        'gi.note',
        'gi.target_min',
        'gi.target_max',
      ])
      .where('gi.id', 'in', linkIds)
      .execute()
  );
}

export interface PeerBandRow {
  link_id: number;
  end_date: string;
  label: string;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
  n: number;
}

/** Per period: median, quartiles and range of the peer group's values for each link's indicator. */
export async function loadPeerBands(db: Warehouse, linkIds: readonly number[], asOf: string) {
  if (linkIds.length === 0) return [];
  const result = await sql<PeerBandRow>`
    select gi.id as link_id, per.end_date, min(per.label) as label,
      percentile_cont(0.5) within group (order by f.value)::float8 as median,
      percentile_cont(0.25) within group (order by f.value)::float8 as p25,
      percentile_cont(0.75) within group (order by f.value)::float8 as p75,
      min(f.value)::float8 as min, max(f.value)::float8 as max, count(*)::int as n
    from plan.goal_indicators gi
    join dim.peer_group_members m
      on m.group_id = coalesce(dim.peer_group_for(gi.area_id, gi.peer_group_id), gi.peer_group_id)
    join fact.indicator_values f
      on f.indicator_id = gi.indicator_id and f.area_id = m.area_id and f.breakdown = gi.breakdown
    join dim.periods per on per.id = f.period_id
    where gi.id = any(${linkIds}::int[]) and f.value is not null and per.end_date <= ${asOf}
    group by gi.id, per.end_date
    order by gi.id, per.end_date`.execute(db);
  return result.rows;
}

/** Every summary comment of the given goals, per follow-up date (the goal page shows them all). */
export async function loadGoalComments(db: Warehouse, goalIds: readonly number[]) {
  if (goalIds.length === 0) return [];
  return db
    .selectFrom('plan.goal_comments')
    .select(['goal_id', 'follow_up_date', 'text'])
    .where('goal_id', 'in', goalIds)
    .orderBy('follow_up_date')
    .execute();
}

export interface Freshness {
  lastSuccessAt: string | null;
  lastSourceId: string | null;
  /** When a run last inserted or changed a value (a run that found nothing new does not count). */
  lastChangeAt: string | null;
  /** End of the newest period with a measured value in the warehouse. */
  latestPeriodEnd: string | null;
}

export async function loadFreshness(db: Warehouse): Promise<Freshness> {
  const result = await sql<{
    last_success_at: Date | null;
    last_source_id: string | null;
    last_change_at: Date | null;
  }>`
    select
      (select finished_at from ops.runs where status = 'succeeded' order by finished_at desc nulls last limit 1) as last_success_at,
      (select source_id from ops.runs where status = 'succeeded' order by finished_at desc nulls last limit 1) as last_source_id,
      (select finished_at from ops.runs where status = 'succeeded' and (inserted + updated) > 0
        order by finished_at desc nulls last limit 1) as last_change_at`.execute(db);
  // The newest period that has any value: periods are few (one row per calendar period), so walk them
  // newest first and stop at the first with a fact.
  const latest = await sql<{ end_date: string }>`
    select p.end_date from dim.periods p
    where exists (select 1 from fact.indicator_values f where f.period_id = p.id and f.value is not null)
    order by p.end_date desc limit 1`.execute(db);
  const row = result.rows[0];
  return {
    lastSuccessAt: row?.last_success_at ? new Date(row.last_success_at).toISOString() : null,
    lastSourceId: row?.last_source_id ?? null,
    lastChangeAt: row?.last_change_at ? new Date(row.last_change_at).toISOString() : null,
    latestPeriodEnd: latest.rows[0]?.end_date ?? null,
  };
}

/**
 * A cheap fingerprint of everything the dashboard's answers are built from: the newest successful run
 * (facts), the newest status computation, and the newest plan change (applyPlan touches the plan row
 * whenever goals, activities or comments change; so does every plan edit from the dashboard, plan-edits.ts). Equal fingerprints mean equal answers, so the dashboard
 * can keep composed answers in memory and check this one indexed round trip per request.
 */
export async function loadDataVersion(db: Warehouse): Promise<string> {
  const result = await sql<{ runs: string | null; snapshots: string | null; plans: string | null }>`
    select
      (select max(id)::text from ops.runs where status = 'succeeded') as runs,
      (select max(computed_at)::text from ops.status_snapshots) as snapshots,
      (select max(updated_at)::text from plan.plans) as plans`.execute(db);
  const row = result.rows[0];
  return `${row?.runs}|${row?.snapshots}|${row?.plans}`;
}

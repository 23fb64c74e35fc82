import type { GoalStatus } from '@malkoll/goals/vocabulary';
import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

/** One row of mart.goal_status: the status of one goal↔indicator link at one as-of date. */
export interface GoalStatusRow {
  plan_id: string;
  goal_key: string;
  goal_title: string;
  indicator_key: string;
  area_code: string;
  as_of: string;
  baseline_value: number | null;
  target_type: string;
  target_value: number | null;
  current_value: number | null;
  status: GoalStatus;
  progress: number | null;
  expected_progress: number | null;
  explanation: string;
  /** Theil–Sen projection to the target date: a forecast, not data; null with fewer than 3 readings. */
  forecast_value: number | null;
  /** Day the forecast line meets the target; null when it does not or there is no target value. */
  forecast_reaches_target_on: string | null;
  /** Set when the snapshot of a follow-up date is decided and no longer recomputed. */
  frozen_at: Date | null;
}

/** The rows of mart.goal_status for one plan and as-of date, as the view has them (the public shape). */
export async function listGoalStatus(db: Warehouse, planId: string, asOf: string): Promise<GoalStatusRow[]> {
  const result = await sql<GoalStatusRow>`
    select * from mart.goal_status
    where plan_id = ${planId} and as_of = ${asOf}
    order by goal_key, indicator_key`.execute(db);
  return result.rows;
}

export interface StatusDateSummary {
  as_of: string;
  links: number;
  /** Links whose status is something other than "Inga nya data". */
  with_data: number;
}

/** The as-of dates a plan has stored status for, oldest first. */
export async function listStatusDates(db: Warehouse, planId: string): Promise<StatusDateSummary[]> {
  const result = await sql<StatusDateSummary>`
    select s.as_of, count(*)::int as links, (count(*) filter (where s.status <> 'no_data'))::int as with_data
    from ops.status_snapshots s
    join plan.goal_indicators gi on gi.id = s.goal_indicator_id
    join plan.goals g on g.id = gi.goal_id
    where g.plan_id = ${planId}
    group by s.as_of
    order by s.as_of`.execute(db);
  return result.rows;
}

/** One stored snapshot of one link, for the history of a status between follow-ups. */
export interface StatusHistoryPoint {
  as_of: string;
  /** Whether as_of is one of the plan's follow-up dates (else it is a "today" snapshot). */
  is_follow_up: boolean;
  status: GoalStatusRow['status'];
  current_value: number | null;
  current_period_label: string | null;
  expected_value: number | null;
  progress: number | null;
  expected_progress: number | null;
  explanation: string;
  forecast_value: number | null;
  forecast_reaches_target_on: string | null;
  forecast_text: string | null;
  frozen_at: Date | null;
  computed_at: Date;
}

export interface StatusHistory {
  link_id: number;
  goal_key: string;
  indicator_key: string;
  area_code: string;
  label: string;
  unit: string;
  decimals: number;
  /** Oldest first. */
  points: StatusHistoryPoint[];
}

/**
 * How each link's status moved between follow-ups: its snapshot at every follow-up date of the plan and,
 * with `includeLatest`, its latest snapshot on another day (the "today" snapshot), oldest first, in plan
 * order. The dashboard draws one row of status chips per link from this.
 */
export async function listStatusHistory(
  db: Warehouse,
  planId: string,
  options: { includeLatest?: boolean } = {},
): Promise<StatusHistory[]> {
  const result = await sql<StatusHistoryPoint & Omit<StatusHistory, 'points'>>`
    with snaps as (
      select s.*, s.as_of = any(p.follow_ups) as is_follow_up,
             row_number() over (
               partition by s.goal_indicator_id, s.as_of = any(p.follow_ups) order by s.as_of desc
             ) as recency
      from ops.status_snapshots s
      join plan.goal_indicators gi on gi.id = s.goal_indicator_id
      join plan.goals g on g.id = gi.goal_id
      join plan.plans p on p.id = g.plan_id
      where p.id = ${planId}
    )
    select gi.id as link_id, g.key as goal_key, i.key as indicator_key, a.code as area_code, gi.label, i.unit, i.decimals,
           s.as_of::text as as_of, s.is_follow_up, s.status, s.current_value, s.current_period_label,
           s.expected_value, s.progress, s.expected_progress, s.explanation, s.forecast_value,
           s.forecast_reaches_target_on::text as forecast_reaches_target_on, s.forecast_text, s.frozen_at,
           s.computed_at
    from snaps s
    join plan.goal_indicators gi on gi.id = s.goal_indicator_id
    join plan.goals g on g.id = gi.goal_id
    join dim.indicators i on i.id = gi.indicator_id
    join dim.areas a on a.id = gi.area_id
    where s.is_follow_up or (${options.includeLatest === true} and s.recency = 1)
    order by g.position, g.id, gi.position, gi.id, s.as_of`.execute(db);
  const byLink = new Map<number, StatusHistory>();
  for (const r of result.rows) {
    const { link_id, goal_key, indicator_key, area_code, label, unit, decimals, ...point } = r;
    let h = byLink.get(link_id);
    if (!h) {
      h = { link_id, goal_key, indicator_key, area_code, label, unit, decimals, points: [] };
      byLink.set(link_id, h);
    }
    h.points.push(point);
  }
  return [...byLink.values()];
}

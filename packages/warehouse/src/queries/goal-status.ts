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
  status: 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';
  progress: number | null;
  expected_progress: number | null;
  explanation: string;
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

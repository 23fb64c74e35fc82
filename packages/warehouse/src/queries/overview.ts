import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

/** The rows behind a plan overview at one as-of date; the dashboard assembles the tree. */
export async function loadPlanOverviewRows(db: Warehouse, planId: string, asOf: string) {
  const goals = await db
    .selectFrom('plan.goals')
    .select(['id', 'key', 'parent_id', 'kind', 'title', 'responsible', 'position'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  const goalIds = goals.map((g) => g.id);
  if (goalIds.length === 0) return { goals, links: [], series: [], activities: [], comments: [] };

  const links = await db
    .selectFrom('plan.goal_indicators as gi')
    .innerJoin('dim.indicators as i', 'i.id', 'gi.indicator_id')
    .innerJoin('dim.areas as a', 'a.id', 'gi.area_id')
    .leftJoin('ops.status_snapshots as s', (j) =>
      j.onRef('s.goal_indicator_id', '=', 'gi.id').on('s.as_of', '=', asOf),
    )
    .select([
      'gi.id',
      'gi.goal_id',
      'gi.position',
      'gi.label',
      'gi.kind',
      'gi.breakdown',
      'gi.baseline_value',
      'gi.baseline_date',
      'gi.baseline_text',
      'gi.target_type',
      'gi.target_value',
      'gi.target_min',
      'gi.target_max',
      'gi.target_date',
      'gi.target_text',
      'gi.milestones',
      'i.key as indicator_key',
      'i.unit',
      'i.decimals',
      'i.direction',
      'a.code as area_code',
      's.status',
      's.current_value',
      's.current_period_end',
      's.current_period_label',
      's.progress',
      's.expected_progress',
      's.explanation',
      's.explanation_en',
      // A forecast, never a measured value: show it apart (dashed line, "Prognos").
      's.forecast_value',
      's.forecast_reaches_target_on',
      's.forecast_text',
      // The pace needed against the pace observed (trajectory.ts), and the series break the trend starts after.
      sql<string | null>`s.inputs #>> '{trajectory,text}'`.as('trajectory_text'),
      sql<string | null>`s.inputs #>> '{trajectory,textEn}'`.as('trajectory_text_en'),
      sql<string | null>`s.inputs ->> 'seriesBreak'`.as('series_break'),
      's.frozen_at',
    ])
    .where('gi.goal_id', 'in', goalIds)
    .orderBy('gi.goal_id')
    .orderBy('gi.position')
    .execute();

  const series =
    links.length === 0
      ? []
      : await db
          .selectFrom('plan.goal_indicators as gi')
          .innerJoin('fact.indicator_values as f', (j) =>
            j
              .onRef('f.indicator_id', '=', 'gi.indicator_id')
              .onRef('f.area_id', '=', 'gi.area_id')
              .onRef('f.breakdown', '=', 'gi.breakdown'),
          )
          .innerJoin('dim.periods as p', 'p.id', 'f.period_id')
          .select(['gi.id as link_id', 'p.end_date', 'p.label', 'f.value', 'f.value_note'])
          .where(
            'gi.id',
            'in',
            links.map((l) => l.id),
          )
          .where('p.end_date', '<=', asOf)
          .orderBy('gi.id')
          .orderBy('p.end_date')
          .execute();

  const activities = await db
    .selectFrom('plan.activities')
    .select(['id', 'goal_id', 'title', 'desired_state', 'status', 'status_text', 'partners', 'comment'])
    .where('goal_id', 'in', goalIds)
    .orderBy('goal_id')
    .orderBy('position')
    .execute();

  const comments = await db
    .selectFrom('plan.goal_comments')
    .select(['goal_id', 'text'])
    .where('goal_id', 'in', goalIds)
    .where('follow_up_date', '=', asOf)
    .execute();

  return { goals, links, series, activities, comments };
}

export type PlanOverviewRows = Awaited<ReturnType<typeof loadPlanOverviewRows>>;

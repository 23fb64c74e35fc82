import type { PlanDefinition } from '@malkoll/goals/plan-definition';
import type { Transaction } from 'kysely';
import type { Warehouse } from '../client.ts';
import type { DB } from '../db.generated.ts';
import { upsertIndicators } from './indicators.ts';

type Goal = PlanDefinition['goals'][number];

export interface ApplyPlanResult {
  goals: number;
  links: number;
  activities: number;
  comments: number;
}

async function areaId(trx: Transaction<DB>, code: string): Promise<number> {
  const row = await trx.selectFrom('dim.areas').select('id').where('code', '=', code).executeTakeFirst();
  if (!row) throw new Error(`Unknown area code "${code}" (not in dim.areas)`);
  return row.id;
}

/**
 * Loads a plan definition in one transaction. Goals keep their ids across re-applies (matched by key),
 * so status snapshots stay attached; activities and comments are replaced by what the file says.
 */
export async function applyPlan(db: Warehouse, plan: PlanDefinition): Promise<ApplyPlanResult> {
  return db.transaction().execute(async (trx) => {
    await upsertIndicators(
      trx,
      plan.indicators.map((i) => ({
        key: i.key,
        title: i.title,
        unit: i.unit,
        direction: i.direction,
        decimals: i.decimals,
        description: i.description ?? null,
      })),
    );
    const indicatorIds = new Map(
      (await trx.selectFrom('dim.indicators').select(['id', 'key']).execute()).map((r) => [r.key, r.id]),
    );
    const planAreaId = await areaId(trx, plan.area);
    const planRow = {
      name: plan.name,
      organisation: plan.organisation,
      area_id: planAreaId,
      start_date: plan.start,
      end_date: plan.end,
      follow_ups: plan.follow_ups,
      demo_note: plan.demo_note ?? null,
      status_rule: JSON.stringify(plan.status_rule ?? {}),
      definition: JSON.stringify(plan),
      updated_at: new Date(),
    };
    await trx
      .insertInto('plan.plans')
      .values({ id: plan.id, ...planRow })
      .onConflict((oc) => oc.column('id').doUpdateSet(planRow))
      .execute();

    const result: ApplyPlanResult = { goals: 0, links: 0, activities: 0, comments: 0 };
    const keptGoalIds: number[] = [];
    const areaIds = new Map<string, number>([[plan.area, planAreaId]]);

    const visit = async (goal: Goal, parentId: number | null, position: number): Promise<void> => {
      const values = {
        parent_id: parentId,
        kind: goal.kind,
        title: goal.title,
        responsible: goal.responsible ?? null,
        position,
      };
      const { id: goalId } = await trx
        .insertInto('plan.goals')
        .values({ plan_id: plan.id, key: goal.key, ...values })
        .onConflict((oc) => oc.columns(['plan_id', 'key']).doUpdateSet(values))
        .returning('id')
        .executeTakeFirstOrThrow();
      keptGoalIds.push(goalId);
      result.goals++;

      const keptLinkIds: number[] = [];
      for (const [i, link] of (goal.indicators ?? []).entries()) {
        const code = link.area ?? plan.area;
        if (!areaIds.has(code)) areaIds.set(code, await areaId(trx, code));
        const indicatorId = indicatorIds.get(link.indicator);
        if (indicatorId === undefined) throw new Error(`Unknown indicator "${link.indicator}"`);
        const linkValues = {
          label: link.label,
          kind: link.kind,
          baseline_value: link.baseline.value ?? null,
          baseline_date: link.baseline.date,
          baseline_text: link.baseline.text ?? null,
          target_type: link.target.type,
          target_value: link.target.value ?? null,
          target_min: link.target.min ?? null,
          target_max: link.target.max ?? null,
          target_date: link.target.date,
          target_text: link.target.text ?? null,
          peer_group_id: link.target.peer_group ?? null,
          milestones: JSON.stringify(link.target.milestones ?? []),
          tolerance: link.tolerance ?? null,
          note: link.note ?? null,
          position: i,
        };
        const { id } = await trx
          .insertInto('plan.goal_indicators')
          .values({
            goal_id: goalId,
            indicator_id: indicatorId,
            area_id: areaIds.get(code) as number,
            breakdown: link.breakdown ?? 'T',
            ...linkValues,
          })
          .onConflict((oc) =>
            oc.columns(['goal_id', 'indicator_id', 'area_id', 'breakdown']).doUpdateSet(linkValues),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        keptLinkIds.push(id);
        result.links++;
      }
      let removeLinks = trx.deleteFrom('plan.goal_indicators').where('goal_id', '=', goalId);
      if (keptLinkIds.length > 0) removeLinks = removeLinks.where('id', 'not in', keptLinkIds);
      await removeLinks.execute();

      await trx.deleteFrom('plan.activities').where('goal_id', '=', goalId).execute();
      const activities = goal.activities ?? [];
      if (activities.length > 0) {
        await trx
          .insertInto('plan.activities')
          .values(
            activities.map((a, position) => ({
              goal_id: goalId,
              title: a.title,
              desired_state: a.desired_state ?? null,
              status: a.status,
              status_text: a.status_text ?? null,
              partners: a.partners ?? null,
              comment: a.comment ?? null,
              position,
            })),
          )
          .execute();
        result.activities += activities.length;
      }

      await trx.deleteFrom('plan.goal_comments').where('goal_id', '=', goalId).execute();
      const comments = goal.comments ?? [];
      if (comments.length > 0) {
        await trx
          .insertInto('plan.goal_comments')
          .values(comments.map((c) => ({ goal_id: goalId, follow_up_date: c.date, text: c.text })))
          .execute();
        result.comments += comments.length;
      }

      for (const [i, child] of (goal.children ?? []).entries()) await visit(child, goalId, i);
    };
    for (const [i, goal] of plan.goals.entries()) await visit(goal, null, i);

    // Goals the file no longer has (children cascade).
    await trx
      .deleteFrom('plan.goals')
      .where('plan_id', '=', plan.id)
      .where('id', 'not in', keptGoalIds)
      .execute();
    return result;
  });
}

export async function listPlans(db: Warehouse) {
  return db
    .selectFrom('plan.plans as p')
    .innerJoin('dim.areas as a', 'a.id', 'p.area_id')
    .select((eb) => [
      // End of the newest period any of the plan's indicators has a value for.
      eb
        .selectFrom('plan.goals as g')
        .innerJoin('plan.goal_indicators as gi', 'gi.goal_id', 'g.id')
        .innerJoin('fact.indicator_values as f', (j) =>
          j
            .onRef('f.indicator_id', '=', 'gi.indicator_id')
            .onRef('f.area_id', '=', 'gi.area_id')
            .onRef('f.breakdown', '=', 'gi.breakdown'),
        )
        .innerJoin('dim.periods as per', 'per.id', 'f.period_id')
        .whereRef('g.plan_id', '=', 'p.id')
        .where('f.value', 'is not', null)
        .select((e) => e.fn.max('per.end_date').as('d'))
        .as('latest_data'),
      'p.id',
      'p.name',
      'p.organisation',
      'a.code as area_code',
      'p.start_date',
      'p.end_date',
      'p.follow_ups',
      'p.demo_note',
      'p.status_rule',
    ])
    .orderBy('p.start_date', 'desc')
    .execute();
}

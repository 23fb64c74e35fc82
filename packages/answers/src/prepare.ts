import { todayInSweden } from '@malkoll/goals';
import {
  listPlans,
  type PreparedAnswer,
  pruneStaleAnswers,
  storePreparedAnswers,
  type Warehouse,
} from '@malkoll/warehouse';
import type { GoalView } from './api-types.ts';
import {
  buildPlanOverview,
  composeGoalPage,
  loadExplorer,
  loadGoalPageExtras,
  type PlanRow,
  toPlanSummary,
  trimOverview,
} from './compose.ts';
import { type AnswerRequest, answerKey, composeAtVersion } from './serve.ts';

export interface PrepareResult {
  /** The data version the answers were composed at. */
  version: number;
  answers: number;
  /** Answers of older versions removed (they could never be served again). */
  pruned: number;
  ms: number;
}

function allGoals(goals: readonly GoalView[]): GoalView[] {
  return goals.flatMap((g) => [g, ...allGoals(g.children)]);
}

/**
 * Composes the default views of every plan (overview cards, report, each goal's page at the plan's
 * default date, with and without an explicit asOf) and the explorer's default view of each linked
 * nyckeltal (the plan's own area), all in one snapshot, and stores them at that data version. Called
 * after every change to the data: a run and its recompute, a plan import or edit, a freeze. Any change
 * moves the version of every answer, so every plan is prepared again.
 */
export async function prepareAnswers(
  db: Warehouse,
  options: { today?: string } = {},
): Promise<PrepareResult> {
  const started = performance.now();
  const today = options.today ?? todayInSweden();
  const { version, value: answers } = await composeAtVersion(db, async (trx) => {
    const out: PreparedAnswer[] = [];
    for (const plan of await listPlans(trx)) out.push(...(await preparePlan(trx, plan, today)));
    return out;
  });
  await storePreparedAnswers(db, version, answers);
  const pruned = await pruneStaleAnswers(db, version);
  return { version, answers: answers.length, pruned, ms: performance.now() - started };
}

async function preparePlan(db: Warehouse, plan: PlanRow, today: string): Promise<PreparedAnswer[]> {
  const summary = toPlanSummary(plan, today);
  const asOf = summary.defaultAsOf;
  const overview = await buildPlanOverview(db, plan, summary, asOf);
  const goals = allGoals(overview.goals);
  // One load of targets, peer bands and comments for every goal page, not one per page.
  const extras = await loadGoalPageExtras(db, overview, overview.goals);
  const out: PreparedAnswer[] = [];
  // Under the explicit date (what the UI asks for) and without it (the plan's default today).
  const add = (request: AnswerRequest, body: unknown) => {
    const text = JSON.stringify(body);
    out.push({ kind: request.kind, key: answerKey(request, today), body: text });
    if (request.kind !== 'explorer') {
      out.push({ kind: request.kind, key: answerKey({ ...request, asOf: undefined }, today), body: text });
    }
  };
  add({ kind: 'overview', planId: plan.id, asOf }, trimOverview(overview, true));
  add({ kind: 'report', planId: plan.id, asOf }, trimOverview(overview, false));
  for (const goal of goals) {
    add({ kind: 'goal', planId: plan.id, asOf, goalKey: goal.key }, composeGoalPage(overview, goal, extras));
  }
  const indicators = [...new Set(overview.rows.links.map((l) => l.indicator_key))];
  for (const indicator of indicators) {
    const result = await loadExplorer(db, indicator, [plan.area_code]);
    if (result) add({ kind: 'explorer', indicator, areas: [plan.area_code] }, result);
  }
  return out;
}

import type { PlanDefinition } from '@malkoll/goals/plan-definition';
import {
  type ApplyPlanResult,
  applyPlan,
  type DerivedIndicatorInput,
  upsertDerivedIndicator,
  type Warehouse,
} from '@malkoll/warehouse';
import { refreshAnswers } from '../answers.ts';
import { type RecomputeResult, recomputeStatus } from '../status/recompute.ts';

export interface AppliedPlan {
  applied: ApplyPlanResult;
  status: RecomputeResult;
}

/**
 * A plan file into the warehouse, then its status and the dashboard's answers: what `plans apply`, `plans import --apply` and the demo
 * do. Derived indicators the file changed may be linked from other plans too, so their links are
 * recomputed as well.
 */
export async function applyPlanAndRecompute(db: Warehouse, plan: PlanDefinition): Promise<AppliedPlan> {
  const applied = await applyPlan(db, plan);
  const status = await recomputeStatus(db, { planId: plan.id });
  if (applied.derivedChanged.length > 0) await recomputeStatus(db, { indicatorIds: applied.derivedChanged });
  await refreshAnswers(db);
  return { applied, status };
}

/**
 * Defines (or redefines) one derived indicator, computes its values from what is loaded, and recomputes
 * the status of every goal linked to a derived indicator whose values changed.
 */
export async function defineDerivedIndicatorAndRecompute(
  db: Warehouse,
  definition: DerivedIndicatorInput,
): Promise<{ changed: number[]; status: RecomputeResult | null }> {
  const changed = await upsertDerivedIndicator(db, definition);
  const status = changed.length > 0 ? await recomputeStatus(db, { indicatorIds: changed }) : null;
  await refreshAnswers(db);
  return { changed, status };
}

import type { GoalStatus } from '@malkoll/goals/vocabulary';

// What the overview puts first: the order in which a kommundirektör wants to read statuses, worst first.
// Type-only imports, so the dashboard's client bundles this module as it is (@malkoll/answers/card-order).

/**
 * Worst first, as the overview sorts: off track, at risk, then no new data (something to chase) before
 * the goals that are fine. Not the status engine's rank (rollup.ts), which puts no_data below everything.
 */
export const ATTENTION_ORDER: readonly GoalStatus[] = [
  'off_track',
  'at_risk',
  'no_data',
  'on_track',
  'achieved',
];

const attentionRank = (status: GoalStatus): number => ATTENTION_ORDER.indexOf(status);

/** Negative when `a` needs attention before `b`. */
export function compareAttention(a: GoalStatus, b: GoalStatus): number {
  return attentionRank(a) - attentionRank(b);
}

/**
 * The item whose status needs attention most; ties go to the first in the list (plan order). Null for an
 * empty list. Used for a card's "worst nyckeltal": the one that decides how bad the card looks.
 */
export function worstByStatus<T extends { status: GoalStatus }>(items: readonly T[]): T | null {
  let worst: T | null = null;
  for (const item of items) {
    if (worst === null || compareAttention(item.status, worst.status) < 0) worst = item;
  }
  return worst;
}

/** Goals by their status, worst first; goals of equal status keep their order (plan order). */
export function sortByAttention<T extends { status: GoalStatus }>(goals: readonly T[]): T[] {
  // Array.prototype.sort is stable (ES2019), which keeps ties in plan order.
  return [...goals].sort((a, b) => compareAttention(a.status, b.status));
}

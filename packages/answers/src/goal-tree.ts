import { type GoalStatus, rollupStatus } from '@malkoll/goals';
import type { PlanOverviewRows } from '@malkoll/warehouse';
import type {
  ActivityStatus,
  GoalKind,
  GoalView,
  IndicatorLinkView,
  StatusChange,
  TargetType,
} from './api-types.ts';
import { worstByStatus } from './card-order.ts';

const STATUSES: GoalStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'];

function emptyCounts(): Record<GoalStatus, number> {
  return { achieved: 0, on_track: 0, at_risk: 0, off_track: 0, no_data: 0 };
}

// Map.groupBy arrives with Node 21; this is the same for Node 20.
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Builds the goal tree of the overview; a goal's status is the rollup of its indicators and children. */
export function buildGoalTree(
  rows: PlanOverviewRows,
  rollupRule: { kind: 'worst' | 'share_on_track'; shareThreshold?: number },
  /** Status of each link at the previous follow-up date; absent: no comparison (first follow-up). */
  previous?: ReadonlyMap<number, GoalStatus>,
): GoalView[] {
  const seriesByLink = groupBy(rows.series, (s) => s.link_id);
  const toView = (l: PlanOverviewRows['links'][number]): IndicatorLinkView => ({
    linkId: l.id,
    indicatorKey: l.indicator_key,
    label: l.label,
    unit: l.unit,
    decimals: l.decimals,
    direction: l.direction as 'higher' | 'lower',
    areaCode: l.area_code,
    breakdown: l.breakdown,
    kind: l.kind as 'level' | 'ytd_sum',
    baseline: { value: l.baseline_value, date: l.baseline_date, text: l.baseline_text },
    target: {
      type: l.target_type as TargetType,
      value: l.target_value,
      date: l.target_date,
      text: l.target_text,
    },
    current:
      l.current_value === null || l.current_period_end === null
        ? null
        : {
            value: l.current_value,
            periodEnd: l.current_period_end,
            periodLabel: l.current_period_label ?? '',
          },
    // A link without a snapshot has not been computed yet: nothing measured since the baseline.
    status: (l.status ?? 'no_data') as GoalStatus,
    explanation: l.explanation ?? 'Status har inte beräknats ännu.',
    explanationEn: l.explanation_en ?? 'Status has not been computed yet.',
    progress: l.progress,
    expectedProgress: l.expected_progress,
    series: (seriesByLink.get(l.id) ?? []).map((s) => ({
      periodEnd: s.end_date,
      periodLabel: s.label,
      value: s.value,
      note: s.value_note,
    })),
  });
  const linksByGoal = groupBy(rows.links, (l) => l.goal_id);
  const activitiesByGoal = groupBy(rows.activities, (a) => a.goal_id);
  const commentByGoal = new Map(rows.comments.map((c) => [c.goal_id, c.text]));
  const childrenOf = groupBy(rows.goals, (g) => g.parent_id);

  const build = (goal: (typeof rows.goals)[number]): GoalView => {
    const indicators = (linksByGoal.get(goal.id) ?? []).map(toView);
    const children = (childrenOf.get(goal.id) ?? []).map(build);
    const statusCounts = emptyCounts();
    for (const i of indicators) statusCounts[i.status]++;
    for (const c of children) for (const s of STATUSES) statusCounts[s] += c.statusCounts[s];
    const changes: StatusChange[] = [];
    if (previous) {
      for (const i of indicators) {
        const from = previous.get(i.linkId) ?? null;
        if (from !== i.status) changes.push({ linkId: i.linkId, label: i.label, from, to: i.status });
      }
    }
    for (const c of children) changes.push(...c.changes);
    const worst = worstByStatus([...indicators, ...children.flatMap(allIndicators)]);
    const status = rollupStatus(
      [...indicators.map((i) => i.status), ...children.map((c) => c.status)],
      rollupRule,
    );
    return {
      key: goal.key,
      kind: goal.kind as GoalKind,
      title: goal.title,
      status,
      statusCounts,
      indicators,
      activities: (activitiesByGoal.get(goal.id) ?? []).map((a) => ({
        id: a.id,
        title: a.title,
        desiredState: a.desired_state,
        status: a.status as ActivityStatus,
        statusText: a.status_text,
        partners: a.partners,
        comment: a.comment,
      })),
      comment: commentByGoal.get(goal.id) ?? null,
      children,
      responsible: goal.responsible,
      changes,
      worst: worst && {
        linkId: worst.linkId,
        indicatorKey: worst.indicatorKey,
        label: worst.label,
        unit: worst.unit,
        decimals: worst.decimals,
        status: worst.status,
        current: worst.current,
        target: worst.target,
        series: worst.series,
      },
    };
  };
  return (childrenOf.get(null) ?? []).map(build);
}

function allIndicators(goal: GoalView): IndicatorLinkView[] {
  return [...goal.indicators, ...goal.children.flatMap(allIndicators)];
}

/** The follow-up date before `asOf` in the plan's list, or null when asOf is the first (or before it). */
export function previousFollowUp(followUps: readonly string[], asOf: string): string | null {
  const earlier = followUps.filter((d) => d < asOf).sort();
  return earlier.at(-1) ?? null;
}

/** A goal anywhere in the tree by its key. */
export function findGoal(goals: readonly GoalView[], key: string): GoalView | null {
  for (const g of goals) {
    if (g.key === key) return g;
    const inner = findGoal(g.children, key);
    if (inner) return inner;
  }
  return null;
}

import { defaultAsOf, type GoalStatus, todayInSweden } from '@malkoll/goals';
import {
  type listPlans,
  loadExplorerSeries,
  loadFreshness,
  loadGoalComments,
  loadLinkStatusesAt,
  loadLinkTargets,
  loadPeerBands,
  loadPlanOverviewRows,
  type PlanOverviewRows,
  type Warehouse,
} from '@malkoll/warehouse';
import type {
  ExplorerResult,
  ExplorerSeries,
  GoalIndicatorDetail,
  GoalPage,
  GoalView,
  PlanOverview,
  PlanSummary,
} from './api-types.ts';
import { buildGoalTree, findGoal, previousFollowUp } from './goal-tree.ts';

// Composing the dashboard's page answers from the warehouse: the overview (cards), the report (the full
// overview with each nyckeltal's recent readings), the goal page and the explorer's series. Used live by
// the dashboard and ahead of time by prepareAnswers.

export type PlanRow = Awaited<ReturnType<typeof listPlans>>[number];

/** A 404 decided while composing an answer (the dashboard answers it in Swedish). */
export class AnswerNotFound extends Error {}

export function toPlanSummary(p: PlanRow, today = todayInSweden()): PlanSummary {
  return {
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    areaCode: p.area_code,
    start: p.start_date,
    end: p.end_date,
    followUps: p.follow_ups,
    defaultAsOf: defaultAsOf(p.follow_ups, today, p.latest_data),
    isDemo: p.demo_note !== null,
  };
}

function rollupRuleOf(plan: PlanRow) {
  const rule = (plan.status_rule ?? {}) as { rollup?: 'worst' | 'share_on_track'; share_threshold?: number };
  return {
    kind: rule.rollup ?? ('worst' as const),
    ...(rule.share_threshold === undefined ? {} : { shareThreshold: rule.share_threshold }),
  };
}

export type OverviewWithRows = PlanOverview & { rows: PlanOverviewRows };

/** The overview of one plan at one date, with what changed since the previous follow-up. */
export async function buildPlanOverview(
  db: Warehouse,
  plan: PlanRow,
  summary: PlanSummary,
  asOf: string,
): Promise<OverviewWithRows> {
  const previousAsOf = previousFollowUp(plan.follow_ups, asOf);
  const [rows, freshness, previousRows] = await Promise.all([
    loadPlanOverviewRows(db, plan.id, asOf),
    loadFreshness(db),
    previousAsOf ? loadLinkStatusesAt(db, plan.id, previousAsOf) : Promise.resolve(null),
  ]);
  const previous = previousRows
    ? new Map(previousRows.map((r) => [r.link_id, r.status as GoalStatus]))
    : undefined;
  return {
    plan: summary,
    asOf,
    freshness,
    previousAsOf,
    goals: buildGoalTree(rows, rollupRuleOf(plan), previous),
    rows,
  };
}

/**
 * The report draws each nyckeltal's recent trend beside its target: the last REPORT_POINTS readings
 * (two years of months, or many years of a yearly survey) are enough for a small printed chart and keep
 * the answer small; the goal page has the whole series.
 */
export const REPORT_POINTS = 24;

function withRecentSeries(goal: GoalView): GoalView {
  return {
    ...goal,
    indicators: goal.indicators.map((i) => ({ ...i, series: i.series.slice(-REPORT_POINTS) })),
    children: goal.children.map(withRecentSeries),
    worst: goal.worst && { ...goal.worst, series: [] },
  };
}

/** A kommunmål as its overview card shows it: no nyckeltal rows, activities or comment text. */
function toCard(goal: GoalView): GoalView {
  // The worst nyckeltal's trend for the card's sparkline: the last twelve periods.
  const worst = goal.worst && { ...goal.worst, series: goal.worst.series.slice(-12) };
  return {
    ...goal,
    indicators: [],
    activities: [],
    comment: null,
    worst,
    children: goal.children.map((child) => ({ ...toCard(child), worst: null, changes: [] })),
  };
}

/**
 * The overview shows cards (with their worst nyckeltal's sparkline) and the report, never a nyckeltal's whole series:
 * the report keeps only the recent readings it charts, the cards none, which keeps the answers a
 * fraction of the size. The goal page has them all. `cards` (?view=cards, the overview page) also leaves
 * out what only the report shows.
 */
export function trimOverview(overview: OverviewWithRows | PlanOverview, cards: boolean): PlanOverview {
  const body: PlanOverview = {
    plan: overview.plan,
    asOf: overview.asOf,
    freshness: overview.freshness,
    previousAsOf: overview.previousAsOf,
    goals: overview.goals,
  };
  if (cards) return { ...body, goals: body.goals.map(toCard) };
  return {
    ...body,
    goals: body.goals.map(withRecentSeries),
  };
}

function collectLinkIds(goal: GoalView): number[] {
  return [...goal.indicators.map((i) => i.linkId), ...goal.children.flatMap(collectLinkIds)];
}

function collectGoalKeys(goal: GoalView): string[] {
  return [goal.key, ...goal.children.flatMap(collectGoalKeys)];
}

/** What the goal pages of one overview read beyond it, loaded once for all of the given goals. */
export interface GoalPageExtras {
  targets: Awaited<ReturnType<typeof loadLinkTargets>>;
  bands: Awaited<ReturnType<typeof loadPeerBands>>;
  comments: Awaited<ReturnType<typeof loadGoalComments>>;
}

/** Targets, peer bands and comments of the given goals (and their sub-goals), three queries in all. */
export async function loadGoalPageExtras(
  db: Warehouse,
  overview: OverviewWithRows,
  goals: readonly GoalView[],
): Promise<GoalPageExtras> {
  const linkIds = [...new Set(goals.flatMap(collectLinkIds))];
  const keys = new Set(goals.flatMap(collectGoalKeys));
  const goalIds = overview.rows.goals.filter((g) => keys.has(g.key)).map((g) => g.id);
  const [targets, bands, comments] = await Promise.all([
    loadLinkTargets(db, linkIds),
    loadPeerBands(db, linkIds, overview.asOf),
    loadGoalComments(db, goalIds),
  ]);
  return { targets, bands, comments };
}

/** One goal's page from its plan's overview and the extras loaded for it (or for all goals at once). */
export function composeGoalPage(
  overview: OverviewWithRows,
  goal: GoalView,
  extras: GoalPageExtras,
): GoalPage {
  const linkIds = new Set(collectLinkIds(goal));
  const keys = new Set(collectGoalKeys(goal));
  const idToKey = new Map(overview.rows.goals.filter((g) => keys.has(g.key)).map((g) => [g.id, g.key]));
  return {
    plan: overview.plan,
    asOf: overview.asOf,
    freshness: overview.freshness,
    goal,
    details: toIndicatorDetails(
      overview.rows.links,
      extras.targets.filter((t) => linkIds.has(t.link_id)),
      extras.bands.filter((b) => linkIds.has(b.link_id)),
    ),
    comments: extras.comments
      .filter((cm) => idToKey.has(cm.goal_id))
      .map((cm) => ({ goalKey: idToKey.get(cm.goal_id) ?? '', date: cm.follow_up_date, text: cm.text })),
  };
}

/** The goal page of one goal (anywhere in the tree) at one date. */
export async function buildGoalPage(
  db: Warehouse,
  plan: PlanRow,
  summary: PlanSummary,
  asOf: string,
  goalKey: string,
): Promise<GoalPage> {
  const overview = await buildPlanOverview(db, plan, summary, asOf);
  const goal = findGoal(overview.goals, goalKey);
  if (!goal) throw new AnswerNotFound('Målet finns inte i planen.');
  return composeGoalPage(overview, goal, await loadGoalPageExtras(db, overview, [goal]));
}

/** Each link's targets, forecast and peer band, keyed by link id. */
function toIndicatorDetails(
  links: PlanOverviewRows['links'],
  targets: GoalPageExtras['targets'],
  bands: GoalPageExtras['bands'],
): Record<number, GoalIndicatorDetail> {
  const details: Record<number, GoalIndicatorDetail> = {};
  const linkRows = new Map(links.map((l) => [l.id, l]));
  for (const t of targets) {
    const link = linkRows.get(t.link_id);
    details[t.link_id] = {
      linkId: t.link_id,
      milestones: (t.milestones ?? []) as { date: string; value: number }[],
      peerGroup: t.peer_group_id
        ? { id: t.peer_group_id, title: t.peer_group_title ?? t.peer_group_id }
        : null,
      peerBand: [],
      note: t.note,
      // The engine's Theil–Sen line at the target date (none with fewer than three readings).
      forecast:
        link?.forecast_value != null && link.target_date
          ? [{ periodEnd: link.target_date, value: Number(link.forecast_value) }]
          : [],
      forecastText: link?.forecast_text ?? null,
      trajectoryText: link?.trajectory_text
        ? { sv: link.trajectory_text, en: link.trajectory_text_en ?? '' }
        : null,
      seriesBreak: link?.series_break ?? null,
    };
  }
  for (const b of bands) {
    details[b.link_id]?.peerBand.push({
      periodEnd: b.end_date,
      periodLabel: b.label,
      median: b.median,
      p25: b.p25,
      p75: b.p75,
      min: b.min,
      max: b.max,
      n: b.n,
    });
  }
  return details;
}

/** One indicator's series for the given areas (in that order), or null when the indicator is unknown. */
export async function loadExplorer(
  db: Warehouse,
  indicator: string,
  areas: readonly string[],
): Promise<ExplorerResult | null> {
  const { indicator: meta, rows } = await loadExplorerSeries(db, indicator, [...areas]);
  if (!meta) return null;
  const byKey = new Map<string, ExplorerSeries>();
  for (const r of rows) {
    const key = `${r.area_code}|${r.breakdown}`;
    let s = byKey.get(key);
    if (!s) {
      s = { areaCode: r.area_code, areaName: r.area_name, breakdown: r.breakdown, points: [] };
      byKey.set(key, s);
    }
    s.points.push({ periodEnd: r.end_date, periodLabel: r.label, value: r.value, note: r.value_note });
  }
  const order = new Map(areas.map((c, i) => [c, i]));
  const series = [...byKey.values()].sort(
    (a, b) =>
      (order.get(a.areaCode) ?? 0) - (order.get(b.areaCode) ?? 0) || a.breakdown.localeCompare(b.breakdown),
  );
  return { indicator: meta, series, breakdowns: [...new Set(series.map((s) => s.breakdown))].sort() };
}

// `malkoll status --plan <id>`: the stored goal status of one plan at one follow-up, as a Swedish table per
// kommunmål/nämndåtagande or as the rows of mart.goal_status (--json).
import {
  ACTIVITY_STATUS_LABELS,
  type ActivityStatus,
  defaultAsOf,
  formatDate,
  type GoalStatus,
  rollupStatus,
  STATUS_LABELS,
  todayInSweden,
} from '@malkoll/goals';
import { formatValue, MISSING_VALUE } from '@malkoll/goals/format';
import {
  type GoalStatusRow,
  listGoalStatus,
  listPlans,
  listStatusDates,
  loadPlanOverviewRows,
  type PlanOverviewRows,
  type Warehouse,
} from '@malkoll/warehouse';

export class StatusReportError extends Error {}

export interface StatusReport {
  asOf: string;
  defaulted: boolean;
  plan: Awaited<ReturnType<typeof listPlans>>[number];
  rows: GoalStatusRow[];
  overview: PlanOverviewRows;
}

/** Reads the stored status of a plan at `asOf` (default: as the dashboard opens it). */
export async function loadStatusReport(
  db: Warehouse,
  planId: string,
  asOfOption: string | undefined,
): Promise<StatusReport> {
  const plans = await listPlans(db);
  const plan = plans.find((p) => p.id === planId);
  if (!plan) {
    const known = plans.map((p) => p.id).join(', ');
    throw new StatusReportError(
      `Planen "${planId}" finns inte.${known ? ` Planer: ${known}.` : ' Inga planer är inlästa (pnpm malkoll plans apply …).'}`,
    );
  }
  if (asOfOption !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOfOption)) {
    throw new StatusReportError(`--as-of ska vara ett datum som ÅÅÅÅ-MM-DD, fick "${asOfOption}".`);
  }
  const asOf = asOfOption ?? defaultAsOf(plan.follow_ups, todayInSweden(), plan.latest_data);
  const dates = await listStatusDates(db, planId);
  if (!dates.some((d) => d.as_of === asOf)) {
    // Status is stored for each follow-up date and for the day of the latest recompute; another date
    // would need the engine's inputs rebuilt here, and a second copy of that mapping would drift.
    const stored = dates.map((d) => `  ${d.as_of}  (${d.with_data} av ${d.links} mått med data)`);
    throw new StatusReportError(
      [
        `Ingen status är sparad för ${planId} per ${asOf}.`,
        stored.length > 0
          ? `Sparade datum (uppföljningar och senaste omräkning):\n${stored.join('\n')}`
          : `Planen har ingen sparad status alls: kör pnpm malkoll status recompute --plan ${planId}`,
      ].join('\n'),
    );
  }
  const [rows, overview] = await Promise.all([
    listGoalStatus(db, planId, asOf),
    loadPlanOverviewRows(db, planId, asOf),
  ]);
  return { asOf, defaulted: asOfOption === undefined, plan, rows, overview };
}

/** The rows of mart.goal_status in plan order (goal tree, then link position). */
export function orderRowsAsPlan(report: StatusReport): GoalStatusRow[] {
  const { goals, links } = report.overview;
  const order = new Map<string, number>();
  let n = 0;
  const keyById = new Map(goals.map((g) => [g.id, g.key]));
  for (const goalId of treeOrder(goals)) {
    for (const l of links.filter((x) => x.goal_id === goalId)) {
      order.set(`${keyById.get(goalId)}|${l.indicator_key}|${l.area_code}`, n++);
    }
  }
  const at = (r: GoalStatusRow) =>
    order.get(`${r.goal_key}|${r.indicator_key}|${r.area_code}`) ?? Number.MAX_SAFE_INTEGER;
  return [...report.rows].sort((a, b) => at(a) - at(b));
}

function treeOrder(goals: PlanOverviewRows['goals']): number[] {
  const ids: number[] = [];
  const visit = (parentId: number | null) => {
    for (const g of goals.filter((x) => x.parent_id === parentId).sort((a, b) => a.position - b.position)) {
      ids.push(g.id);
      visit(g.id);
    }
  };
  visit(null);
  return ids;
}

const KIND_WORDS: Record<string, string> = {
  vision: 'Vision',
  municipal_goal: 'Kommunmål',
  committee_goal: 'Nämndåtagande',
};

type Link = PlanOverviewRows['links'][number];

function targetText(l: Link): string {
  const fmt = (v: number | null) => formatValue(v, { unit: l.unit, decimals: l.decimals });
  switch (l.target_type) {
    case 'at_least':
      return `minst ${fmt(l.target_value)}`;
    case 'at_most':
      return `högst ${fmt(l.target_value)}`;
    case 'range':
      return `${fmt(l.target_min)}–${fmt(l.target_max)}`;
    case 'increase':
      return 'ökning';
    case 'decrease':
      return 'minskning';
    case 'better_than_peers':
      return 'bättre än liknande kommuner';
    case 'same_level':
      return 'samma nivå överallt';
    default:
      return l.target_text ?? l.target_type;
  }
}

/** The forecast at the target date, marked as one ("≈"), never in the Utfall column. */
function forecastCell(l: Link): string {
  if (l.forecast_value === null) return MISSING_VALUE;
  return `≈ ${formatValue(l.forecast_value, { unit: l.unit, decimals: l.decimals })}`;
}

function share(value: number | null): string {
  return formatValue(value === null ? null : value * 100, { unit: '%', decimals: 0 });
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function table(header: string[], rows: string[][], indent: string): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `${indent}${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

/** The human report: per goal its rolled-up status, then its indicators with numbers and the explanation. */
export function formatStatusReport(report: StatusReport): string {
  const { plan, overview, asOf } = report;
  const rule = (plan.status_rule ?? {}) as { rollup?: 'worst' | 'share_on_track'; share_threshold?: number };
  const rollupRule = {
    kind: rule.rollup ?? 'worst',
    ...(rule.share_threshold !== undefined ? { shareThreshold: rule.share_threshold } : {}),
  };
  const statusOf = (l: Link): GoalStatus => (l.status ?? 'no_data') as GoalStatus;
  const goalStatus = new Map<number, GoalStatus>();
  const resolve = (goalId: number): GoalStatus => {
    const cached = goalStatus.get(goalId);
    if (cached) return cached;
    const own = overview.links.filter((l) => l.goal_id === goalId).map(statusOf);
    const children = overview.goals.filter((g) => g.parent_id === goalId).map((g) => resolve(g.id));
    const s = rollupStatus([...own, ...children], rollupRule);
    goalStatus.set(goalId, s);
    return s;
  };

  const out: string[] = [];
  out.push(`${plan.name} (${plan.id}) – ${plan.organisation}`);
  const isFollowUp = plan.follow_ups.includes(asOf);
  out.push(
    `Status per ${formatDate(asOf)}${isFollowUp ? ' (uppföljning)' : ''}` +
      (report.defaulted ? ' – senaste uppföljningen med data; välj datum med --as-of' : ''),
  );
  const counts = new Map<GoalStatus, number>();
  for (const l of overview.links) counts.set(statusOf(l), (counts.get(statusOf(l)) ?? 0) + 1);
  const order: GoalStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'];
  out.push(
    `${overview.links.length} mått: ${order.map((s) => `${STATUS_LABELS.sv[s]} ${counts.get(s) ?? 0}`).join(', ')}`,
  );

  const depthOf = (goalId: number): number => {
    const g = overview.goals.find((x) => x.id === goalId);
    return g?.parent_id ? depthOf(g.parent_id) + 1 : 0;
  };
  for (const goalId of treeOrder(overview.goals)) {
    const goal = overview.goals.find((g) => g.id === goalId);
    if (!goal) continue;
    const indent = '  '.repeat(depthOf(goalId));
    out.push('');
    out.push(`${indent}${KIND_WORDS[goal.kind] ?? goal.kind}: ${goal.title}`);
    out.push(`${indent}  Status: ${STATUS_LABELS.sv[resolve(goalId)]}`);
    const activities = overview.activities.filter((a) => a.goal_id === goalId);
    if (activities.length > 0) {
      const byStatus = new Map<string, number>();
      for (const a of activities) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
      const parts = (['done', 'in_progress', 'not_started'] as ActivityStatus[])
        .filter((s) => byStatus.has(s))
        .map((s) => `${byStatus.get(s)} ${ACTIVITY_STATUS_LABELS.sv[s].toLowerCase()}`);
      out.push(`${indent}  Aktiviteter: ${activities.length} (${parts.join(', ')})`);
    }
    const links = overview.links.filter((l) => l.goal_id === goalId);
    if (links.length === 0) continue;
    const fmt = (l: Link, v: number | null) => formatValue(v, { unit: l.unit, decimals: l.decimals });
    const rows = links.map((l) => [
      cut(l.label, 48),
      STATUS_LABELS.sv[statusOf(l)],
      l.baseline_value !== null ? fmt(l, l.baseline_value) : cut(l.baseline_text ?? MISSING_VALUE, 16),
      cut(targetText(l), 28),
      l.current_value !== null
        ? `${fmt(l, l.current_value)}${l.current_period_label ? ` (${l.current_period_label})` : ''}`
        : MISSING_VALUE,
      share(l.progress),
      share(l.expected_progress),
      forecastCell(l),
    ]);
    out.push('');
    const header = [
      'Mått',
      'Status',
      'Ingångsvärde',
      'Önskat läge',
      'Utfall',
      'Framsteg',
      'Förväntat',
      'Prognos',
    ];
    const lines = table(header, rows, `${indent}  `);
    out.push(...lines.slice(0, 2));
    for (const [i, l] of links.entries()) {
      out.push(lines[i + 2] ?? '');
      if (l.explanation) out.push(`${indent}    → ${l.explanation}`);
      if (l.forecast_text) out.push(`${indent}    ⤷ ${l.forecast_text}`);
    }
  }
  return out.join('\n');
}

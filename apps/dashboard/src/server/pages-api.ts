import { defaultAsOf, type GoalStatus, isIsoDate, todayInSweden } from '@malkoll/goals';
import {
  type FactLineage,
  listAreasForExplorer,
  listIndicatorsForExplorer,
  listPeerGroups,
  type listPlans,
  loadDataVersion,
  loadExplorerSeries,
  loadFactLineage,
  loadFreshness,
  loadGoalComments,
  loadLinkStatusesAt,
  loadLinkTargets,
  loadPeerBands,
  loadPlanOverviewRows,
  loadStatusLineage,
  type PlanOverviewRows,
  type Warehouse,
} from '@malkoll/warehouse';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type {
  GoalStatus as ApiGoalStatus,
  ExplorerMeta,
  ExplorerResult,
  ExplorerSeries,
  GoalIndicatorDetail,
  GoalPage,
  GoalView,
  PlanOverview,
  PlanSummary,
  StatusLineage,
  ValueLineage,
} from '../shared/api-types.ts';
import { AnswerCache } from './answer-cache.ts';
import { type CsvFormat, toCsv } from './csv.ts';
import { parseRowId } from './ids.ts';
import { buildGoalTree, findGoal, previousFollowUp } from './overview.ts';
import type { ViewerPaths } from './viewer-paths.ts';

// The dashboard's read API beyond the plan list: overview, goal page, explorer (JSON and CSV), and the
// "why is this here?" lineage. Handlers validate their input and answer errors in Swedish.

type PlanRow = Awaited<ReturnType<typeof listPlans>>[number];

/** A date that exists (2016-02-30 and 9999-99-99 do not), as YYYY-MM-DD. */
const isoDate = z.string().refine(isIsoDate);

export function resolveAsOf(plan: PlanRow, asOfParam: string | undefined): string | { error: string } {
  if (asOfParam !== undefined && !isoDate.safeParse(asOfParam).success) {
    return { error: 'asOf ska vara ett datum som ÅÅÅÅ-MM-DD.' };
  }
  return asOfParam ?? defaultAsOf(plan.follow_ups, todayInSweden(), plan.latest_data);
}

function rollupRuleOf(plan: PlanRow) {
  const rule = (plan.status_rule ?? {}) as { rollup?: 'worst' | 'share_on_track'; share_threshold?: number };
  return {
    kind: rule.rollup ?? ('worst' as const),
    ...(rule.share_threshold === undefined ? {} : { shareThreshold: rule.share_threshold }),
  };
}

/** The overview of one plan at one date, with what changed since the previous follow-up. */
export async function buildPlanOverview(
  db: Warehouse,
  plan: PlanRow,
  summary: PlanSummary,
  asOf: string,
): Promise<PlanOverview & { rows: PlanOverviewRows }> {
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

/** A 404 or 400 decided while composing an answer (never cached). */
class NotFound extends Error {}
class BadRequest extends Error {}

function withoutSeries(goal: GoalView): GoalView {
  return {
    ...goal,
    indicators: goal.indicators.map((i) => ({ ...i, series: [] })),
    children: goal.children.map(withoutSeries),
    sparkline: null,
  };
}

/** A kommunmål as its overview card shows it: no nyckeltal rows, activities or comment text. */
function toCard(goal: GoalView): GoalView {
  const sparkline = goal.sparkline ? { ...goal.sparkline, points: goal.sparkline.points.slice(-12) } : null;
  return {
    ...goal,
    indicators: [],
    activities: [],
    comment: null,
    sparkline,
    children: goal.children.map((child) => ({ ...toCard(child), sparkline: null, changes: [] })),
  };
}

function collectLinkIds(goal: GoalView): number[] {
  return [...goal.indicators.map((i) => i.linkId), ...goal.children.flatMap(collectLinkIds)];
}

function collectGoalKeys(goal: GoalView): string[] {
  return [goal.key, ...goal.children.flatMap(collectGoalKeys)];
}

const explorerQuery = z.object({
  indicator: z.string().min(1, 'Ange ett nyckeltal (indicator).'),
  areas: z
    .string()
    .min(1, 'Ange minst ett område (areas), t.ex. 0586.')
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ])
    .refine((a) => a.length > 0 && a.length <= 50, 'Ange mellan 1 och 50 områden.'),
});

async function loadExplorer(
  db: Warehouse,
  indicator: string,
  areas: string[],
): Promise<ExplorerResult | null> {
  const { indicator: meta, rows } = await loadExplorerSeries(db, indicator, areas);
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

const BREAKDOWN_WORDS: Record<CsvFormat, Record<string, string>> = {
  sv: { T: 'Totalt', K: 'Kvinnor', M: 'Män' },
  plain: { T: 'Total', K: 'Women', M: 'Men' },
};

export function explorerCsv(result: ExplorerResult, format: CsvFormat): string {
  const sv = format === 'sv';
  const header = sv
    ? [
        'Nyckeltal',
        'Områdeskod',
        'Område',
        'Kön/uppdelning',
        'Period',
        'Periodens slut',
        'Värde',
        'Enhet',
        'Anmärkning',
      ]
    : ['Indicator', 'Area code', 'Area', 'Breakdown', 'Period', 'Period end', 'Value', 'Unit', 'Note'];
  const rows = result.series.flatMap((s) =>
    s.points.map((p) => [
      result.indicator.title,
      s.areaCode,
      s.areaName,
      BREAKDOWN_WORDS[format][s.breakdown] ?? s.breakdown,
      p.periodLabel,
      p.periodEnd,
      p.value,
      result.indicator.unit,
      p.note,
    ]),
  );
  return toCsv(header, rows, format);
}

/** How the routes find a plan and describe it (app.ts's plan list). */
interface PlanLookup {
  find: (id: string) => Promise<PlanRow | undefined>;
  toSummary: (p: PlanRow) => PlanSummary;
}

/** Answers 200 with the composed body, or the 404/400 that composing it decided. */
type Answer = (c: Context, build: () => Promise<unknown>) => Promise<Response>;

export function registerPageRoutes(
  app: Hono,
  db: Warehouse,
  plans: PlanLookup,
  options: { cacheAnswers?: boolean; viewerPaths: ViewerPaths },
): { invalidate: () => void } {
  const cache = options.cacheAnswers === false ? null : new AnswerCache(() => loadDataVersion(db));
  const answer = createAnswer(cache);
  app.get('/api/freshness', async (c) => c.json(await loadFreshness(db)));
  registerPlanPageRoutes(app, db, plans, answer);
  registerExplorerRoutes(app, db, answer);
  registerLineageRoutes(app, db, options.viewerPaths);
  return { invalidate: () => cache?.invalidate() };
}

/** From the cache when the data version has not moved. */
function createAnswer(cache: AnswerCache | null): Answer {
  // The key carries today's date: an answer without asOf depends on it (defaultAsOf).
  return async (c, build) => {
    try {
      const key = `${todayInSweden()} ${c.req.url}`;
      const body = cache ? await cache.get(key, build) : JSON.stringify(await build());
      return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
    } catch (error) {
      if (error instanceof NotFound) return c.json({ error: error.message }, 404);
      if (error instanceof BadRequest) return c.json({ error: error.message }, 400);
      throw error;
    }
  };
}

// Inside answer(): a cached answer skips the plan lookup too.
async function findPlanAt(c: Context, plans: PlanLookup) {
  const plan = await plans.find(c.req.param('id') ?? '');
  if (!plan) throw new NotFound('Planen finns inte.');
  const asOf = resolveAsOf(plan, c.req.query('asOf'));
  if (typeof asOf !== 'string') throw new BadRequest(asOf.error);
  return { plan, asOf };
}

const badAsOf = (c: Context) => c.json({ error: 'asOf ska vara ett datum som ÅÅÅÅ-MM-DD.' }, 400);

function registerPlanPageRoutes(app: Hono, db: Warehouse, plans: PlanLookup, answer: Answer): void {
  app.get('/api/plans/:id/overview', async (c) => {
    if (!isoDate.optional().safeParse(c.req.query('asOf')).success) return badAsOf(c);
    return answer(c, async () => {
      const { plan, asOf } = await findPlanAt(c, plans);
      const { rows: _rows, ...body } = await buildPlanOverview(db, plan, plans.toSummary(plan), asOf);
      return trimOverview(body, c.req.query('view') === 'cards');
    });
  });

  app.get('/api/plans/:id/goals/:goalKey', async (c) => {
    if (!isoDate.optional().safeParse(c.req.query('asOf')).success) return badAsOf(c);
    return answer(c, async () => {
      const { plan, asOf } = await findPlanAt(c, plans);
      return buildGoalPage(db, plans, plan, asOf, c.req.param('goalKey'));
    });
  });
}

/**
 * The overview shows cards (with their sparkline) and the report tables, never a nyckeltal's whole
 * series: leaving the series out makes the answer a fraction of the size. The goal page has them.
 * `cards` (?view=cards, the overview page) also leaves out what only the report shows.
 */
function trimOverview(body: PlanOverview, cards: boolean): PlanOverview {
  if (cards) return { ...body, goals: body.goals.map(toCard) };
  return {
    ...body,
    goals: body.goals.map((g) => ({
      ...withoutSeries(g),
      // One sparkline per card, of the last twelve periods: the trend, not the history.
      sparkline: g.sparkline ? { ...g.sparkline, points: g.sparkline.points.slice(-12) } : null,
    })),
  };
}

async function buildGoalPage(
  db: Warehouse,
  plans: PlanLookup,
  plan: PlanRow,
  asOf: string,
  goalKey: string,
): Promise<GoalPage> {
  const overview = await buildPlanOverview(db, plan, plans.toSummary(plan), asOf);
  const goal = findGoal(overview.goals, goalKey);
  if (!goal) throw new NotFound('Målet finns inte i planen.');
  const linkIds = collectLinkIds(goal);
  const keys = new Set(collectGoalKeys(goal));
  const goalIds = overview.rows.goals.filter((g) => keys.has(g.key));
  const idToKey = new Map(goalIds.map((g) => [g.id, g.key]));
  const [targets, bands, comments] = await Promise.all([
    loadLinkTargets(db, linkIds),
    loadPeerBands(db, linkIds, asOf),
    loadGoalComments(
      db,
      goalIds.map((g) => g.id),
    ),
  ]);
  return {
    plan: overview.plan,
    asOf,
    freshness: overview.freshness,
    goal,
    details: toIndicatorDetails(overview.rows.links, targets, bands),
    comments: comments.map((cm) => ({
      goalKey: idToKey.get(cm.goal_id) ?? '',
      date: cm.follow_up_date,
      text: cm.text,
    })),
  };
}

/** Each link's targets, forecast and peer band, keyed by link id. */
function toIndicatorDetails(
  links: PlanOverviewRows['links'],
  targets: Awaited<ReturnType<typeof loadLinkTargets>>,
  bands: Awaited<ReturnType<typeof loadPeerBands>>,
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

function registerExplorerRoutes(app: Hono, db: Warehouse, answer: Answer): void {
  app.get('/api/explorer/meta', async (c) => {
    const [indicators, areas, peerGroups] = await Promise.all([
      listIndicatorsForExplorer(db),
      listAreasForExplorer(db),
      listPeerGroups(db),
    ]);
    const body: ExplorerMeta = { indicators, areas, peerGroups };
    return c.json(body);
  });
  app.get('/api/explorer', (c) => answerExplorer(c, db, answer, false));
  app.get('/api/explorer.csv', (c) => answerExplorer(c, db, answer, true));
}

/** The explorer's series as JSON (cached like the pages) or as a CSV download (composed each time). */
async function answerExplorer(c: Context, db: Warehouse, answer: Answer, csv: boolean): Promise<Response> {
  const parsed = explorerQuery.safeParse({
    indicator: c.req.query('indicator'),
    areas: c.req.query('areas'),
  });
  if (!parsed.success) {
    return c.json({ error: parsed.error.issues.map((i) => i.message).join(' ') }, 400);
  }
  const { indicator, areas } = parsed.data;
  const build = async () => {
    const result = await loadExplorer(db, indicator, areas);
    if (!result) throw new NotFound(`Nyckeltalet "${indicator}" finns inte.`);
    return result;
  };
  if (!csv) return answer(c, build);
  const result = await build().catch((error: unknown) => {
    if (error instanceof NotFound) return null;
    throw error;
  });
  if (!result) return c.json({ error: `Nyckeltalet "${indicator}" finns inte.` }, 404);
  const format: CsvFormat = c.req.query('format') === 'plain' ? 'plain' : 'sv';
  const file = `${result.indicator.key.replace(/[^a-zA-Z0-9._-]/g, '_')}.csv`;
  return c.body(explorerCsv(result, format), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${file}"`,
  });
}

const valueQuery = z.object({
  indicator: z.string().min(1),
  area: z.string().min(1),
  period: isoDate,
  breakdown: z.string().min(1).default('T'),
});

/** The "why is this here?" answers: a value's load history, a status's inputs and rule. */
function registerLineageRoutes(app: Hono, db: Warehouse, paths: ViewerPaths): void {
  app.get('/api/why/value', async (c) => {
    const q = valueQuery.safeParse({
      indicator: c.req.query('indicator'),
      area: c.req.query('area'),
      period: c.req.query('period'),
      breakdown: c.req.query('breakdown') ?? undefined,
    });
    if (!q.success) {
      return c.json(
        { error: 'Ange indicator, area, period (ÅÅÅÅ-MM-DD, periodens slut) och breakdown.' },
        400,
      );
    }
    const lineage = await loadFactLineage(db, {
      indicatorKey: q.data.indicator,
      areaCode: q.data.area,
      periodEnd: q.data.period,
      breakdown: q.data.breakdown,
    });
    if (!lineage) return c.json({ error: 'Värdet finns inte i lagret.' }, 404);
    return c.json(toValueLineage(lineage, paths));
  });

  app.get('/api/why/status', async (c) => {
    const link = parseRowId(c.req.query('link'));
    const asOf = c.req.query('asOf');
    if (link === null || !isoDate.safeParse(asOf).success) {
      return c.json({ error: 'Ange link (nyckeltalets id i planen) och asOf (ÅÅÅÅ-MM-DD).' }, 400);
    }
    const s = await loadStatusLineage(db, link, asOf as string);
    if (!s) return c.json({ error: 'Ingen status är beräknad för det datumet.' }, 404);
    return c.json(toStatusLineage(link, s));
  });
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toValueLineage({ fact: f, history }: FactLineage, paths: ViewerPaths): ValueLineage {
  return {
    indicatorKey: f.indicator_key,
    indicatorTitle: f.indicator_title,
    unit: f.unit,
    decimals: f.decimals,
    areaCode: f.area_code,
    areaName: f.area_name,
    periodLabel: f.period_label,
    periodEnd: f.period_end,
    breakdown: f.breakdown,
    value: f.value,
    note: f.value_note,
    origin: paths.file(f.origin),
    loadedAt: new Date(f.loaded_at).toISOString(),
    source: { id: f.source_id, title: f.source_title, kind: f.source_kind },
    run: {
      id: f.run_id,
      trigger: f.run_trigger,
      status: f.run_status,
      origin: paths.file(f.run_origin),
      startedAt: iso(f.run_started_at),
      finishedAt: iso(f.run_finished_at),
      rowsRead: f.rows_read,
      inserted: f.inserted,
      updated: f.updated,
      unchanged: f.unchanged,
      rejected: f.rejected,
    },
    history: history.map((h) => ({
      value: h.value,
      note: h.value_note,
      runId: h.run_id,
      origin: paths.file(h.origin),
      loadedAt: new Date(h.loaded_at).toISOString(),
      replacedAt: new Date(h.replaced_at).toISOString(),
      replacedByRunId: h.replaced_by_run_id,
    })),
  };
}

function toStatusLineage(
  linkId: number,
  s: NonNullable<Awaited<ReturnType<typeof loadStatusLineage>>>,
): StatusLineage {
  return {
    linkId,
    asOf: s.as_of,
    label: s.label,
    status: s.status as ApiGoalStatus,
    rule: s.rule,
    inputs: s.inputs,
    explanation: s.explanation,
    explanationEn: s.explanation_en,
    currentValue: s.current_value,
    currentPeriodLabel: s.current_period_label,
    expectedValue: s.expected_value,
    progress: s.progress,
    expectedProgress: s.expected_progress,
    computedAt: new Date(s.computed_at).toISOString(),
    unit: s.unit,
    decimals: s.decimals,
  };
}

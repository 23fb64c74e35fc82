import {
  AnswerNotFound,
  type AnswerRequest,
  composeAnswer,
  loadExplorer,
  type PlanRow,
  serveAnswer,
} from '@malkoll/answers';
import { defaultAsOf, isIsoDate, todayInSweden } from '@malkoll/goals';
import { describeStatusReasons } from '@malkoll/goals/status-reasons';
import {
  type FactLineage,
  listAreasForExplorer,
  listIndicatorsForExplorer,
  listPeerGroups,
  loadAnswerVersion,
  loadFactLineage,
  loadFreshness,
  loadPlanFreshnessAt,
  loadStatusLineage,
  type Warehouse,
} from '@malkoll/warehouse';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type {
  GoalStatus as ApiGoalStatus,
  ExplorerMeta,
  ExplorerResult,
  StatusLineage,
  ValueLineage,
} from '../shared/api-types.ts';
import { AnswerCache } from './answer-cache.ts';
import { type CsvFormat, toCsv } from './csv.ts';
import { hasControlCharacter, parseRowId } from './ids.ts';
import type { ViewerPaths } from './viewer-paths.ts';

// The dashboard's read API beyond the plan list: overview, goal page, explorer (JSON and CSV), and the
// "why is this here?" lineage. Handlers validate their input and answer errors in Swedish. The page
// answers are composed by @malkoll/answers and served prepared (mart.answers) when they were composed
// at the current data version; the in-memory cache only saves the round trip.

/** A date that exists (2016-02-30 and 9999-99-99 do not), as YYYY-MM-DD. */
const isoDate = z.string().refine(isIsoDate);

export function resolveAsOf(plan: PlanRow, asOfParam: string | undefined): string | { error: string } {
  if (asOfParam !== undefined && !isoDate.safeParse(asOfParam).success) {
    return { error: 'asOf ska vara ett datum som ÅÅÅÅ-MM-DD.' };
  }
  return asOfParam ?? defaultAsOf(plan.follow_ups, todayInSweden(), plan.latest_data);
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

/** Where page answers come from: prepared (mart.answers, default) or composed on every request. */
export type AnswerSource = 'prepared' | 'live';

/** Answers 200 with the answer's JSON, or the 404 that composing it decided. */
type Answer = (c: Context, request: AnswerRequest) => Promise<Response>;

export function registerPageRoutes(
  app: Hono,
  db: Warehouse,
  options: { cacheAnswers?: boolean; answerSource?: AnswerSource; viewerPaths: ViewerPaths },
): { invalidate: () => void } {
  const cache =
    options.cacheAnswers === false ? null : new AnswerCache(() => loadAnswerVersion(db).then(String));
  const answer = createAnswer(db, cache, options.answerSource ?? 'prepared');
  // The header's freshness line. With a plan and a follow-up date its period is that plan's newest measured
  // value at that date (the warehouse may hold 2025 data while a 2016 plan is shown); without, the newest
  // value anywhere. A plan or date that does not parse falls back to the warehouse-wide line.
  app.get('/api/freshness', async (c) => {
    const freshness = await loadFreshness(db);
    const planId = c.req.query('plan');
    const asOf = c.req.query('asOf');
    if (!planId || !asOf || !isIsoDate(asOf) || hasControlCharacter(planId)) return c.json(freshness);
    const plan = await loadPlanFreshnessAt(db, planId, asOf);
    return c.json({ ...freshness, latestPeriodEnd: plan.newest, planScoped: true });
  });
  registerPlanPageRoutes(app, answer);
  registerExplorerRoutes(app, db, answer);
  registerLineageRoutes(app, db, options.viewerPaths);
  return { invalidate: () => cache?.invalidate() };
}

/** From memory when the data version has not moved, else prepared, else composed now. */
function createAnswer(db: Warehouse, cache: AnswerCache | null, source: AnswerSource): Answer {
  // Without the memory cache, simultaneous requests for one answer still share one read (or, before it
  // is prepared, one composition); the cache does the same for its entries.
  const inflight = new Map<string, Promise<string>>();
  const shared = (key: string, build: () => Promise<string>) => {
    let pending = inflight.get(key);
    if (pending === undefined) {
      pending = build().finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    return pending;
  };
  return async (c, request) => {
    const today = todayInSweden();
    const build = () =>
      source === 'prepared'
        ? serveAnswer(db, request, { today })
        : composeAnswer(db, request, today).then((a) => JSON.stringify(a));
    try {
      // The key carries today's date: an answer without asOf depends on it (defaultAsOf).
      const key = `${today} ${c.req.url}`;
      const body = cache
        ? await cache.get(key, build)
        : source === 'prepared'
          ? await shared(key, build)
          : await build();
      return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
    } catch (error) {
      if (error instanceof AnswerNotFound) return c.json({ error: error.message }, 404);
      throw error;
    }
  };
}

const badAsOf = (c: Context) => c.json({ error: 'asOf ska vara ett datum som ÅÅÅÅ-MM-DD.' }, 400);

function registerPlanPageRoutes(app: Hono, answer: Answer): void {
  app.get('/api/plans/:id/overview', async (c) => {
    const asOf = c.req.query('asOf');
    if (!isoDate.optional().safeParse(asOf).success) return badAsOf(c);
    const kind = c.req.query('view') === 'cards' ? 'overview' : 'report';
    return answer(c, { kind, planId: c.req.param('id'), asOf });
  });

  app.get('/api/plans/:id/goals/:goalKey', async (c) => {
    const asOf = c.req.query('asOf');
    if (!isoDate.optional().safeParse(asOf).success) return badAsOf(c);
    return answer(c, { kind: 'goal', planId: c.req.param('id'), asOf, goalKey: c.req.param('goalKey') });
  });
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
  if (!csv) return answer(c, { kind: 'explorer', indicator, areas });
  const result = await loadExplorer(db, indicator, areas);
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
    const freshness = await loadPlanFreshnessAt(db, s.plan_id, asOf as string);
    return c.json(toStatusLineage(link, s, freshness));
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
  planFreshness: StatusLineage['planFreshness'],
): StatusLineage {
  const facts = {
    asOf: s.as_of,
    status: s.status as ApiGoalStatus,
    rule: s.rule,
    inputs: s.inputs,
    currentValue: s.current_value,
    expectedValue: s.expected_value,
    unit: s.unit,
    decimals: s.decimals,
  };
  const current = (s.inputs as { current?: { periodEnd?: string } | null } | null)?.current;
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
    currentPeriodEnd: current?.periodEnd ?? null,
    reasons: { sv: describeStatusReasons(facts, 'sv'), en: describeStatusReasons(facts, 'en') },
    planFreshness,
  };
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { latestSuccessfulRun, listPlans, loadPlanOverviewRows, type Warehouse } from '@malkoll/warehouse';
import { Hono } from 'hono';
import { z } from 'zod';
import type { PlanOverview, PlanSummary } from '../shared/api-types.ts';
import { buildGoalTree } from './overview.ts';

export interface AppOptions {
  db: Warehouse;
  /** The built React app (vite build output); the API works without it. */
  clientDir: string;
  /** Readiness probe of the services the dashboard depends on. */
  checkReady?: () => Promise<Record<string, boolean>>;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

type PlanRow = Awaited<ReturnType<typeof listPlans>>[number];

const today = () => new Date().toISOString().slice(0, 10);

function toSummary(p: PlanRow): PlanSummary {
  return {
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    areaCode: p.area_code,
    start: p.start_date,
    end: p.end_date,
    followUps: p.follow_ups,
    defaultAsOf: defaultAsOf(p.follow_ups, today(), p.latest_data),
    isDemo: p.demo_note !== null,
  };
}

/**
 * The follow-up date to open when none is asked for: the latest one that has passed, unless no data
 * arrived after an earlier one: then the follow-up that covers the newest data, so leadership lands on
 * the latest follow-up with results rather than on an empty one (a finished plan opens where its data ends).
 */
export function defaultAsOf(followUps: readonly string[], today: string, latestData: string | null): string {
  const passed = followUps.filter((d) => d <= today);
  const lastPassed = passed.at(-1);
  if (!lastPassed) return followUps[0] ?? today;
  const covering = latestData === null ? undefined : followUps.find((d) => d >= latestData);
  return covering !== undefined && covering < lastPassed ? covering : lastPassed;
}

export function createApp(options: AppOptions): Hono {
  const { db } = options;
  const app = new Hono();

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/health/ready', async (c) => {
    const checks = (await options.checkReady?.()) ?? {};
    const ok = Object.values(checks).every(Boolean);
    return c.json({ status: ok ? 'ready' : 'not_ready', checks }, ok ? 200 : 503);
  });

  app.get('/api/plans', async (c) => c.json((await listPlans(db)).map(toSummary)));

  app.get('/api/plans/:id/overview', async (c) => {
    const plans = await listPlans(db);
    const plan = plans.find((p) => p.id === c.req.param('id'));
    if (!plan) return c.json({ error: 'Planen finns inte.' }, 404);
    const asOfParam = c.req.query('asOf');
    if (asOfParam !== undefined && !isoDate.safeParse(asOfParam).success) {
      return c.json({ error: 'asOf ska vara ett datum som ÅÅÅÅ-MM-DD.' }, 400);
    }
    const asOf = asOfParam ?? defaultAsOf(plan.follow_ups, today(), plan.latest_data);
    const [rows, latest] = await Promise.all([
      loadPlanOverviewRows(db, plan.id, asOf),
      latestSuccessfulRun(db),
    ]);
    const rule = (plan.status_rule ?? {}) as {
      rollup?: 'worst' | 'share_on_track';
      share_threshold?: number;
    };
    const body: PlanOverview = {
      plan: toSummary(plan),
      asOf,
      freshness: {
        lastSuccessAt: latest?.finished_at ? new Date(latest.finished_at).toISOString() : null,
        lastSourceId: latest?.source_id ?? null,
      },
      goals: buildGoalTree(rows, {
        kind: rule.rollup ?? 'worst',
        ...(rule.share_threshold === undefined ? {} : { shareThreshold: rule.share_threshold }),
      }),
    };
    return c.json(body);
  });

  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? c.json({ error: 'Finns inte.' }, 404) : c.text('Finns inte.', 404),
  );

  if (existsSync(options.clientDir)) {
    const root = path.relative(process.cwd(), options.clientDir);
    app.use('/assets/*', serveStatic({ root }));
    // Single-page app: every other GET serves index.html and the client routes.
    const index = path.join(options.clientDir, 'index.html');
    app.get('*', async (c) => c.html(await readFile(index, 'utf8')));
  } else {
    app.get('/', (c) =>
      c.text('Gränssnittet är inte byggt: kör `pnpm --filter @malkoll/dashboard build:client`.', 503),
    );
  }
  return app;
}

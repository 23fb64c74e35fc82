import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { toPlanSummary } from '@malkoll/answers';
import type { Queues } from '@malkoll/jobs';
import { createAnswerPreparer } from '@malkoll/pipeline';
import type { Logger } from '@malkoll/runtime';
import { listPlans, type Warehouse } from '@malkoll/warehouse';
import { Hono } from 'hono';
import { registerAdminAccountRoutes } from './admin-accounts.ts';
import { type AuthOptions, registerAuth } from './auth.ts';
import { registerErrorHandler } from './errors.ts';
import { refuseControlCharacters } from './ids.ts';
import { type AnswerSource, registerPageRoutes } from './pages-api.ts';
import { registerPlanEditingRoutes } from './plan-editing.ts';
import { securityHeaders } from './security-headers.ts';
import { registerSourceRoutes } from './sources.ts';
import { registerStewardSourceRoutes } from './steward-sources.ts';
import { createViewerPaths } from './viewer-paths.ts';

export interface AppOptions {
  db: Warehouse;
  /** The built React app (vite build output); the API works without it. */
  clientDir: string;
  /** Readiness probe of the services the dashboard depends on. */
  checkReady?: () => Promise<Record<string, boolean>>;
  /**
   * The BullMQ queues to show in Bull Board at /admin/queues (left out: no board). Admins only when
   * auth is on; with DASHBOARD_AUTH=off anyone who reaches the dashboard can act on jobs there, hence
   * the 127.0.0.1 default for HOST.
   */
  queues?: Queues;
  /** The plan listed first, so the dashboard opens on it (DASHBOARD_DEFAULT_PLAN); else the newest. */
  defaultPlanId?: string | undefined;
  /** Keep answers in memory per data version (default on; the benchmark measures both). */
  cacheAnswers?: boolean;
  /** Serve page answers prepared (default) or compose each one live (the benchmark's baseline). */
  answerSource?: AnswerSource;
  /**
   * Prepares the answers again after a plan edit made here (createAnswerPreparer); left out: one is
   * made for this app. Pass one to start a preparation at start-up or to wait for it in a test.
   */
  answerPreparer?: { request: () => void };
  /** Sign-in and roles (DASHBOARD_AUTH); default off, as the demo runs. */
  auth?: AuthOptions;
  /** The inbox root (MALKOLL_INBOX) steward uploads go into; left out: uploads answer 503. */
  inboxRoot?: string;
  /** Largest steward upload in bytes (DASHBOARD_UPLOAD_MAX_MB; default 50 MB). */
  uploadMaxBytes?: number;
  /** Where failed requests are logged (redacted); left out: they are answered but not logged. */
  log?: Logger;
}

/** Where Bull Board lives: an operator's page, outside the SPA's routes and the /api namespace. */
export const ADMIN_QUEUES_PATH = '/admin/queues';

function mountBullBoard(app: Hono, queues: Queues): void {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: Object.values(queues).map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Målkoll – köer' } },
  });
  app.route(ADMIN_QUEUES_PATH, serverAdapter.registerPlugin());
}

export function createApp(options: AppOptions): Hono {
  const { db } = options;
  const app = new Hono();

  registerErrorHandler(app, options.log);
  // Middleware first: Hono runs handlers in registration order.
  app.use('*', securityHeaders());
  registerAuth(app, db, options.auth ?? { mode: 'off' });
  app.use('/api/*', refuseControlCharacters());

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/health/ready', async (c) => {
    const checks = (await options.checkReady?.()) ?? {};
    const ok = Object.values(checks).every(Boolean);
    return c.json({ status: ok ? 'ready' : 'not_ready', checks }, ok ? 200 : 503);
  });

  // Before the SPA's catch-all below, which would otherwise answer these paths with index.html.
  if (options.queues) mountBullBoard(app, options.queues);

  app.get('/api/plans', async (c) => {
    const plans = (await listPlans(db)).map((p) => toPlanSummary(p));
    const preferred = plans.findIndex((p) => p.id === options.defaultPlanId);
    if (preferred > 0) plans.unshift(...plans.splice(preferred, 1));
    return c.json(plans);
  });

  // Run errors and lineage name files relative to the inbox root, never the server's folders.
  const viewerPaths = createViewerPaths(options.inboxRoot);
  registerSourceRoutes(app, db, viewerPaths);
  registerStewardSourceRoutes(app, { ...options, db, viewerPaths });
  const pages = registerPageRoutes(app, db, {
    viewerPaths,
    ...(options.cacheAnswers === undefined ? {} : { cacheAnswers: options.cacheAnswers }),
    ...(options.answerSource === undefined ? {} : { answerSource: options.answerSource }),
  });
  const preparer = options.answerPreparer ?? createAnswerPreparer(db, options.log);
  registerAdminAccountRoutes(app, db);
  registerPlanEditingRoutes(app, db, {
    onChange: () => {
      pages.invalidate();
      preparer.request();
    },
    authMode: options.auth?.mode ?? 'off',
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

import { mkdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { closeQueues, createQueues, createRedis } from '@malkoll/jobs';
import { loadConfig, resolveRedis } from '@malkoll/runtime';
import { isolatedEnv, runCli, spawnWorker, stopWorker, type WorkerProcess } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CHROMIUM_ARGS, watchCspViolations } from './browser.ts';

// The dashboard as leadership sees it, for browser tests: the demo plan loaded and refreshed through the
// real CLI (which ingests every source through Redis and the real worker process, which recomputes
// status), the real HTTP server over Postgres, and Debian's Chromium. A failing page leaves a full-page
// screenshot in .data/test-failures/.

export const PLAN = 'mjolby-ks-2016';
/** The seed's follow-up; without asOf the dashboard opens on 31 December, when the 2016 survey came. */
export const AS_OF = '2016-04-30';
export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 768 };

const seedFile = fileURLToPath(new URL('../../../packages/demo/plans/mjolby-ks-2016.yaml', import.meta.url));
const failures = fileURLToPath(new URL('../../../.data/test-failures/', import.meta.url));

/** Text as a person reads it: the narrow and no-break spaces of Swedish numbers as plain spaces. */
export const normalise = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

export interface DemoSite {
  t: TestDatabase;
  env: NodeJS.ProcessEnv;
  baseUrl: string;
  browser: Browser;
  /** Runs `body` on a fresh page; asserts no CSP violation; on failure saves a screenshot named `name`. */
  onPage(
    name: string,
    viewport: { width: number; height: number },
    body: (page: Page) => Promise<void>,
  ): Promise<void>;
  stop(): Promise<void>;
}

/** The kommunmål titles of the demo plan, read from the plan file itself (the seed's report, transcribed). */
export async function municipalGoalTitles(): Promise<string[]> {
  const { parse } = await import('yaml');
  const plan = parse(await readFile(seedFile, 'utf8')) as { goals: { kind: string; title: string }[] };
  return plan.goals.filter((g) => g.kind === 'municipal_goal').map((g) => g.title);
}

/** Starts the demo site (call in `beforeAll` with a timeout of about 240 s); `stop()` in `afterAll`. */
export async function startDemoSite(): Promise<DemoSite> {
  const t = await createTestDatabase({ migrate: false });
  const env = await isolatedEnv(t.url);
  let worker: WorkerProcess | undefined;
  let server: ServerType | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    if (worker) await stopWorker(worker);
    await browser?.close();
    if (server) await new Promise((r) => server?.close(r));
    await t.drop();
    await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
  };
  try {
    const demo = await runCli(['demo'], env);
    expect(demo.code, demo.stderr).toBe(0);
    // Every source runs through Redis and the worker, as a scheduled run would; scheduler off: the demo
    // sources' schedules must not start runs in the middle of a test.
    worker = await spawnWorker({ ...env, MALKOLL_SCHEDULER: 'off' }, 60_000);
    const sources = await t.db.selectFrom('ops.sources').select('id').execute();
    for (const { id } of sources) {
      const run = await runCli(['sources', 'run', id, '--wait', '--json'], env);
      expect(run.code, run.stderr).toBe(0);
    }
    const viaQueue = await t.pool.query(
      `select count(*)::int as n from ops.runs where job_id is not null and status = 'succeeded'`,
    );
    expect(viaQueue.rows[0].n).toBe(sources.length);
    await waitForRecompute(env);
    const app = createApp({
      db: t.db,
      clientDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
      defaultPlanId: PLAN,
    });
    const listening = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    server = listening;
    await new Promise((r) => listening.once('listening', r));
    const baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    const started = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    browser = started;
    const onPage: DemoSite['onPage'] = async (name, viewport, body) => {
      const context = await started.newContext({ viewport, acceptDownloads: true });
      const page = await context.newPage();
      const cspViolations = await watchCspViolations(page);
      try {
        await body(page);
        expect(cspViolations).toEqual([]);
      } catch (error) {
        await mkdir(failures, { recursive: true });
        await page.screenshot({ path: path.join(failures, `${name}.png`), fullPage: true }).catch(() => {});
        throw error;
      } finally {
        await context.close();
      }
    };
    return { t, env, baseUrl, browser: started, onPage, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

/** Each run queued a goals.recompute for the worker: waits until that queue is drained. */
async function waitForRecompute(env: NodeJS.ProcessEnv): Promise<void> {
  const redis = await resolveRedis(loadConfig());
  const connection = createRedis(redis.url, 'producer');
  const queues = createQueues(connection, env.MALKOLL_QUEUE_PREFIX as string);
  try {
    for (let i = 0; i < 300; i++) {
      const counts = await queues.goals.getJobCounts('waiting', 'active', 'delayed', 'completed');
      const open = (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0);
      if (open === 0 && (counts.completed ?? 0) > 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await closeQueues(queues);
    connection.disconnect();
  }
}

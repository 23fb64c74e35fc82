import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { closeQueues, createQueues, createRedis, enqueue, jobs, openQueueEvents } from '@malkoll/jobs';
import type { RunSummary } from '@malkoll/pipeline';
import { workerNodeFlags } from '@malkoll/runtime';
import {
  repoRoot,
  spawnWorker,
  stopWorker,
  testQueuePrefix,
  testRedisUrl,
  type WorkerProcess,
  waitUntil,
} from '@malkoll/testing';
import { upsertIndicators } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

// docs/operations.md as a test: the built apps (`pnpm build`) run as separate plain-`node` services, as a
// deployment runs them. The built CLI migrates once and applies a source definition; the built worker and
// dashboard start as their own processes against the real Postgres (this file's database) and Redis (this
// file's queue prefix); one refresh goes through the queue; the dashboard answers with the loaded value;
// SIGTERM stops both cleanly.

const run = promisify(execFile);
const redisUrl = testRedisUrl();
const prefix = testQueuePrefix('services');

let t: TestDatabase;
let inbox: string;
let env: NodeJS.ProcessEnv;
let worker: WorkerProcess | undefined;
let dashboard: ChildProcess | undefined;

const sourceYaml = `id: e2e-folkmangd
title: Folkmängd (test)
owner: { name: Test }
kind: csv
location: { inbox: "e2e/folkmangd.csv" }
mapping:
  layout: long
  indicator: { value: test.e2e-folkmangd }
  area: { column: Kommun }
  period: { column: År }
  value: { column: Folkmängd }
load: { mode: upsert }
`;

/** The built CLI, as an operator runs it: `node apps/cli/dist/main.js <args>`. */
const builtCli = (args: string[]) =>
  run(process.execPath, [path.join(repoRoot, 'apps/cli/dist/main.js'), ...args], { cwd: repoRoot, env });

/** Starts `node apps/dashboard/dist/main.js`; resolves with its address once it logs that it listens. */
async function startBuiltDashboard(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: path.join(repoRoot, 'apps/dashboard'),
    env: { ...env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const url = await waitUntil(
    'the built dashboard to listen',
    async () => {
      if (child.exitCode !== null) throw new Error(`dashboard exited (${child.exitCode}):\n${out}`);
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'dashboard listening') return entry.url;
      }
      return undefined;
    },
    30_000,
  );
  return { child, url: url as string };
}

beforeAll(async () => {
  // Turbo's cache makes this a no-op when nothing changed; otherwise it builds what the test runs.
  await run('pnpm', ['build'], { cwd: repoRoot, timeout: 240_000 });
  t = await createTestDatabase({ migrate: false });
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-services-'));
  env = {
    ...process.env,
    DATABASE_URL: t.url,
    REDIS_URL: redisUrl,
    MALKOLL_QUEUE_PREFIX: prefix,
    MALKOLL_INBOX: inbox,
    MALKOLL_SCHEDULER: 'off',
    DASHBOARD_AUTH: 'public-read',
    LOG_LEVEL: 'error',
  };
}, 300_000);

afterAll(async () => {
  if (worker) await stopWorker(worker);
  if (dashboard && dashboard.exitCode === null) dashboard.kill('SIGKILL');
  await t?.drop();
  if (inbox) await rm(inbox, { recursive: true, force: true });
});

test('migrate once, then the built worker and dashboard as node services run one refresh end to end', async () => {
  const migrated = await builtCli(['migrate']);
  expect(migrated.stdout).toMatch(/2026-11-22T08-00-initial/);
  // The area register is read from packages/warehouse/data by the bundled code.
  const areas = await t.db
    .selectFrom('dim.areas')
    .select('code')
    .where('code', '=', '0586')
    .executeTakeFirst();
  expect(areas?.code).toBe('0586');

  await upsertIndicators(t.db, [
    { key: 'test.e2e-folkmangd', title: 'Folkmängd', unit: 'personer', direction: 'higher', decimals: 0 },
  ]);
  const definitionFile = path.join(inbox, 'e2e-folkmangd.yaml');
  await writeFile(definitionFile, sourceYaml);
  await builtCli(['sources', 'apply', definitionFile]);
  await mkdir(path.join(inbox, 'e2e'));
  await writeFile(path.join(inbox, 'e2e', 'folkmangd.csv'), 'Kommun;År;Folkmängd\r\n0586;2024;33 412\r\n');

  worker = await spawnWorker(env, 30_000, 'build', workerNodeFlags);
  const started = await startBuiltDashboard();
  dashboard = started.child;
  expect(worker.child.spawnargs).toEqual([process.execPath, ...workerNodeFlags, 'dist/main.js']);
  expect(dashboard.spawnargs).toEqual([process.execPath, 'dist/main.js']);
  // The worker's own start script (and so the service docs) uses the same V8 settings.
  const workerManifest = JSON.parse(await readFile(path.join(repoRoot, 'apps/worker/package.json'), 'utf8'));
  expect(workerManifest.scripts.start).toBe(`node ${workerNodeFlags.join(' ')} dist/main.js`);

  const connection = createRedis(redisUrl, 'producer');
  const queues = createQueues(connection, prefix);
  const events = await openQueueEvents(redisUrl, jobs.ingestSource.queue, prefix);
  try {
    const job = await enqueue(queues, jobs.ingestSource, { sourceId: 'e2e-folkmangd', trigger: 'manual' });
    const summary = (await job.waitUntilFinished(events.events, 60_000)) as RunSummary;
    expect(summary.inserted).toBe(1);
  } finally {
    await events.close();
    await closeQueues(queues);
    connection.disconnect();
  }

  const answer = await fetch(`${started.url}/api/explorer?indicator=test.e2e-folkmangd&areas=0586`);
  expect(answer.status).toBe(200);
  const body = JSON.stringify(await answer.json());
  expect(body).toContain('33412');

  const dashboardExit = new Promise<number | null>((resolve) =>
    dashboard?.once('exit', (code) => resolve(code)),
  );
  dashboard.kill('SIGTERM');
  await stopWorker(worker);
  expect(await dashboardExit).toBe(0);
  expect(worker.child.exitCode).toBe(0);
}, 120_000);

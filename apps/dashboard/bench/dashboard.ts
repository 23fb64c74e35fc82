// Dashboard benchmark: `pnpm bench:dashboard [seconds per endpoint]` (default 10).
//   1. Loads a warehouse in its own throwaway database: 290 municipalities × 500 indicators × 20 years
//      (2.9 M facts, server-side generate_series), plus K/M breakdowns for 20 indicators, a peer group,
//      and a plan of 9 kommunmål × 3 nämndåtaganden × 3 nyckeltal with status snapshots.
//   2. Starts the dashboard server in a child process and drives the overview, report, goal page and
//      explorer API with 50 concurrent clients over loopback (keep-alive node:http), each for a fixed time,
//      four times: (a) every answer composed live, memory cache off (the baseline before prepared
//      answers); (b) prepared answers (mart.answers), memory cache off; (c) the same right after a refresh
//      (a run revises a linked value, status is recomputed, the answers are prepared, as the worker does);
//      (d) prepared answers with the in-memory cache on (the production default).
//   3. Times the overview's first render in headless Chromium (navigation start → first kommunmål card).
//   4. Sums the gzip size of the JavaScript the first page loads.
// Prints each figure beside its goal (the baseline it is compared with). Figures vary on a shared
// machine: compare within one run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { recomputeStatus, refreshAnswers } from '@malkoll/pipeline';
import {
  createRun,
  currentMunicipalities,
  recordRunSucceeded,
  runIngestTransaction,
  type Warehouse,
} from '@malkoll/warehouse';
import { createTestDatabase, seedDashboardBenchmark } from '@malkoll/warehouse/testing';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/browser.ts';

const seconds = Number(process.argv[2] ?? 10);
const CONCURRENCY = 50;
const YEARS = 20;
const FIRST_YEAR = 2006;
const LAST_YEAR = FIRST_YEAR + YEARS - 1;
const AS_OF = `${LAST_YEAR}-12-31`;
const PLAN = 'bench-plan';
const municipalities = currentMunicipalities();
const HOME = '0586';
const peers = municipalities
  .filter((m) => m.code !== HOME)
  .slice(0, 10)
  .map((m) => m.code);

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

const t = await createTestDatabase();
const started = performance.now();
const timed = async (label: string, run: () => Promise<unknown>) => {
  const s = performance.now();
  await run();
  log(`  ${label}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
};

log(
  `Machine: ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (shared: compare within one run)`,
);
log(`Loading the warehouse into ${t.name} …`);
await seedDashboardBenchmark(
  t,
  { firstYear: FIRST_YEAR, years: YEARS, planId: PLAN, home: HOME, peers },
  timed,
);
log(`  loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// The server, in its own process: first without the answer cache (every request composes its answer
// from indexed queries), then with it (the production default).
const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
type ServerMode = 'live' | 'prepared' | 'cache';
async function startServer(mode: ServerMode) {
  const child = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(here, 'serve.ts'), t.url, mode],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { child, base: `http://127.0.0.1:${Number(chunk.toString().trim())}` };
}
let base = '';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

// Plain node:http with keep-alive: the load loop shares the two cores with the server and Postgres, and
// costs less per request than fetch, so more of the machine measures the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      })
      // A connection the server dropped (an overloaded machine) counts as an error, not a crash.
      .on('error', () => resolve(0));
  });
}

async function load(name: string, urls: string[], goalP95: number, baseline?: number): Promise<number> {
  // Warm-up: the first call of each URL pays for plans and JIT, not what a meeting morning sees.
  for (const u of urls.slice(0, 5)) await get(base + u);
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const url = urls[n++ % urls.length] as string;
        const s = performance.now();
        const status = await get(base + url);
        latencies.push(performance.now() - s);
        if (status !== 200) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const p = (x: number) => percentile(latencies, x).toFixed(1);
  const p95 = percentile(latencies, 95);
  log(
    `  ${name.padEnd(9)} ${String(latencies.length).padStart(6)} req  ${(latencies.length / seconds).toFixed(0).padStart(5)} req/s  ` +
      `p50 ${p(50)} ms  p95 ${p(95)} ms  p99 ${p(99)} ms  errors ${errors}` +
      `  (goal p95 < ${goalP95} ms: ${p95 < goalP95 ? 'met' : 'NOT met'}` +
      (baseline === undefined ? ')' : `; live baseline p95 ${baseline.toFixed(1)} ms)`),
  );
  return p95;
}

const goalKeys = Array.from({ length: 9 }, (_, i) => `km-${i + 1}`);
const areaSet = [HOME, ...peers].join(',');
const pages = {
  overview: [`/api/plans/${PLAN}/overview?asOf=${AS_OF}&view=cards`],
  report: [`/api/plans/${PLAN}/overview?asOf=${AS_OF}`],
  goal: goalKeys.map((k) => `/api/plans/${PLAN}/goals/${k}?asOf=${AS_OF}`),
  explorer: Array.from(
    { length: 50 },
    (_, i) => `/api/explorer?indicator=bench.i${String(i * 10 + 1).padStart(4, '0')}&areas=${areaSet}`,
  ),
};
const baseline: Record<string, number> = {};
async function loadPages(title: string, live = false) {
  log(`\nAPI under ${CONCURRENCY} concurrent clients, ${seconds} s each, ${title}:`);
  // The overview page asks for the cards view; the report asks for the full one.
  for (const [name, urls] of Object.entries(pages)) {
    const p95 = await load(name, urls, 100, live ? undefined : baseline[name]);
    if (live) baseline[name] = p95;
  }
}

/** A refresh as the worker does it: a run revises a linked value, status is recomputed, answers prepared. */
async function refresh(db: Warehouse) {
  const link = await db
    .selectFrom('plan.goal_indicators as gi')
    .innerJoin('plan.goals as g', 'g.id', 'gi.goal_id')
    .select(['gi.indicator_id', 'gi.area_id'])
    .where('g.plan_id', '=', PLAN)
    .executeTakeFirstOrThrow();
  const runId = await createRun(db, { sourceId: 'bench', trigger: 'manual' });
  const s = performance.now();
  await runIngestTransaction(
    t.pool,
    { runId, sourceId: 'bench', origin: 'refresh.csv', mode: 'upsert' },
    (w) =>
      w.writeFacts([
        {
          indicatorId: link.indicator_id,
          areaId: link.area_id,
          periodType: 'year',
          periodStart: `${LAST_YEAR}-01-01`,
          periodEnd: AS_OF,
          periodLabel: String(LAST_YEAR),
          breakdown: 'T',
          value: 4242,
          valueNote: null,
        },
      ]),
    (client, c) =>
      recordRunSucceeded(client, runId, c, { rowsRead: 1, skipped: 0, rejected: 0, details: {} }),
  );
  const status = await recomputeStatus(db, { planId: PLAN });
  const prepared = await refreshAnswers(db);
  log(
    `\nRefresh: a run revised 1 value, ${status.snapshots} snapshots recomputed, ${prepared?.answers ?? 0} answers prepared ` +
      `in ${((prepared?.ms ?? 0) / 1000).toFixed(1)} s; ${((performance.now() - s) / 1000).toFixed(1)} s in all`,
  );
}

let server = await startServer('live');
base = server.base;
await loadPages('every answer composed live, memory cache off (the baseline: before prepared answers)', true);
server.child.kill('SIGTERM');
await once(server.child, 'exit');

// The seed wrote the warehouse directly: prepare as a dashboard does at start-up.
const first = await refreshAnswers(t.db, undefined, { always: true });
log(`\nPrepared ${first?.answers ?? 0} answers in ${((first?.ms ?? 0) / 1000).toFixed(1)} s`);
server = await startServer('prepared');
base = server.base;
await loadPages('prepared answers (mart.answers), memory cache off');
await refresh(t.db);
await loadPages('right after the refresh: prepared answers, memory cache off');
server.child.kill('SIGTERM');
await once(server.child, 'exit');
server = await startServer('cache');
base = server.base;
await loadPages('prepared answers with the memory cache on (default: version re-read at most once a second)');

// First render and first-page JavaScript in Chromium.
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const renders: number[] = [];
const scripts = new Set<string>();
for (let i = 0; i < 6; i++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
  });
  await page.goto(`${base}/?plan=${PLAN}&asOf=${AS_OF}`, { waitUntil: 'commit' });
  await page.locator('[data-goal]').first().waitFor();
  const ms = await page.evaluate(() => performance.now());
  if (i > 0) renders.push(ms); // the first one warms the server's caches and Chromium's disk
  await context.close();
}
await browser.close();
renders.sort((a, b) => a - b);
const median = renders[Math.floor(renders.length / 2)] ?? Number.NaN;
log(
  `\nOverview first render (navigation → first kommunmål card), ${renders.length} cold contexts: ` +
    `median ${median.toFixed(0)} ms, max ${(renders.at(-1) ?? 0).toFixed(0)} ms (goal < 1500 ms: ${median < 1500 ? 'met' : 'NOT met'})`,
);
const distDir = path.join(here, '..', 'dist', 'client');
let gz = 0;
let raw = 0;
for (const s of scripts) {
  const body = await readFile(path.join(distDir, s));
  raw += body.length;
  gz += gzipSync(body, { level: 9 }).length;
}
log(
  `First page JavaScript: ${scripts.size} files, ${(raw / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip ` +
    `(goal < 350 KB gzip: ${gz / 1024 < 350 ? 'met' : 'NOT met'})`,
);

agent.destroy();
server.child.kill('SIGTERM');
await once(server.child, 'exit');
log(
  `Load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
if (process.env.KEEP_BENCH_DB === '1') log(`kept database ${t.url}`);
else await t.drop();

import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import {
  closeQueues,
  createQueues,
  createRedis,
  enqueue,
  ingestJobOptions,
  jobs,
  openQueueEvents,
  type Queues,
} from '@malkoll/jobs';
import type { RunSummary } from '@malkoll/pipeline';
import { parseSourceDefinition } from '@malkoll/sources';
import {
  spawnWorker,
  testQueuePrefix,
  testRedisUrl,
  type WorkerProcess,
  waitForExit,
  waitUntil,
} from '@malkoll/testing';
import { currentMunicipalities, upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import type { Job, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { STALLED_RUN_ERROR } from '../src/worker.ts';

// Faults a nightly refresh must survive, against the real Postgres, Redis and BullMQ, with the worker
// running as its own process (src/main.ts) exactly as deployed. Each test has its own queue prefix;
// the file has its own database and inbox.

const redisUrl = testRedisUrl();
const municipalities = currentMunicipalities();
const bigIndicators = Array.from({ length: 20 }, (_, i) => `test.stor-${String(i).padStart(2, '0')}`);
const SMALL_MONTHS = 12;
const MEDIUM_MONTHS = 100;
const BIG_MONTHS = 52;
const SMALL_ROWS = municipalities.length * SMALL_MONTHS;
const MEDIUM_ROWS = municipalities.length * MEDIUM_MONTHS;
const BIG_ROWS = municipalities.length * bigIndicators.length * BIG_MONTHS; // 301 600

let t: TestDatabase;
let inbox: string;
let redis: Redis;

const month = (m: number) => `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

/** A long-layout Swedish CSV: municipality code, period, value (space as thousands separator). */
async function writeCsv(file: string, months: number, indicators?: readonly string[]): Promise<void> {
  const out = createWriteStream(path.join(inbox, file));
  out.write(indicators ? 'Kommun;Nyckeltal;Period;Värde\r\n' : 'Kommun;Period;Värde\r\n');
  for (let m = 0; m < months; m++) {
    const lines: string[] = [];
    for (const area of municipalities) {
      for (const key of indicators ?? [undefined]) {
        const value = 10_000 + ((Number(area.code) + m * 37) % 90_000);
        const text = `${Math.floor(value / 1000)} ${String(value % 1000).padStart(3, '0')}`;
        lines.push(`${area.code};${key ? `${key};` : ''}${month(m)};${text}\r\n`);
      }
    }
    if (!out.write(lines.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
}

/**
 * A source reading `file`. Facts are keyed by indicator, area and period, not by source: each source
 * that reads a shared single-indicator file gets an indicator of its own, so its counts are its own.
 */
async function defineSource(id: string, file: string, indicatorColumn = false): Promise<void> {
  const indicator = `test.${id}`;
  if (!indicatorColumn) {
    await upsertIndicators(t.db, [{ key: indicator, title: id, unit: '', direction: 'higher', decimals: 0 }]);
  }
  const definition = parseSourceDefinition({
    id,
    title: id,
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: file },
    mapping: {
      layout: 'long',
      indicator: indicatorColumn ? { column: 'Nyckeltal' } : { value: indicator },
      area: { column: 'Kommun' },
      period: { column: 'Period' },
      value: { column: 'Värde' },
    },
    load: { mode: 'upsert' },
  });
  await upsertSource(t.db, { id, title: id, kind: 'csv', definition, schedule: null });
}

interface QueueFixture {
  prefix: string;
  queues: Queues;
  events: QueueEvents;
  env: Record<string, string>;
  close(): Promise<void>;
}
const fixtures: QueueFixture[] = [];
const processes: WorkerProcess[] = [];

/** A fresh queue prefix, its queues and events, and the environment for workers on it. */
async function openFixture(extraEnv: Record<string, string> = {}): Promise<QueueFixture> {
  const prefix = testQueuePrefix();
  const queues = createQueues(redis, prefix);
  const { events, close } = await openQueueEvents(redisUrl, jobs.ingestSource.queue, prefix);
  const fixture: QueueFixture = {
    prefix,
    queues,
    events,
    env: {
      DATABASE_URL: t.url,
      REDIS_URL: redisUrl,
      MALKOLL_QUEUE_PREFIX: prefix,
      MALKOLL_INBOX: inbox,
      MALKOLL_SCHEDULER: 'off',
      ...extraEnv,
    },
    close,
  };
  fixtures.push(fixture);
  return fixture;
}

async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const worker = await spawnWorker(env);
  processes.push(worker);
  return worker;
}

const runsOf = (sourceId: string) =>
  t.db
    .selectFrom('ops.runs')
    .select([
      'id',
      'status',
      'job_id',
      'inserted',
      'updated',
      'unchanged',
      'error',
      'started_at',
      'finished_at',
    ])
    .where('source_id', '=', sourceId)
    .orderBy('id')
    .execute();

async function factCount(sourceId: string, runId?: number): Promise<number> {
  let q = t.db
    .selectFrom('fact.indicator_values')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('source_id', '=', sourceId);
  if (runId !== undefined) q = q.where('run_id', '=', runId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Waits until the source's first run is `running` and its ingest transaction is copying rows. */
async function waitUntilCopying(sourceId: string): Promise<number> {
  const run = await waitUntil(
    `a running run of ${sourceId}`,
    async () => (await runsOf(sourceId)).find((r) => r.status === 'running'),
    30_000,
  );
  // The transaction holds the source's advisory lock and is copying rows (into staging, or straight into
  // the facts for indicators that have none yet): killing the process now leaves uncommitted work behind.
  // (The lock ties the backend to this source.)
  await waitUntil(
    'the ingest transaction to stage rows',
    async () => {
      const r = await sql<{ n: number }>`
        select count(*)::int as n
        from pg_locks l join pg_stat_activity a using (pid)
        where a.datname = current_database() and l.locktype = 'advisory' and l.granted and l.objsubid = 1
          and ((l.classid::bigint << 32) | l.objid::bigint) = hashtext(${`ingest:${sourceId}`})::bigint
          and (a.query ilike 'copy staging_facts%' or a.query ilike 'copy fact.indicator_values%')`.execute(
        t.db,
      );
      return (r.rows[0]?.n ?? 0) > 0;
    },
    30_000,
  );
  return run.id;
}

/** The Postgres backend running the source's ingest transaction (holds its lock, copying rows). */
async function ingestBackend(sourceId: string): Promise<number> {
  const r = await sql<{ pid: number }>`
    select a.pid
    from pg_locks l join pg_stat_activity a using (pid)
    where a.datname = current_database() and l.locktype = 'advisory' and l.granted and l.objsubid = 1
      and ((l.classid::bigint << 32) | l.objid::bigint) = hashtext(${`ingest:${sourceId}`})::bigint`.execute(
    t.db,
  );
  const [row] = r.rows;
  if (!row || r.rows.length !== 1) throw new Error(`expected one ingest backend, found ${r.rows.length}`);
  return row.pid;
}

const finishedWithin = (job: Job, events: QueueEvents, ms: number) =>
  job.waitUntilFinished(events, ms) as Promise<RunSummary>;

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-faults-'));
  redis = createRedis(redisUrl, 'producer');
  await upsertIndicators(
    t.db,
    bigIndicators.map((key) => ({ key, title: key, unit: '', direction: 'higher' as const, decimals: 0 })),
  );
  await writeCsv('liten.csv', SMALL_MONTHS);
  await writeCsv('mellan.csv', MEDIUM_MONTHS);
  await writeCsv('stor.csv', BIG_MONTHS, bigIndicators);
  await writeFile(path.join(inbox, 'README'), 'test inbox\n');
}, 120_000);

afterEach(async () => {
  // A test that failed half-way must not leave workers behind to eat the next test's jobs.
  for (const p of processes.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await waitForExit(p, 10_000);
    }
  }
  for (const f of fixtures.splice(0)) {
    await f.close();
    for (const q of Object.values(f.queues)) await q.obliterate({ force: true });
    await closeQueues(f.queues);
  }
});

afterAll(async () => {
  redis?.disconnect();
  await t?.drop();
  if (inbox) await rm(inbox, { recursive: true, force: true });
});

describe('worker processes against real Postgres and Redis', () => {
  test('two worker processes on one queue run each of N sources exactly once', async () => {
    const sources = Array.from({ length: 8 }, (_, i) => `liten-${i + 1}`);
    for (const id of sources) await defineSource(id, 'liten.csv');
    const f = await openFixture({ WORKER_CONCURRENCY: '1' });
    const [a, b] = await Promise.all([startWorkerProcess(f.env), startWorkerProcess(f.env)]);
    // Ready once both answer 200 (a probe may see 503 while the Redis connections are still opening).
    for (const w of [a, b]) {
      await waitUntil(
        'the worker to report ready',
        async () => (await fetch(`${w?.healthUrl}/health/ready`)).status === 200,
        10_000,
      );
    }

    const queued = await Promise.all(
      sources.map((sourceId) => enqueue(f.queues, jobs.ingestSource, { sourceId, trigger: 'manual' })),
    );
    const summaries = await Promise.all(queued.map((job) => finishedWithin(job, f.events, 60_000)));
    expect(summaries.map((s) => [s.source_id, s.inserted])).toEqual(sources.map((id) => [id, SMALL_ROWS]));

    for (const id of sources) {
      const runs = await runsOf(id);
      expect(
        runs.map((r) => r.status),
        id,
      ).toEqual(['succeeded']);
    }
    // Each process's log names the sources it ran: together all of them, none twice.
    const ranBy = [a, b].map(
      (w) =>
        w?.logs.filter((l) => l.msg === 'ingest succeeded').map((l) => String(l.source_id)) ??
        ([] as string[]),
    );
    expect([...(ranBy[0] ?? []), ...(ranBy[1] ?? [])].sort()).toEqual([...sources].sort());
    expect(ranBy.every((list) => list.length > 0)).toBe(true);
  }, 90_000);

  test('the same source triggered twice at once: the second run waits, then finds nothing to change', async () => {
    await defineSource('samtidig', 'mellan.csv');
    const f = await openFixture({ WORKER_CONCURRENCY: '2' });
    await startWorkerProcess(f.env);
    // The test holds the source's ingest lock until both runs have started, so the two really run at
    // once however fast an ingest is; then it lets them go.
    const holder = await t.pool.connect();
    try {
      await holder.query('select pg_advisory_lock(hashtext($1))', ['ingest:samtidig']);
      const queued = await Promise.all([
        enqueue(f.queues, jobs.ingestSource, { sourceId: 'samtidig', trigger: 'manual' }),
        enqueue(f.queues, jobs.ingestSource, { sourceId: 'samtidig', trigger: 'schedule' }),
      ]);
      await waitUntil(
        'both runs to start',
        async () => (await runsOf('samtidig')).filter((r) => r.status === 'running').length === 2,
        30_000,
      );
      await holder.query('select pg_advisory_unlock(hashtext($1))', ['ingest:samtidig']);
      await Promise.all(queued.map((job) => finishedWithin(job, f.events, 60_000)));
    } finally {
      holder.release();
    }

    const runs = (await runsOf('samtidig')).sort(
      (x, y) => Number(x.finished_at ?? 0) - Number(y.finished_at ?? 0),
    );
    expect(runs.map((r) => [r.status, r.inserted, r.updated, r.unchanged])).toEqual([
      ['succeeded', MEDIUM_ROWS, 0, 0],
      ['succeeded', 0, 0, MEDIUM_ROWS],
    ]);
    const [first] = runs;
    expect(await factCount('samtidig')).toBe(MEDIUM_ROWS);
    expect(await factCount('samtidig', first?.id)).toBe(MEDIUM_ROWS);
  }, 90_000);

  test('kill -9 in the middle of a large ingest: nothing from that run is visible, another worker redoes it', async () => {
    await defineSource('stor', 'stor.csv', true);
    // Short locks so the dead worker's job is noticed in seconds rather than BullMQ's 30 s.
    const f = await openFixture({ WORKER_LOCK_DURATION_MS: '4000', WORKER_STALLED_INTERVAL_MS: '500' });
    const victim = await startWorkerProcess(f.env);
    const job = await enqueue(f.queues, jobs.ingestSource, { sourceId: 'stor', trigger: 'schedule' });
    const killedRunId = await waitUntilCopying('stor');

    victim.child.kill('SIGKILL');
    expect((await waitForExit(victim, 10_000)).signal).toBe('SIGKILL');
    expect(await factCount('stor')).toBe(0);

    await startWorkerProcess(f.env);
    const summary = await finishedWithin(job, f.events, 150_000);
    expect(summary).toMatchObject({
      status: 'succeeded',
      rows_read: BIG_ROWS,
      inserted: BIG_ROWS,
      updated: 0,
    });

    const runs = await runsOf('stor');
    expect(runs.map((r) => [r.id, r.status, r.error, r.job_id])).toEqual([
      [killedRunId, 'failed', STALLED_RUN_ERROR, job.id],
      [summary.run_id, 'succeeded', null, job.id],
    ]);
    expect(await factCount('stor')).toBe(BIG_ROWS);
    expect(await factCount('stor', summary.run_id)).toBe(BIG_ROWS);
    expect(await factCount('stor', killedRunId)).toBe(0);
  }, 240_000);

  test('Postgres terminates the ingest connection mid-run: the job is retried and loads exact counts', async () => {
    // Its own indicators: facts are keyed by indicator, area and period, and stor.csv's were loaded by
    // the kill -9 test already.
    const ownIndicators = bigIndicators.map((key) => key.replace('stor', 'avbruten'));
    await upsertIndicators(
      t.db,
      ownIndicators.map((key) => ({ key, title: key, unit: '', direction: 'higher' as const, decimals: 0 })),
    );
    await writeCsv('avbruten.csv', BIG_MONTHS, ownIndicators);
    await defineSource('avbruten', 'avbruten.csv', true);
    const f = await openFixture();
    const worker = await startWorkerProcess(f.env);
    // Short backoff so the retry comes in about a second instead of the default 10 s.
    const job = await enqueue(
      f.queues,
      jobs.ingestSource,
      { sourceId: 'avbruten', trigger: 'schedule' },
      ingestJobOptions({ attempts: 3, delay_seconds: 1, jitter: 0.5 }),
    );
    const cutRunId = await waitUntilCopying('avbruten');
    const backend = await ingestBackend('avbruten');
    // What a Postgres restart or a failover does to the worker's connection, in this test's database only.
    const killed = await sql<{ ok: boolean }>`select pg_terminate_backend(${backend}) as ok`.execute(t.db);
    expect(killed.rows[0]?.ok).toBe(true);

    const summary = await finishedWithin(job, f.events, 150_000);
    expect(summary).toMatchObject({
      status: 'succeeded',
      rows_read: BIG_ROWS,
      inserted: BIG_ROWS,
      updated: 0,
    });
    const runs = await runsOf('avbruten');
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [cutRunId, 'failed'],
      [summary.run_id, 'succeeded'],
    ]);
    // Whichever call meets the dead connection first words it: Postgres's "terminating connection", the
    // socket's EPIPE/ECONNRESET, or pg's "connection error … not queryable".
    expect(runs[0]?.error).toMatch(/terminat|EPIPE|ECONNRESET|connection error/i);
    expect(await job.getState()).toBe('completed');
    expect((await f.queues.ingest.getJob(job.id as string))?.attemptsMade).toBe(2);
    expect(await factCount('avbruten')).toBe(BIG_ROWS);
    expect(await factCount('avbruten', cutRunId)).toBe(0);
    // The worker survived the lost connection: it is the same process, still ready.
    expect(worker.child.exitCode).toBeNull();
    expect((await fetch(`${worker.healthUrl}/health/ready`)).status).toBe(200);
  }, 240_000);
});

describe('the database goes away', () => {
  test('a restart mid-run: the retry loads every row, and the run history names the lost connection', async () => {
    const ownIndicators = bigIndicators.map((key) => key.replace('stor', 'omstart'));
    await upsertIndicators(
      t.db,
      ownIndicators.map((key) => ({ key, title: key, unit: '', direction: 'higher' as const, decimals: 0 })),
    );
    await writeCsv('omstart.csv', BIG_MONTHS, ownIndicators);
    await defineSource('omstart', 'omstart.csv', true);
    const f = await openFixture();
    const worker = await startWorkerProcess(f.env);
    const job = await enqueue(
      f.queues,
      jobs.ingestSource,
      { sourceId: 'omstart', trigger: 'schedule' },
      ingestJobOptions({ attempts: 3, delay_seconds: 2, jitter: 0 }),
    );
    const cutRunId = await waitUntilCopying('omstart');
    // Down long enough that the failing attempt cannot record its own error either (as in a restart).
    const outage = await t.goAway();
    try {
      await waitUntil(
        'the first attempt to fail',
        async () => ((await f.queues.ingest.getJob(job.id as string))?.attemptsMade ?? 0) >= 1,
        60_000,
      );
    } finally {
      await outage.resume();
    }

    const summary = await finishedWithin(job, f.events, 150_000);
    expect(summary).toMatchObject({ status: 'succeeded', rows_read: BIG_ROWS, inserted: BIG_ROWS });
    const runs = await runsOf('omstart');
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [cutRunId, 'failed'],
      [summary.run_id, 'succeeded'],
    ]);
    // Closed by the retry, with the cause the failed attempt met rather than "worker stopped".
    expect(runs[0]?.error).not.toBe(STALLED_RUN_ERROR);
    expect(runs[0]?.error).toMatch(
      /^databasanslutningen bröts under körningen .*(terminat|ECONNRESET|EPIPE|connection)/i,
    );
    expect(await factCount('omstart', cutRunId)).toBe(0);
    expect(await factCount('omstart')).toBe(BIG_ROWS);
    expect(worker.child.exitCode).toBeNull();
  }, 240_000);
});

describe('stopping a worker', () => {
  test('SIGTERM lets the run in progress commit, then the process exits 0 and its probes close', async () => {
    await defineSource('avslut', 'mellan.csv');
    const f = await openFixture();
    const worker = await startWorkerProcess(f.env);
    const job = await enqueue(f.queues, jobs.ingestSource, { sourceId: 'avslut', trigger: 'manual' });
    await waitUntil(
      'a running run',
      async () => (await runsOf('avslut')).some((r) => r.status === 'running'),
      30_000,
    );

    worker.child.kill('SIGTERM');
    const exit = await waitForExit(worker, 60_000);
    expect(exit.code).toBe(0);
    expect((await runsOf('avslut')).map((r) => [r.status, r.inserted])).toEqual([['succeeded', MEDIUM_ROWS]]);
    expect(await job.getState()).toBe('completed');
    await expect(fetch(`${worker.healthUrl}/health`)).rejects.toThrow();
  }, 90_000);

  test('a second SIGTERM stops at once; the run stays uncommitted', async () => {
    await defineSource('andra-signal', 'stor.csv', true);
    const f = await openFixture();
    const worker = await startWorkerProcess(f.env);
    await enqueue(f.queues, jobs.ingestSource, { sourceId: 'andra-signal', trigger: 'manual' });
    await waitUntilCopying('andra-signal');

    worker.child.kill('SIGTERM');
    await waitUntil(
      'the stopping log line',
      async () => worker.logs.some((l) => /stopping/.test(String(l.msg))),
      5_000,
    );
    worker.child.kill('SIGTERM');
    const exit = await waitForExit(worker, 5_000);
    expect(exit.code).toBe(1);
    expect(await factCount('andra-signal')).toBe(0);
  }, 90_000);

  test('a shutdown that outlasts WORKER_SHUTDOWN_TIMEOUT_MS exits anyway', async () => {
    await defineSource('tidsgrans', 'stor.csv', true);
    const f = await openFixture({ WORKER_SHUTDOWN_TIMEOUT_MS: '1000' });
    const worker = await startWorkerProcess(f.env);
    await enqueue(f.queues, jobs.ingestSource, { sourceId: 'tidsgrans', trigger: 'manual' });
    await waitUntilCopying('tidsgrans');

    worker.child.kill('SIGTERM');
    const exit = await waitForExit(worker, 10_000);
    expect(exit.code).toBe(1);
    expect(worker.logs.some((l) => l.msg === 'jobs still running at the timeout: exiting')).toBe(true);
    expect(await factCount('tidsgrans')).toBe(0);
  }, 90_000);
});

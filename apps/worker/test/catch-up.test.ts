import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRedis, openQueueEvents, previousFireTime } from '@malkoll/jobs';
import type { RunSummary } from '@malkoll/pipeline';
import { parseSourceDefinition } from '@malkoll/sources';
import { testQueuePrefix, testRedisUrl } from '@malkoll/testing';
import { upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { catchUpJobId, LOST_JOB_ERROR, syncSchedules } from '../src/scheduler.ts';
import type { WorkerHandle } from '../src/worker.ts';
import { startTestWorker } from './test-worker.ts';

// Redis here keeps nothing on disk. After it loses its data the next sync must put the schedules back,
// and the nightly run it missed must run once, from what the runs table says, not once per missed night.

const redisUrl = testRedisUrl();
const prefix = testQueuePrefix();
const CRON = '0 2 * * *';
const DAY = 24 * 3600 * 1000;
// The tests sync "one hour after the 02:00 run of the night before last" (Stockholm time); the source
// last ran by its schedule four nights before that. (BullMQ schedules from the real clock, so the
// simulated moments stay in the past.)
const lastFire = new Date(previousFireTime(CRON, { at: new Date() }).getTime() - 24 * 3600 * 1000);
const now = new Date(lastFire.getTime() + 3600 * 1000);

let t: TestDatabase;
let inbox: string;
let redis: Redis;
let worker: WorkerHandle;

/** Deletes every key under this test's prefix: what a Redis restart without persistence does to it. */
async function flushPrefix(): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

const catchUpJobs = async () =>
  (await worker.queues.ingest.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
    (j) => j.data.trigger === 'catch_up',
  );

const runs = () =>
  t.db
    .selectFrom('ops.runs')
    .select(['trigger', 'status', 'inserted'])
    .where('source_id', '=', 'natt')
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-catch-up-'));
  redis = createRedis(redisUrl, 'producer');
  await writeFile(
    path.join(inbox, 'natt.csv'),
    'Kommun;Period;Värde\r\n0586;2026-01;1 200\r\n0580;2026-01;900\r\n',
  );
  await upsertIndicators(t.db, [
    { key: 'test.natt', title: 'Natt', unit: '', direction: 'higher', decimals: 0 },
  ]);
  const definition = parseSourceDefinition({
    id: 'natt',
    title: 'Nattlig källa',
    owner: { name: 'Test' },
    kind: 'csv',
    schedule: { cron: CRON },
    location: { inbox: 'natt.csv' },
    mapping: {
      layout: 'long',
      indicator: { value: 'test.natt' },
      area: { column: 'Kommun' },
      period: { column: 'Period' },
      value: { column: 'Värde' },
    },
  });
  await upsertSource(t.db, {
    id: 'natt',
    title: 'Nattlig källa',
    kind: 'csv',
    definition,
    schedule: definition.schedule ?? null,
  });
  // Defined ten days ago; its last scheduled run (successful) was four nights ago.
  await t.db
    .updateTable('ops.sources')
    .set({ created_at: new Date(now.getTime() - 10 * DAY) })
    .execute();
  const fourNightsAgo = new Date(lastFire.getTime() - 3 * DAY);
  await t.db
    .insertInto('ops.runs')
    .values({
      source_id: 'natt',
      trigger: 'schedule',
      status: 'succeeded',
      queued_at: fourNightsAgo,
      started_at: fourNightsAgo,
      finished_at: new Date(fourNightsAgo.getTime() + 5_000),
    })
    .execute();
  worker = await startTestWorker(t, {
    queuePrefix: prefix,
    inboxRoot: inbox,
  });
  await worker.queues.ingest.pause(); // nothing runs until the test says so
});

afterAll(async () => {
  await worker?.queues.ingest.obliterate({ force: true });
  await worker?.queues.goals.obliterate({ force: true });
  await worker?.close();
  redis?.disconnect();
  await t?.drop();
  if (inbox) await rm(inbox, { recursive: true, force: true });
});

test('three missed nights give one catch-up job, however many processes sync', async () => {
  const first = await syncSchedules(t.db, worker.queues.ingest, { now });
  expect(first).toEqual({ upserted: ['natt'], removed: [], caughtUp: ['natt'] });
  // Two more processes sync in the same minute, at once.
  const more = await Promise.all([
    syncSchedules(t.db, worker.queues.ingest, { now }),
    syncSchedules(t.db, worker.queues.ingest, { now: new Date(now.getTime() + 60_000) }),
  ]);
  expect(more.map((r) => r.caughtUp)).toEqual([[], []]);
  const queued = await catchUpJobs();
  expect(queued.map((j) => [j.id, j.data])).toEqual([
    [catchUpJobId('natt', lastFire), { sourceId: 'natt', trigger: 'catch_up' }],
  ]);
});

test('Redis flushed: the next sync restores the schedule and the one catch-up job', async () => {
  expect(await flushPrefix()).toBeGreaterThan(0);
  expect(await worker.queues.ingest.getJobSchedulers(0, -1)).toEqual([]);
  expect(await catchUpJobs()).toEqual([]);

  const result = await syncSchedules(t.db, worker.queues.ingest, { now });
  expect(result).toEqual({ upserted: ['natt'], removed: [], caughtUp: ['natt'] });
  const scheduler = await worker.queues.ingest.getJobScheduler('source:natt');
  expect(scheduler).toMatchObject({ pattern: CRON, tz: 'Europe/Stockholm' });
  expect(await catchUpJobs()).toHaveLength(1);
});

test('once the catch-up has run, later syncs queue nothing more', async () => {
  const { events, close } = await openQueueEvents(redisUrl, 'ingest', prefix);
  try {
    const [job] = await catchUpJobs();
    await worker.queues.ingest.resume();
    const summary = (await job?.waitUntilFinished(events, 30_000)) as RunSummary;
    expect(summary).toMatchObject({ status: 'succeeded', inserted: 2 });
  } finally {
    await close();
  }
  expect(await runs()).toEqual([
    { trigger: 'schedule', status: 'succeeded', inserted: 0 },
    { trigger: 'catch_up', status: 'succeeded', inserted: 2 },
  ]);
  // Even after Redis forgets the catch-up job, the runs table says the night is covered.
  await flushPrefix();
  const again = await syncSchedules(t.db, worker.queues.ingest, { now: new Date(now.getTime() + 600_000) });
  expect(again.caughtUp).toEqual([]);
  expect(await catchUpJobs()).toEqual([]);
});

test('a run whose job Redis lost is closed as failed and does not count as the night run', async () => {
  // Another nightly source; its last good scheduled run was three nights ago.
  await upsertSource(t.db, {
    id: 'tappad',
    title: 'Tappad',
    kind: 'csv',
    definition: { id: 'tappad' },
    schedule: { cron: CRON, timezone: 'Europe/Stockholm' },
  });
  await t.db
    .updateTable('ops.sources')
    .set({ created_at: new Date(now.getTime() - 10 * DAY) })
    .where('id', '=', 'tappad')
    .execute();
  const lastNight = previousFireTime(CRON, { at: new Date() });
  const seed = (status: 'succeeded' | 'running', at: Date, jobId: string | null) =>
    t.db
      .insertInto('ops.runs')
      .values({
        source_id: 'tappad',
        trigger: 'schedule',
        status,
        job_id: jobId,
        queued_at: at,
        started_at: at,
      })
      .execute();
  await seed('succeeded', new Date(lastNight.getTime() - 3 * DAY), null);
  // Last night's run had started when Redis restarted empty: its job is gone, the run says running.
  await seed('running', lastNight, `repeat:source:tappad:${lastNight.getTime()}`);
  await flushPrefix();
  await worker.queues.ingest.pause();

  const result = await syncSchedules(t.db, worker.queues.ingest, { catchUpGraceMs: 0 });
  expect(result.caughtUp).toEqual(['tappad']);
  const tappad = await t.db
    .selectFrom('ops.runs')
    .select(['status', 'error'])
    .where('source_id', '=', 'tappad')
    .orderBy('id')
    .execute();
  expect(tappad).toEqual([
    { status: 'succeeded', error: null },
    { status: 'failed', error: LOST_JOB_ERROR },
  ]);
  const queued = (await catchUpJobs()).filter((j) => j.data.sourceId === 'tappad');
  expect(queued.map((j) => j.id)).toEqual([catchUpJobId('tappad', lastNight)]);
});

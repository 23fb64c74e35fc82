import { closeQueues, createQueues, createRedis, type Queues } from '@malkoll/jobs';
import { testQueuePrefix, testRedisUrl } from '@malkoll/testing';
import { removeSource, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { syncSchedules } from './scheduler.ts';

let t: TestDatabase;
let redis: Redis;
let queues: Queues;
const prefix = testQueuePrefix();

beforeAll(async () => {
  t = await createTestDatabase();
  redis = createRedis(testRedisUrl(), 'producer');
  queues = createQueues(redis, prefix);
});
afterAll(async () => {
  await queues.ingest.obliterate({ force: true });
  await closeQueues(queues);
  redis.disconnect();
  await t.drop();
});

const source = (id: string, cron: string | null) =>
  upsertSource(t.db, {
    id,
    title: id,
    kind: 'csv',
    definition: { id, cron },
    schedule: cron ? { cron, timezone: 'Europe/Stockholm' } : null,
  });

const schedulers = async () =>
  (await queues.ingest.getJobSchedulers(0, -1))
    .map((s) => ({ id: s.key, pattern: s.pattern, tz: s.tz, data: s.template?.data }))
    .sort((a, b) => a.id.localeCompare(b.id));

test('one job scheduler per scheduled source, with its cron and time zone', async () => {
  await source('nightly', '0 2 * * *');
  await source('monthly', '30 6 10 * *');
  await source('manual-only', null);
  await syncSchedules(t.db, queues.ingest);
  await syncSchedules(t.db, queues.ingest); // a second sync (another process) adds nothing
  expect(await schedulers()).toEqual([
    {
      id: 'source:monthly',
      pattern: '30 6 10 * *',
      tz: 'Europe/Stockholm',
      data: { sourceId: 'monthly', trigger: 'schedule' },
    },
    {
      id: 'source:nightly',
      pattern: '0 2 * * *',
      tz: 'Europe/Stockholm',
      data: { sourceId: 'nightly', trigger: 'schedule' },
    },
  ]);
  // The next run is 02:00 Swedish time, whatever the server's clock zone.
  const next = (await queues.ingest.getJobScheduler('source:nightly'))?.next as number;
  const hour = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit' }).format(
    next,
  );
  expect(hour).toBe('02');
});

test('a changed schedule replaces the scheduler; a removed source loses it', async () => {
  await source('nightly', '15 3 * * *');
  await removeSource(t.db, 'monthly');
  const result = await syncSchedules(t.db, queues.ingest);
  expect(result).toEqual({ upserted: ['nightly'], removed: ['monthly'], caughtUp: [] });
  expect(await schedulers()).toEqual([
    {
      id: 'source:nightly',
      pattern: '15 3 * * *',
      tz: 'Europe/Stockholm',
      data: { sourceId: 'nightly', trigger: 'schedule' },
    },
  ]);
});

test('after Redis loses its data, the next sync restores the schedules', async () => {
  await queues.ingest.obliterate({ force: true });
  expect(await schedulers()).toEqual([]);
  await syncSchedules(t.db, queues.ingest);
  expect((await schedulers()).map((s) => s.id)).toEqual(['source:nightly']);
});

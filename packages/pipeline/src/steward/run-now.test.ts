import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRedis, jobs } from '@malkoll/jobs';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { testQueuePrefix, testRedisUrl } from '@malkoll/testing';
import { upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { defaultConnectorSettings } from '../ingest/connectors/transport.ts';
import { type RunNowContext, RunWaitTimeout, runSourceNow } from './run-now.ts';

// `sources run --wait` decides between the queue and its own process by the workers of this
// installation: a real BullMQ worker on another Redis database (another install, same prefix) must not
// count, and a wait for a worker that never takes the job ends with a message instead of hanging.

/** The same Redis server, another database: what a test and a production install on one Redis do. */
function onDatabase(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

const prefix = testQueuePrefix();
let t: TestDatabase;
let inbox: string;
let ctx: RunNowContext;
const workers: Worker[] = [];
const connections: Redis[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-run-now-'));
  await writeFile(path.join(inbox, 'nu.csv'), 'Kommun;År;Värde\r\n0586;2016;26602\r\n');
  await upsertIndicators(t.db, [{ key: 'test.nu', title: 'Nu', unit: '', direction: 'higher', decimals: 0 }]);
  const definition = parseSourceDefinition({
    id: 'nu',
    title: 'Nu',
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: 'nu.csv' },
    mapping: {
      layout: 'long',
      indicator: { value: 'test.nu' },
      area: { column: 'Kommun' },
      period: { column: 'År' },
      value: { column: 'Värde' },
    },
    load: { mode: 'upsert' },
  });
  await upsertSource(t.db, { id: 'nu', title: 'Nu', kind: 'csv', definition, schedule: null });
  ctx = {
    db: t.db,
    pool: t.pool,
    redisUrl: onDatabase(testRedisUrl(), 8),
    queuePrefix: prefix,
    inboxRoot: inbox,
    log: createLogger('test', 'silent'),
    connectors: defaultConnectorSettings(inbox),
  };
});

afterAll(async () => {
  // Forced: their jobs never finish.
  await Promise.all(workers.map((w) => w.close(true)));
  for (const connection of connections) connection.disconnect();
  for (const db of [5, 8]) {
    const redis = new Redis(onDatabase(testRedisUrl(), db));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
  await t?.drop();
  if (inbox) await rm(inbox, { recursive: true, force: true });
});

/** A real BullMQ worker on the ingest queue of this prefix, on Redis database `db`, that never finishes a job. */
async function startStuckWorker(db: number): Promise<Worker> {
  const connection = createRedis(onDatabase(testRedisUrl(), db), 'worker');
  connections.push(connection);
  const worker = new Worker(jobs.ingestSource.queue, () => new Promise(() => {}), {
    connection,
    prefix,
  });
  workers.push(worker);
  await worker.waitUntilReady();
  return worker;
}

test('a worker on another Redis database does not count: --wait runs in this process and finishes', async () => {
  await startStuckWorker(5);
  const result = await runSourceNow(ctx, 'nu', { wait: true });
  expect(result.via).toBe('in-process');
  expect(result.summary).toMatchObject({ status: 'succeeded', loaded: 1, rejected: 0 });
});

test('a worker of this installation that never finishes the job: the wait ends with a Swedish message', async () => {
  await startStuckWorker(8);
  const started = Date.now();
  const error = await runSourceNow(ctx, 'nu', { wait: true, timeoutMs: 1_500 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RunWaitTimeout);
  expect((error as Error).message).toMatch(
    /Väntade 0 min på körningen av "nu" \(jobb \d+\).*ligger kvar i kön/,
  );
  expect(Date.now() - started).toBeLessThan(20_000);
});

test('stopping the wait (Ctrl+C in the CLI) says the run stays queued, and it does', async () => {
  const controller = new AbortController();
  const waiting = runSourceNow(ctx, 'nu', { wait: true, signal: controller.signal }).catch((e: unknown) => e);
  setTimeout(() => controller.abort(), 300);
  const error = await waiting;
  expect(error).toBeInstanceOf(RunWaitTimeout);
  expect((error as RunWaitTimeout).reason).toBe('interrupted');
  expect((error as Error).message).toMatch(
    /Slutade vänta på körningen av "nu" \(jobb \d+\).*ligger kvar i kön/,
  );
  const connection = createRedis(ctx.redisUrl, 'producer');
  connections.push(connection);
  const queue = new Queue(jobs.ingestSource.queue, { connection, prefix });
  const job = await queue.getJob((error as RunWaitTimeout).jobId as string);
  await queue.close();
  expect(job).toBeDefined();
});

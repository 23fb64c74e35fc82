import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { enqueue, jobs, openQueueEvents } from '@malkoll/jobs';
import type { RunSummary } from '@malkoll/pipeline';
import { ingestOptionsFor } from '@malkoll/pipeline';
import { parseSourceDefinition, type SourceDefinitionInput } from '@malkoll/sources';
import { testQueuePrefix, testRedisUrl } from '@malkoll/testing';
import { upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import type { Job, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { syncSchedules } from '../src/scheduler.ts';
import type { WorkerHandle } from '../src/worker.ts';
import { startTestWorker } from './test-worker.ts';

// Retries with backoff per source, unrecoverable failures at once, and one failing source never
// holding up the others: one worker, real Postgres and Redis.

const redisUrl = testRedisUrl();
const prefix = testQueuePrefix();
let t: TestDatabase;
let inbox: string;
let worker: WorkerHandle;
let events: QueueEvents;
let closeEvents: () => Promise<void>;

function definition(id: string, extra: Partial<SourceDefinitionInput> = {}) {
  return parseSourceDefinition({
    id,
    title: id,
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: `${id}.csv` },
    mapping: {
      layout: 'long',
      indicator: { value: `test.${id}` },
      area: { column: 'Kommun' },
      period: { column: 'Period' },
      value: { column: 'Värde' },
    },
    ...extra,
  });
}

async function addSource(
  id: string,
  def: unknown,
  schedule: { cron: string; timezone: string } | null = null,
) {
  await upsertIndicators(t.db, [
    { key: `test.${id}`, title: id, unit: '', direction: 'higher', decimals: 0 },
  ]);
  await upsertSource(t.db, { id, title: id, kind: 'csv', definition: def, schedule });
}

const runsOf = (id: string) =>
  t.db
    .selectFrom('ops.runs')
    .select(['status', 'inserted', 'error', 'queued_at'])
    .where('source_id', '=', id)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-retries-'));
  const csv = 'Kommun;Period;Värde\r\n0586;2026-01;1 200\r\n0580;2026-01;900\r\n0581;2026-01;15\r\n';
  await writeFile(path.join(inbox, 'frisk-1.csv'), csv);
  await writeFile(path.join(inbox, 'frisk-2.csv'), csv);
  // A file being moved into place: its name is there, the bytes are not (reading fails, retrying may help).
  await symlink(path.join(inbox, 'kommer-snart.csv'), path.join(inbox, 'flyktig.csv'));

  await addSource('frisk-1', definition('frisk-1'));
  await addSource('frisk-2', definition('frisk-2'));
  await addSource(
    'flyktig',
    definition('flyktig', { retry: { attempts: 3, delay_seconds: 0.3, jitter: 0.5 } }),
    { cron: '0 3 * * *', timezone: 'Europe/Stockholm' },
  );
  // Stored before a schema change made it invalid: no retry can fix it.
  await addSource('trasig', { id: 'trasig', kind: 'csv', location: { inbox: 'frisk-1.csv' } });

  worker = await startTestWorker(t, {
    queuePrefix: prefix,
    inboxRoot: inbox,
  });
  ({ events, close: closeEvents } = await openQueueEvents(redisUrl, jobs.ingestSource.queue, prefix));
});

afterAll(async () => {
  await closeEvents?.();
  await worker?.queues.ingest.obliterate({ force: true });
  await worker?.queues.goals.obliterate({ force: true });
  await worker?.close();
  await t?.drop();
  if (inbox) await rm(inbox, { recursive: true, force: true });
});

const outcome = async (job: Job) => {
  try {
    const summary = (await job.waitUntilFinished(events, 30_000)) as RunSummary;
    return { ok: true, inserted: summary.inserted };
  } catch (error) {
    const fresh = await worker.queues.ingest.getJob(job.id as string);
    return { ok: false, attempts: fresh?.attemptsMade, error: (error as Error).message };
  }
};

test("a source's retry settings reach its scheduled and its manual jobs; others get the defaults", async () => {
  await syncSchedules(t.db, worker.queues.ingest);
  const scheduler = await worker.queues.ingest.getJobScheduler('source:flyktig');
  expect(scheduler?.template?.opts).toMatchObject({
    attempts: 3,
    backoff: { type: 'exponential', delay: 300, jitter: 0.5 },
  });
  expect(ingestOptionsFor(definition('frisk-1'))).toMatchObject({
    attempts: 5,
    backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 },
  });
});

test('failing sources fail (at once when unrecoverable, after backoff otherwise); the others load', async () => {
  // The failing ones first, on a single-job worker: the healthy sources still run while they back off.
  const flaky = await enqueue(
    worker.queues,
    jobs.ingestSource,
    { sourceId: 'flyktig', trigger: 'manual' },
    ingestOptionsFor(definition('flyktig', { retry: { attempts: 3, delay_seconds: 0.3, jitter: 0.5 } })),
  );
  const broken = await enqueue(worker.queues, jobs.ingestSource, { sourceId: 'trasig', trigger: 'manual' });
  const badPayload = await worker.queues.ingest.add(
    jobs.ingestSource.name,
    { sourceId: 'frisk-1' },
    jobs.ingestSource.options,
  );
  const healthy = await Promise.all(
    ['frisk-1', 'frisk-2'].map((sourceId) =>
      enqueue(worker.queues, jobs.ingestSource, { sourceId, trigger: 'manual' }),
    ),
  );

  const [flakyOut, brokenOut, payloadOut, ...healthyOut] = await Promise.all(
    [flaky, broken, badPayload, ...healthy].map(outcome),
  );
  expect(healthyOut).toEqual([
    { ok: true, inserted: 3 },
    { ok: true, inserted: 3 },
  ]);
  expect(brokenOut).toMatchObject({
    ok: false,
    attempts: 1,
    error: expect.stringMatching(/^Den sparade källdefinitionen är ogiltig \(rätta den och spara igen\): /),
  });
  expect(payloadOut).toMatchObject({
    ok: false,
    attempts: 1,
    error: expect.stringMatching(
      /^Jobbet ingest\.source fick ogiltiga data \(payload\): trigger: .*; det körs inte igen$/,
    ),
  });
  expect(flakyOut).toMatchObject({ ok: false, attempts: 3, error: expect.stringMatching(/ENOENT/) });

  // Each attempt is a run; the waits between them grow exponentially, shortened by at most the jitter.
  const runs = await runsOf('flyktig');
  expect(runs.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
  const [a, b, c] = runs.map((r) => new Date(r.queued_at).getTime()) as [number, number, number];
  expect(b - a).toBeGreaterThanOrEqual(300 * 0.5);
  expect(c - b).toBeGreaterThanOrEqual(600 * 0.5);
  expect((await runsOf('trasig')).map((r) => r.status)).toEqual(['failed']);
  expect((await runsOf('frisk-1')).map((r) => [r.status, r.inserted])).toEqual([['succeeded', 3]]);
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parsePlanDefinition } from '@malkoll/goals/plan-definition';
import { enqueue, jobs, openQueueEvents } from '@malkoll/jobs';
import type { RunSummary } from '@malkoll/pipeline';
import { parseSourceDefinition } from '@malkoll/sources';
import { testQueuePrefix, testRedisUrl } from '@malkoll/testing';
import { applyPlan, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import type { QueueEvents } from 'bullmq';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { WorkerHandle } from '../src/worker.ts';
import { startTestWorker } from '../test/test-worker.ts';

let t: TestDatabase;
let inbox: string;
let worker: WorkerHandle;
let events: QueueEvents;
let closeEvents: () => Promise<void>;
const redisUrl = testRedisUrl();
const prefix = testQueuePrefix();

const definition = parseSourceDefinition({
  id: 'befolkning',
  title: 'Folkmängd',
  owner: { name: 'Test' },
  kind: 'csv',
  schedule: { cron: '0 2 * * *', timezone: 'Europe/Stockholm' },
  location: { inbox: 'mjolby/befolkning*.csv' },
  mapping: {
    layout: 'long',
    indicator: { value: 'test.invanare' },
    area: { column: 'Kommun' },
    period: { column: 'Period' },
    value: { column: 'Värde' },
  },
  load: { mode: 'upsert' },
});

const plan = parsePlanDefinition({
  id: 'test-plan',
  name: 'Testplan',
  organisation: 'Mjölby kommun',
  area: '0586',
  start: '2016-01-01',
  end: '2016-12-31',
  follow_ups: ['2016-04-30'],
  indicators: [
    { key: 'test.invanare', title: 'Antal invånare', unit: 'invånare', direction: 'higher', decimals: 0 },
  ],
  goals: [
    {
      key: 'boende',
      kind: 'municipal_goal',
      title: 'Fler invånare',
      indicators: [
        {
          indicator: 'test.invanare',
          label: 'Förändring av invånarantal',
          kind: 'level',
          baseline: { value: 26602, date: '2016-01-01' },
          target: { type: 'at_least', value: 26900, date: '2016-12-31' },
        },
      ],
    },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-inbox-'));
  await mkdir(path.join(inbox, 'mjolby'));
  // A Swedish export: BOM, semicolons, spaces as thousands separators, a bad row.
  await writeFile(
    path.join(inbox, 'mjolby/befolkning-2016.csv'),
    '\uFEFFKommun;Period;Värde\r\n0586 Mjölby;2015-12;26 602\r\nMjölby;2016-03;26 605\r\n0586;2016-04;26 611\r\n0586;2016-05;många\r\n',
  );
  await upsertSource(t.db, {
    id: definition.id,
    title: definition.title,
    kind: 'csv',
    definition,
    schedule: definition.schedule ?? null,
  });
  await applyPlan(t.db, plan);
  worker = await startTestWorker(t, {
    queuePrefix: prefix,
    inboxRoot: inbox,
    concurrency: 2,
    scheduler: true,
  });
  ({ events, close: closeEvents } = await openQueueEvents(redisUrl, jobs.ingestSource.queue, prefix));
});

afterAll(async () => {
  await closeEvents();
  await worker.queues.ingest.obliterate({ force: true });
  await worker.queues.goals.obliterate({ force: true });
  await worker.close();
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
});

async function runThroughQueue(): Promise<RunSummary> {
  const job = await enqueue(worker.queues, jobs.ingestSource, { sourceId: 'befolkning', trigger: 'manual' });
  return (await job.waitUntilFinished(events)) as RunSummary;
}

async function waitForGoalsIdle() {
  for (;;) {
    const counts = await worker.queues.goals.getJobCounts('waiting', 'active', 'delayed');
    if (Object.values(counts).every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the scheduler registered the source with its cron and time zone', async () => {
  const scheduler = await worker.queues.ingest.getJobScheduler('source:befolkning');
  expect(scheduler).toMatchObject({ pattern: '0 2 * * *', tz: 'Europe/Stockholm' });
});

test('a queued run ingests the file, reports the bad row, and recomputes goal status', async () => {
  const summary = await runThroughQueue();
  expect(summary).toMatchObject({
    status: 'succeeded',
    rows_read: 4,
    loaded: 3,
    inserted: 3,
    rejected: 1,
    skipped: 0,
  });

  const values = await sql<{
    area_code: string;
    period_label: string;
    value: number;
    run_id: number;
    source_id: string;
  }>`
    select area_code, period_label, value::float8 as value, run_id, source_id
    from mart.indicator_values order by period_start`.execute(t.db);
  expect(values.rows.map((r) => r.value)).toEqual([26602, 26605, 26611]);
  expect(
    values.rows.every(
      (r) => r.area_code === '0586' && r.source_id === 'befolkning' && Number(r.run_id) === summary.run_id,
    ),
  ).toBe(true);

  const rejected = await t.db.selectFrom('ops.rejected_rows').selectAll().execute();
  expect(rejected).toHaveLength(1);
  expect(rejected[0]).toMatchObject({ line: 5, origin: 'mjolby/befolkning-2016.csv' });

  await waitForGoalsIdle();
  const status = await sql<{ status: string; current_value: number; explanation: string }>`
    select status, current_value::float8 as current_value, explanation from mart.goal_status where as_of = '2016-04-30'`.execute(
    t.db,
  );
  expect(status.rows).toHaveLength(1);
  expect(status.rows[0]).toMatchObject({ status: 'off_track', current_value: 26611 });
  // Swedish digit groups (and the unit) are separated by no-break spaces.
  expect(status.rows[0]?.explanation.replace(/\u00a0/g, ' ')).toContain('26 611 invånare');
});

test('running it again adds no rows and changes no value', async () => {
  const before = await t.db.selectFrom('fact.indicator_values').selectAll().orderBy('period_id').execute();
  const summary = await runThroughQueue();
  expect(summary).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 3 });
  expect(await t.db.selectFrom('fact.indicator_values').selectAll().orderBy('period_id').execute()).toEqual(
    before,
  );
});

import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { testQueuePrefix } from '@malkoll/testing';
import { ensureIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkerHandle } from '../src/worker.ts';
import { startTestWorker } from '../test/test-worker.ts';

/*
 * The folder inbox against real Postgres and Redis: a worker with the scheduler duties scans every
 * second, as it would every minute in production.
 */
let t: TestDatabase;
let inbox: string;
let worker: WorkerHandle;
const prefix = testQueuePrefix();
const folder = () => path.join(inbox, 'sjukfranvaro');

const definition = parseSourceDefinition({
  id: 'sjukfranvaro',
  title: 'Sjukfrånvaro',
  owner: { name: 'HR' },
  kind: 'csv',
  on_file_arrival: true,
  location: { inbox: 'sjukfranvaro/*.csv', move_processed: true },
  mapping: {
    layout: 'long',
    indicator: { value: 'hr.sjukfranvaro' },
    area: { column: 'Kommun' },
    period: { column: 'Månad' },
    value: { column: 'Andel' },
  },
  load: { mode: 'upsert' },
});

const facts = async () =>
  (
    await sql<{ period_label: string; value: string; run_id: string }>`
      select period_label, value, run_id from mart.indicator_values order by period_start`.execute(t.db)
  ).rows.map((r) => `${r.period_label} ${Number(r.value)} run ${r.run_id}`);
const runs = () =>
  t.db.selectFrom('ops.runs').select(['id', 'status', 'trigger', 'origin', 'error']).orderBy('id').execute();

async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() - start > ms) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const listDir = (sub: string) => readdir(path.join(folder(), sub)).catch(() => [] as string[]);

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-folder-'));
  await mkdir(folder(), { recursive: true });
  await ensureIndicators(t.db, [
    { key: 'hr.sjukfranvaro', title: 'Sjukfrånvaro', unit: '%', direction: 'lower', decimals: 1 },
  ]);
  await upsertSource(t.db, {
    id: 'sjukfranvaro',
    title: 'Sjukfrånvaro',
    kind: 'csv',
    definition,
    schedule: null,
  });
  worker = await startTestWorker(t, {
    queuePrefix: prefix,
    inboxRoot: inbox,
    scheduler: true,
    inboxScanPattern: '* * * * * *',
  });
});
afterAll(async () => {
  await worker.close();
  await worker.queues.ingest.obliterate({ force: true }).catch(() => {});
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
});

describe('a folder inbox', () => {
  test('a dropped file is loaded once and moved to processed/ with its run id', async () => {
    await writeFile(
      path.join(folder(), 'jan.csv'),
      'Kommun;Månad;Andel\n0586;2016-01;5,2 %\n0586;2016-02;4,9 %\n',
    );
    const processed = await until(
      () => listDir('processed'),
      (l) => l.length === 1,
    );
    const [run] = await runs();
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'file', origin: 'sjukfranvaro/jan.csv' });
    expect(processed).toEqual([`jan.run-${run?.id}.csv`]);
    expect(await readdir(folder())).toEqual(expect.not.arrayContaining(['jan.csv']));
    expect(await facts()).toEqual([`januari 2016 5.2 run ${run?.id}`, `februari 2016 4.9 run ${run?.id}`]);
    // Scans go on every second; with the file gone nothing is queued again.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await runs()).toHaveLength(1);
  });

  test('a file that cannot be read moves to failed/, the run says why, and nothing changes', async () => {
    const before = await facts();
    await writeFile(path.join(folder(), 'trasig.csv'), 'Det här är ingen tabell\nbara text\n');
    const failed = await until(
      () => listDir('failed'),
      (l) => l.length === 1,
    );
    const last = (await runs()).at(-1);
    expect(last).toMatchObject({ status: 'failed', trigger: 'file' });
    expect(last?.error).toMatch(/Hittar ingen rubrikrad/);
    expect(failed).toEqual([`trasig.run-${last?.id}.csv`]);
    expect(await facts()).toEqual(before);
  });

  test('the same content delivered again is recorded as a run with nothing to change', async () => {
    const before = await facts();
    await writeFile(
      path.join(folder(), 'jan.csv'),
      'Kommun;Månad;Andel\n0586;2016-01;5,2 %\n0586;2016-02;4,9 %\n',
    );
    await until(
      () => listDir('processed'),
      (l) => l.length === 2,
    );
    const last = (await runs()).at(-1);
    expect(last).toMatchObject({ status: 'succeeded' });
    expect(await listDir('processed')).toContain(`jan.run-${last?.id}.csv`);
    expect(await facts()).toEqual(before);
  });

  test('a scheduled run with an empty folder succeeds with nothing to read', async () => {
    const { ingestSource } = await import('@malkoll/pipeline');
    const summary = await ingestSource(
      { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
      { sourceId: 'sjukfranvaro', trigger: 'schedule' },
    );
    expect(summary).toMatchObject({ status: 'succeeded', rows_read: 0, files: [] });
  });
});

describe('on_file_arrival for a source that keeps its file', () => {
  test('a run is queued when the file arrives and again only when it changes', async () => {
    const kept = parseSourceDefinition({
      ...definition,
      id: 'kept',
      location: { inbox: 'kept/data.csv' },
    });
    await upsertSource(t.db, { id: 'kept', title: 'Kept', kind: 'csv', definition: kept, schedule: null });
    const keptRuns = async () =>
      (await runs()).filter((r) => r.origin === 'kept/data.csv' && r.status === 'succeeded');
    await mkdir(path.join(inbox, 'kept'), { recursive: true });
    await writeFile(path.join(inbox, 'kept', 'data.csv'), 'Kommun;Månad;Andel\n0884;2016-01;3,0\n');
    await until(keptRuns, (r) => r.length === 1);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await keptRuns()).toHaveLength(1);
    expect(await readdir(path.join(inbox, 'kept'))).toEqual(['data.csv']);

    await writeFile(path.join(inbox, 'kept', 'data.csv'), 'Kommun;Månad;Andel\n0884;2016-01;3,5\n');
    await until(keptRuns, (r) => r.length === 2);
  });
});

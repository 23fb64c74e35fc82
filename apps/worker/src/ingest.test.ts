import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { getRun, upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestSource } from './ingest.ts';

let t: TestDatabase;
let inbox: string;

const definition = (validation?: { min: number }) =>
  parseSourceDefinition({
    id: 'hash',
    title: 'Hash',
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: 'hash.csv' },
    mapping: {
      layout: 'long',
      indicator: { column: 'Nyckeltal' },
      area: { column: 'Kommun' },
      period: { column: 'År' },
      breakdown: { column: 'Kön' },
      value: { column: 'Värde' },
    },
    ...(validation ? { validation } : {}),
    load: { mode: 'upsert' },
  });

const file = (values: string[]) =>
  `Kommun;Nyckeltal;År;Kön;Värde\r\n${values.map((v, i) => `0586 Mjölby;test.hash;${2016 + i};T;${v}\r\n`).join('')}0586;test.hash;2016;T;1\r\n`;

const run = () =>
  ingestSource(
    { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
    { sourceId: 'hash', trigger: 'manual' },
  );
const factRuns = async () =>
  (
    await t.db.selectFrom('fact.indicator_values').select(['run_id', 'value']).orderBy('period_id').execute()
  ).map((r) => [Number(r.run_id), Number(r.value)]);

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-hash-'));
  await upsertIndicators(t.db, [
    { key: 'test.hash', title: 'Hash', unit: '', direction: 'higher', decimals: 1 },
  ]);
  await upsertSource(t.db, {
    id: 'hash',
    title: 'Hash',
    kind: 'csv',
    definition: definition(),
    schedule: null,
  });
});
afterAll(async () => {
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
});

describe('an input identical to the last successful run', () => {
  test('is recorded as a run with nothing to change, with the same counts and rejected rows', async () => {
    await writeFile(path.join(inbox, 'hash.csv'), file(['1,5', '2,5', 'x']));
    const first = await run();
    expect(first).toMatchObject({ inserted: 2, rejected: 2, identical_to_run: null });
    const before = await factRuns();

    const again = await run();
    expect(again).toMatchObject({
      status: 'succeeded',
      identical_to_run: first.run_id,
      rows_read: first.rows_read,
      loaded: 2,
      inserted: 0,
      updated: 0,
      unchanged: 2,
      rejected: 2,
    });
    expect(again.rows_read).toBe(again.loaded + again.skipped + again.rejected);
    expect(await factRuns()).toEqual(before);
    const stored = await getRun(t.db, again.run_id);
    expect(stored).toMatchObject({ status: 'succeeded', unchanged: 2, rejected: 2 });
    expect(stored?.details).toMatchObject({ identical_to_run: first.run_id });
    const rejected = await t.db
      .selectFrom('ops.rejected_rows')
      .select('line')
      .where('run_id', '=', again.run_id)
      .execute();
    expect(rejected).toHaveLength(2);
  });

  test('a changed file is read and merged, not short-circuited', async () => {
    await writeFile(path.join(inbox, 'hash.csv'), file(['1,5', '2,75', 'x']));
    const changed = await run();
    expect(changed).toMatchObject({ identical_to_run: null, inserted: 0, updated: 1, unchanged: 1 });
  });

  test('a changed definition is read and merged even when the file is the same', async () => {
    const same = await run();
    expect(same.identical_to_run).not.toBeNull();
    await upsertSource(t.db, {
      id: 'hash',
      title: 'Hash',
      kind: 'csv',
      definition: definition({ min: 2 }),
      schedule: null,
    });
    const redefined = await run();
    expect(redefined).toMatchObject({ identical_to_run: null, unchanged: 1, rejected: 3 });
  });

  test('a new indicator or area lookup is not short-circuited either', async () => {
    const same = await run();
    expect(same.identical_to_run).not.toBeNull();
    await upsertIndicators(t.db, [
      { key: 'test.other', title: 'Other', unit: '', direction: 'higher', decimals: 0 },
    ]);
    expect((await run()).identical_to_run).toBeNull();
  });
});

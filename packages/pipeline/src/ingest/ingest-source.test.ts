import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { getRun, upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestSource } from './ingest-source.ts';

let t: TestDatabase;
let inbox: string;

const definition = (validation?: { min: number; max_rejected_share?: number }) =>
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
      // Three of four values below the minimum: above the default limit, so this definition allows it.
      definition: definition({ min: 2, max_rejected_share: 1 }),
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

describe('loading the same file again, and a file with one value changed', () => {
  const revisions = parseSourceDefinition({
    id: 'revisions',
    title: 'Revisions',
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: 'rev/*.csv' },
    mapping: {
      layout: 'wide',
      indicator: { value: 'test.revisions' },
      area: { column: 'region' },
      wide: { columns: '^\\d{4}$', as: 'period' },
    },
    load: { mode: 'upsert' },
  });
  const runRevisions = () =>
    ingestSource(
      { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
      { sourceId: 'revisions', trigger: 'manual' },
    );
  /** Everything a run could touch, lineage included. */
  const warehouse = async () => ({
    facts: await t.db
      .selectFrom('fact.indicator_values')
      .selectAll()
      .where('source_id', '=', 'revisions')
      .orderBy('area_id')
      .orderBy('period_id')
      .execute(),
    history: await t.db
      .selectFrom('fact.indicator_value_history')
      .selectAll()
      .where('source_id', '=', 'revisions')
      .execute(),
    periods: await t.db.selectFrom('dim.periods').selectAll().orderBy('id').execute(),
  });
  const deliver = async (name: string, cells: string) => {
    await rm(path.join(inbox, 'rev'), { recursive: true, force: true });
    await mkdir(path.join(inbox, 'rev'), { recursive: true });
    await writeFile(
      path.join(inbox, 'rev', name),
      `region;2014;2015;2016\n0586 Mjölby;${cells}\n0884;1;2;3\n`,
    );
  };

  test('the same values twice leave the warehouse unchanged, even when the merge runs', async () => {
    await upsertIndicators(t.db, [
      { key: 'test.revisions', title: 'Revisions', unit: '', direction: 'higher', decimals: 0 },
    ]);
    await upsertSource(t.db, {
      id: 'revisions',
      title: 'Revisions',
      kind: 'csv',
      definition: revisions,
      schedule: null,
    });
    await deliver('a.csv', '26 245;26 440;26 602');
    const first = await runRevisions();
    expect(first).toMatchObject({ inserted: 6, updated: 0 });
    const before = await warehouse();

    // Same file: recorded as identical, nothing staged.
    const same = await runRevisions();
    expect(same).toMatchObject({ identical_to_run: first.run_id, inserted: 0, updated: 0, unchanged: 6 });
    expect(await warehouse()).toEqual(before);

    // The same values written differently (CRLF, no thousands spaces): not identical bytes, so the merge
    // runs, and still changes nothing, not even the lineage (run id, origin, loaded_at) of the facts.
    await rm(path.join(inbox, 'rev'), { recursive: true, force: true });
    await mkdir(path.join(inbox, 'rev'), { recursive: true });
    await writeFile(
      path.join(inbox, 'rev', 'a.csv'),
      'region;2014;2015;2016\r\n0586 Mjölby;26245;26440;26602\r\n0884;1;2;3\r\n',
    );
    const merged = await runRevisions();
    expect(merged).toMatchObject({ identical_to_run: null, inserted: 0, updated: 0, unchanged: 6 });
    expect(await warehouse()).toEqual(before);
  });

  test('one changed value creates exactly one revision, keeping the old value', async () => {
    const before = await warehouse();
    await deliver('a.csv', '26 245;26 440;26 611');
    const changed = await runRevisions();
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 5 });
    const after = await warehouse();
    expect(after.history).toHaveLength(1);
    const old = before.facts.find((f) => Number(f.value) === 26_602);
    expect(after.history[0]).toMatchObject({
      value: 26_602,
      run_id: old?.run_id,
      replaced_by_run_id: changed.run_id,
    });
    const revised = after.facts.filter(
      (f) =>
        !before.facts.some(
          (b) =>
            b.run_id === f.run_id &&
            Number(b.value) === Number(f.value) &&
            b.period_id === f.period_id &&
            b.area_id === f.area_id,
        ),
    );
    expect(revised.map((f) => [Number(f.value), f.run_id])).toEqual([[26_611, changed.run_id]]);
    expect(after.periods).toEqual(before.periods);
  });
});

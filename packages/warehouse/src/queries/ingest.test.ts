import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { upsertIndicators } from './indicators.ts';
import { type IngestTarget, runIngestTransaction, type StagedFact } from './ingest.ts';
import { createRun, getRun, recordRunSucceeded } from './runs.ts';
import { upsertSource } from './sources.ts';

let t: TestDatabase;
let indicatorId: number;
let mjolby: number;
let leksand: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await upsertIndicators(t.db, [
    { key: 'test.pop', title: 'Invånare', unit: 'invånare', direction: 'higher', decimals: 0 },
  ]);
  await upsertSource(t.db, { id: 'src', title: 'Test', kind: 'csv', definition: {}, schedule: null });
  const ids = await t.db
    .selectFrom('dim.areas')
    .select(['id', 'code'])
    .where('code', 'in', ['0586', '2029'])
    .execute();
  mjolby = ids.find((r) => r.code === '0586')?.id as number;
  leksand = ids.find((r) => r.code === '2029')?.id as number;
  indicatorId = (await t.db.selectFrom('dim.indicators').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.drop());

const fact = (areaId: number, month: number, value: number | null): StagedFact => {
  const start = `2016-${String(month).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(2016, month, 0)).toISOString().slice(0, 10);
  return {
    indicatorId,
    areaId,
    periodType: 'month',
    periodStart: start,
    periodEnd: end,
    periodLabel: `månad ${month} 2016`,
    breakdown: 'T',
    value,
    valueNote: value === null ? 'missing' : null,
  };
};

async function ingest(facts: StagedFact[], mode: IngestTarget['mode'] = 'upsert', fail = false) {
  const runId = await createRun(t.db, { sourceId: 'src', trigger: 'manual' });
  const result = await runIngestTransaction(
    t.pool,
    { runId, sourceId: 'src', origin: 'test.csv', mode },
    async (w) => {
      await w.writeFacts(facts);
      await w.writeRejections([
        {
          origin: 'test.csv',
          line: 9,
          column: 'Värde',
          raw: 'x',
          reasonSv: 'Inte ett tal',
          reasonEn: 'Not a number',
        },
      ]);
      if (fail) throw new Error('the file broke off');
    },
    (client, counts) =>
      recordRunSucceeded(client, runId, counts, {
        rowsRead: facts.length + 1,
        skipped: 0,
        rejected: 1,
        details: {},
      }),
  );
  return { runId, ...result.counts };
}

const factCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('fact.indicator_values')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('runIngestTransaction', () => {
  test('a first run inserts every fact and records lineage and counts', async () => {
    const r = await ingest([fact(mjolby, 1, 26_602), fact(mjolby, 2, 26_605), fact(leksand, 1, null)]);
    expect(r).toMatchObject({
      staged: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      touchedIndicatorIds: [indicatorId],
      changedIndicatorIds: [indicatorId],
    });
    const rows = await t.db.selectFrom('fact.indicator_values').selectAll().orderBy('period_id').execute();
    expect(rows.every((row) => row.run_id === r.runId && row.origin === 'test.csv')).toBe(true);
    expect(rows.find((row) => row.area_id === leksand)).toMatchObject({ value: null, value_note: 'missing' });
    expect(await getRun(t.db, r.runId)).toMatchObject({ status: 'succeeded', inserted: 3, rejected: 1 });
  });

  test('running the same input again adds no rows and changes no value or lineage', async () => {
    const before = await t.db.selectFrom('fact.indicator_values').selectAll().execute();
    const r = await ingest([fact(mjolby, 1, 26_602), fact(mjolby, 2, 26_605), fact(leksand, 1, null)]);
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await t.db.selectFrom('fact.indicator_values').selectAll().execute()).toEqual(before);
  });

  test('a revised value replaces the current one and keeps its predecessor in history', async () => {
    const r = await ingest([fact(mjolby, 2, 26_607)]);
    expect(r).toMatchObject({ inserted: 0, updated: 1 });
    const history = await t.db.selectFrom('fact.indicator_value_history').selectAll().execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ value: 26_605, replaced_by_run_id: r.runId });
  });

  test('a run that fails half-way changes nothing: no facts, no rejected rows', async () => {
    const factsBefore = await factCount();
    const rejectedBefore = (await t.db.selectFrom('ops.rejected_rows').selectAll().execute()).length;
    await expect(ingest([fact(mjolby, 3, 26_610)], 'upsert', true)).rejects.toThrow('the file broke off');
    expect(await factCount()).toBe(factsBefore);
    expect(await t.db.selectFrom('ops.rejected_rows').selectAll().execute()).toHaveLength(rejectedBefore);
  });

  test('periods first seen mid-stream and thousands of rejections between batches all land in one run', async () => {
    const runId = await createRun(t.db, { sourceId: 'src', trigger: 'manual' });
    const facts = Array.from({ length: 12 }, (_, m) => fact(leksand, m + 1, 100 + m));
    const result = await runIngestTransaction(
      t.pool,
      { runId, sourceId: 'src', origin: 'many.csv', mode: 'upsert', mayRepeatKeys: false },
      async (w) => {
        for (const f of facts) {
          await w.writeFacts([f]);
          await w.writeRejections(
            Array.from({ length: 500 }, (_, i) => ({
              origin: 'many.csv',
              line: i,
              column: null,
              raw: 'a\tb\nc',
              reasonSv: 'Fel',
              reasonEn: 'Wrong',
            })),
          );
        }
      },
      async () => {},
    );
    expect(result.counts).toMatchObject({ staged: 12, inserted: 11, updated: 1, unchanged: 0 });
    const rejected = await t.db
      .selectFrom('ops.rejected_rows')
      .select('raw')
      .where('run_id', '=', runId)
      .execute();
    expect(rejected).toHaveLength(6_000);
    expect(rejected[0]?.raw).toBe('a\tb\nc');
  });

  test('snapshot mode retires the values of this source that the input no longer has', async () => {
    const r = await ingest([fact(mjolby, 1, 26_602)], 'snapshot');
    expect(r).toMatchObject({ unchanged: 1, retired: 13 });
    expect(await factCount()).toBe(1);
  });

  test('a new indicator beside a known one: its facts go straight in, the known one is compared, lineage alike', async () => {
    await upsertIndicators(t.db, [
      { key: 'test.new', title: 'Ny', unit: 'st', direction: 'higher', decimals: 0 },
    ]);
    const newId = (
      await t.db
        .selectFrom('dim.indicators')
        .select('id')
        .where('key', '=', 'test.new')
        .executeTakeFirstOrThrow()
    ).id;
    const fresh = (month: number, value: number) => ({ ...fact(mjolby, month, value), indicatorId: newId });
    // Interleaved, so the COPY switches between the facts table and staging more than once.
    const r = await ingest([
      fresh(1, 10),
      fact(mjolby, 1, 26_602),
      fresh(2, 20),
      fact(mjolby, 4, 26_620),
      fresh(3, 30),
    ]);
    expect(r).toMatchObject({ staged: 5, inserted: 4, updated: 0, unchanged: 1 });
    expect(r.touchedIndicatorIds).toEqual([indicatorId, newId].sort((a, b) => a - b));
    const rows = await t.db
      .selectFrom('fact.indicator_values')
      .select(['indicator_id', 'value', 'run_id', 'source_id', 'origin', 'loaded_at'])
      .where('run_id', '=', r.runId)
      .orderBy('indicator_id')
      .orderBy('period_id')
      .execute();
    expect(rows.map((row) => [row.indicator_id, row.value])).toEqual([
      [indicatorId, 26_620],
      [newId, 10],
      [newId, 20],
      [newId, 30],
    ]);
    // One loaded_at per run: the transaction's, whichever way a fact went in.
    expect(new Set(rows.map((row) => String(row.loaded_at))).size).toBe(1);
    expect(rows.every((row) => row.source_id === 'src' && row.origin === 'test.csv')).toBe(true);

    // Loaded again, the new indicator is a known one: its facts are compared, not inserted twice.
    const again = await ingest([fresh(1, 10), fresh(2, 21), fresh(3, 30)], 'snapshot');
    expect(again).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
  });

  test('snapshot mode keeps the facts this run copied straight in', async () => {
    await upsertIndicators(t.db, [
      { key: 'test.snap', title: 'Snap', unit: 'st', direction: 'higher', decimals: 0 },
    ]);
    const snapId = (
      await t.db
        .selectFrom('dim.indicators')
        .select('id')
        .where('key', '=', 'test.snap')
        .executeTakeFirstOrThrow()
    ).id;
    const before = await factCount();
    expect(before).toBeGreaterThan(0);
    const r = await ingest([{ ...fact(leksand, 5, 7), indicatorId: snapId }], 'snapshot');
    expect(r).toMatchObject({ inserted: 1, retired: before });
    const left = await t.db.selectFrom('fact.indicator_values').select(['indicator_id', 'value']).execute();
    expect(left).toEqual([{ indicator_id: snapId, value: 7 }]);
  });

  test('a fact naming an area that does not exist fails the run and changes nothing', async () => {
    const before = await factCount();
    await expect(ingest([fact(mjolby, 6, 1), fact(999_999, 6, 2)])).rejects.toThrow(
      /id i dim\.areas som inte finns: 999999; inget lästes in/,
    );
    expect(await factCount()).toBe(before);
  });

  test('dimensions, sources and runs that facts refer to cannot be deleted or re-keyed', async () => {
    const row = await t.db
      .selectFrom('fact.indicator_values')
      .select(['indicator_id', 'area_id', 'period_id', 'run_id'])
      .executeTakeFirstOrThrow();
    const attempts = [
      sql`delete from dim.indicators where id = ${row.indicator_id}`,
      sql`delete from dim.areas where id = ${row.area_id}`,
      sql`update dim.periods set id = -1 where id = ${row.period_id}`,
      sql`delete from ops.runs where id = ${row.run_id}`,
      sql`delete from ops.sources where id = 'src'`,
    ];
    for (const attempt of attempts) {
      await expect(attempt.execute(t.db)).rejects.toThrow(/is still referenced by fact\.indicator_values/);
    }
    // A run whose value was replaced is still named in the history.
    const replacing = await t.db
      .selectFrom('fact.indicator_value_history')
      .select('replaced_by_run_id')
      .executeTakeFirstOrThrow();
    await sql`update fact.indicator_values set run_id = 0 where run_id = ${replacing.replaced_by_run_id}`.execute(
      t.db,
    );
    await expect(
      sql`delete from ops.runs where id = ${replacing.replaced_by_run_id}`.execute(t.db),
    ).rejects.toThrow(/is still referenced by fact\.indicator_value_history/);
    // Unreferenced rows go as before.
    await upsertIndicators(t.db, [
      { key: 'test.unused', title: 'Oanvänd', unit: '', direction: 'higher', decimals: 0 },
    ]);
    const gone = await sql`delete from dim.indicators where key = 'test.unused'`.execute(t.db);
    expect(gone.numAffectedRows).toBe(1n);
  });
});

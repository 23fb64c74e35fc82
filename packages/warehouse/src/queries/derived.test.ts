import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { countStaleDerivedValues, upsertDerivedIndicator } from './derived.ts';
import { upsertIndicators } from './indicators.ts';
import { runIngestTransaction, type StagedFact } from './ingest.ts';
import { createRun, recordRunSucceeded } from './runs.ts';
import { upsertSource } from './sources.ts';

let t: TestDatabase;
const ids = new Map<string, number>();
let mjolby: number;
let unitA: number;
let unitB: number;

const id = (key: string) => ids.get(key) as number;

function year(key: string, areaId: number, y: number, value: number | null): StagedFact {
  return {
    indicatorId: id(key),
    areaId,
    periodType: 'year',
    periodStart: `${y}-01-01`,
    periodEnd: `${y}-12-31`,
    periodLabel: String(y),
    breakdown: 'T',
    value,
    valueNote: value === null ? 'missing' : null,
  };
}

async function ingest(sourceId: string, facts: StagedFact[]) {
  const runId = await createRun(t.db, { sourceId, trigger: 'manual' });
  const { counts } = await runIngestTransaction(
    t.pool,
    { runId, sourceId, origin: `${sourceId}.csv`, mode: 'upsert' },
    (w) => w.writeFacts(facts),
    (client, c) =>
      recordRunSucceeded(client, runId, c, { rowsRead: facts.length, skipped: 0, rejected: 0, details: {} }),
  );
  return { runId, ...counts };
}

async function value(key: string, areaId: number, y: number) {
  return t.db
    .selectFrom('fact.indicator_values as f')
    .innerJoin('dim.periods as p', 'p.id', 'f.period_id')
    .select(['f.value', 'f.value_note', 'f.source_id', 'f.run_id', 'f.origin', 'f.loaded_at'])
    .where('f.indicator_id', '=', id(key))
    .where('f.area_id', '=', areaId)
    .where('p.start_date', '=', `${y}-01-01`)
    .where('p.type', '=', 'year')
    .executeTakeFirst();
}

beforeAll(async () => {
  t = await createTestDatabase();
  await upsertIndicators(t.db, [
    { key: 'test.pop', title: 'Invånare', unit: 'invånare', direction: 'higher', decimals: 0 },
    { key: 'test.cases', title: 'Ärenden', unit: 'st', direction: 'lower', decimals: 0 },
    { key: 'test.staff', title: 'Anställda', unit: 'st', direction: 'higher', decimals: 0 },
  ]);
  for (const r of await t.db.selectFrom('dim.indicators').select(['id', 'key']).execute())
    ids.set(r.key, r.id);
  for (const s of ['scb', 'verksamhet', 'hr']) {
    await upsertSource(t.db, { id: s, title: s, kind: 'csv', definition: {}, schedule: null });
  }
  mjolby = (
    await t.db.selectFrom('dim.areas').select('id').where('code', '=', '0586').executeTakeFirstOrThrow()
  ).id;
  const units = await t.db
    .insertInto('dim.areas')
    .values([
      { code: 'mjolby-ksf', name: 'KSF', type: 'org_unit', org_level: 'forvaltning', parent_id: mjolby },
      {
        code: 'mjolby-uf',
        name: 'Utbildning',
        type: 'org_unit',
        org_level: 'forvaltning',
        parent_id: mjolby,
      },
    ])
    .returning('id')
    .execute();
  unitA = units[0]?.id as number;
  unitB = units[1]?.id as number;
  await ingest('scb', [year('test.pop', mjolby, 2015, 26_400), year('test.pop', mjolby, 2016, 26_602)]);
  await ingest('verksamhet', [year('test.cases', mjolby, 2015, 264), year('test.cases', mjolby, 2016, 399)]);
  await ingest('hr', [year('test.staff', unitA, 2016, 120), year('test.staff', unitB, 2016, 800)]);
});
afterAll(() => t.drop());

describe('derived indicators', () => {
  test('per 1 000 inhabitants: computed when defined, with the formula and the newest input as lineage', async () => {
    const changed = await upsertDerivedIndicator(t.db, {
      key: 'test.cases-per-1000',
      title: 'Ärenden per 1 000 invånare',
      unit: '',
      direction: 'lower',
      decimals: 2,
      formula: 'per_1000',
      a: 'test.cases',
      b: 'test.pop',
    });
    ids.set('test.cases-per-1000', changed[0] as number);
    expect(changed).toHaveLength(1);
    const v = await value('test.cases-per-1000', mjolby, 2016);
    expect(v?.value).toBeCloseTo((399 * 1000) / 26_602, 9);
    expect(v?.origin).toBe('derived:per_1000(test.cases,test.pop)');
    // The cases were loaded after the population: their run is the newest input.
    expect(v?.source_id).toBe('verksamhet');
    expect((await value('test.cases-per-1000', mjolby, 2015))?.value).toBeCloseTo(10, 9);
  });

  test('the change since the year before, derived from a derived indicator', async () => {
    const changed = await upsertDerivedIndicator(t.db, {
      key: 'test.cases-per-1000-change',
      title: 'Förändring av ärenden per 1 000 invånare',
      unit: '',
      direction: 'lower',
      decimals: 2,
      formula: 'change',
      a: 'test.cases-per-1000',
    });
    ids.set('test.cases-per-1000-change', changed[0] as number);
    const v = await value('test.cases-per-1000-change', mjolby, 2016);
    expect(v?.value).toBeCloseTo((399 * 1000) / 26_602 - 10, 9);
    // No 2014 to compare 2015 with: no value, not a zero.
    expect(await value('test.cases-per-1000-change', mjolby, 2015)).toBeUndefined();
  });

  test('a revised input recomputes the chain in its own run, keeps the predecessor, and reports it changed', async () => {
    const run = await ingest('scb', [year('test.pop', mjolby, 2016, 26_611)]);
    expect(run.changedIndicatorIds).toEqual(
      [id('test.pop'), id('test.cases-per-1000'), id('test.cases-per-1000-change')].sort((a, b) => a - b),
    );
    const v = await value('test.cases-per-1000', mjolby, 2016);
    expect(v?.value).toBeCloseTo((399 * 1000) / 26_611, 9);
    expect(v).toMatchObject({ source_id: 'scb', run_id: run.runId });
    const pop = await value('test.pop', mjolby, 2016);
    // Never older than its newest input.
    if (!v || !pop) throw new Error('values missing');
    expect(v.loaded_at.getTime()).toBeGreaterThanOrEqual(pop.loaded_at.getTime());
    const history = await t.db
      .selectFrom('fact.indicator_value_history')
      .select(['value', 'replaced_by_run_id'])
      .where('indicator_id', '=', id('test.cases-per-1000'))
      .execute();
    expect(history).toHaveLength(1);
    expect(history[0]?.value).toBeCloseTo((399 * 1000) / 26_602, 9);
    expect(await countStaleDerivedValues(t.db)).toBe(0);
  });

  test('an unchanged input file changes no derived value', async () => {
    const run = await ingest('scb', [year('test.pop', mjolby, 2016, 26_611)]);
    expect(run.changedIndicatorIds).toEqual([]);
  });

  test('share a/b in percent; a zero denominator gives a missing value, not infinity', async () => {
    await upsertDerivedIndicator(t.db, {
      key: 'test.cases-share',
      title: 'Ärenden per invånare (%)',
      unit: '%',
      direction: 'lower',
      decimals: 1,
      formula: 'share',
      a: 'test.cases',
      b: 'test.pop',
    });
    ids.set(
      'test.cases-share',
      (
        await t.db
          .selectFrom('dim.indicators')
          .select('id')
          .where('key', '=', 'test.cases-share')
          .executeTakeFirstOrThrow()
      ).id,
    );
    expect((await value('test.cases-share', mjolby, 2015))?.value).toBeCloseTo(1, 9);
    await ingest('scb', [year('test.pop', mjolby, 2015, 0)]);
    expect(await value('test.cases-share', mjolby, 2015)).toMatchObject({
      value: null,
      value_note: 'missing',
    });
  });

  test('sum over units: the förvaltningar add up to the municipality', async () => {
    await upsertDerivedIndicator(t.db, {
      key: 'test.staff-total',
      title: 'Anställda totalt',
      unit: 'st',
      direction: 'higher',
      decimals: 0,
      formula: 'sum_units',
      a: 'test.staff',
    });
    ids.set(
      'test.staff-total',
      (
        await t.db
          .selectFrom('dim.indicators')
          .select('id')
          .where('key', '=', 'test.staff-total')
          .executeTakeFirstOrThrow()
      ).id,
    );
    expect((await value('test.staff-total', mjolby, 2016))?.value).toBe(920);
    await ingest('hr', [year('test.staff', unitB, 2016, 810)]);
    expect((await value('test.staff-total', mjolby, 2016))?.value).toBe(930);
  });

  test('bad definitions are refused with the reason', async () => {
    const base = { key: 'test.bad', title: 'x', unit: '', direction: 'higher' as const, decimals: 0 };
    await expect(
      upsertDerivedIndicator(t.db, { ...base, formula: 'share', a: 'test.cases' }),
    ).rejects.toThrow('Härlett mått test.bad: formeln share behöver en nämnare (b)');
    await expect(
      upsertDerivedIndicator(t.db, { ...base, formula: 'change', a: 'test.nothing' }),
    ).rejects.toThrow('Härlett mått test.bad: grundmåttet "test.nothing" (a) finns inte');
    // Refused as a whole: not even the indicator row was kept.
    expect(
      await t.db.selectFrom('dim.indicators').select('key').where('key', '=', 'test.bad').execute(),
    ).toEqual([]);
  });
});

// A plan file's derived_indicators, applied with the real migrations: defined and computed in the
// apply's transaction, re-applied without rewriting anything, and an unknown input applying nothing.
import {
  type PlanDefinition,
  PlanDefinitionError,
  parsePlanDefinition,
} from '@malkoll/goals/plan-definition';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { upsertIndicators } from './indicators.ts';
import { runIngestTransaction, type StagedFact } from './ingest.ts';
import { applyPlan } from './plans.ts';
import { createRun, recordRunSucceeded } from './runs.ts';
import { upsertSource } from './sources.ts';

let t: TestDatabase;
let mjolby: number;
const ids = new Map<string, number>();

function year(key: string, y: number, value: number): StagedFact {
  return {
    indicatorId: ids.get(key) as number,
    areaId: mjolby,
    periodType: 'year',
    periodStart: `${y}-01-01`,
    periodEnd: `${y}-12-31`,
    periodLabel: String(y),
    breakdown: 'T',
    value,
    valueNote: null,
  };
}

async function ingest(sourceId: string, facts: StagedFact[]) {
  const runId = await createRun(t.db, { sourceId, trigger: 'manual' });
  await runIngestTransaction(
    t.pool,
    { runId, sourceId, origin: `${sourceId}.csv`, mode: 'upsert' },
    (w) => w.writeFacts(facts),
    (client, c) =>
      recordRunSucceeded(client, runId, c, { rowsRead: facts.length, skipped: 0, rejected: 0, details: {} }),
  );
}

const PER_1000 = {
  key: 'mjolby.nyproducerade-per-1000',
  title: 'Nyproducerade bostäder per 1 000 invånare',
  formula: 'per_1000',
  a: 'mjolby.nyproducerade',
  // Not declared by the plan: loaded by a source, as the population is.
  b: 'befolkning.total',
  unit: 'st per 1 000 inv.',
  decimals: 1,
};

function planFile(overrides: { id?: string; derived?: Record<string, unknown>[]; decimals?: number } = {}) {
  return parsePlanDefinition({
    id: overrides.id ?? 'mjolby-bostader',
    name: 'Bostäder 2016',
    organisation: 'Mjölby kommun',
    area: '0586',
    start: '2015-01-01',
    end: '2016-12-31',
    follow_ups: ['2016-12-31'],
    indicators: [
      { key: 'mjolby.nyproducerade', title: 'Nyproducerade bostäder', unit: 'st', direction: 'higher' },
    ],
    derived_indicators: overrides.derived ?? [
      { ...PER_1000, ...(overrides.decimals === undefined ? {} : { decimals: overrides.decimals }) },
    ],
    goals: [
      {
        key: 'boende',
        kind: 'municipal_goal',
        title: 'Fler bostäder',
        indicators: [
          {
            indicator: 'mjolby.nyproducerade-per-1000',
            label: 'Nyproducerade bostäder per 1 000 invånare',
            kind: 'level',
            baseline: { value: 3, date: '2015-12-31' },
            target: { type: 'at_least', value: 4, date: '2016-12-31' },
          },
        ],
      },
    ],
  });
}

/** The derived indicator's rows with their physical row version (xmin): a rewrite changes it. */
async function derivedState(key: string) {
  const indicator = await t.db
    .selectFrom('dim.indicators')
    .select(['id', 'title', 'unit', 'decimals', sql<string>`xmin::text`.as('xmin')])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!indicator) return null;
  const definition = await t.db
    .selectFrom('dim.derived_indicators')
    .select(['formula', 'input_a', 'input_b', sql<string>`xmin::text`.as('xmin')])
    .where('indicator_id', '=', indicator.id)
    .executeTakeFirst();
  const values = await t.db
    .selectFrom('fact.indicator_values as f')
    .innerJoin('dim.periods as p', 'p.id', 'f.period_id')
    .select(['p.start_date', 'f.value', 'f.origin', sql<string>`f.xmin::text`.as('xmin')])
    .where('f.indicator_id', '=', indicator.id)
    .orderBy('p.start_date')
    .execute();
  return { indicator, definition, values };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await upsertIndicators(t.db, [
    { key: 'befolkning.total', title: 'Invånare', unit: 'invånare', direction: 'higher', decimals: 0 },
    {
      key: 'mjolby.nyproducerade',
      title: 'Nyproducerade bostäder',
      unit: 'st',
      direction: 'higher',
      decimals: 0,
    },
    { key: 'mjolby.ur-kalla', title: 'Från en källa', unit: 'st', direction: 'higher', decimals: 0 },
  ]);
  for (const r of await t.db.selectFrom('dim.indicators').select(['id', 'key']).execute())
    ids.set(r.key, r.id);
  for (const s of ['scb', 'bygglov']) {
    await upsertSource(t.db, { id: s, title: s, kind: 'csv', definition: {}, schedule: null });
  }
  mjolby = (
    await t.db.selectFrom('dim.areas').select('id').where('code', '=', '0586').executeTakeFirstOrThrow()
  ).id;
  await ingest('scb', [year('befolkning.total', 2015, 26_400), year('befolkning.total', 2016, 26_602)]);
  await ingest('bygglov', [
    year('mjolby.nyproducerade', 2015, 79),
    year('mjolby.nyproducerade', 2016, 112),
    year('mjolby.ur-kalla', 2016, 5),
  ]);
});
afterAll(() => t.drop());

describe('derived indicators declared in a plan file', () => {
  let applied: Awaited<ReturnType<typeof derivedState>>;

  test('applying the plan defines them and computes their values from the facts already loaded', async () => {
    const result = await applyPlan(t.db, planFile());
    applied = await derivedState('mjolby.nyproducerade-per-1000');
    expect(result.derivedIndicators).toBe(1);
    expect(result.derivedChanged).toEqual([applied?.indicator.id]);
    expect(applied?.indicator).toMatchObject({
      title: 'Nyproducerade bostäder per 1 000 invånare',
      unit: 'st per 1 000 inv.',
      decimals: 1,
    });
    expect(applied?.definition).toMatchObject({
      formula: 'per_1000',
      input_a: ids.get('mjolby.nyproducerade'),
      input_b: ids.get('befolkning.total'),
    });
    expect(applied?.values.map((v) => v.value)).toEqual([(79 * 1000) / 26_400, (112 * 1000) / 26_602]);
    expect(applied?.values[0]?.origin).toBe('derived:per_1000(mjolby.nyproducerade,befolkning.total)');
    // The goal links to it like to any other indicator.
    const link = await t.db
      .selectFrom('plan.goal_indicators')
      .select('indicator_id')
      .where('label', '=', 'Nyproducerade bostäder per 1 000 invånare')
      .executeTakeFirstOrThrow();
    expect(link.indicator_id).toBe(applied?.indicator.id);
  });

  test('re-applying the same file rewrites neither the definition nor a value', async () => {
    const result = await applyPlan(t.db, planFile());
    expect(result.derivedChanged).toEqual([]);
    expect(await derivedState('mjolby.nyproducerade-per-1000')).toEqual(applied);
  });

  test('a changed definition in the file updates the indicator; values change only if the formula does', async () => {
    const result = await applyPlan(t.db, planFile({ decimals: 2 }));
    expect(result.derivedChanged).toEqual([]);
    const after = await derivedState('mjolby.nyproducerade-per-1000');
    expect(after?.indicator.decimals).toBe(2);
    expect(after?.values).toEqual(applied?.values);

    const share = await applyPlan(
      t.db,
      planFile({
        derived: [
          {
            key: 'mjolby.nyproducerade-per-1000',
            formula: 'share',
            a: 'mjolby.nyproducerade',
            b: 'befolkning.total',
          },
        ],
      }),
    );
    expect(share.derivedChanged).toEqual([applied?.indicator.id]);
    const values = (await derivedState('mjolby.nyproducerade-per-1000'))?.values.map((v) => v.value);
    expect(values).toEqual([(79 * 100) / 26_400, (112 * 100) / 26_602]);
    await applyPlan(t.db, planFile());
  });

  test('a derived indicator built on another of the same file is computed from it', async () => {
    await applyPlan(
      t.db,
      planFile({
        id: 'mjolby-bostader-forandring',
        derived: [
          // Declared before the indicator it builds on.
          {
            key: 'mjolby.nyproducerade-per-1000-forandring',
            formula: 'change',
            a: 'mjolby.nyproducerade-per-1000-b',
          },
          {
            key: 'mjolby.nyproducerade-per-1000-b',
            formula: 'per_1000',
            a: 'mjolby.nyproducerade',
            b: 'befolkning.total',
          },
          PER_1000,
        ],
      }),
    );
    const change = await derivedState('mjolby.nyproducerade-per-1000-forandring');
    expect(change?.values).toHaveLength(1);
    expect(change?.values[0]?.value).toBeCloseTo((112 * 1000) / 26_602 - (79 * 1000) / 26_400, 9);
  });

  async function expectNothingApplied(plan: PlanDefinition, path: string, message: RegExp) {
    const before = await t.db.selectFrom('plan.plans').select(['id', 'definition']).orderBy('id').execute();
    const indicatorsBefore = await t.db.selectFrom('dim.indicators').select('key').orderBy('key').execute();
    let thrown: unknown;
    try {
      await applyPlan(t.db, plan);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlanDefinitionError);
    const issue = (thrown as PlanDefinitionError).issues[0];
    expect(issue?.path).toBe(path);
    expect(issue?.message).toMatch(message);
    expect(await t.db.selectFrom('plan.plans').select(['id', 'definition']).orderBy('id').execute()).toEqual(
      before,
    );
    expect(await t.db.selectFrom('dim.indicators').select('key').orderBy('key').execute()).toEqual(
      indicatorsBefore,
    );
  }

  test('an unknown base indicator is an error with its field path, and nothing of the plan is applied', async () => {
    const plan = planFile({
      id: 'mjolby-ny',
      derived: [
        PER_1000,
        { key: 'mjolby.ny-per-1000', formula: 'per_1000', a: 'mjolby.nyproducerade', b: 'befolkning.totalt' },
      ],
    });
    await expectNothingApplied(
      plan,
      'derived_indicators.1.b',
      /^Härlett mått mjolby\.ny-per-1000: grundmåttet "befolkning\.totalt" \(b\) finns inte/,
    );
    expect(await t.db.selectFrom('plan.plans').select('id').where('id', '=', 'mjolby-ny').execute()).toEqual(
      [],
    );
  });

  test('an already applied plan stays as it was when its new version names an unknown base', async () => {
    const plan = planFile({
      derived: [
        { key: 'mjolby.nyproducerade-per-1000', formula: 'per_1000', a: 'saknas', b: 'befolkning.total' },
      ],
    });
    const before = await derivedState('mjolby.nyproducerade-per-1000');
    await expectNothingApplied(plan, 'derived_indicators.0.a', /grundmåttet "saknas" \(a\) finns inte/);
    expect(await derivedState('mjolby.nyproducerade-per-1000')).toEqual(before);
    expect(before?.definition?.input_a).toBe(ids.get('mjolby.nyproducerade'));
  });

  test('a key that holds values from a source is not turned into a derived indicator', async () => {
    const plan = planFile({
      id: 'mjolby-kalla',
      derived: [PER_1000, { key: 'mjolby.ur-kalla', formula: 'change', a: 'mjolby.nyproducerade' }],
    });
    await expectNothingApplied(plan, 'derived_indicators.1.key', /har redan värden från en källa/);
    const kept = await t.db
      .selectFrom('fact.indicator_values')
      .select('value')
      .where('indicator_id', '=', ids.get('mjolby.ur-kalla') as number)
      .execute();
    expect(kept).toEqual([{ value: 5 }]);
  });
});

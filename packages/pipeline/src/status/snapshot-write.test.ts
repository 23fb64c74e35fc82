// Snapshot writing: the COPY path (a transaction whose connection createPool knows) and the JSON path (any
// other Kysely) store the same thing for awkward text, agree on the content hash, and an engine failing
// half-way through a COPY rolls back cleanly and leaves the connection usable.
import { parsePlanDefinition } from '@malkoll/goals/plan-definition';
import {
  applyPlan,
  clientOfTransaction,
  type DB,
  type StatusSnapshotInput,
  writeStatusSnapshots,
} from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';

let t: TestDatabase;
let plain: Kysely<DB>;
let linkId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await applyPlan(
    t.db,
    parsePlanDefinition({
      id: 'p',
      name: 'Plan',
      organisation: 'Mjölby kommun',
      area: '0586',
      start: '2016-01-01',
      end: '2016-12-31',
      follow_ups: ['2016-04-30'],
      indicators: [{ key: 'test.x', title: 'X', unit: '%', direction: 'higher', decimals: 1 }],
      goals: [
        {
          key: 'g',
          kind: 'municipal_goal',
          title: 'Mål',
          indicators: [
            {
              indicator: 'test.x',
              label: 'X',
              kind: 'level',
              baseline: { value: 1, date: '2016-01-01' },
              target: { type: 'at_least', value: 2, date: '2016-12-31' },
            },
          ],
        },
      ],
    }),
  );
  linkId = (await t.db.selectFrom('plan.goal_indicators').select('id').executeTakeFirstOrThrow()).id;
  // A Kysely over a pool createPool did not make: its transactions cannot be matched to a client.
  plain = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 1 }) }),
  });
}, 60_000);
afterAll(async () => {
  await plain.destroy();
  await t.drop();
});

const awkward = (asOf: string): StatusSnapshotInput => ({
  linkId,
  asOf,
  status: 'on_track',
  currentValue: 14.5,
  currentPeriodEnd: '2016-03-31',
  currentPeriodLabel: 'mars\t2016',
  expectedValue: Number.NaN, // JSON has no NaN: stored as null on both paths
  progress: 1e-7,
  expectedProgress: null,
  rule: 'level_threshold',
  explanation: 'Rad ett\nrad två\r\n"citat" och \\N och en tab\there',
  explanationEn: 'C:\\temp\\new ,"forecast_value": 1',
  inputs: {
    note: 'a "quoted" \\ backslash,\t tab, \n newline and ,"forecast_value":2 inside',
    nested: { inputs: [1, 'x'] },
  },
  forecastValue: null,
  forecastReachesTargetOn: null,
  forecastText: 'Prognos (14,5 %)\\',
});

async function stored(asOf: string) {
  const row = await sql<Record<string, unknown>>`
    select status, current_value::text, current_period_end::text, current_period_label,
           expected_value::text, progress::text, expected_progress::text, rule, explanation,
           explanation_en, inputs, forecast_value::text, forecast_reaches_target_on::text, forecast_text
    from ops.status_snapshots where goal_indicator_id = ${linkId} and as_of = ${asOf}::date`.execute(t.db);
  expect(row.rows).toHaveLength(1);
  return row.rows[0];
}

test('a transaction of createPool finds its client; one of another pool does not', async () => {
  expect(await t.db.transaction().execute((trx) => clientOfTransaction(trx))).not.toBeNull();
  expect(await plain.transaction().execute((trx) => clientOfTransaction(trx))).toBeNull();
});

test('COPY and JSON paths store awkward text identically and agree on the content hash', async () => {
  expect(await writeStatusSnapshots(t.db, [awkward('2016-04-30')])).toEqual({ written: 1, unchanged: 0 });
  expect(await writeStatusSnapshots(plain, [awkward('2016-05-31')])).toEqual({ written: 1, unchanged: 0 });
  const viaCopy = await stored('2016-04-30');
  expect(viaCopy).toEqual(await stored('2016-05-31'));
  expect(viaCopy?.explanation).toBe(awkward('x').explanation);
  expect(viaCopy?.explanation_en).toBe(awkward('x').explanationEn);
  expect(viaCopy?.current_period_label).toBe('mars\t2016');
  expect(viaCopy?.forecast_text).toBe('Prognos (14,5 %)\\');
  expect(viaCopy?.inputs).toEqual(awkward('x').inputs);
  expect(viaCopy?.expected_value).toBeNull();
  expect(viaCopy?.progress).toBe('0.0000001');
  // Each path recognises what the other wrote as unchanged: the hash is the same.
  expect(await writeStatusSnapshots(plain, [awkward('2016-04-30')])).toEqual({ written: 0, unchanged: 1 });
  expect(await writeStatusSnapshots(t.db, [awkward('2016-05-31')])).toEqual({ written: 0, unchanged: 1 });
  // And a change is written again by the COPY path.
  const changed = { ...awkward('2016-04-30'), status: 'at_risk' };
  expect(await writeStatusSnapshots(t.db, [changed])).toEqual({ written: 1, unchanged: 0 });
  expect((await stored('2016-04-30'))?.status).toBe('at_risk');
});

test('an engine failing half-way through the COPY rolls back and leaves the connections usable', async () => {
  const before = await sql<{ n: number }>`select count(*)::int as n from ops.status_snapshots`.execute(t.db);
  function* failing(): Generator<StatusSnapshotInput> {
    // Enough rows for several COPY chunks to be on their way before the failure.
    for (let d = 1; d <= 28; d++)
      yield { ...awkward(`2016-02-${String(d).padStart(2, '0')}`), explanation: 'x'.repeat(20_000) };
    throw new Error('engine failed');
  }
  // Streamed (what is stored is given, so the rows are not collected first); more attempts than the pool
  // has connections: a connection left in COPY state would show.
  for (let i = 0; i < 7; i++) {
    await expect(writeStatusSnapshots(t.db, failing(), { stored: [] })).rejects.toThrow('engine failed');
  }
  const after = await sql<{ n: number }>`select count(*)::int as n from ops.status_snapshots`.execute(t.db);
  expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  expect(await writeStatusSnapshots(t.db, [awkward('2016-06-30')])).toEqual({ written: 1, unchanged: 0 });
});

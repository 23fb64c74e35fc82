// `malkoll plans apply` with a plan file that declares a derived indicator and links a goal to it: the
// values are computed from facts already loaded and the link gets a status, as a steward would see it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, runCli } from '@malkoll/testing';
import {
  createRun,
  recordRunSucceeded,
  runIngestTransaction,
  type StagedFact,
  upsertIndicators,
  upsertSource,
} from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';

let t: TestDatabase;
let env: NodeJS.ProcessEnv;
let dir: string;

const plan = (b: string) => `
id: mjolby-bostader
name: Bostäder 2016
organisation: Mjölby kommun
area: "0586"
start: 2015-01-01
end: 2016-12-31
follow_ups: [2016-12-31]
indicators:
  - { key: mjolby.nyproducerade, title: Nyproducerade bostäder, unit: st, direction: higher }
derived_indicators:
  - key: mjolby.nyproducerade-per-1000
    title: Nyproducerade bostäder per 1 000 invånare
    formula: per_1000
    a: mjolby.nyproducerade
    b: ${b}
    unit: st per 1 000 inv.
    decimals: 1
goals:
  - key: boende
    kind: municipal_goal
    title: Fler bostäder
    indicators:
      - indicator: mjolby.nyproducerade-per-1000
        label: Nyproducerade bostäder per 1 000 invånare
        kind: level
        baseline: { value: 3, date: 2015-12-31 }
        target: { type: at_least, value: 4, date: 2016-12-31 }
`;

beforeAll(async () => {
  t = await createTestDatabase();
  env = await isolatedEnv(t.url);
  dir = await mkdtemp(path.join(os.tmpdir(), 'malkoll-plans-derived-'));
  await upsertIndicators(t.db, [
    { key: 'befolkning.total', title: 'Invånare', unit: 'invånare', direction: 'higher', decimals: 0 },
    {
      key: 'mjolby.nyproducerade',
      title: 'Nyproducerade bostäder',
      unit: 'st',
      direction: 'higher',
      decimals: 0,
    },
  ]);
  const ids = new Map(
    (await t.db.selectFrom('dim.indicators').select(['id', 'key']).execute()).map((r) => [r.key, r.id]),
  );
  const mjolby = (
    await t.db.selectFrom('dim.areas').select('id').where('code', '=', '0586').executeTakeFirstOrThrow()
  ).id;
  const year = (key: string, y: number, value: number): StagedFact => ({
    indicatorId: ids.get(key) as number,
    areaId: mjolby,
    periodType: 'year',
    periodStart: `${y}-01-01`,
    periodEnd: `${y}-12-31`,
    periodLabel: String(y),
    breakdown: 'T',
    value,
    valueNote: null,
  });
  await upsertSource(t.db, {
    id: 'statistik',
    title: 'statistik',
    kind: 'csv',
    definition: {},
    schedule: null,
  });
  const facts = [
    year('befolkning.total', 2015, 26_400),
    year('befolkning.total', 2016, 26_602),
    year('mjolby.nyproducerade', 2015, 79),
    year('mjolby.nyproducerade', 2016, 112),
  ];
  const runId = await createRun(t.db, { sourceId: 'statistik', trigger: 'manual' });
  await runIngestTransaction(
    t.pool,
    { runId, sourceId: 'statistik', origin: 'statistik.csv', mode: 'upsert' },
    (w) => w.writeFacts(facts),
    (client, c) =>
      recordRunSucceeded(client, runId, c, { rowsRead: facts.length, skipped: 0, rejected: 0, details: {} }),
  );
});
afterAll(async () => {
  await t.drop();
});

test('plans apply: a goal linked to a derived indicator of the same file gets a status from the computed values', async () => {
  const file = path.join(dir, 'mjolby-bostader.yaml');
  await writeFile(file, plan('befolkning.total'));
  const r = await runCli(['plans', 'apply', file], env);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('mjolby-bostader: 1 goals, 1 indicator links');
  expect(r.stdout).toContain('1 derived indicators (1 with changed values)');
  const status = await sql<{ as_of: string; current_value: number; status: string }>`
    select as_of::text, current_value, status from mart.goal_status
    where plan_id = 'mjolby-bostader' and indicator_key = 'mjolby.nyproducerade-per-1000'
    order by as_of`.execute(t.db);
  expect(status.rows).toHaveLength(1);
  expect(status.rows[0]?.as_of).toBe('2016-12-31');
  expect(status.rows[0]?.current_value).toBeCloseTo((112 * 1000) / 26_602, 9);
  expect(status.rows[0]?.status).toBe('achieved');

  const again = await runCli(['plans', 'apply', file], env);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toContain('1 derived indicators (0 with changed values)');
});

test('plans apply: an unknown base indicator names the field and leaves the applied plan as it was', async () => {
  const file = path.join(dir, 'mjolby-bostader-fel.yaml');
  await writeFile(file, plan('befolkning.totalt'));
  const r = await runCli(['plans', 'apply', file], env);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    'derived_indicators.0.b: Härlett mått mjolby.nyproducerade-per-1000: grundmåttet "befolkning.totalt" (b) finns inte',
  );
  const stored = await t.db
    .selectFrom('dim.derived_indicators as d')
    .innerJoin('dim.indicators as b', 'b.id', 'd.input_b')
    .select('b.key')
    .executeTakeFirstOrThrow();
  expect(stored.key).toBe('befolkning.total');
});

// The demo's derived indicator: Vimmerby's plan declares the population change since the year before
// (formula change over Kolada N01951); the recorded Kolada run loads the population and the change is
// computed in that run, so the goal link gets a status without any further step.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, runCli } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';

let t: TestDatabase;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  t = await createTestDatabase();
  env = {
    ...(await isolatedEnv(t.url)),
    MALKOLL_API_MODE: 'recorded',
    MALKOLL_RECORDED: await mkdtemp(path.join(os.tmpdir(), 'malkoll-recorded-')),
  };
});
afterAll(async () => {
  await t.drop();
  await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
  await rm(env.MALKOLL_RECORDED as string, { recursive: true, force: true });
});

test('demo: Vimmerby’s population change is derived from the Kolada run and its goal link has a status', async () => {
  const demo = await runCli(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
  expect(demo.stdout).toContain('vimmerby-2021: 2 goals, 3 indicator links');
  expect(demo.stdout).toContain('1 derived indicators');
  const run = await runCli(['sources', 'run', 'kolada-befolkning', '--wait'], env);
  expect(run.code, run.stderr).toBe(0);
  const rows = await sql<{ as_of: string; current_value: number | null; status: string }>`
    select as_of::text, current_value, status from mart.goal_status
    where plan_id = 'vimmerby-2021' and indicator_key = 'befolkning.forandring-per-ar'
    order by as_of`.execute(t.db);
  // Recorded (synthetic) population: 15 501 at the end of 2020, 15 532 at the end of 2021.
  expect(rows.rows[0]).toEqual({ as_of: '2021-12-31', current_value: 31, status: 'off_track' });
  expect(rows.rows).toHaveLength(5);
  expect(rows.rows.every((r) => r.current_value !== null)).toBe(true);
}, 60_000);

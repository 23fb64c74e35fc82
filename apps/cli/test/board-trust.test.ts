// `malkoll status assess` and `malkoll indicators break` against the demo plan in a real Postgres, through
// the real CLI process: what is stored, what is audited, and the Swedish errors for what is missing.
import { rm } from 'node:fs/promises';
import { isolatedEnv, runCli } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

let t: TestDatabase;
let env: NodeJS.ProcessEnv;
const assess = [
  'status',
  'assess',
  '--plan',
  'mjolby-ks-2016',
  '--goal',
  'boende.ks',
  '--indicator',
  'mjolby.invanare',
];

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
  env = await isolatedEnv(t.url);
  const demo = await runCli(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await t?.drop();
  if (env) await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
});

test("the nämnd's assessment is stored with its reason and audited under the operator's name", async () => {
  const r = await runCli(
    [...assess, '--as-of', '2016-04-30', '--status', 'Ej i fas', '--reason', 'Byggstarter har skjutits upp.'],
    env,
  );
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('Nämndens bedömning per 2016-04-30: Ej i fas (Byggstarter har skjutits upp.)');
  const rows = await t.db.selectFrom('plan.assessments').select(['status', 'reason', 'actor_name']).execute();
  expect(rows).toEqual([
    {
      status: 'off_track',
      reason: 'Byggstarter har skjutits upp.',
      actor_name: expect.stringMatching(/^cli:/),
    },
  ]);
  const audit = await t.db
    .selectFrom('ops.plan_audit')
    .select(['entity', 'field'])
    .where('entity', '=', 'assessment')
    .execute();
  expect(audit.map((a) => a.field).sort()).toEqual(['reason', 'status']);
  // --clear removes it.
  const cleared = await runCli([...assess, '--as-of', '2016-04-30', '--clear'], env);
  expect(cleared.code, cleared.stderr).toBe(0);
  expect(await t.db.selectFrom('plan.assessments').selectAll().execute()).toEqual([]);
}, 60_000);

test('an unknown status, a missing reason and a date that is no follow-up are refused in Swedish', async () => {
  const unknown = await runCli([...assess, '--as-of', '2016-04-30', '--status', 'röd', '--reason', 'x'], env);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('--status "röd": okänd status');
  const noReason = await runCli([...assess, '--as-of', '2016-04-30', '--status', 'Risk'], env);
  expect(noReason.code).toBe(1);
  expect(noReason.stderr).toContain('Skriv nämndens motivering');
  const notFollowUp = await runCli(
    [...assess, '--as-of', '2016-05-31', '--status', 'Risk', '--reason', 'x'],
    env,
  );
  expect(notFollowUp.code).toBe(1);
  expect(notFollowUp.stderr).toContain('är inte ett av planens uppföljningsdatum');
}, 60_000);

test('a series break is declared with its reason and successor, and removed again', async () => {
  const missing = await runCli(['indicators', 'break', 'mjolby.invanare', '--date', '2016-01-01'], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('Ange --reason');
  const r = await runCli(
    ['indicators', 'break', 'mjolby.invanare', '--date', '2016-01-01', '--reason', 'Ny folkbokföringsmetod'],
    env,
  );
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('Seriebrott 2016-01-01 i mjolby.invanare');
  const rows = await t.db.selectFrom('dim.series_breaks').select(['break_date', 'reason']).execute();
  expect(rows).toEqual([{ break_date: '2016-01-01', reason: 'Ny folkbokföringsmetod' }]);
  const removed = await runCli(
    ['indicators', 'break', 'mjolby.invanare', '--date', '2016-01-01', '--remove'],
    env,
  );
  expect(removed.code, removed.stderr).toBe(0);
  expect(await t.db.selectFrom('dim.series_breaks').selectAll().execute()).toEqual([]);
}, 90_000);

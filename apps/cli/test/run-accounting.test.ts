import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, runCli } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/*
 * What a steward sees of a run's rows, values and rejections, through the real command: the run summary
 * (text and --json), the exit code (non-zero only for a failure), `runs` and `runs --night`.
 */
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
let work: string;
const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

/** Ten rows of one indicator for Mjölby, the first `bad` of them with a value that is not a number. */
async function delivery(name: string, bad: number): Promise<string> {
  const rows = Array.from({ length: 10 }, (_, i) => `0586;${2001 + i};${i < bad ? 'okänt' : i + 1}`);
  const file = path.join(work, name);
  await writeFile(file, `Kommun;År;Värde\n${rows.join('\n')}\n`);
  return file;
}

beforeAll(async () => {
  t = await createTestDatabase();
  env = await isolatedEnv(t.url);
  work = await mkdtemp(path.join(os.tmpdir(), 'malkoll-cli-accounting-'));
  // No validation.max_rejected_share: the default limit applies.
  const definition = {
    id: 'konto',
    title: 'Konto',
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: 'konto/*.csv', move_processed: true },
    mapping: {
      layout: 'long',
      indicator: { value: 'konto.varde' },
      area: { column: 'Kommun' },
      period: { column: 'År' },
      value: { column: 'Värde' },
    },
    indicators: [{ key: 'konto.varde', title: 'Värde', unit: 'st' }],
  };
  await writeFile(path.join(work, 'konto.json'), JSON.stringify(definition));
  const applied = await runCli(['sources', 'apply', path.join(work, 'konto.json')], env);
  expect(applied.code, applied.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await t.drop();
  await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

describe('sources run --wait', () => {
  test('10 % rejected: exit 0, "lyckades med varning", the rows and the values apart', async () => {
    const r = await runCli(
      ['sources', 'run', 'konto', '--file', await delivery('tio.csv', 1), '--wait'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const runId = /^Körning (\d+) av konto: lyckades med varning$/m.exec(r.stdout)?.[1];
    expect(runId, r.stdout).toBeDefined();
    expect(nbsp(r.stdout)).toBe(
      [
        `Körning ${runId} av konto: lyckades med varning`,
        '  Varning: Lyckades med 1 avvisad rad (10 % av värdena avvisades; över 50 % misslyckas körningen)',
        '  Filer: konto/tio.csv',
        '  Rader: 10 lästa = 9 inlästa + 0 överhoppade + 1 avvisade · Värden: 9 nya, 0 ändrade, 0 oförändrade, 1 avvisade',
        `  Avvisade rader och värden: pnpm malkoll runs rejected ${runId}`,
        `  Flyttad till: konto/processed/tio.run-${runId}.csv`,
        '',
      ].join('\n'),
    );
  });

  test('--json: the warning, the rows and the values; the status stays succeeded and the exit code 0', async () => {
    // The same values under another name: read and merged again, so all nine are unchanged.
    const file = await delivery('tio-igen.csv', 1);
    const r = await runCli(['sources', 'run', 'konto', '--file', file, '--wait', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      status: 'succeeded',
      warning: 'Lyckades med 1 avvisad rad (10 % av värdena avvisades; över 50 % misslyckas körningen)',
      rows_read: 10,
      rows_loaded: 9,
      rows_skipped: 0,
      rows_rejected: 1,
      values_inserted: 0,
      values_updated: 0,
      values_unchanged: 9,
      values_rejected: 1,
    });
  });

  test('60 % rejected: exit 1, the share and where to look, and nothing loaded', async () => {
    const file = await delivery('sextio.csv', 6);
    const r = await runCli(['sources', 'run', 'konto', '--file', file, '--wait'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: För många avvisade värden: 60 % \(6 av 10\) är över standardgränsen 50 % \(ändra med validation\.max_rejected_share i källans definition\); inget lästes in\. 6 av 10 rader avvisades; se varför med `malkoll runs rejected \d+`/m,
    );
    const failedRun = Number(/runs rejected (\d+)/.exec(r.stderr)?.[1]);
    const rejected = await runCli(['runs', 'rejected', String(failedRun)], env);
    expect(rejected.stdout.trim().split('\n')).toHaveLength(6);

    const json = await runCli(
      ['sources', 'run', 'konto', '--file', await delivery('sextio-igen.csv', 6), '--wait', '--json'],
      env,
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 'failed',
      rows_read: 10,
      rows_loaded: 4,
      rows_rejected: 6,
      values_inserted: 0,
      values_rejected: 6,
      error: expect.stringMatching(/^För många avvisade värden: 60 %/),
    });
    // The nine values of the earlier run stand.
    const stored = await t.db.selectFrom('fact.indicator_values').select('value').execute();
    expect(stored.map((v) => Number(v.value)).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('runs', () => {
  test('lists the latest runs with rows, values, warning or error; --json gives the same as data', async () => {
    const r = await runCli(['runs', '--source', 'konto', '--limit', '2'], env);
    expect(r.code, r.stderr).toBe(0);
    const lines = nbsp(r.stdout).split('\n');
    expect(lines[0]).toMatch(
      /^Körning \d+ av konto \(manuellt, \d{4}-\d{2}-\d{2} \d{2}:\d{2}\): misslyckades$/,
    );
    expect(lines[1]).toBe(
      '  Filen gav (inget lästes in): Rader: 10 lästa = 4 inlästa + 0 överhoppade + 6 avvisade · Värden: 0 nya, 0 ändrade, 0 oförändrade, 6 avvisade',
    );
    expect(lines[2]).toMatch(/^ {2}Fel: För många avvisade värden: 60 %/);
    expect(lines[3]).toMatch(/^Körning \d+ av konto \(manuellt, .*\): misslyckades$/);

    const all = JSON.parse((await runCli(['runs', '--source', 'konto', '--json'], env)).stdout) as {
      status: string;
      warning: string | null;
    }[];
    expect(all.map((x) => [x.status, x.warning !== null])).toEqual([
      ['failed', false],
      ['failed', false],
      ['succeeded', true],
      ['succeeded', true],
    ]);
  });
});

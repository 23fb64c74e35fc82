import { readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, repoRoot, runCli } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/*
 * The steward's path through the real command against a real database: detect → apply → run with no
 * edits in between, for the two exports the issue names, and check writing nothing.
 */
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
const work = path.join(os.tmpdir(), `malkoll-steward-${process.pid}`);
const fixture = (name: string) => path.join(repoRoot, 'packages/sources/fixtures', name);

async function mart(sourceId: string) {
  const r = await sql<{ line: string }>`
    select concat_ws(' ', indicator_key, area_code, period_label, breakdown, coalesce(value::text, value_note)) as line
    from mart.indicator_values where source_id = ${sourceId}
    order by area_code, period_start, breakdown`.execute(t.db);
  return r.rows.map((x) => x.line);
}

async function detectApplyRun(file: string, id: string) {
  const detected = await runCli(['sources', 'detect', fixture(file), '--json', '--id', id], env);
  expect(detected.code, detected.stderr).toBe(0);
  const definitionFile = path.join(work, `${id}.json`);
  await writeFile(definitionFile, detected.stdout);
  const applied = await runCli(['sources', 'apply', definitionFile], env);
  expect(applied.code, applied.stderr).toBe(0);
  expect(applied.stdout).toContain(`${id}: created`);
  const ran = await runCli(['sources', 'run', id, '--file', fixture(file), '--wait', '--json'], env);
  expect(ran.code, ran.stderr).toBe(0);
  return { definition: JSON.parse(detected.stdout), summary: JSON.parse(ran.stdout) };
}

beforeAll(async () => {
  t = await createTestDatabase();
  env = await isolatedEnv(t.url);
  await rm(work, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(work, { recursive: true }));
});
afterAll(async () => {
  await t.drop();
  await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

describe('detect → apply → run with no edits', () => {
  test('an SCB-style wide CSV in Latin-1 loads every value', async () => {
    const { definition, summary } = await detectApplyRun('scb-wide-latin1.csv', 'scb-folkmangd');
    expect(definition.mapping).toMatchObject({ layout: 'wide', wide: { as: 'period' } });
    expect(summary).toMatchObject({
      status: 'succeeded',
      rows_read: 5,
      loaded: 9,
      inserted: 9,
      rejected: 0,
      skipped: 2,
    });
    expect(await mart('scb-folkmangd')).toEqual([
      'scb-folkmangd.folkmangd 0512 2014 T 3666',
      'scb-folkmangd.folkmangd 0512 2015 T 3687',
      'scb-folkmangd.folkmangd 0512 2016 T 3718',
      'scb-folkmangd.folkmangd 0586 2014 T 26245',
      'scb-folkmangd.folkmangd 0586 2015 T 26440',
      'scb-folkmangd.folkmangd 0586 2016 T 26602',
      'scb-folkmangd.folkmangd 0884 2014 T 15318',
      'scb-folkmangd.folkmangd 0884 2015 T 15417',
      'scb-folkmangd.folkmangd 0884 2016 T 15465',
    ]);
    // The folder inbox moved the delivered copy to processed/ with the run id.
    const processed = await readdir(path.join(env.MALKOLL_INBOX as string, 'scb-folkmangd', 'processed'));
    expect(processed).toEqual([`scb-wide-latin1.run-${summary.run_id}.csv`]);
  });

  test('an Excel-saved CSV with BOM, semicolons and decimal commas loads with T/K/M and notes', async () => {
    const { summary } = await detectApplyRun('excel-bom-semicolon.csv', 'excel-nojdhet');
    expect(summary).toMatchObject({ status: 'succeeded', rows_read: 7, loaded: 6, rejected: 0, skipped: 1 });
    expect(await mart('excel-nojdhet')).toEqual([
      'excel-nojdhet.andel-nojda 0586 2016 K 97.1',
      'excel-nojdhet.andel-nojda 0586 2016 M 95.8',
      'excel-nojdhet.andel-nojda 0586 2016 T 96.5',
      'excel-nojdhet.andel-nojda 2029 2016 K missing',
      'excel-nojdhet.andel-nojda 2029 2016 M suppressed',
      'excel-nojdhet.andel-nojda 2029 2016 T 88',
    ]);
  });

  test('unknown internal units are proposed as org units, created on apply and loaded', async () => {
    const sample = path.join(work, 'sjukfranvaro.csv');
    await writeFile(
      sample,
      'Förvaltning;Månad;Sjukfrånvaro\nTekniska förvaltningen;2016-01;4,5 %\nSocialnämnden;2016-01;7,1 %\n',
    );
    const human = await runCli(['sources', 'detect', sample], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('föreslås som nya enheter');
    expect(human.stdout).toContain('tekniska-forvaltningen  "Tekniska förvaltningen" (forvaltning)');
    const detected = await runCli(['sources', 'detect', sample, '--json'], env);
    await writeFile(path.join(work, 'sjukfranvaro.json'), detected.stdout);
    expect((await runCli(['sources', 'apply', path.join(work, 'sjukfranvaro.json')], env)).code).toBe(0);
    const ran = JSON.parse(
      (await runCli(['sources', 'run', 'sjukfranvaro', '--file', sample, '--wait', '--json'], env)).stdout,
    );
    expect(ran).toMatchObject({ status: 'succeeded', loaded: 2, rejected: 0 });
    expect(await mart('sjukfranvaro')).toEqual([
      'sjukfranvaro socialnamnden januari 2016 T 7.1',
      'sjukfranvaro tekniska-forvaltningen januari 2016 T 4.5',
    ]);
    const units = await t.db
      .selectFrom('dim.areas')
      .select(['code', 'type', 'org_level'])
      .where('type', '=', 'org_unit')
      .orderBy('code')
      .execute();
    expect(units).toEqual([
      { code: 'socialnamnden', type: 'org_unit', org_level: 'namnd' },
      { code: 'tekniska-forvaltningen', type: 'org_unit', org_level: 'forvaltning' },
    ]);
  });
});

describe('sources run --file', () => {
  test('refuses to overwrite a different file of the same name in the inbox folder', async () => {
    const folder = path.join(env.MALKOLL_INBOX as string, 'scb-folkmangd');
    await writeFile(path.join(folder, 'scb-wide-latin1.csv'), 'region;2014\n0586;1\n');
    const r = await runCli(
      ['sources', 'run', 'scb-folkmangd', '--file', fixture('scb-wide-latin1.csv'), '--wait'],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Det finns redan en annan fil scb-folkmangd/scb-wide-latin1.csv i inkorgen');
    await rm(path.join(folder, 'scb-wide-latin1.csv'));
  });
});

describe('sources check', () => {
  test('prints every rejection with line, column and reason, and writes nothing', async () => {
    const sample = path.join(work, 'trasig.csv');
    await writeFile(
      sample,
      'Kommun;Kön;År;Andel nöjda\nMjölby;T;2017;abc\nOkänd;T;2017;5\nMjölby;T;2099x;5\nMjölby;T;2018;5\n',
    );
    const runsBefore = await t.db.selectFrom('ops.runs').select('id').execute();
    const factsBefore = await mart('excel-nojdhet');
    const r = await runCli(
      ['sources', 'check', path.join(work, 'excel-nojdhet.json'), '--sample', sample, '--json'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.settings).toEqual({ encoding: 'utf-8', delimiter: ';', header_line: 1, decimal: ',' });
    expect(out.facts).toEqual([
      expect.objectContaining({ line: 5, area: '0586', period: '2018', breakdown: 'T', value: 5 }),
    ]);
    expect(
      out.rejections.map((x: { line: number; column: string; reason_sv: string }) => [
        x.line,
        x.column,
        x.reason_sv,
      ]),
    ).toEqual([
      [2, 'Andel nöjda', 'Inte ett tal: "abc" är inte ett tal'],
      [3, 'Kommun', 'Okänt område "Okänd": varken en känd kommunkod eller ett känt namn'],
      [
        4,
        'År',
        'Okänd period "2099x"; skriv t.ex. 2016, 2016-04, april 2016, T1 2016, kv1 2016, H1 2016 eller 2016-04-30',
      ],
    ]);
    expect(await t.db.selectFrom('ops.runs').select('id').execute()).toEqual(runsBefore);
    expect(await mart('excel-nojdhet')).toEqual(factsBefore);

    const human = await runCli(
      ['sources', 'check', path.join(work, 'excel-nojdhet.json'), '--sample', sample],
      env,
    );
    expect(human.stdout).toContain('Avvisade rader (3):');
    expect(human.stdout).toContain('rad 3 [Kommun]: Okänt område "Okänd"');
  });
});

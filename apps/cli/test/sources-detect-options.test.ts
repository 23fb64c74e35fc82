import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, repoRoot, runCli } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/*
 * `sources detect` and `sources check` on files that name no area or period, through the real command:
 * the Swedish refusal that names --period, --period and --area (code or name) in both commands, and the
 * publisher profile in the summary and in --json.
 */
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
let work: string;
const fixture = (name: string) => path.join(repoRoot, 'packages/sources/fixtures', name);

beforeAll(async () => {
  t = await createTestDatabase();
  env = await isolatedEnv(t.url);
  work = await mkdtemp(path.join(os.tmpdir(), 'malkoll-detect-options-'));
});
afterAll(async () => {
  await t.drop();
  await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

// Each test starts the command two or three times; on a loaded machine that takes longer than the default.
describe('sources detect and check with --area and --period', { timeout: 120_000 }, () => {
  test('a file with no period: refused in Swedish naming --period; with --period it is proposed', async () => {
    const refused = await runCli(['sources', 'detect', fixture('no-period.csv')], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Hittar ingen period: filen har ingen kolumn med perioder');
    expect(refused.stderr).toContain(
      'med --period (i guiden: fältet Period), t.ex. 2024 (år), 2016K1 (kvartal)',
    );
    expect(refused.stderr).not.toMatch(/Invalid|ZodError|at .*\.ts:\d+/);

    const proposed = await runCli(
      ['sources', 'detect', fixture('no-period.csv'), '--period', '2014M03'],
      env,
    );
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stdout).toContain('utgivare:       Excel: semikolon som avgränsare');
    expect(proposed.stdout).toContain('period     = 2014M03 (angiven med --period)');
    expect(proposed.stdout).toMatch(/rad 2 +no-period\.antal-invanare +0586 +mars 2014 +T +33\s081/);
    expect(proposed.stdout).toContain('--period 2014M03 --json > no-period.json');
  });

  test('a national table: Riket in --json with its profile; check --area by name reads it as that area', async () => {
    const detected = await runCli(['sources', 'detect', fixture('national-table.csv'), '--json'], env);
    expect(detected.code, detected.stderr).toBe(0);
    const definition = JSON.parse(detected.stdout);
    expect(definition.mapping.area).toEqual({ value: '0000' });
    expect(definition.parse.profile).toBe('SCB PxWeb-export');
    const file = path.join(work, 'national.json');
    await writeFile(file, detected.stdout);

    const checked = await runCli(
      [
        'sources',
        'check',
        file,
        '--sample',
        fixture('national-table.csv'),
        '--area',
        'Stockholms län',
        '--json',
      ],
      env,
    );
    expect(checked.code, checked.stderr).toBe(0);
    const result = JSON.parse(checked.stdout);
    expect(result.mapping.area).toEqual({ value: '0001' });
    expect(
      result.facts.map((f: { area: string; period: string; value: number }) => [f.area, f.period, f.value]),
    ).toEqual([
      ['0001', '2020', 10379295],
      ['0001', '2021', 10452326],
      ['0001', '2022', 10521556],
    ]);

    const unknown = await runCli(
      ['sources', 'check', file, '--sample', fixture('national-table.csv'), '--area', 'Atlantis'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Området "Atlantis" finns inte i områdesregistret');
  });
});

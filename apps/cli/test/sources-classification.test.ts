import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, repoRoot, runCli } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/*
 * A classification file (group codes per municipality, no measure) through the real commands: detect
 * and check describe it in Swedish as peer groups, and apply → run loads the groups, never values.
 */
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
const work = path.join(os.tmpdir(), `malkoll-classification-cli-${process.pid}`);
const file = path.join(repoRoot, 'packages/sources/fixtures/classification/names-comma.csv');

beforeAll(async () => {
  t = await createTestDatabase();
  env = await isolatedEnv(t.url);
  await mkdir(work, { recursive: true });
});
afterAll(async () => {
  await t.drop();
  await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

describe('sources detect, check and run on a classification file', () => {
  test('detect shows the proposal as peer groups, in Swedish', async () => {
    const r = await runCli(['sources', 'detect', file, '--id', 'grupper'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('layout:         klassificering (grupper per område, inga värden');
    expect(r.stdout).toMatch(/"Jämförelsegrupp"\s+grupp\s/);
    expect(r.stdout).toMatch(/"Gruppens namn"\s+gruppnamn\s/);
    expect(r.stdout).toContain(
      'Rader: 6 lästa = 4 inlästa + 2 överhoppade + 0 avvisade · inga värden (en klassificering)',
    );
    expect(r.stdout).toContain('B4     Pendlingskommun nära större stad (2 områden: 0586, 0512)');
    expect(r.stdout).toContain('C9     Landsbygdskommun med besöksnäring (2 områden: 2029, 0884)');
    expect(r.stdout).not.toContain('decimaltecken');
  }, 60_000);

  test('check describes the classification mapping; apply and run load groups and no values', async () => {
    const detected = await runCli(['sources', 'detect', file, '--json', '--id', 'grupper'], env);
    expect(detected.code, detected.stderr).toBe(0);
    const definitionFile = path.join(work, 'grupper.json');
    await writeFile(definitionFile, detected.stdout);

    const checked = await runCli(['sources', 'check', definitionFile, '--sample', file], env);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('layout:      klassificering (grupper per område, inga värden)');
    expect(checked.stdout).toContain(
      'grupp:       kod i kolumnen "Jämförelsegrupp", namn i kolumnen "Gruppens namn"',
    );
    expect(checked.stdout).toContain('indelning:   names-comma (names-comma)');

    expect((await runCli(['sources', 'apply', definitionFile], env)).code).toBe(0);
    const ran = await runCli(['sources', 'run', 'grupper', '--file', file, '--wait', '--json'], env);
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      status: 'succeeded',
      rows_read: 6,
      rows_loaded: 4,
      rows_skipped: 2,
      rows_rejected: 0,
      values_inserted: 4,
    });
    const groups = await sql<{ code: string; areas: string }>`
      select g.code, string_agg(a.code, ' ' order by a.code) as areas
      from dim.peer_groups g join dim.peer_group_members m on m.group_id = g.id join dim.areas a on a.id = m.area_id
      where g.set_key = 'names-comma' group by g.code order by g.code`.execute(t.db);
    expect(groups.rows).toEqual([
      { code: 'B4', areas: '0512 0586' },
      { code: 'C9', areas: '0884 2029' },
    ]);
    const facts = await sql<{ n: number }>`select count(*)::int as n from fact.indicator_values`.execute(
      t.db,
    );
    expect(facts.rows[0]?.n).toBe(0);
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { demoSourceFiles } from '@malkoll/demo';
import { isolatedEnv, runCli } from '@malkoll/testing';
import { findUserByName, verifyPassword } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';

let t: TestDatabase;
let env: NodeJS.ProcessEnv;
const demoSourceIds = demoSourceFiles.map((f) => (parseYaml(readFileSync(f, 'utf8')) as { id: string }).id);

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
  env = await isolatedEnv(t.url);
});
afterAll(async () => {
  await t.drop();
  await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
});

describe('malkoll CLI', () => {
  test('migrate creates the warehouse, and a second migrate finds nothing to do', async () => {
    const first = await runCli(['migrate'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Applied:');
    const second = await runCli(['migrate'], env);
    expect(second.stdout).toContain('up to date');
  });

  test('demo loads the plan and every demo source', async () => {
    const r = await runCli(['demo'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('mjolby-ks-2016');
    for (const id of demoSourceIds) expect(r.stdout).toContain(id);
  });

  test('demo creates one account per role, says each password once, and each password signs in', async () => {
    const first = await runCli(['demo'], env);
    expect(first.code, first.stderr).toBe(0);
    // The first demo run (above) created them; a third run must not show passwords either.
    expect(first.stdout).not.toMatch(/lösenord \S+ \(visas bara nu\)/);
    expect(first.stdout).toContain('forvaltare (steward): finns redan');
    const users = await t.db.selectFrom('ops.users').select(['name', 'role']).orderBy('name').execute();
    expect(users).toEqual([
      { name: 'admin', role: 'admin' },
      { name: 'forvaltare', role: 'steward' },
      { name: 'lasare', role: 'viewer' },
    ]);
    await t.db.deleteFrom('ops.users').where('name', '=', 'lasare').execute();
    const again = await runCli(['demo'], env);
    const password = /lasare \(viewer\): lösenord (\S+) \(visas bara nu\)/.exec(again.stdout)?.[1];
    expect(password).toBeDefined();
    const stored = await findUserByName(t.db, 'lasare');
    expect(await verifyPassword(password as string, stored?.password_hash as string)).toBe(true);
  });

  test('sources run --wait --json prints the run summary; a second run changes nothing', async () => {
    const id = demoSourceIds[0] as string;
    const first = await runCli(['sources', 'run', id, '--wait', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ source_id: id, status: 'succeeded' });
    for (const key of ['run_id', 'rows_read', 'loaded', 'skipped', 'rejected'])
      expect(summary).toHaveProperty(key);
    expect(summary.loaded).toBeGreaterThan(0);
    expect(summary.inserted).toBe(summary.loaded);

    const facts = await sql<{
      n: number;
    }>`select count(*)::int as n from mart.indicator_values where source_id = ${id}`.execute(t.db);
    expect(facts.rows[0]?.n).toBe(summary.loaded);

    const again = JSON.parse((await runCli(['sources', 'run', id, '--wait', '--json'], env)).stdout);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: summary.loaded });
    const after = await sql<{
      n: number;
    }>`select count(*)::int as n from mart.indicator_values where source_id = ${id}`.execute(t.db);
    expect(after.rows[0]?.n).toBe(summary.loaded);
  });

  test('an invalid definition is refused with the field named, and nothing is stored', async () => {
    const file = path.join(os.tmpdir(), `bad-source-${process.pid}.yaml`);
    await writeFile(
      file,
      'id: trasig\ntitle: Trasig\nkind: csv\nlocation: { inbox: x.csv }\nmapping: { layout: long }\nload: { mode: upsert }\n',
    );
    const r = await runCli(['sources', 'apply', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mapping\.(value|period|area|indicator)/);
    const stored = await t.db.selectFrom('ops.sources').select('id').where('id', '=', 'trasig').execute();
    expect(stored).toEqual([]);
    await rm(file);
  });
});

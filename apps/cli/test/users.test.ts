import { isolatedEnv, runCli } from '@malkoll/testing';
import { findUserByName, verifyPassword } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

// `malkoll users add|role|reset` as an operator runs them: the printed password is the one stored.
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  t = await createTestDatabase();
  env = await isolatedEnv(t.url);
});
afterAll(async () => {
  await t.drop();
});

const printedPassword = (stdout: string) => stdout.match(/\(visas bara nu\): (\S+)/)?.[1] ?? '';

test('users add prints a password once that signs in; role and reset change the stored account', async () => {
  const add = await runCli(['users', 'add', 'cecilia', '--role', 'steward'], env);
  expect(add.code, add.stderr).toBe(0);
  expect(add.stdout).toContain('Användaren cecilia (steward) är skapad.');
  const first = printedPassword(add.stdout);
  expect(first).toHaveLength(20);
  const stored = await findUserByName(t.db, 'cecilia');
  expect(await verifyPassword(first, stored?.password_hash ?? '')).toBe(true);

  const again = await runCli(['users', 'add', 'cecilia', '--role', 'admin'], env);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('Användaren "cecilia" finns redan.');

  const badRole = await runCli(['users', 'role', 'cecilia', 'chef'], env);
  expect(badRole.code).toBe(1);
  expect(badRole.stderr).toContain('Okänd roll "chef"');
  expect((await runCli(['users', 'role', 'cecilia', 'admin'], env)).code).toBe(0);
  expect((await findUserByName(t.db, 'cecilia'))?.role).toBe('admin');

  const reset = await runCli(['users', 'reset', 'cecilia'], env);
  expect(reset.code, reset.stderr).toBe(0);
  const second = printedPassword(reset.stdout);
  const after = (await findUserByName(t.db, 'cecilia'))?.password_hash ?? '';
  expect(await verifyPassword(second, after)).toBe(true);
  expect(await verifyPassword(first, after)).toBe(false);
  expect((await runCli(['users', 'reset', 'ingen'], env)).code).toBe(1);
  // Seven CLI processes and five scrypt hashes: slow on a loaded machine, not a timing assertion.
}, 120_000);

test('every users and tokens command is audited as the CLI; disable and enable change the account', async () => {
  expect((await runCli(['users', 'add', 'dagny', '--role', 'viewer'], env)).code).toBe(0);
  const off = await runCli(['users', 'disable', 'dagny'], env);
  expect(off.code, off.stderr).toBe(0);
  expect(off.stdout).toContain('dagny är avstängd');
  expect((await findUserByName(t.db, 'dagny'))?.disabled).toBe(true);
  expect((await runCli(['users', 'enable', 'dagny'], env)).code).toBe(0);
  expect((await findUserByName(t.db, 'dagny'))?.disabled).toBe(false);
  expect((await runCli(['users', 'disable', 'ingen'], env)).code).toBe(1);
  const add = await runCli(['tokens', 'add', 'dagny', '--name', 'skript', '--scope', 'read'], env);
  expect(add.code, add.stderr).toBe(0);
  const id = add.stdout.match(/API-nyckel ([0-9a-f]{16})/)?.[1] ?? '';
  expect((await runCli(['tokens', 'revoke', id], env)).code).toBe(0);

  const rows = await t.db
    .selectFrom('ops.account_audit')
    .select(['actor_name', 'actor_user_id', 'action', 'token_id'])
    .where('user_name', '=', 'dagny')
    .orderBy('id')
    .execute();
  expect(rows.map((r) => [r.action, r.token_id])).toEqual([
    ['user.add', null],
    ['user.disable', null],
    ['user.enable', null],
    ['token.add', id],
    ['token.revoke', id],
  ]);
  for (const row of rows) {
    expect(row.actor_name).toMatch(/^cli \(.+\)$/);
    expect(row.actor_user_id).toBeNull();
  }
}, 120_000);

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

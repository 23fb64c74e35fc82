import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import {
  addUser,
  createSession,
  findSessionUser,
  findUserByName,
  hashPassword,
  resetUserPassword,
  roleAtLeast,
  setUserRole,
  UserError,
  verifyPassword,
} from './users.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

test('a scrypt hash verifies its password only, and carries its parameters', async () => {
  const hash = await hashPassword('rätt häst batteri');
  expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/);
  expect(await verifyPassword('rätt häst batteri', hash)).toBe(true);
  expect(await verifyPassword('rätt häst batteri ', hash)).toBe(false);
  expect(await verifyPassword('x', 'inte-en-hash')).toBe(false);
  // Same password, new salt: a different hash.
  expect(await hashPassword('rätt häst batteri')).not.toBe(hash);
});

test('roles are ordered viewer < steward < admin', () => {
  expect(roleAtLeast('admin', 'steward')).toBe(true);
  expect(roleAtLeast('steward', 'steward')).toBe(true);
  expect(roleAtLeast('viewer', 'steward')).toBe(false);
});

test('addUser refuses a bad name and a duplicate, in Swedish', async () => {
  await expect(addUser(t.db, 'Anna Andersson', 'viewer')).rejects.toThrow(/Ogiltigt användarnamn/);
  const { password } = await addUser(t.db, 'anna', 'viewer');
  expect(password).toHaveLength(20);
  await expect(addUser(t.db, 'anna', 'admin')).rejects.toBeInstanceOf(UserError);
  expect((await findUserByName(t.db, 'anna'))?.role).toBe('viewer');
});

test('a role change and a password reset end the user’s sessions', async () => {
  const { user, password } = await addUser(t.db, 'bertil', 'steward');
  const first = await createSession(t.db, user.id, 60_000);
  expect(await findSessionUser(t.db, first.token)).toMatchObject({ name: 'bertil', role: 'steward' });

  expect(await setUserRole(t.db, 'bertil', 'admin')).toBe(true);
  expect(await findSessionUser(t.db, first.token)).toBeUndefined();
  expect(await setUserRole(t.db, 'finns-inte', 'admin')).toBe(false);

  const second = await createSession(t.db, user.id, 60_000);
  const newPassword = await resetUserPassword(t.db, 'bertil');
  expect(newPassword).toBeDefined();
  expect(await findSessionUser(t.db, second.token)).toBeUndefined();
  const stored = (await findUserByName(t.db, 'bertil'))?.password_hash ?? '';
  expect(await verifyPassword(password, stored)).toBe(false);
  expect(await verifyPassword(newPassword ?? '', stored)).toBe(true);
  expect(await resetUserPassword(t.db, 'finns-inte')).toBeUndefined();
});

import { isolatedEnv, runCli } from '@malkoll/testing';
import { addUser, verifyApiToken } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runTokensAdd, runTokensList, runTokensRevoke } from '../src/tokens.ts';

// `malkoll tokens add|list|revoke` as an operator runs them: the printed token is the one that works.
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  t = await createTestDatabase();
  env = await isolatedEnv(t.url);
  await addUser(t.db, 'robot', 'steward');
});
afterAll(async () => {
  await t.drop();
});

test('tokens add prints a working token once; list shows it without the secret; revoke stops it', async () => {
  const add = await runCli(
    ['tokens', 'add', 'robot', '--name', 'nattlig import', '--scope', 'read,runs', '--expires-days', '30'],
    env,
  );
  expect(add.code, add.stderr).toBe(0);
  const token = add.stdout.match(/\(visas bara nu\): (mk_\S+)/)?.[1] ?? '';
  const id = token.split('_')[1] ?? '';
  expect(id).toMatch(/^[0-9a-f]{16}$/);
  const check = await verifyApiToken(t.db, token);
  expect(check).toMatchObject({
    ok: true,
    user: { name: 'robot', role: 'steward' },
    scopes: ['read', 'runs'],
  });

  const list = await runCli(['tokens', 'list'], env);
  expect(list.code, list.stderr).toBe(0);
  expect(list.stdout).toContain(id);
  expect(list.stdout).toContain('nattlig import');
  expect(list.stdout).toContain('read,runs');
  expect(list.stdout).toMatch(/gäller till \d{4}-\d{2}-\d{2}/);
  expect(list.stdout).not.toContain(token.split('_').slice(2).join('_'));

  const revoke = await runCli(['tokens', 'revoke', id], env);
  expect(revoke.code, revoke.stderr).toBe(0);
  expect(await verifyApiToken(t.db, token)).toEqual({ ok: false, reason: 'revoked' });
  expect(await runTokensList(t.db)).toContain('återkallad');
  // Three CLI processes: slow on a loaded machine, not a timing assertion.
}, 90_000);

// In-process (a CLI start costs seconds): the same functions main.ts registers.
test('tokens add refuses an unknown scope, an unknown user and a bad expiry in Swedish', async () => {
  await expect(runTokensAdd(t.db, 'robot', { name: 'x', scope: 'read,allt' })).rejects.toThrow(
    'Okänd behörighet "allt"',
  );
  await expect(runTokensAdd(t.db, 'ingen', { name: 'x', scope: 'read' })).rejects.toThrow(
    'Användaren "ingen" finns inte.',
  );
  await expect(runTokensAdd(t.db, 'robot', { name: 'x', scope: 'read', expiresDays: '0' })).rejects.toThrow(
    '--expires-days',
  );
  await expect(runTokensRevoke(t.db, '0123456789abcdef')).rejects.toThrow('finns inte');
});

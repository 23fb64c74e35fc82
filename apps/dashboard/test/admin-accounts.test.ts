// The admin pages' API through the real app (createApp, DASHBOARD_AUTH=required) over a real, migrated
// Postgres: only admins reach it (a steward and a viewer get 403, an anonymous caller 401, an API token
// even an admin's with every scope 403), the CSRF checks apply, every action leaves its ops.account_audit
// row with the admin as actor, and a disabled account cannot sign in nor use its tokens.
import { addUser, createApiToken, TOKEN_SCOPES as STORED_SCOPES, verifyApiToken } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/server/auth.ts';
import {
  type AccountsResponse,
  type PasswordResponse,
  TOKEN_SCOPES,
  type TokenCreatedResponse,
  type TokenView,
} from '../src/shared/admin-api.ts';

let t: TestDatabase;
let app: ReturnType<typeof createApp>;
let admin: string;
let steward: string;
let viewer: string;

const ORIGIN = 'http://localhost';
const sameOrigin = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };

async function signInResponse(name: string, password: string) {
  return app.request(`${ORIGIN}/api/session`, {
    method: 'POST',
    headers: { ...sameOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
}

async function signIn(name: string, password: string): Promise<string> {
  const res = await signInResponse(name, password);
  const match = res.headers.get('set-cookie')?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`));
  if (!match?.[1]) throw new Error(`sign-in failed (${res.status})`);
  return `${SESSION_COOKIE}=${match[1]}`;
}

function send(
  method: string,
  path: string,
  body: unknown,
  cookie?: string,
  extra: Record<string, string> = {},
) {
  return app.request(`${ORIGIN}${path}`, {
    method,
    headers: {
      ...sameOrigin,
      'content-type': 'application/json',
      ...(cookie ? { cookie } : {}),
      ...extra,
    },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
  });
}

async function auditRows() {
  return t.db
    .selectFrom('ops.account_audit')
    .select(['actor_name', 'actor_user_id', 'action', 'user_name', 'token_id', 'detail'])
    .orderBy('id')
    .execute();
}

const adminId = async () =>
  (await t.db.selectFrom('ops.users').select('id').where('name', '=', 'anna').executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestDatabase();
  app = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'required' } });
  admin = await signIn('anna', (await addUser(t.db, 'anna', 'admin')).password);
  steward = await signIn('kerstin', (await addUser(t.db, 'kerstin', 'steward')).password);
  viewer = await signIn('ville', (await addUser(t.db, 'ville', 'viewer')).password);
  // The setup's own accounts are audited as "system" (addUser without an actor); the tests count from here.
  expect((await auditRows()).map((r) => [r.actor_name, r.action])).toEqual([
    ['system', 'user.add'],
    ['system', 'user.add'],
    ['system', 'user.add'],
  ]);
  await t.db.deleteFrom('ops.account_audit').execute();
});
afterAll(() => t?.drop());

/** Every admin route with a body that would succeed for an admin. */
const ROUTES: [string, string, unknown][] = [
  ['GET', '/api/admin/accounts', undefined],
  ['POST', '/api/admin/accounts', { name: 'nybörjare', role: 'viewer' }],
  ['PUT', '/api/admin/accounts/ville/role', { role: 'steward' }],
  ['POST', '/api/admin/accounts/ville/password', {}],
  ['PUT', '/api/admin/accounts/ville/disabled', { disabled: true }],
  ['GET', '/api/admin/tokens', undefined],
  ['POST', '/api/admin/tokens', { userName: 'ville', name: 'x', scopes: ['read'], expiresDays: null }],
  ['DELETE', '/api/admin/tokens/0123456789abcdef', undefined],
];

describe('who may administer accounts', () => {
  test('a steward and a viewer get 403, anonymous 401, on every admin route; nothing is written', async () => {
    for (const [method, path, body] of ROUTES) {
      expect((await send(method, path, body, steward)).status, `${method} ${path} steward`).toBe(403);
      expect((await send(method, path, body, viewer)).status, `${method} ${path} viewer`).toBe(403);
      expect((await send(method, path, body)).status, `${method} ${path} anonymous`).toBe(401);
    }
    expect(await auditRows()).toEqual([]);
    const ville = await t.db
      .selectFrom('ops.users')
      .select(['role', 'disabled_at'])
      .where('name', '=', 'ville')
      .executeTakeFirstOrThrow();
    expect(ville).toEqual({ role: 'viewer', disabled_at: null });
  });

  test("an API token, even an admin's with every scope, is refused; so is a cross-site request", async () => {
    const { token } = await createApiToken(t.db, {
      userName: 'anna',
      name: 'allt',
      scopes: [...STORED_SCOPES],
    });
    for (const [method, path, body] of ROUTES) {
      const res = await app.request(`${ORIGIN}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const crossSite = await send('POST', '/api/admin/accounts', { name: 'smyg', role: 'admin' }, admin, {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    const noHeader = await app.request(`${ORIGIN}/api/admin/accounts`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'smyg', role: 'admin' }),
    });
    expect(noHeader.status).toBe(403);
    expect((await auditRows()).map((r) => r.action)).toEqual(['token.add']);
    expect((await auditRows())[0]).toMatchObject({ actor_name: 'system', user_name: 'anna' });
    await t.db.deleteFrom('ops.account_audit').execute();
  });

  test('with sign-in off the admin routes stay closed (no one to audit)', async () => {
    const open = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'off' } });
    const res = await open.request(`${ORIGIN}/api/admin/accounts`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/administratör/);
  });
});

describe('an admin manages accounts', () => {
  test('add with a role: the password is shown once and signs in; audited with the admin as actor', async () => {
    const res = await send('POST', '/api/admin/accounts', { name: 'berit', role: 'steward' }, admin);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { name, password } = (await res.json()) as PasswordResponse;
    expect(name).toBe('berit');
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await signInResponse('berit', password)).status).toBe(200);

    const list = (await (
      await send('GET', '/api/admin/accounts', undefined, admin)
    ).json()) as AccountsResponse;
    expect(list.accounts.find((a) => a.name === 'berit')).toMatchObject({
      role: 'steward',
      disabled: false,
      signIn: 'password',
    });
    expect(list.accounts.find((a) => a.name === 'berit')?.lastSignInAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(password);
    expect(list.audit[0]).toMatchObject({ actorName: 'anna', action: 'user.add', userName: 'berit' });
    expect(await auditRows()).toEqual([
      {
        actor_name: 'anna',
        actor_user_id: await adminId(),
        action: 'user.add',
        user_name: 'berit',
        token_id: null,
        detail: { role: 'steward' },
      },
    ]);

    const taken = await send('POST', '/api/admin/accounts', { name: 'berit', role: 'viewer' }, admin);
    expect(taken.status).toBe(400);
    expect(((await taken.json()) as { error: string }).error).toBe('Användaren "berit" finns redan.');
    const badName = await send('POST', '/api/admin/accounts', { name: 'Berit Åberg', role: 'viewer' }, admin);
    expect(badName.status).toBe(400);
    expect(((await badName.json()) as { error: string }).error).toMatch(/Ogiltigt användarnamn/);
    expect(await auditRows()).toHaveLength(1);
  });

  test('change role ends the sessions; reset gives a new one-time password; both audited', async () => {
    const berit = await signIn(
      'berit',
      (
        (await (
          await send('POST', '/api/admin/accounts/berit/password', {}, admin)
        ).json()) as PasswordResponse
      ).password,
    );
    const role = await send('PUT', '/api/admin/accounts/berit/role', { role: 'admin' }, admin);
    expect(role.status).toBe(200);
    // The session started before the change no longer works.
    expect((await send('GET', '/api/admin/accounts', undefined, berit)).status).toBe(401);

    const reset = await send('POST', '/api/admin/accounts/berit/password', {}, admin);
    const { password } = (await reset.json()) as PasswordResponse;
    const again = await signIn('berit', password);
    expect((await send('GET', '/api/admin/accounts', undefined, again)).status).toBe(200);

    const missing = await send('PUT', '/api/admin/accounts/ingen/role', { role: 'viewer' }, admin);
    expect(missing.status).toBe(404);
    const badRole = await send('PUT', '/api/admin/accounts/berit/role', { role: 'kung' }, admin);
    expect(badRole.status).toBe(400);

    const rows = (await auditRows()).slice(1);
    expect(rows.map((r) => [r.actor_name, r.action, r.user_name, r.detail])).toEqual([
      ['anna', 'user.reset', 'berit', {}],
      ['anna', 'user.role', 'berit', { from: 'steward', role: 'admin' }],
      ['anna', 'user.reset', 'berit', {}],
    ]);
    // Never a password in the audit.
    expect(JSON.stringify(rows)).not.toContain(password);
  });

  test('a disabled account cannot sign in, loses its sessions and tokens; enabled it works again', async () => {
    const password = (
      (await (
        await send('POST', '/api/admin/accounts', { name: 'dora', role: 'viewer' }, admin)
      ).json()) as PasswordResponse
    ).password;
    const session = await signIn('dora', password);
    const { token } = await createApiToken(t.db, { userName: 'dora', name: 'skript', scopes: ['read'] });
    expect(
      (await app.request(`${ORIGIN}/api/plans`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);

    const off = await send('PUT', '/api/admin/accounts/dora/disabled', { disabled: true }, admin);
    expect(off.status).toBe(200);
    expect((await app.request(`${ORIGIN}/api/plans`, { headers: { cookie: session } })).status).toBe(401);
    const refused = await signInResponse('dora', password);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toBe(
      'Kontot är avstängt. Be en administratör att aktivera det.',
    );
    // A wrong password still gets the ordinary answer: the state is told only to the password's owner.
    expect((await signInResponse('dora', 'fel')).status).toBe(401);
    const byToken = await app.request(`${ORIGIN}/api/plans`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(byToken.status).toBe(401);
    expect(((await byToken.json()) as { error: string }).error).toBe(
      'Kontot som API-nyckeln hör till är avstängt.',
    );
    expect((await verifyApiToken(t.db, token)).ok).toBe(false);
    const list = (await (
      await send('GET', '/api/admin/accounts', undefined, admin)
    ).json()) as AccountsResponse;
    expect(list.accounts.find((a) => a.name === 'dora')?.disabled).toBe(true);

    // Disabling twice writes nothing more; enabling brings sign-in and the token back.
    await send('PUT', '/api/admin/accounts/dora/disabled', { disabled: true }, admin);
    expect((await send('PUT', '/api/admin/accounts/dora/disabled', { disabled: false }, admin)).status).toBe(
      200,
    );
    expect((await signInResponse('dora', password)).status).toBe(200);
    expect(
      (await app.request(`${ORIGIN}/api/plans`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);

    const rows = (await auditRows()).filter((r) => r.user_name === 'dora');
    expect(rows.map((r) => [r.actor_name, r.action])).toEqual([
      ['anna', 'user.add'],
      ['system', 'token.add'],
      ['anna', 'user.disable'],
      ['anna', 'user.enable'],
    ]);
  });

  test('the last active admin cannot be demoted or disabled, and no admin can disable themselves', async () => {
    // berit is an admin too (above); make her a steward so anna is the only one.
    expect((await send('PUT', '/api/admin/accounts/berit/role', { role: 'steward' }, admin)).status).toBe(
      200,
    );
    const before = (await auditRows()).length;
    const demote = await send('PUT', '/api/admin/accounts/anna/role', { role: 'viewer' }, admin);
    expect(demote.status).toBe(400);
    expect(((await demote.json()) as { error: string }).error).toMatch(/minst en aktiv administratör/);
    const self = await send('PUT', '/api/admin/accounts/anna/disabled', { disabled: true }, admin);
    expect(self.status).toBe(400);
    expect(((await self.json()) as { error: string }).error).toBe('Du kan inte stänga av ditt eget konto.');
    expect((await auditRows()).length).toBe(before);
    expect((await send('GET', '/api/admin/accounts', undefined, admin)).status).toBe(200);
  });
});

describe('an admin manages API tokens', () => {
  test('add with scopes and expiry shows the token once; list shows scopes, expiry, last use; revoke stops it', async () => {
    expect([...TOKEN_SCOPES]).toEqual([...STORED_SCOPES]);
    const res = await send(
      'POST',
      '/api/admin/tokens',
      { userName: 'kerstin', name: 'Nattkörning', scopes: ['read', 'runs'], expiresDays: 30 },
      admin,
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { id, token } = (await res.json()) as TokenCreatedResponse;
    expect(token).toMatch(new RegExp(`^mk_${id}_`));
    expect(
      (await app.request(`${ORIGIN}/api/plans`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);

    const tokens = (await (await send('GET', '/api/admin/tokens', undefined, admin)).json()) as TokenView[];
    const listed = tokens.find((x) => x.id === id);
    expect(listed).toMatchObject({
      userName: 'kerstin',
      role: 'steward',
      name: 'Nattkörning',
      scopes: ['read', 'runs'],
      revokedAt: null,
    });
    expect(listed?.lastUsedAt).not.toBeNull();
    const days = (Date.parse(listed?.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(JSON.stringify(tokens)).not.toContain(token.slice(-20));

    const noScope = await send(
      'POST',
      '/api/admin/tokens',
      { userName: 'kerstin', name: 'x', scopes: [], expiresDays: null },
      admin,
    );
    expect(noScope.status).toBe(400);
    expect(((await noScope.json()) as { error: string }).error).toBe('Välj minst en behörighet.');
    const noUser = await send(
      'POST',
      '/api/admin/tokens',
      { userName: 'ingen', name: 'x', scopes: ['read'], expiresDays: null },
      admin,
    );
    expect(noUser.status).toBe(400);

    const revoke = await send('DELETE', `/api/admin/tokens/${id}`, undefined, admin);
    expect(revoke.status).toBe(200);
    const after = await app.request(`${ORIGIN}/api/plans`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect((await send('DELETE', `/api/admin/tokens/${id}`, undefined, admin)).status).toBe(200);
    expect((await send('DELETE', '/api/admin/tokens/0123456789abcdef', undefined, admin)).status).toBe(404);

    const rows = (await auditRows()).filter((r) => r.token_id === id);
    expect(rows).toEqual([
      {
        actor_name: 'anna',
        actor_user_id: await adminId(),
        action: 'token.add',
        user_name: 'kerstin',
        token_id: id,
        detail: { name: 'Nattkörning', scopes: ['read', 'runs'], expiresAt: listed?.expiresAt },
      },
      // Revoked twice, audited once.
      {
        actor_name: 'anna',
        actor_user_id: await adminId(),
        action: 'token.revoke',
        user_name: 'kerstin',
        token_id: id,
        detail: { name: 'Nattkörning' },
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(token.slice(-20));
  });
});

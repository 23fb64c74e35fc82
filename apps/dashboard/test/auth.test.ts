import { closeQueues, createQueues, createRedis, type Queues } from '@malkoll/jobs';
import { testQueuePrefix, testRedisUrl } from '@malkoll/testing';
import { addUser, createApiToken, type Role, TOKEN_SCOPES } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import {
  type AuthOptions,
  CSRF_HEADER,
  isMutating,
  SESSION_COOKIE,
  SESSION_PATH,
} from '../src/server/auth.ts';

// Sign-in, roles and CSRF against a real Postgres (sessions, attempts) and real queues in Redis (Bull
// Board's mutating routes are in the route table).
let t: TestDatabase;
let redis: ReturnType<typeof createRedis>;
let queues: Queues;
const prefix = testQueuePrefix();
const passwords: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  redis = createRedis(testRedisUrl(), 'producer');
  queues = createQueues(redis, prefix);
  for (const role of ['viewer', 'steward', 'admin'] as Role[]) {
    passwords[role] = (await addUser(t.db, role, role)).password;
  }
});
afterAll(async () => {
  for (const q of Object.values(queues)) await q.obliterate({ force: true });
  await closeQueues(queues);
  redis.disconnect();
  await t.drop();
});

const ORIGIN = 'http://localhost';
/** What the browser sends on a same-origin fetch from the dashboard. */
const sameOrigin = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };

function appWith(auth: AuthOptions) {
  return createApp({ db: t.db, clientDir: '/nonexistent', queues, auth });
}

async function signIn(
  app: ReturnType<typeof appWith>,
  name: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return app.request(`${ORIGIN}${SESSION_PATH}`, {
    method: 'POST',
    headers: { ...sameOrigin, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name, password }),
  });
}

function sessionCookie(res: Response): string {
  const match = res.headers.get('set-cookie')?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`));
  if (!match?.[1]) throw new Error(`no session cookie (status ${res.status})`);
  return `${SESSION_COOKIE}=${match[1]}`;
}

/** A concrete URL for a route pattern: every parameter and wildcard filled with a plain value. */
const concretePath = (pattern: string) =>
  pattern.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?/g, 'ingest').replace(/\*/g, 'x');

describe.each(['required', 'public-read'] as const)('route table, DASHBOARD_AUTH=%s', (mode) => {
  test('every mutating route refuses anonymous callers (401) and viewers (403)', async () => {
    const app = appWith({ mode });
    // A route added after createApp (as any future route is) falls under the same checks.
    app.post('/api/future-example', (c) => c.json({ done: true }));
    const mutating = [
      ...new Map(
        app.routes
          .filter((r) => isMutating(r.method) || (r.method === 'ALL' && r.path !== '/*'))
          .filter((r) => r.path !== SESSION_PATH)
          .map((r) => [`${r.method} ${r.path}`, r]),
      ).values(),
    ];
    // Bull Board's ~25 job actions plus the example: the table is not empty by accident.
    expect(mutating.length).toBeGreaterThan(20);
    expect(mutating.map((r) => r.path)).toContain('/api/future-example');
    // The steward's own routes (sources, runs, uploads, plan edits) are in the table it walks.
    expect(mutating.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/sources/detect',
        'POST /api/sources/preview',
        'POST /api/sources',
        'POST /api/sources/:id/runs',
        'POST /api/sources/:id/files',
        'PATCH /api/plans/:planId/links/:linkId',
        'PATCH /api/plans/:planId/activities/:activityId',
        'PUT /api/plans/:planId/comments',
      ]),
    );

    const viewer = sessionCookie(await signIn(app, 'viewer', passwords.viewer ?? ''));
    // Bearer tokens: a viewer's with every scope is still a viewer; an admin's read token only reads.
    const viewerToken = (
      await createApiToken(t.db, { userName: 'viewer', name: `all ${mode}`, scopes: [...TOKEN_SCOPES] })
    ).token;
    const readToken = (
      await createApiToken(t.db, { userName: 'admin', name: `read ${mode}`, scopes: ['read'] })
    ).token;
    for (const route of mutating) {
      const method = route.method === 'ALL' ? 'POST' : route.method;
      const url = `${ORIGIN}${concretePath(route.path)}`;
      const init = { method, headers: { ...sameOrigin, 'content-type': 'application/json' }, body: '{}' };
      const anonymous = await app.request(url, init);
      expect(anonymous.status, `${method} ${route.path} anonymous`).toBe(401);
      const asViewer = await app.request(url, { ...init, headers: { ...init.headers, cookie: viewer } });
      expect(asViewer.status, `${method} ${route.path} as viewer`).toBe(403);
      for (const [who, token] of [
        ['viewer token', viewerToken],
        ['read token', readToken],
      ] as const) {
        const res = await app.request(url, {
          method,
          headers: { authorization: `Bearer ${token}` },
          body: '{}',
        });
        expect(res.status, `${method} ${route.path} with a ${who}`).toBe(403);
      }
      const unknown = await app.request(url, {
        method,
        headers: { authorization: 'Bearer mk_x' },
        body: '{}',
      });
      expect(unknown.status, `${method} ${route.path} with an unknown token`).toBe(401);
    }
  });
});

test('required: every /api read needs sign-in, /health and /api/session do not', async () => {
  const app = appWith({ mode: 'required' });
  expect((await app.request('/api/plans')).status).toBe(401);
  expect((await app.request('/api/sources')).status).toBe(401);
  expect((await app.request('/health')).status).toBe(200);
  expect(await (await app.request(SESSION_PATH)).json()).toEqual({
    mode: 'required',
    user: null,
    oidc: null,
  });
  const viewer = sessionCookie(await signIn(app, 'viewer', passwords.viewer ?? ''));
  expect((await app.request('/api/plans', { headers: { cookie: viewer } })).status).toBe(200);
});

test('public-read: the overview answers anonymous callers, source operations and Bull Board do not', async () => {
  const app = appWith({ mode: 'public-read' });
  expect((await app.request('/api/plans')).status).toBe(200);
  expect((await app.request('/api/freshness')).status).toBe(200);
  expect((await app.request('/api/sources')).status).toBe(401);
  expect((await app.request('/admin/queues/api/queues')).status).toBe(401);
  const steward = sessionCookie(await signIn(app, 'steward', passwords.steward ?? ''));
  expect((await app.request('/admin/queues/api/queues', { headers: { cookie: steward } })).status).toBe(403);
  const admin = sessionCookie(await signIn(app, 'admin', passwords.admin ?? ''));
  expect((await app.request('/admin/queues/api/queues', { headers: { cookie: admin } })).status).toBe(200);
});

test('sign-in sets an httpOnly, SameSite=Lax cookie; who-am-I and sign-out work', async () => {
  const app = appWith({ mode: 'required' });
  const res = await signIn(app, 'steward', passwords.steward ?? '');
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ user: { name: 'steward', role: 'steward' } });
  const setCookie = res.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  expect(setCookie).not.toMatch(/Secure/); // plain http here
  const cookie = sessionCookie(res);
  // Only the token's hash is stored.
  const stored = await t.db.selectFrom('ops.sessions').select('id_hash').execute();
  expect(stored.map((s) => s.id_hash)).not.toContain(cookie.split('=')[1]);

  const me = await app.request(SESSION_PATH, { headers: { cookie } });
  expect(await me.json()).toEqual({
    mode: 'required',
    user: { name: 'steward', role: 'steward' },
    oidc: null,
  });
  const out = await app.request(SESSION_PATH, { method: 'DELETE', headers: { ...sameOrigin, cookie } });
  expect(out.status).toBe(204);
  expect((await (await app.request(SESSION_PATH, { headers: { cookie } })).json()).user).toBeNull();
  expect((await app.request('/api/plans', { headers: { cookie } })).status).toBe(401);
});

test('the cookie is Secure over https, and behind a trusted proxy that says https', async () => {
  const direct = await appWith({ mode: 'required' }).request(`https://localhost${SESSION_PATH}`, {
    method: 'POST',
    headers: { ...sameOrigin, origin: 'https://localhost', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'viewer', password: passwords.viewer }),
  });
  expect(direct.headers.get('set-cookie')).toMatch(/Secure/);
  const proxied = await signIn(
    appWith({ mode: 'required', trustProxy: true }),
    'viewer',
    passwords.viewer ?? '',
    // The browser is on the proxy's https site, so its Origin says https.
    { 'x-forwarded-proto': 'https', origin: 'https://localhost' },
  );
  expect(proxied.headers.get('set-cookie')).toMatch(/Secure/);
});

test('a wrong password and an unknown name get the same Swedish answer', async () => {
  const app = appWith({ mode: 'required' });
  for (const [name, password] of [
    ['steward', 'fel-lösenord'],
    ['finns-inte', 'vad-som-helst'],
  ] as const) {
    const res = await signIn(app, name, password);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Fel användarnamn eller lösenord' });
    expect(res.headers.get('set-cookie')).toBeNull();
  }
});

test('an account is locked after N failures, even for the right password, and other accounts are not', async () => {
  const { password } = await addUser(t.db, 'lasse', 'steward');
  const app = appWith({ mode: 'required', maxFailuresPerUser: 3, maxFailuresPerIp: 100 });
  for (let i = 0; i < 3; i++) expect((await signIn(app, 'lasse', 'gissning')).status).toBe(401);
  const locked = await signIn(app, 'lasse', password);
  expect(locked.status).toBe(429);
  expect(locked.headers.get('retry-after')).toBe('900');
  expect((await locked.json()).error).toMatch(/För många misslyckade inloggningar/);
  expect((await signIn(app, 'viewer', passwords.viewer ?? '')).status).toBe(200);
  // The lockout ends when the failures leave the window.
  await t.pool.query(
    `update ops.sign_in_attempts set at = at - interval '16 minutes' where user_name = 'lasse'`,
  );
  expect((await signIn(app, 'lasse', password)).status).toBe(200);
});

test('an address is locked after N failures across names; another address is not', async () => {
  const app = appWith({ mode: 'required', trustProxy: true, maxFailuresPerUser: 100, maxFailuresPerIp: 3 });
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  for (const name of ['a1', 'a2', 'a3'])
    expect((await signIn(app, name, 'x', from('203.0.113.7'))).status).toBe(401);
  expect((await signIn(app, 'admin', passwords.admin ?? '', from('203.0.113.7'))).status).toBe(429);
  expect((await signIn(app, 'admin', passwords.admin ?? '', from('198.51.100.2'))).status).toBe(200);
});

test('an expired session is refused', async () => {
  const app = appWith({ mode: 'required' });
  const cookie = sessionCookie(await signIn(app, 'viewer', passwords.viewer ?? ''));
  expect((await app.request('/api/plans', { headers: { cookie } })).status).toBe(200);
  await t.pool.query(`update ops.sessions set expires_at = now() - interval '1 second'`);
  expect((await app.request('/api/plans', { headers: { cookie } })).status).toBe(401);
  expect((await (await app.request(SESSION_PATH, { headers: { cookie } })).json()).user).toBeNull();
});

test('CSRF: cross-site or header-less mutating requests are refused, same-origin ones pass', async () => {
  const app = appWith({ mode: 'required' });
  const admin = sessionCookie(await signIn(app, 'admin', passwords.admin ?? ''));
  const pause = `${ORIGIN}/admin/queues/api/queues/ingest/pause`;
  const refusals: [string, Record<string, string>][] = [
    ['cross-site fetch metadata', { ...sameOrigin, 'sec-fetch-site': 'cross-site' }],
    ['foreign Origin', { [CSRF_HEADER]: '1', origin: 'https://evil.example' }],
    // Same host, other scheme or port: an http page (or another service on the host) is not this site.
    ['same host over https', { [CSRF_HEADER]: '1', origin: ORIGIN.replace('http:', 'https:') }],
    ['same host, other port', { [CSRF_HEADER]: '1', origin: `${ORIGIN}:8080` }],
    ['no Origin or fetch metadata', {}],
  ];
  for (const [why, headers] of refusals) {
    const res = await app.request(pause, { method: 'PUT', headers: { ...headers, cookie: admin } });
    expect(res.status, why).toBe(403);
  }
  expect(await queues.ingest.isPaused()).toBe(false);
  const ok = await app.request(pause, { method: 'PUT', headers: { ...sameOrigin, cookie: admin } });
  expect(ok.status).toBeLessThan(300);
  expect(await queues.ingest.isPaused()).toBe(true);
  await queues.ingest.resume();

  // /api also needs the custom header: a plain cross-site form cannot sign someone in (login CSRF).
  const noHeader = await app.request(`${ORIGIN}${SESSION_PATH}`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'viewer', password: passwords.viewer }),
  });
  expect(noHeader.status).toBe(403);
  expect((await noHeader.json()).error).toMatch(/CSRF/);
});

test('security headers on every response: CSP with frame-ancestors none, nosniff, Referrer-Policy', async () => {
  const app = appWith({ mode: 'off' });
  for (const path of ['/health', '/api/plans', '/finns-inte', '/admin/queues']) {
    const res = await app.request(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("script-src 'self';");
    expect(csp, path).toContain(
      path.startsWith('/admin') ? "style-src 'self' 'unsafe-inline'" : "style-src 'self';",
    );
    expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
  }
});

test('DASHBOARD_AUTH=off keeps today’s behaviour: reads and Bull Board without sign-in', async () => {
  const app = appWith({ mode: 'off' });
  expect((await app.request('/api/plans')).status).toBe(200);
  expect((await app.request('/admin/queues/api/queues')).status).toBe(200);
});

test('JSON bodies are bounded: a huge sign-in or plan edit is refused with 413 before it is read', async () => {
  const app = appWith({ mode: 'required' });
  const json = { ...sameOrigin, 'content-type': 'application/json' };
  const hugeSignIn = await app.request(`${ORIGIN}${SESSION_PATH}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ name: 'steward', password: 'x'.repeat(8 * 1024) }),
  });
  expect(hugeSignIn.status).toBe(413);
  expect(await hugeSignIn.json()).toEqual({ error: 'Begäran är för stor (högst 4 kB).' });

  const steward = sessionCookie(await signIn(app, 'steward', passwords.steward ?? ''));
  const hugeEdit = await app.request(`${ORIGIN}/api/plans/ingen-plan/comments`, {
    method: 'PUT',
    headers: { ...json, cookie: steward },
    body: JSON.stringify({ goal: 'g', date: '2016-04-30', text: 'å'.repeat(200 * 1024) }),
  });
  expect(hugeEdit.status).toBe(413);
  // Within the limit the same route reads the body and answers on its merits (here: what is missing).
  const small = await app.request(`${ORIGIN}/api/plans/ingen-plan/comments`, {
    method: 'PUT',
    headers: { ...json, cookie: steward },
    body: JSON.stringify({ goal: 'g', date: '2016-04-30', text: 'Kort kommentar' }),
  });
  expect(small.status).toBe(400);
  expect(await small.json()).toEqual({ error: 'Ogiltig ändring: expected (värdena du såg): saknas.' });
});

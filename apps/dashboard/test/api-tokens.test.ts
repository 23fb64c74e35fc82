import { closeQueues, createQueues, createRedis, type Queues } from '@malkoll/jobs';
import { testQueuePrefix, testRedisUrl } from '@malkoll/testing';
import { addUser, createApiToken, type TokenScope, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import type { Context } from 'hono';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { type AuthMode, CSRF_HEADER, SESSION_COOKIE, SESSION_PATH } from '../src/server/auth.ts';

// API tokens against a real Postgres: what a script with `Authorization: Bearer …` may do.
let t: TestDatabase;
let redis: ReturnType<typeof createRedis>;
let queues: Queues;
const prefix = testQueuePrefix();
const passwords: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  redis = createRedis(testRedisUrl(), 'producer');
  queues = createQueues(redis, prefix);
  for (const role of ['viewer', 'steward', 'admin'] as const) {
    passwords[role] = (await addUser(t.db, role, role)).password;
  }
});
afterAll(async () => {
  for (const q of Object.values(queues)) await q.obliterate({ force: true });
  await closeQueues(queues);
  redis.disconnect();
  await t.drop();
});

/** The app with its real steward routes (runs go to real queues), plus a route answering who called. */
function appWith(mode: AuthMode = 'required') {
  const app = createApp({ db: t.db, clientDir: '/nonexistent', queues, auth: { mode } });
  app.get('/api/test-who', (c: Context) =>
    c.json({ user: c.get('user')?.name ?? null, token: c.get('apiTokenId') }),
  );
  return app;
}

async function tokenFor(user: string, scopes: TokenScope[], expiresAt?: Date) {
  return (await createApiToken(t.db, { userName: user, name: `test ${scopes.join(',')}`, scopes, expiresAt }))
    .token;
}

const bearer = (token: string, extra: Record<string, string> = {}) => ({
  headers: { authorization: `Bearer ${token}`, ...extra },
});
const post = (token: string, extra: Record<string, string> = {}) => ({
  method: 'POST',
  ...bearer(token, extra),
});

test('a read token can GET but not POST', async () => {
  const app = appWith();
  const token = await tokenFor('steward', ['read']);
  expect((await app.request('/api/sources', bearer(token))).status).toBe(200);
  expect((await app.request('/api/plans', bearer(token))).status).toBe(200);
  const run = await app.request('/api/sources/ingest/runs', post(token));
  expect(run.status).toBe(403);
  expect(await run.json()).toEqual({ error: 'API-nyckeln saknar behörigheten ”runs”.' });
});

test('a runs token runs a source as its user, without CSRF headers, but cannot define sources or edit plans', async () => {
  const app = appWith();
  await upsertSource(t.db, { id: 'prov', title: 'Provkälla', kind: 'csv', definition: {}, schedule: null });
  const token = await tokenFor('steward', ['runs', 'read']);
  expect(await (await app.request('/api/test-who', bearer(token))).json()).toEqual({
    user: 'steward',
    token: token.split('_')[1],
  });
  // A script sends no Origin and no custom header; a foreign Origin does not matter for a bearer either.
  const run = await app.request('/api/sources/prov/runs', post(token, { origin: 'https://annan.example' }));
  expect(run.status).toBe(202);
  const { jobId } = (await run.json()) as { jobId: string };
  expect((await queues.ingest.getJob(jobId))?.data).toMatchObject({ sourceId: 'prov', trigger: 'manual' });
  // Upload: past the checks to the handler, which finds no file in the request (and says so).
  const upload = await app.request('/api/sources/prov/files', post(token));
  expect(upload.status).toBe(400);
  expect(await upload.json()).toEqual({ error: 'Skicka filen som multipart/form-data (fältet file).' });

  const define = await app.request('/api/sources', post(token));
  expect(define.status).toBe(403);
  expect(await define.json()).toEqual({ error: 'API-nyckeln saknar behörigheten ”sources”.' });
  expect((await app.request('/api/sources/detect', post(token))).status).toBe(403);
  expect((await app.request('/api/plans/p/goals/g', { method: 'PATCH', ...bearer(token) })).status).toBe(403);
  // Reading needs the read scope.
  const runsOnly = await tokenFor('steward', ['runs']);
  expect((await app.request('/api/sources', bearer(runsOnly))).status).toBe(403);
});

test('a viewer’s token cannot POST even with every scope: the role still limits it', async () => {
  const app = appWith();
  const token = await tokenFor('viewer', ['read', 'runs', 'sources', 'plans']);
  expect((await app.request('/api/sources', bearer(token))).status).toBe(200);
  const run = await app.request('/api/sources/ingest/runs', post(token));
  expect(run.status).toBe(403);
  expect(await run.json()).toEqual({ error: 'Din roll får inte göra detta.' });
});

test('revoked, expired, unknown and malformed tokens get 401 with a Swedish message', async () => {
  const app = appWith();
  const revoked = await tokenFor('steward', ['read']);
  await t.pool.query('update ops.api_tokens set revoked_at = now() where id = $1', [revoked.split('_')[1]]);
  const expired = await tokenFor('steward', ['read'], new Date(Date.now() + 60_000));
  await t.pool.query(`update ops.api_tokens set expires_at = now() - interval '1 second' where id = $1`, [
    expired.split('_')[1],
  ]);
  const good = await tokenFor('steward', ['read']);
  const wrongSecret = `${good.slice(0, -4)}AAAA`;
  const cases: [string, string][] = [
    [revoked, 'API-nyckeln är återkallad.'],
    [expired, 'API-nyckeln har gått ut.'],
    [wrongSecret, 'Okänd API-nyckel.'],
    ['mk_0123456789abcdef_x', 'Okänd API-nyckel.'],
    ['', 'Okänd API-nyckel.'],
  ];
  for (const [token, message] of cases) {
    const res = await app.request('/api/sources', bearer(token));
    expect(res.status, token).toBe(401);
    expect(await res.json(), token).toEqual({ error: message });
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  }
  expect((await app.request('/api/sources', bearer(good))).status).toBe(200);
});

test('last use is recorded', async () => {
  const app = appWith();
  const token = await tokenFor('steward', ['read']);
  const id = token.split('_')[1];
  const before = await t.pool.query('select last_used_at from ops.api_tokens where id = $1', [id]);
  expect(before.rows[0].last_used_at).toBeNull();
  expect((await app.request('/api/plans', bearer(token))).status).toBe(200);
  const after = await t.pool.query('select last_used_at from ops.api_tokens where id = $1', [id]);
  expect(after.rows[0].last_used_at).toBeInstanceOf(Date);
  expect(Math.abs(after.rows[0].last_used_at.getTime() - Date.now())).toBeLessThan(60_000);
});

test('a request with a cookie and a bearer is judged by the bearer alone', async () => {
  const app = appWith();
  const signIn = await app.request(`http://localhost${SESSION_PATH}`, {
    method: 'POST',
    headers: { origin: 'http://localhost', [CSRF_HEADER]: '1', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'admin', password: passwords.admin }),
  });
  const cookie = `${SESSION_COOKIE}=${signIn.headers.get('set-cookie')?.match(/malkoll_session=([^;]+)/)?.[1]}`;
  const sameOrigin = { cookie, origin: 'http://localhost', [CSRF_HEADER]: '1' };
  // The admin's cookie alone passes the checks (the handler then wants a definition).
  expect(
    (await app.request('http://localhost/api/sources', { method: 'POST', headers: sameOrigin })).status,
  ).toBe(400);
  const readToken = await tokenFor('admin', ['read']);
  expect((await app.request('http://localhost/api/sources', post(readToken, sameOrigin))).status).toBe(403);
  expect((await app.request('http://localhost/api/sources', post('mk_bad', sameOrigin))).status).toBe(401);
});

test('tokens never reach Bull Board or the session endpoints, even an admin’s with every scope', async () => {
  for (const mode of ['required', 'off'] as const) {
    const app = appWith(mode);
    const token = await tokenFor('admin', ['read', 'runs', 'sources', 'plans']);
    expect((await app.request('/admin/queues/api/queues', bearer(token))).status, mode).toBe(403);
    expect(
      (await app.request('/admin/queues/api/queues/ingest/pause', { method: 'PUT', ...bearer(token) }))
        .status,
    ).toBe(403);
    expect((await app.request(SESSION_PATH, bearer(token))).status).toBe(403);
  }
  expect(await queues.ingest.isPaused()).toBe(false);
});

test('public-read: a token’s scopes apply to the public pages too', async () => {
  const app = appWith('public-read');
  expect((await app.request('/api/plans')).status).toBe(200);
  const runsOnly = await tokenFor('steward', ['runs']);
  expect((await app.request('/api/plans', bearer(runsOnly))).status).toBe(403);
});

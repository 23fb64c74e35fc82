import { createLogger } from '@malkoll/runtime';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER, SESSION_PATH } from '../src/server/auth.ts';
import { loadPlanFixture } from './plan-fixture.ts';

// What an anonymous visitor can send that the database cannot hold: dates that do not exist, ids out of
// range, NUL bytes. Each is the visitor's mistake (400, in Swedish), never a server error, and the error
// goes to the app's logger, not to the console.

const ORIGIN = 'http://localhost';
let t: TestDatabase;
let app: ReturnType<typeof createApp>;
const logged: string[] = [];

/** A logger whose lines are collected in `logged` (as it writes them, redacted) instead of printed. */
function collecting() {
  const log = createLogger('test', 'info');
  const write = (obj: object) => logged.push(JSON.stringify(obj));
  for (const level of ['info', 'warn', 'error'] as const) log[level] = write as never;
  return log;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await loadPlanFixture(t);
  app = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'public-read' }, log: collecting() });
});
afterAll(async () => {
  await t?.drop();
});

describe('a bad value in the address answers 4xx in Swedish, never 500', () => {
  test.each([
    ['/api/plans/ks/overview?asOf=9999-99-99', 400],
    ['/api/plans/ks/overview?asOf=2016-02-30', 400],
    ['/api/plans/ks/overview?asOf=2016-13-45', 400],
    ['/api/plans/ks/goals/km-1?asOf=2016-02-30', 400],
    ['/api/why/status?link=12345678901234567890&asOf=2016-04-30', 400],
    ['/api/why/value?indicator=a%00b&area=0586&period=2016-04-30', 400],
    ['/api/explorer?indicator=a%00b&areas=0586', 400],
    // A NUL byte anywhere in the address is refused before any lookup (ids.ts, route-ids.test.ts).
    ['/api/plans/ks/goals/k%00m?asOf=2016-04-30', 400],
  ])('%s → %i', async (url, status) => {
    const res = await app.request(`${ORIGIN}${url}`);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(/[åäö]|Ange|Ogiltig|Finns/i);
  });
});

test('a NUL byte in the sign-in name is refused as bad input', async () => {
  const res = await app.request(`${ORIGIN}${SESSION_PATH}`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'sec-fetch-site': 'same-origin',
      [CSRF_HEADER]: '1',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: 'an\u0000na', password: 'x' }),
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: string }).error).toBe('Ange användarnamn och lösenord.');
  // Refused before an attempt is counted: the name reached no query.
  const { rows } = await t.pool.query(`select 1 from ops.sign_in_attempts where user_name like 'an%'`);
  expect(rows).toEqual([]);
});

test('input Postgres refuses past the checks is a 400, logged by the app with the SQLSTATE and the path', async () => {
  // The routes check their ids first; this route (added like any future one) does not, so the
  // database's own refusal reaches the error handler.
  const unchecked = createApp({
    db: t.db,
    clientDir: '/nonexistent',
    auth: { mode: 'off' },
    log: collecting(),
  });
  unchecked.get('/api/unchecked-number', async (c) => {
    const value = c.req.query('n') ?? '';
    const { rows } = await t.pool.query('select $1::integer as n', [value]);
    return c.json(rows[0]);
  });
  const res = await unchecked.request(`${ORIGIN}/api/unchecked-number?n=12345678901234567890`);
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: string }).error).toMatch(/Ogiltig begäran/);
  expect(logged.some((line) => line.includes('"code":"22') && line.includes('/api/unchecked-number'))).toBe(
    true,
  );
});

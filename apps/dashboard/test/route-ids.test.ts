import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER } from '../src/server/auth.ts';
import { loadPlanFixture } from './plan-fixture.ts';

// Every id a route reads from its address is checked before anything is looked up by it: a NUL byte
// (or any control character) anywhere in the address, and a numeric id that is no row id (20 digits,
// letters), answer 400 in Swedish. The route list comes from the app itself, so a new route with a
// path parameter is in the table without anyone adding it.

const ORIGIN = 'http://localhost';
const headers = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };
let t: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestDatabase();
  await loadPlanFixture(t);
  app = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'off' } });
});
afterAll(async () => {
  await t?.drop();
});

/** Path parameters that are row ids (integers); every other parameter is a text key. */
const NUMERIC = new Set(['linkId', 'activityId']);
const isNumeric = (route: string, param: string) =>
  NUMERIC.has(param) || (route.startsWith('/api/runs/') && param === 'id');

/** Fills every parameter with a plain, valid-looking value except `bad`, which gets `value`. */
function fill(route: string, bad: string, value: string): string {
  return route.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    name === bad ? value : isNumeric(route, name) ? '1' : 'ks',
  );
}

async function send(method: string, url: string) {
  const init: RequestInit = { method, headers: { ...headers, 'content-type': 'application/json' } };
  if (method !== 'GET') init.body = '{}';
  return app.request(`${ORIGIN}${url}`, init);
}

async function expectSwedish400(res: Response, what: string) {
  expect(res.status, what).toBe(400);
  expect(((await res.json()) as { error: string }).error, what).toMatch(/Ogiltig|ska vara|Ange/);
}

const routesWithParams = () => [
  ...new Map(
    app.routes
      .filter((r) => r.path.startsWith('/api/') && r.path.includes('/:') && r.method !== 'ALL')
      .map((r) => [`${r.method} ${r.path}`, r]),
  ).values(),
];

describe('path parameters', () => {
  test('the table holds every route with an id in its path', () => {
    const names = routesWithParams().map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /api/plans/:id/overview',
        'GET /api/plans/:id/goals/:goalKey',
        'GET /api/plans/:planId/history',
        'GET /api/sources/:id/runs',
        'GET /api/runs/:id',
        'GET /api/runs/:id/rejected.csv',
        'PATCH /api/plans/:planId/links/:linkId',
        'PATCH /api/plans/:planId/activities/:activityId',
        'POST /api/sources/:id/runs',
      ]),
    );
  });

  test('a NUL byte in any path parameter answers 400', async () => {
    for (const route of routesWithParams()) {
      for (const param of route.path.match(/:([A-Za-z0-9_]+)/g) ?? []) {
        const url = fill(route.path, param.slice(1), 'k%00s');
        await expectSwedish400(await send(route.method, url), `${route.method} ${url}`);
      }
    }
  });

  test('a numeric id with 20 digits, letters or a sign answers 400', async () => {
    for (const route of routesWithParams()) {
      for (const param of route.path.match(/:([A-Za-z0-9_]+)/g) ?? []) {
        if (!isNumeric(route.path, param.slice(1))) continue;
        for (const value of ['12345678901234567890', 'abc', '-1', '1e3', '0x10']) {
          const url = fill(route.path, param.slice(1), value);
          await expectSwedish400(await send(route.method, url), `${route.method} ${url}`);
        }
      }
    }
  });
});

describe('ids in the query', () => {
  test.each([
    '/api/why/status?link=12345678901234567890&asOf=2016-04-30',
    '/api/why/status?link=abc&asOf=2016-04-30',
    '/api/why/status?link=1.5&asOf=2016-04-30',
    '/api/why/value?indicator=a%00b&area=0586&period=2016-04-30',
    '/api/why/value?indicator=mjolby.invanare&area=05%0086&period=2016-04-30',
    '/api/why/value?indicator=mjolby.invanare&area=0586&period=2016-04-30&breakdown=T%00',
    '/api/explorer?indicator=a%00b&areas=0586',
    '/api/explorer?indicator=mjolby.invanare&areas=0586,05%0086',
    '/api/explorer.csv?indicator=a%00b&areas=0586',
    '/api/plans/ks/history?goal=km%00-1',
    '/api/plans/ks/overview?view=cards%00',
    '/api/sources/x/runs?limit=99999999999999999999',
  ])('%s → 400', async (url) => {
    await expectSwedish400(await send('GET', url), url);
  });
});

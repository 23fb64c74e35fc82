import { createRedis } from '@malkoll/jobs';
import { createLogger } from '@malkoll/runtime';
import { testRedisUrl } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HealthServer, type ReadinessChecks, startHealthServer } from '../src/health.ts';

// The worker's probes with real services: the machine's Postgres and Redis for "up", a port nobody
// listens on for "down".
let t: TestDatabase;
let redis: Redis;
let deadPool: pg.Pool;
const log = createLogger('test', 'silent');
const servers: HealthServer[] = [];

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
  redis = createRedis(testRedisUrl(), 'producer');
  deadPool = new pg.Pool({
    connectionString: 'postgres://postgres@127.0.0.1:1/none',
    connectionTimeoutMillis: 500,
  });
  deadPool.on('error', () => {});
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await deadPool.end();
  redis.disconnect();
  await t.drop();
});

const postgresCheck = (pool: pg.Pool) => async () => {
  await pool.query('select 1');
  return true;
};
const redisCheck = async () => (await redis.ping()) === 'PONG';

async function serve(checks: ReadinessChecks, checkTimeoutMs?: number) {
  const server = await startHealthServer({
    host: '127.0.0.1',
    port: 0,
    checks,
    log,
    ...(checkTimeoutMs ? { checkTimeoutMs } : {}),
  });
  servers.push(server);
  return server;
}

async function get(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('ready when Postgres and Redis answer', async () => {
  const server = await serve({ postgres: postgresCheck(t.pool), redis: redisCheck });
  expect(server.port).toBeGreaterThan(0);
  expect(await get(`${server.url}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
  expect(await get(`${server.url}/health/ready`)).toEqual({
    status: 200,
    body: { status: 'ready', checks: { postgres: true, redis: true } },
  });
});

test('not ready (503) when Postgres does not answer; still alive', async () => {
  const server = await serve({ postgres: postgresCheck(deadPool), redis: redisCheck });
  expect(await get(`${server.url}/health/ready`)).toEqual({
    status: 503,
    body: { status: 'not_ready', checks: { postgres: false, redis: true } },
  });
  expect((await get(`${server.url}/health`)).status).toBe(200);
});

test('a check that hangs counts as failed after the check timeout', async () => {
  const server = await serve({ stuck: () => new Promise<boolean>(() => {}), redis: redisCheck }, 200);
  const started = Date.now();
  const { status, body } = await get(`${server.url}/health/ready`);
  expect({ status, body }).toEqual({
    status: 503,
    body: { status: 'not_ready', checks: { stuck: false, redis: true } },
  });
  expect(Date.now() - started).toBeLessThan(2_000);
});

test('not ready while stopping, so a load balancer stops sending work; closing frees the port', async () => {
  const server = await serve({ postgres: postgresCheck(t.pool) });
  server.markStopping();
  expect(await get(`${server.url}/health/ready`)).toEqual({
    status: 503,
    body: { status: 'stopping', checks: { postgres: true } },
  });
  expect((await get(`${server.url}/health`)).status).toBe(200);
  await server.close();
  await expect(fetch(`${server.url}/health`)).rejects.toThrow();
});

test('unknown paths are 404', async () => {
  const server = await serve({});
  expect((await get(`${server.url}/metrics`)).status).toBe(404);
});

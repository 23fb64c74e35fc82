import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { addUser } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { type AuthOptions, CSRF_HEADER, SESSION_PATH } from '../src/server/auth.ts';

// Parallel sign-ins against the real HTTP server (real sockets, real scrypt, real Postgres): the lockout
// must hold when the attempts arrive together, not only one after the other, and a burst of password
// hashes must not keep everything else waiting (Node runs scrypt and file reads on one thread pool).

let t: TestDatabase;
let clientDir: string;
const servers: Server[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  clientDir = await mkdtemp(path.join(os.tmpdir(), 'malkoll-burst-client-'));
  await mkdir(path.join(clientDir, 'assets'));
  await writeFile(path.join(clientDir, 'index.html'), '<!doctype html><title>Målkoll</title>');
  await writeFile(path.join(clientDir, 'assets', 'app.js'), 'console.log("målkoll");\n');
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await t?.drop();
  await rm(clientDir, { recursive: true, force: true });
});

async function listen(auth: AuthOptions): Promise<string> {
  const app = createApp({ db: t.db, clientDir, auth });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function signIn(base: string, name: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${SESSION_PATH}`, {
    method: 'POST',
    headers: {
      origin: base,
      'sec-fetch-site': 'same-origin',
      [CSRF_HEADER]: '1',
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify({ name, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** The attempts Postgres holds for a name or an address: each is one that got past the lockout check. */
async function attemptsBy(column: 'user_name' | 'ip', value: string): Promise<number> {
  const { rows } = await t.pool.query<{ n: string }>(
    `select count(*) as n from ops.sign_in_attempts where ${column} = $1`,
    [value],
  );
  return Number(rows[0]?.n);
}

test('40 parallel wrong passwords for one account: at most 5 reach the password check, then even the right one is refused', async () => {
  const base = await listen({ mode: 'required' });
  const { password } = await addUser(t.db, 'parallell', 'steward');
  const wrong = Array.from({ length: 39 }, (_, i) => signIn(base, 'parallell', `gissning-${i}`));
  // The first answer: by then the burst has been let through or refused.
  await Promise.race(wrong);
  const right = await signIn(base, 'parallell', password);
  const statuses = await Promise.all(wrong);

  expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(5);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(34);
  expect(statuses.filter((s) => s === 200)).toEqual([]);
  expect(right).toBe(429);
  expect(await attemptsBy('user_name', 'parallell')).toBeLessThanOrEqual(5);
}, 180_000);

test('40 parallel sign-ins from one address under 40 names: at most the address limit reach the password check', async () => {
  // 10 instead of the default 20 only to keep the test short: each hash takes a second on a busy box.
  const base = await listen({ mode: 'required', maxFailuresPerIp: 10 });
  const { password } = await addUser(t.db, 'adressen', 'viewer');
  const burst = Array.from({ length: 40 }, (_, i) => signIn(base, `namn-${i}`, 'vad-som-helst'));
  await Promise.race(burst);
  const right = await signIn(base, 'adressen', password);
  const statuses = await Promise.all(burst);

  expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(10);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
  expect(right).toBe(429);
  expect(await attemptsBy('ip', '127.0.0.1')).toBeLessThanOrEqual(10);
}, 180_000);

test('a static file is served during a burst of password hashes, before most of the sign-ins are answered', async () => {
  // Behind a trusted proxy 12 addresses each get past the lockout: 12 hashes to compute, three times
  // what the thread pool runs at once.
  const base = await listen({ mode: 'required', trustProxy: true });
  const order: string[] = [];
  const burst = Array.from({ length: 12 }, (_, i) =>
    signIn(base, `okänd-${i}`, 'fel', { 'x-forwarded-for': `198.51.100.${i + 1}` }).then((status) => {
      order.push('sign-in');
      return status;
    }),
  );
  await Promise.race(burst);
  const asset = await fetch(`${base}/assets/app.js`);
  expect(await asset.text()).toContain('målkoll');
  order.push('static');
  const statuses = await Promise.all(burst);

  expect(statuses.every((s) => s === 401)).toBe(true);
  // The file read waits for at most the hashes already running, not for the whole burst.
  const answeredBefore = order.indexOf('static');
  expect(answeredBefore).toBeLessThan(burst.length / 2);
}, 180_000);

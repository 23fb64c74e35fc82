import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER, SESSION_PATH } from '../src/server/auth.ts';
import { startDashboardServer } from '../src/server/http-server.ts';

// A client that sends its request a byte at a time holds a connection for as long as the server waits:
// the 2026-12 probe held one for 324 s. The dashboard's server bounds the time to read the headers and
// the whole request; here with short bounds, over a real socket that drips.

let t: TestDatabase;
let server: Server;
let port: number;

beforeAll(async () => {
  t = await createTestDatabase();
  const app = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'required' } });
  server = startDashboardServer(app, {
    hostname: '127.0.0.1',
    port: 0,
    headersTimeoutMs: 500,
    requestTimeoutMs: 1_000,
    checkIntervalMs: 100,
  }) as Server;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

/**
 * Sends `head` at once, then `drip` one byte every `everyMs`; resolves when the server closes the
 * socket, with what it answered and how many dripped bytes it had taken, or when every byte is sent.
 */
function drip(head: string, body: string, everyMs: number) {
  return new Promise<{ closedByServer: boolean; sent: number; answer: string }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      socket.destroy();
      resolve({ closedByServer, sent, answer });
    };
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(head);
    const timer = setInterval(() => {
      if (sent === body.length) return finish(false);
      socket.write(body.slice(sent, sent + 1));
      sent++;
    }, everyMs);
  });
}

test('a body dripped a byte at a time is cut off when the request time is up', async () => {
  const body = JSON.stringify({ name: 'anna', password: 'x'.repeat(200) });
  const head =
    `POST ${SESSION_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
    `Origin: http://127.0.0.1:${port}\r\nSec-Fetch-Site: same-origin\r\n${CSRF_HEADER}: 1\r\n` +
    `Content-Length: ${body.length}\r\n\r\n`;
  // 215 bytes at one per 50 ms would take 10 s; the server gives the request 1 s.
  const result = await drip(head, body, 50);
  expect(result.closedByServer).toBe(true);
  expect(result.sent).toBeLessThan(body.length);
  expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
}, 30_000);

test('headers dripped a byte at a time are cut off when the header time is up', async () => {
  const headers = `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'y'.repeat(200)}\r\n\r\n`;
  const result = await drip('', headers, 50);
  expect(result.closedByServer).toBe(true);
  expect(result.sent).toBeLessThan(headers.length);
}, 30_000);

test('a request sent at once is answered as usual', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  expect(res.status).toBe(200);
});

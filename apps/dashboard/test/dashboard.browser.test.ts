import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { isolatedEnv, runCli } from '@malkoll/cli/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';

// The dashboard as leadership sees it: the demo plan loaded and refreshed through the real CLI, the real
// HTTP server, and Debian's Chromium.
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
let server: ServerType;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
  env = await isolatedEnv(t.url);
  const demo = await runCli(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
  const sources = await t.db.selectFrom('ops.sources').select('id').execute();
  for (const { id } of sources) {
    const run = await runCli(['sources', 'run', id, '--wait', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
  }
  const app = createApp({ db: t.db, clientDir: fileURLToPath(new URL('../dist/client', import.meta.url)) });
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await t.drop();
  await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
});

test('the overview shows the Mjölby plan per 30 April 2016 with statuses in words and trend charts', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // The demo has several plans and the dashboard opens the newest; this test is about Mjölby's.
  await page.goto(`${baseUrl}/?plan=mjolby-ks-2016`);
  await page
    .getByText('Mjölby kommun ska erbjuda attraktiva boendemiljöer', { exact: false })
    .first()
    .waitFor();
  const text = (await page.textContent('body')) ?? '';
  // Population: 26 611 against 26 900, expected 26 701 by 30 April: not on track, said in words.
  expect(text.replace(/\u00a0/g, ' ')).toContain('26 611');
  expect(text).toContain('Ej i fas');
  expect(text).toContain('Inga nya data');
  expect(await page.locator('html').getAttribute('lang')).toBe('sv');
  // Trend charts render as SVG with coloured lines (Tremor without its safelist draws them grey).
  // The chart code is lazy-loaded; wait for the first drawn line, then check it is not grey.
  const line = page.locator('svg .recharts-line-curve').first();
  await line.waitFor();
  const computed = await line.evaluate((el) => getComputedStyle(el).stroke);
  expect(computed).not.toMatch(/rgb\((\d+), \1, \1\)/); // grey has equal channels
  await page.screenshot({
    path: fileURLToPath(new URL('../../../.data/dashboard-overview.png', import.meta.url)),
    fullPage: false,
  });
  await page.close();
});

test('the API answers a follow-up date that is not a date with a Swedish error', async () => {
  const res = await fetch(`${baseUrl}/api/plans/mjolby-ks-2016/overview?asOf=igår`);
  expect(res.status).toBe(400);
  expect((await res.json()).error).toContain('ÅÅÅÅ-MM-DD');
});

test('the Kolada demo plans show population trends and a comparison with similar municipalities', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}/?plan=leksand-2020`);
  // The plan's name is in the plan picker at once; wait for the overview itself.
  await page.getByText('Antal invånare', { exact: false }).first().waitFor();
  await page.getByText('likvärdiga kommuner', { exact: false }).first().waitFor();
  const leksand = ((await page.textContent('body')) ?? '').replace(/\u00a0/g, ' ');
  // The vision's population (Kolada N01951, recorded synthetic values) and the peer comparison (N00670
  // against Koladas "Liknande kommuner, övergripande, Leksand").
  expect(leksand).toContain('Antal invånare');
  expect(leksand).toMatch(/bättre än medianen för likvärdiga kommuner/);
  await page.locator('svg .recharts-line-curve').first().waitFor();
  for (const [plan, text] of [
    ['borlange-ks-2021', 'Borlänge växer'],
    ['vimmerby-2021', 'Fler invånare'],
  ] as const) {
    await page.goto(`${baseUrl}/?plan=${plan}`);
    await page.getByText(text, { exact: false }).first().waitFor();
    await page.getByText('Antal invånare', { exact: false }).first().waitFor();
    await page.locator('svg .recharts-line-curve').first().waitFor();
  }
  await page.close();
});

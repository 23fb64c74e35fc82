import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { isolatedEnv, runCli } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import type { SourcesResponse } from '../src/shared/sources-api.ts';
import { CHROMIUM_ARGS, watchCspViolations } from './browser.ts';

// The Sources page for whoever looks after the nightly refresh: the demo sources loaded through the
// real CLI, one of them failing, served by the real HTTP server to Debian's Chromium.
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
let server: ServerType;
let browser: Browser;
let baseUrl: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
  env = await isolatedEnv(t.url);
  const demo = await runCli(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
  for (const id of ['mjolby-befolkning', 'mjolby-bokningar']) {
    const run = await runCli(['sources', 'run', id, '--wait', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
  }
  // The steward's export went missing: the run fails and says why.
  await rm(`${env.MALKOLL_INBOX}/mjolby/ame-manadsrapport.csv`);
  const failed = await runCli(['sources', 'run', 'mjolby-arbetsmarknad', '--wait'], env);
  expect(failed.code).toBe(1);
  app = createApp({ db: t.db, clientDir: fileURLToPath(new URL('../dist/client', import.meta.url)) });
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((r) => server.close(r));
  await t?.drop();
  if (env?.MALKOLL_INBOX) await rm(env.MALKOLL_INBOX, { recursive: true, force: true });
});

test('/api/sources: state, freshness and run history per source, and the night so far', async () => {
  const res = await app.request('/api/sources');
  expect(res.status).toBe(200);
  const body = (await res.json()) as SourcesResponse;
  const byId = new Map(body.sources.map((s) => [s.id, s]));
  // Every demo source is listed: the CSV files and the Kolada, SCB and survey sources.
  const stored = await t.db.selectFrom('ops.sources').select('id').execute();
  expect([...byId.keys()].sort()).toEqual(stored.map((r) => r.id).sort());
  expect(stored.length).toBeGreaterThanOrEqual(11);

  const befolkning = byId.get('mjolby-befolkning');
  // The demo data end in 2016: the next month was due long ago, so the source is flagged.
  expect(befolkning).toMatchObject({ state: 'stale', freshness: { state: 'stale', cadence: 'monthly' } });
  expect(befolkning?.stateText).toMatch(/^Försenad: \w+ 2016 skulle ha kommit senast \d+ \w+ 2016\.$/);
  expect(befolkning?.schedule).toMatchObject({ cron: '0 2 * * *', timeZone: 'Europe/Stockholm' });
  expect(befolkning?.schedule?.nextRunLabel).toMatch(/^\d{4}-\d{2}-\d{2} 02:00$/);
  expect(befolkning?.runs.map((r) => [r.trigger, r.status])).toEqual([['manual', 'succeeded']]);
  expect(befolkning?.runs[0]?.inserted).toBeGreaterThan(0);

  const arbetsmarknad = byId.get('mjolby-arbetsmarknad');
  expect(arbetsmarknad?.state).toBe('failing');
  expect(arbetsmarknad?.stateText).toMatch(/^Senaste körningen misslyckades: Ingen fil i inkorgen matchar/);
  expect(byId.get('mjolby-ksf-styrkort')).toMatchObject({ state: 'no_data', stateText: 'Har aldrig körts.' });
  // A source that runs when a file arrives says so, rather than "Bara manuellt".
  expect(byId.get('mjolby-medarbetarenkat')).toMatchObject({ schedule: null, onFileArrival: true });
  expect(befolkning?.onFileArrival).toBe(false);

  const night = Object.fromEntries(body.night.sources.map((s) => [s.sourceId, s.outcome]));
  expect(night).toMatchObject({
    'mjolby-befolkning': 'loaded',
    'mjolby-bokningar': 'loaded',
    'mjolby-arbetsmarknad': 'failed',
  });

  const history = await app.request('/api/sources/mjolby-arbetsmarknad/runs?limit=5');
  expect(((await history.json()) as { status: string }[]).map((r) => r.status)).toEqual(['failed']);
  expect((await app.request('/api/sources/finns-inte/runs')).status).toBe(404);
  expect((await app.request('/api/sources/mjolby-befolkning/runs?limit=0')).status).toBe(400);
});

test('the Sources page says each state in words and opens a source run history', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cspViolations = await watchCspViolations(page);
  await page.goto(`${baseUrl}/kallor`);
  await page.getByRole('heading', { name: 'Källor och nattlig uppdatering' }).waitFor();
  const row = page.locator('tr[data-source-id="mjolby-arbetsmarknad"]');
  await row.waitFor();
  expect(await row.textContent()).toContain('Misslyckades');
  expect(await page.locator('tr[data-source-id="mjolby-befolkning"]').textContent()).toContain('Försenad');
  expect(await page.locator('tr[data-source-id="mjolby-ksf-styrkort"]').textContent()).toContain('Inga data');
  expect(await page.locator('tr[data-source-id="mjolby-medarbetarenkat"]').textContent()).toContain(
    'När en ny fil kommer',
  );
  expect(await page.locator('[data-night-source="mjolby-arbetsmarknad"]').textContent()).toContain(
    'misslyckades',
  );

  await page.getByRole('button', { name: 'Folkmängd per månad, Mjölby (demodata)', exact: true }).click();
  const history = page.getByRole('table', { name: /^Körningar för Folkmängd/ });
  await history.waitFor();
  const text = (await history.textContent()) ?? '';
  expect(text).toContain('manuellt');
  expect(text).toContain('Lyckades');
  await page.screenshot({
    path: fileURLToPath(new URL('../../../.data/dashboard-sources.png', import.meta.url)),
    fullPage: true,
  });
  // The overview links here.
  await page.goto(`${baseUrl}/`);
  await page.getByRole('link', { name: 'Källor' }).click();
  await page.getByRole('heading', { name: 'Källor och nattlig uppdatering' }).waitFor();
  expect(cspViolations).toEqual([]);
  await page.close();
});

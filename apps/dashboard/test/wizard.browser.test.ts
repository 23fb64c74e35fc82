import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { testQueuePrefix } from '@malkoll/testing';
import { addUser } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { axeViolations, CHROMIUM_ARGS, watchCspViolations } from './browser.ts';
import { LAPTOP, normalise, PHONE } from './demo-site.ts';
import { type RunningWorker, startWorkerWithQueues } from './worker-with-queues.ts';

// The add-source wizard and the Sources pages without surprises (issue 16, item 7): a failed save says
// so at the top of its step, with focus, and at each field; the hints follow the form; the preview
// names things and writes each indicator's values alike; the wizard asks for the cadence; the list shows
// the schedule as saved; a success with a rejected row is a warning; a run links to its source and its
// values. Real Postgres, real queues in Redis (random prefix), a real worker, Debian's Chromium, and a
// steward signed in as in steward.browser.test.ts.

const prefix = testQueuePrefix();
const shots = '/tmp/wizard-shots';

// A cost in tkr for two municipalities by sex; the last row's value is no number (rejected, 1 of 5).
const SAMPLE = {
  name: 'kostnad-per-kon.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    'Kommun;År;Kön;Kostnad (tkr)\r\n0586;2023;Totalt;1198\r\n0586;2023;Kvinnor;1256,75\r\n0580;2023;Totalt;980,5\r\n0580;2023;Män;17\r\n0580;2023;Kvinnor;okänt\r\n',
  ),
};

const CRON_MESSAGE =
  'Cron-uttrycket "61 25 * * *" går inte att läsa: minut 0–59, timme 0–23, dag 1–31, månad 1–12, veckodag 0–7';

let t: TestDatabase;
let worker: RunningWorker | undefined;
let inbox: string;
let server: ServerType;
let browser: Browser;
let base: string;
let password = '';

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-wizard-browser-'));
  worker = await startWorkerWithQueues({ databaseUrl: t.url, queuePrefix: prefix, inboxRoot: inbox });
  password = (await addUser(t.db, 'sara', 'steward')).password;
  const app = createApp({
    db: t.db,
    clientDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    queues: worker.queues,
    auth: { mode: 'required' },
    inboxRoot: inbox,
  });
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((r) => server.close(r));
  await worker?.close();
  await t?.drop();
  if (inbox) await rm(inbox, { recursive: true, force: true });
});

async function signedInPage(): Promise<{ page: Page; csp: string[] }> {
  const context = await browser.newContext({ viewport: LAPTOP });
  const page = await context.newPage();
  const csp = await watchCspViolations(page);
  const res = await page.request.post(`${base}/api/session`, {
    data: { name: 'sara', password },
    headers: { 'x-malkoll-request': '1', origin: base },
  });
  expect(res.status()).toBe(200);
  return { page, csp };
}

/** axe finds nothing at 1366×768 and at 390×844, and at 390 px nothing scrolls sideways; a screenshot of each. */
async function checkBothWidths(page: Page, name: string): Promise<void> {
  for (const [label, viewport] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(shots, `${name}-${label}.png`), fullPage: true });
    expect(await axeViolations(page), `${name} at ${label}`).toEqual([]);
    if (label === 'phone') {
      const overflow = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(overflow.scroll, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(overflow.client);
    }
  }
  await page.setViewportSize(LAPTOP);
}

const activeTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id);

test('the wizard: named preview, hints from the form, an error summary with focus, cadence and schedule saved; the run warns and links', async () => {
  const { page, csp } = await signedInPage();
  await page.goto(`${base}/kallor/ny`);
  await page.getByRole('heading', { name: 'Ny källa', level: 1 }).waitFor();
  await checkBothWidths(page, 'wizard-1-file');

  await page.getByLabel('Provfil (CSV)').setInputFiles(SAMPLE);
  await page.getByRole('button', { name: 'Läs filen och föreslå' }).click();
  await page.getByTestId('detected-settings').waitFor();

  await page.getByLabel('Källans namn').fill('Kostnad per kön');
  // "(tkr)" in the header is the unit, and the name goes without it; no owner is made up.
  expect(await page.getByLabel('Enhet').inputValue()).toBe('tkr');
  expect(await page.getByLabel('Namn', { exact: true }).inputValue()).toBe('Kostnad');
  expect(await page.getByLabel('Ansvarig', { exact: true }).inputValue()).toBe('');
  expect(await page.getByLabel('Riktning').inputValue()).toBe('');

  // "Att kontrollera" in the wizard's words: what is still to do, nothing of the CLI.
  const hints = page.getByTestId('wizard-hints');
  const hintText = async () => (await hints.textContent()) ?? '';
  expect(await hintText()).toContain('Skriv vem som ansvarar för källan');
  expect(await hintText()).toContain('Välj riktning för 1 nyckeltal');
  expect(await hintText()).not.toContain('sources apply');
  expect(await hintText()).not.toContain('Ej angiven');
  expect(await hintText()).not.toContain('owner.name');

  // The preview names the indicator, the areas and the breakdowns, and writes every value of the
  // indicator with its two decimals.
  const preview = page.getByTestId('preview-result');
  const cells = async (line: number) =>
    normalise(await preview.locator(`[data-fact-line="${line}"]`).textContent());
  await expect.poll(() => cells(2)).toBe('2KostnadMjölby2023Totalt1 198,00');
  expect(await cells(3)).toBe('3KostnadMjölby2023Kvinnor1 256,75');
  expect(await cells(4)).toBe('4KostnadLinköping2023Totalt980,50');
  await checkBothWidths(page, 'wizard-2-proposal');

  // A save with the owner, the direction and the cadence missing: the summary at the top of the step
  // takes the focus and links to each field, which carries its message and aria-invalid.
  // The name was edited: the preview is of an earlier version, which it says, until previewed again.
  expect(await preview.getAttribute('data-stale')).toBe('true');
  await page.getByRole('button', { name: 'Förhandsgranska' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Spara källan' }).isEnabled()).toBe(true);
  await page.getByRole('button', { name: 'Spara källan' }).click();
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  expect(await summary.getAttribute('role')).toBe('alert');
  expect(await summary.getByRole('heading').textContent()).toBe('Det finns problem');
  expect(await summary.getByRole('link').allTextContents()).toEqual([
    'Skriv vem som ansvarar för källan',
    'Välj om högre eller lägre värden är bättre för "Kostnad"',
    'Välj hur ofta källan får nya siffror',
  ]);
  await expect.poll(() => activeTestId(page)).toBe('error-summary');
  const owner = page.getByLabel('Ansvarig', { exact: true });
  expect(await owner.getAttribute('aria-invalid')).toBe('true');
  const ownerMessage = await page
    .locator(`[id="${(await owner.getAttribute('aria-describedby'))?.split(' ').at(-1)}"]`)
    .textContent();
  expect(ownerMessage).toBe('Fel: Skriv vem som ansvarar för källan');
  await checkBothWidths(page, 'wizard-3-errors');

  // Filling in the owner and the direction takes their hints away at once.
  await owner.fill('Sara Svensson');
  await page.getByLabel('Riktning').selectOption('lower');
  await expect.poll(hintText).not.toContain('Skriv vem som ansvarar');
  expect(await hintText()).not.toContain('Välj riktning');

  // A bad cron: the server refuses it, and the summary and the field say so.
  await page.getByLabel('Varje år').check();
  await page.getByLabel('Eget schema (cron)').check();
  const cron = page.getByLabel('Cron-uttryck');
  await cron.fill('61 25 * * *');
  await page.getByRole('button', { name: 'Förhandsgranska' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Spara källan' }).isEnabled()).toBe(true);
  await page.getByRole('button', { name: 'Spara källan' }).click();
  await expect.poll(async () => summary.getByRole('link').allTextContents()).toEqual([CRON_MESSAGE]);
  await expect.poll(() => activeTestId(page)).toBe('error-summary');
  expect(await cron.getAttribute('aria-invalid')).toBe('true');
  expect(await cron.getAttribute('aria-describedby')).toBe('schedule-cron-hint schedule-cron-error');
  expect(await page.locator('#schedule-cron-error').textContent()).toBe(`Fel: ${CRON_MESSAGE}`);
  expect(await owner.getAttribute('aria-invalid')).toBeNull();
  // The summary's link moves to the field itself.
  await summary.getByRole('link').click();
  await expect.poll(() => activeTestId(page)).toBe('schedule-cron');

  await cron.fill('30 6 * * 1-5');
  await page.getByRole('button', { name: 'Spara källan' }).click();
  await page.getByText('Källan "Kostnad per kön" är sparad.').waitFor();
  expect(await summary.count()).toBe(0);
  const stored = await t.db
    .selectFrom('ops.sources')
    .select(['schedule_cron', 'definition'])
    .where('id', '=', 'kostnad-per-kon')
    .executeTakeFirstOrThrow();
  expect(stored.schedule_cron).toBe('30 6 * * 1-5');
  expect(stored.definition).toMatchObject({
    owner: { name: 'Sara Svensson' },
    freshness: { cadence: 'yearly' },
    indicators: [{ title: 'Kostnad', unit: 'tkr', direction: 'lower', decimals: 2 }],
  });

  // The run with the sample loads four rows and rejects one: a warning, not a plain success.
  await page.getByRole('button', { name: 'Kör nu med provfilen' }).click();
  await page.waitForURL(/\/kallor\/korningar\/\d+$/);
  await page.locator('[data-run-status="succeeded"][data-run-warning="true"]').waitFor({ timeout: 30_000 });
  expect(normalise(await page.locator('[data-run-status]').textContent())).toContain(
    'Resultat: ⚠Lyckades med 1 avvisad rad',
  );
  // Its values: a link to the explorer for each indicator the source fills.
  const explorer = page.getByTestId('run-indicators').getByRole('link', { name: 'Kostnad' });
  expect(await explorer.getAttribute('href')).toMatch(/^\/explorer\?indicator=kostnad-per-kon/);
  await checkBothWidths(page, 'run-page');

  // The run links to its source: the Sources page with the source's runs open.
  await page.getByTestId('run-source-link').click();
  await page.waitForURL(/\/kallor\?kalla=kostnad-per-kon/);
  const row = page.locator('tr[data-source-id="kostnad-per-kon"]');
  await row.waitFor();
  const history = page.getByRole('table', { name: 'Körningar för Kostnad per kön' });
  await history.waitFor();
  expect(normalise(await history.locator('[data-run-result="warning"]').textContent())).toBe(
    '⚠Lyckades med 1 avvisad rad',
  );
  // The schedule as saved, in words, with the next run in the one date format of the page.
  expect(normalise(await row.locator('[data-schedule]').textContent())).toMatch(
    /^Vardagar kl\. 06\.30; nästa \d{1,2} \p{L}+ \d{4} kl\. 06\.30$/u,
  );
  // A cadence was asked for: the source is judged by it, never "I tid" beside "Ingen förväntan angiven".
  const rowText = normalise(await row.textContent());
  expect(rowText).not.toContain('Ingen förväntan angiven');
  expect(rowText).toMatch(/2024 senast 15 mars 2025/);
  await checkBothWidths(page, 'sources-list');
  expect(csp).toEqual([]);
  await page.context().close();
}, 180_000);

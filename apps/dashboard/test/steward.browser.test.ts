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
import { CHROMIUM_ARGS, watchCspViolations } from './browser.ts';
import { type RunningWorker, startWorkerWithQueues } from './worker-with-queues.ts';

// A steward adds a CSV source in the browser, from a sample file to a finished run, with sign-in
// required; a viewer sees no steward action and is refused at the API. Real Postgres, real queues in
// Redis (random prefix), a real worker, Debian's Chromium.

const prefix = testQueuePrefix();
const sample = fileURLToPath(
  new URL('../../../packages/sources/fixtures/unknown-period-area.csv', import.meta.url),
);

const noPeriodSample = fileURLToPath(
  new URL('../../../packages/sources/fixtures/no-period.csv', import.meta.url),
);

let t: TestDatabase;
let worker: RunningWorker | undefined;
let inbox: string;
let server: ServerType;
let browser: Browser;
let base: string;
const passwords: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-steward-browser-'));
  worker = await startWorkerWithQueues({ databaseUrl: t.url, queuePrefix: prefix, inboxRoot: inbox });
  passwords.anna = (await addUser(t.db, 'anna', 'steward')).password;
  passwords.vera = (await addUser(t.db, 'vera', 'viewer')).password;
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
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((r) => server.close(r));
  await worker?.close();
  await t?.drop();
  if (inbox) await rm(inbox, { recursive: true, force: true });
});

const screenshot = (name: string) => fileURLToPath(new URL(`../../../.data/${name}`, import.meta.url));
const csrf = () => ({ 'x-malkoll-request': '1', origin: base });

async function signedInPage(name: string): Promise<{ page: Page; csp: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const csp = await watchCspViolations(page);
  const res = await page.request.post(`${base}/api/session`, {
    data: { name, password: passwords[name] },
    headers: csrf(),
  });
  expect(res.status()).toBe(200);
  return { page, csp };
}

test('a steward adds a source from a sample file, previews it, saves it with a schedule and runs it', async () => {
  const { page, csp } = await signedInPage('anna');
  await page.goto(`${base}/kallor`);
  await page.getByRole('heading', { name: 'Källor och nattlig uppdatering' }).waitFor();
  await page.getByRole('link', { name: 'Ny källa' }).click();
  await page.getByRole('heading', { name: 'Ny källa', level: 1 }).waitFor();

  // 1. The sample file.
  await page.getByLabel('Provfil (CSV)').setInputFiles(sample);
  await page.getByRole('button', { name: 'Läs filen och föreslå' }).click();

  // 2. The detected settings and the proposed mapping.
  const settings = page.getByTestId('detected-settings');
  await settings.waitFor();
  expect(await settings.textContent()).toContain('Avgränsare:;');
  expect(await page.locator('[data-column="Kommun"]').textContent()).toContain('område');
  expect(await page.locator('[data-column="År"]').textContent()).toContain('period');
  // The detection previewed the proposal already: three of the four rows are rejected.
  await expect
    .poll(() => page.getByTestId('preview-counts').textContent())
    .toBe('4 datarader: 1 värden, 0 överhoppade, 3 avvisade');

  // The steward edits the proposal: id, name, owner and the indicator's name and unit.
  await page.getByLabel('Källans id').fill('webb-prov');
  await page.getByLabel('Källans namn').fill('Provkälla från webbläsaren');
  await page.getByLabel('Ansvarig', { exact: true }).fill('Anna Andersson');
  await page.getByLabel('Namn', { exact: true }).fill('Antal testfall');
  await page.getByLabel('Enhet').fill('st');
  // Detect cannot know whether higher is better: the steward chooses.
  await page.getByLabel('Riktning').selectOption('higher');
  // An edit makes the earlier preview stale: saving waits for a new one.
  expect(await page.getByRole('button', { name: 'Spara källan' }).isDisabled()).toBe(true);

  // 3. The preview of the edited definition: the values and each rejection with its line.
  await page.getByRole('button', { name: 'Förhandsgranska' }).click();
  await expect.poll(async () => page.getByRole('button', { name: 'Spara källan' }).isEnabled()).toBe(true);
  const preview = page.getByTestId('preview-result');
  // The area by name (0586 is Mjölby), the breakdown T as "Totalt".
  expect(await preview.locator('[data-fact-line="2"]').textContent()).toBe(
    '2Antal testfallMjölby2015Totalt1',
  );
  const rejected = preview.locator('[data-rejected-line="3"]');
  expect(await rejected.textContent()).toContain('Okänt område "9999"');
  expect(await preview.locator('[data-rejected-line="4"]').textContent()).toContain('Okänd period "år 2015"');

  await page.screenshot({ path: screenshot('dashboard-steward-new-source.png'), fullPage: true });

  // 4. Save with a weekly schedule and the sample as the first delivery.
  await page.getByLabel('Varje måndag kl. 02.00').check();
  await page.getByLabel('Ingen fast takt').check();
  await page.getByRole('button', { name: 'Spara källan' }).click();
  await page.getByText('Källan "Provkälla från webbläsaren" är sparad.').waitFor();
  const stored = await t.db
    .selectFrom('ops.sources')
    .select(['title', 'schedule_cron', 'schedule_tz', 'definition'])
    .where('id', '=', 'webb-prov')
    .executeTakeFirstOrThrow();
  expect(stored).toMatchObject({
    title: 'Provkälla från webbläsaren',
    schedule_cron: '0 2 * * 1',
    schedule_tz: 'Europe/Stockholm',
  });
  expect(stored.definition).toMatchObject({ owner: { name: 'Anna Andersson' } });
  expect(
    await t.db
      .selectFrom('dim.indicators')
      .select(['title', 'unit'])
      .where('key', '=', 'unknown-period-area')
      .execute(),
  ).toEqual([{ title: 'Antal testfall', unit: 'st' }]);

  // Run now with the sample: the run detail follows the run until it has finished. Three of its four
  // rows are rejected, above the default limit of half: the run fails and loads nothing, and its page
  // still shows the rows and every reason.
  await page.getByRole('button', { name: 'Kör nu med provfilen' }).click();
  await page.waitForURL(/\/kallor\/korningar\/\d+$/);
  await page.locator('[data-run-status="failed"]').waitFor({ timeout: 20_000 });
  const count = (k: string) => page.locator(`[data-count="${k}"] dd`).textContent();
  expect(await page.getByTestId('run-rows').textContent()).toBe(
    '4 lästa = 1 inlästa + 0 överhoppade + 3 avvisade',
  );
  expect(await count('read')).toBe('4');
  expect(await count('rowsRejected')).toBe('3');
  expect(await count('inserted')).toBe('0');
  expect(await count('rejected')).toBe('3');
  expect(await page.getByRole('alert').textContent()).toContain(
    'För många avvisade värden: 75 % (3 av 4) är över standardgränsen 50 %',
  );
  expect(await page.locator('[data-rejected-line="5"]').textContent()).toContain('Område saknas (tom cell)');
  expect(await page.locator('main').textContent()).toContain('webb-prov/unknown-period-area.csv');

  await page.screenshot({ path: screenshot('dashboard-steward-run.png'), fullPage: true });
  const link = page.getByRole('link', { name: 'Ladda ner alla avvisade rader (CSV för Excel)' });
  const href = await link.getAttribute('href');
  const download = await page.request.get(`${base}${href}`);
  expect(download.headers()['content-disposition']).toContain('attachment');
  const text = (await download.body()).toString('utf8');
  expect(text.startsWith('\ufeffRad;Kolumn;Orsak;Värde i filen;Fil\r\n')).toBe(true);
  expect(text.split('\r\n').filter((l) => /^\d+;/.test(l))).toHaveLength(3);

  // Back on the Sources page, the run row links to the run.
  await page.goto(`${base}/kallor`);
  await page.getByRole('button', { name: 'Provkälla från webbläsaren', exact: true }).click();
  await page
    .getByRole('table', { name: /^Körningar för Provkälla/ })
    .getByRole('link')
    .first()
    .click();
  await page.waitForURL(/\/kallor\/korningar\/\d+$/);
  await page.locator('[data-run-status="failed"]').waitFor();
  expect(csp).toEqual([]);
  await page.context().close();
}, 60_000);

test('a sample with no period: the wizard says so, marks the Period field, and proposes with it filled in', async () => {
  const { page, csp } = await signedInPage('anna');
  await page.goto(`${base}/kallor/ny`);
  await page.getByRole('heading', { name: 'Ny källa', level: 1 }).waitFor();
  await page.getByLabel('Provfil (CSV)').setInputFiles(noPeriodSample);
  await page.getByRole('button', { name: 'Läs filen och föreslå' }).click();

  await expect
    .poll(() => page.getByRole('alert').textContent())
    .toMatch(/^Hittar ingen period: .*fältet Period/);
  const period = page.getByLabel('Period', { exact: true });
  expect(await period.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('Område', { exact: true }).getAttribute('aria-invalid')).toBe('false');

  await period.fill('2024');
  await page.getByRole('button', { name: 'Läs filen och föreslå' }).click();
  const settings = page.getByTestId('detected-settings');
  await settings.waitFor();
  expect(await settings.textContent()).toContain('Utgivare:Excel');
  expect(await period.getAttribute('aria-invalid')).toBe('false');
  await expect
    .poll(() => page.getByTestId('preview-counts').textContent())
    .toBe('3 datarader: 3 värden, 0 överhoppade, 0 avvisade');
  expect(csp).toEqual([]);
  await page.context().close();
});

test('on /kallor a steward uploads a new file to a source (a workbook is refused) and runs it now', async () => {
  const { page, csp } = await signedInPage('anna');
  await page.goto(`${base}/kallor`);
  const row = page.locator('tr[data-source-id="webb-prov"]');
  await row.waitFor();
  const upload = row.getByLabel('Ladda upp fil');

  // An Excel workbook saved as is: refused with what to do instead, nothing stored.
  await upload.setInputFiles({
    name: 'leverans.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
  });
  await expect.poll(() => row.getByRole('alert').textContent()).toMatch(/Excel-arbetsbok.*Spara som/);

  // A new delivery with one bad row of three: stored in the source's inbox folder and run at once; the
  // page follows the run, which loads the good rows and says, as a warning, that one was rejected.
  await upload.setInputFiles({
    name: 'leverans-2016.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Kommun;År;Värde\r\n0586;2016;7\r\n0580;2016;5\r\n0584;2016;sju\r\n'),
  });
  await page.waitForURL(/\/kallor\/korningar\/\d+$/);
  await page.locator('[data-run-status="succeeded"][data-run-warning="true"]').waitFor({ timeout: 20_000 });
  expect(await page.locator('[data-count="inserted"] dd').textContent()).toBe('2');
  expect(await page.locator('main').textContent()).toContain('webb-prov/leverans-2016.csv');
  expect(await page.locator('[data-run-status]').textContent()).toContain(
    'Resultat: ⚠Lyckades med 1 avvisad rad',
  );
  expect(await page.getByTestId('run-warning').textContent()).toBe(
    'Varning: Lyckades med 1 avvisad rad (33,3 % av värdena avvisades; över 50 % misslyckas körningen)',
  );
  // On the Sources page the source's state says so, and its run history names the warning.
  await page.goto(`${base}/kallor`);
  const warned = page.locator('tr[data-source-id="webb-prov"]');
  await warned.waitFor();
  expect(await warned.textContent()).toContain('VarningSenaste körningen: Lyckades med 1 avvisad rad');

  // Kör nu: nothing new in the inbox, and the run says so.
  await page.goto(`${base}/kallor`);
  // Each row's actions are named with their source, so a screen reader's list of buttons tells them apart.
  const listed = page.locator('tr[data-source-id="webb-prov"]');
  const title = (await listed.locator('[id="source-title-webb-prov"]').textContent())?.trim();
  expect(title).toBeTruthy();
  expect(await listed.getByRole('button', { name: `Kör nu: ${title}`, exact: true }).count()).toBe(1);
  expect(await listed.getByLabel(`Ladda upp fil: ${title}`, { exact: true }).count()).toBe(1);
  await page.locator('tr[data-source-id="webb-prov"]').getByRole('button', { name: 'Kör nu' }).click();
  await page.waitForURL(/\/kallor\/korningar\/\d+$/);
  await page.locator('[data-run-status="succeeded"]').waitFor({ timeout: 20_000 });
  expect(await page.locator('[data-count="inserted"] dd').textContent()).toBe('0');
  expect(csp).toEqual([]);
  await page.context().close();
}, 60_000);

test('a viewer sees no steward action, is refused on /kallor/ny, and the API answers 403', async () => {
  const { page, csp } = await signedInPage('vera');
  await page.goto(`${base}/kallor`);
  await page.getByRole('heading', { name: 'Källor och nattlig uppdatering' }).waitFor();
  await page.locator('tr[data-source-id="webb-prov"]').waitFor();
  expect(await page.getByRole('link', { name: 'Ny källa' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Kör nu' }).count()).toBe(0);
  expect(await page.getByText('Ladda upp fil').count()).toBe(0);

  await page.goto(`${base}/kallor/ny`);
  const refusal = page.getByTestId('steward-refusal');
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain('kräver rollen dataförvaltare');
  expect(await page.getByLabel('Provfil (CSV)').count()).toBe(0);
  await page.getByRole('button', { name: 'EN' }).click();
  await expect.poll(() => refusal.textContent()).toContain('needs the data steward role');

  const file = {
    name: 'prov.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Kommun;År;Värde\n0586;2015;1\n'),
  };
  const answers = [
    await page.request.post(`${base}/api/sources/detect`, { multipart: { file }, headers: csrf() }),
    await page.request.post(`${base}/api/sources/preview`, {
      multipart: { file, definition: '{}' },
      headers: csrf(),
    }),
    await page.request.post(`${base}/api/sources`, { data: { definition: {} }, headers: csrf() }),
    await page.request.post(`${base}/api/sources/webb-prov/runs`, { data: {}, headers: csrf() }),
    await page.request.post(`${base}/api/sources/webb-prov/files`, { multipart: { file }, headers: csrf() }),
  ];
  expect(answers.map((a) => a.status())).toEqual([403, 403, 403, 403, 403]);
  expect(await answers[3]?.json()).toEqual({ error: 'Din roll får inte göra detta.' });
  expect(csp).toEqual([]);
  await page.context().close();
}, 60_000);

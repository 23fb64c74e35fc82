import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { addUser } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CHROMIUM_ARGS, watchCspViolations } from './browser.ts';
import { loadPlanFixture } from './plan-fixture.ts';

// Plan editing as a steward and a viewer meet it: the real server (DASHBOARD_AUTH=required) over a real
// Postgres, the built client in Debian's Chromium. Sign-in goes through the API with the page's own
// cookie jar (the sign-in form is built elsewhere).
let t: TestDatabase;
let server: ServerType;
let browser: Browser;
let base: string;
const passwords: Record<string, string> = {};
const normalise = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const GOAL = '/plans/ks/goals/arbete?asOf=2016-08-31';

beforeAll(async () => {
  t = await createTestDatabase();
  await loadPlanFixture(t);
  passwords.steward = (await addUser(t.db, 'kerstin', 'steward')).password;
  passwords.viewer = (await addUser(t.db, 'ville', 'viewer')).password;
  const app = createApp({
    db: t.db,
    clientDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    auth: { mode: 'required' },
  });
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((r) => server.close(r));
  await t?.drop();
});

/** The link id the goal page shows the card under (its heading's id is "indicator-<id>"). */
async function linkIdOf(page: Page): Promise<string> {
  const id = await page.getByRole('heading', { name: 'Antal inskrivna deltagare AME' }).getAttribute('id');
  return (id ?? '').replace('indicator-', '');
}

async function signedInPage(name: string, password: string): Promise<{ page: Page; csp: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const csp = await watchCspViolations(page);
  const res = await page.request.post(`${base}/api/session`, {
    data: { name, password },
    headers: { 'x-malkoll-request': '1', origin: base },
  });
  expect(res.status()).toBe(200);
  return { page, csp };
}

test('a steward changes a target and sees the new status and the history entry', async () => {
  const { page, csp } = await signedInPage('kerstin', passwords.steward ?? '');
  await page.goto(`${base}${GOAL}`);
  const card = page.getByRole('article', { name: 'Antal inskrivna deltagare AME' });
  await card.waitFor();
  expect(await card.textContent()).toContain('Ej i fas');
  await expect
    .poll(async () => normalise(await page.getByTestId('plan-history').textContent()))
    .toContain('Inga ändringar ännu.');

  await page
    .getByRole('button', { name: 'Ändra ingångsvärde och mål för Antal inskrivna deltagare AME' })
    .click();
  const form = page.getByRole('form', {
    name: 'Ändra ingångsvärde och mål för Antal inskrivna deltagare AME',
  });
  const target = form.getByLabel('Målvärde');
  expect(await target.inputValue()).toBe('300');
  await target.fill('365');
  await form.getByLabel('Motivering (valfri)').fill('Nytt mottagningstal');
  await form.getByRole('button', { name: 'Spara' }).click();

  // 360 in August against at most 365: achieved, shown without reloading the page by hand.
  await expect.poll(async () => await card.textContent()).toContain('Uppnått');
  const history = page.getByTestId('plan-history');
  await expect
    .poll(async () => normalise(await history.textContent()))
    .toContain('Målvärde: 300 st → 365 st');
  const entry = normalise(await history.locator('li').first().textContent());
  expect(entry).toContain('kerstin');
  expect(entry).toContain('Antal inskrivna deltagare AME');
  expect(entry).toContain('Motivering: Nytt mottagningstal');

  // The activity's status too: a select that saves on change.
  await page.getByLabel('Status för FRAMTIDSJOBB').selectOption('done');
  await expect
    .poll(async () => normalise(await history.textContent()))
    .toContain('FRAMTIDSJOBB – Status: Pågår → Klart');

  // The nämndåtagande's summary comment for the follow-up on screen.
  await page.getByRole('button', { name: 'Skriv sammanfattande kommentar' }).click();
  const commentForm = page.getByRole('form', { name: 'Skriv sammanfattande kommentar' });
  await commentForm.getByLabel('Mål').selectOption('ame');
  expect(await commentForm.getByLabel('Uppföljning per').inputValue()).toBe('2016-08-31');
  await commentForm.getByLabel('Kommentar').fill('Halvårets utfall är bättre än väntat.');
  await commentForm.getByRole('button', { name: 'Spara' }).click();
  await expect
    .poll(async () => normalise(await history.textContent()))
    .toContain(
      'Sammanfattande kommentar per 31 augusti 2016 – Kommentar: (tomt) → ”Halvårets utfall är bättre än väntat.”',
    );
  // Listed among the comments, and the form now starts from the stored text.
  await page
    .locator('section[aria-labelledby="comments"] ol')
    .getByText('Halvårets utfall är bättre än väntat.')
    .waitFor();
  expect(await commentForm.getByLabel('Kommentar').inputValue()).toBe(
    'Halvårets utfall är bättre än väntat.',
  );

  // Someone else saves meanwhile (another tab): this page's save is refused in Swedish, not lost
  // silently, and the page shows the value now stored.
  const other = await page.request.patch(`${base}/api/plans/ks/links/${await linkIdOf(page)}`, {
    data: { targetValue: '370', expected: { targetValue: 365 } },
    headers: { 'x-malkoll-request': '1', origin: base },
  });
  expect(other.status()).toBe(200);
  await page
    .getByRole('button', { name: 'Ändra ingångsvärde och mål för Antal inskrivna deltagare AME' })
    .click();
  await form.getByLabel('Målvärde').fill('380');
  await form.getByRole('button', { name: 'Spara' }).click();
  await form
    .getByText('Någon annan har ändrat målvärdet (nu 370) sedan du öppnade sidan. Ladda om och försök igen.')
    .waitFor();
  await expect.poll(async () => normalise(await card.textContent())).toContain('370 st');
  await form.getByRole('button', { name: 'Avbryt' }).click();

  // A Swedish number that is not one is refused before it is sent.
  await page
    .getByRole('button', { name: 'Ändra ingångsvärde och mål för Antal inskrivna deltagare AME' })
    .click();
  await form.getByLabel('Ingångsvärde').fill('3,1,2');
  await form.getByRole('button', { name: 'Spara' }).click();
  await page.getByText('Ingångsvärde ska vara ett tal, t.ex. 14,5 eller 26 602.').waitFor();
  await page.screenshot({
    path: fileURLToPath(new URL('../../../.data/dashboard-plan-editing.png', import.meta.url)),
    fullPage: true,
  });
  expect(csp).toEqual([]);
  await page.context().close();
});

test('a viewer sees the history but no edit control', async () => {
  const { page, csp } = await signedInPage('ville', passwords.viewer ?? '');
  await page.goto(`${base}${GOAL}`);
  const history = page.getByTestId('plan-history');
  await expect
    .poll(async () => normalise(await history.textContent()))
    .toContain('Målvärde: 300 st → 365 st');
  expect(await page.getByRole('article', { name: 'Antal inskrivna deltagare AME' }).textContent()).toContain(
    'Uppnått',
  );
  expect(await page.getByRole('button', { name: /Ändra ingångsvärde och mål/ }).count()).toBe(0);
  expect(await page.getByLabel('Status för FRAMTIDSJOBB').count()).toBe(0);
  expect(await page.locator('textarea').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Skriv sammanfattande kommentar' }).count()).toBe(0);
  // The activities table shows the status as text (each chart has a table of its own now, behind
  // "Visa som tabell", so the activities' is found by its scroll region's name).
  const activities = page.getByRole('region', { name: /^Aktivitetsmått/ }).locator('table');
  expect(normalise(await activities.textContent())).toContain('Klart');
  expect(csp).toEqual([]);
  await page.context().close();
});

import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { addUser } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { axeViolations, CHROMIUM_ARGS, watchCspViolations } from './browser.ts';
import { LAPTOP, normalise, PHONE } from './demo-site.ts';
import { loadPlanFixture } from './plan-fixture.ts';

// The admin pages and the target editor as an admin meets them: the real server (DASHBOARD_AUTH=required)
// over a real Postgres with the plan-editing fixture, the built client in Debian's Chromium. Sign-in goes
// through the API with the page's own cookie jar (the sign-in form has its own test).
let t: TestDatabase;
let server: ServerType;
let browser: Browser;
let base: string;
let adminPassword: string;
const GOAL = '/plans/ks/goals/arbete?asOf=2016-08-31';
const CARD = 'Antal inskrivna deltagare AME';
const EDIT = `Ändra ingångsvärde och mål för ${CARD}`;

beforeAll(async () => {
  t = await createTestDatabase();
  await loadPlanFixture(t);
  adminPassword = (await addUser(t.db, 'anna', 'admin')).password;
  await addUser(t.db, 'kerstin', 'steward');
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

const same = () => ({ 'x-malkoll-request': '1', origin: base });

async function signedInPage(viewport: {
  width: number;
  height: number;
}): Promise<{ page: Page; csp: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const csp = await watchCspViolations(page);
  const res = await page.request.post(`${base}/api/session`, {
    data: { name: 'anna', password: adminPassword },
    headers: same(),
  });
  expect(res.status()).toBe(200);
  // The confirmations (new password, disable, revoke) are the browser's own dialogs: accept them.
  page.on('dialog', (dialog) => void dialog.accept());
  return { page, csp };
}

/** Signs in from outside the browser, as the new account's owner would; the HTTP status. */
async function signInStatus(name: string, password: string): Promise<number> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { ...same(), 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  return res.status;
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('an admin adds an account, changes its role, gives it a new password, disables it; adds and revokes a token', async () => {
  const { page, csp } = await signedInPage(LAPTOP);
  await page.goto(`${base}/`);
  // The way in: the user menu's link, shown to admins.
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.waitForURL(`${base}/admin/konton`);
  await page.getByRole('heading', { name: 'Konton', level: 2 }).waitFor();

  // Add with a role: the password is shown once and signs in.
  const addForm = page.getByRole('region', { name: 'Nytt konto' });
  await addForm.getByLabel('Namn').fill('berit');
  await addForm.getByLabel('Roll').selectOption('steward');
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  const secret = page.getByTestId('one-time-secret');
  await secret.getByText('Lösenord för berit').waitFor();
  const first = (await secret.getByTestId('secret').textContent()) ?? '';
  expect(first).toMatch(/^[A-Za-z0-9_-]{20}$/);
  expect(await signInStatus('berit', first)).toBe(200);
  const row = page.getByTestId('account-berit');
  await row.waitFor();
  expect(await row.getByLabel('Roll för berit').inputValue()).toBe('steward');
  await secret.getByRole('button', { name: 'Klar, dölj' }).click();
  await secret.waitFor({ state: 'detached' });

  // Change the role.
  await row.getByLabel('Roll för berit').selectOption('admin');
  await page.getByText('berit har nu rollen administratör.').waitFor();
  expect(
    (await t.db.selectFrom('ops.users').select('role').where('name', '=', 'berit').executeTakeFirstOrThrow())
      .role,
  ).toBe('admin');

  // A new password, shown once; the old one no longer signs in.
  await row.getByRole('button', { name: 'Nytt lösenord för berit' }).click();
  await secret.getByText('Lösenord för berit').waitFor();
  const second = (await secret.getByTestId('secret').textContent()) ?? '';
  expect(second).not.toBe(first);
  expect(await signInStatus('berit', first)).toBe(401);
  expect(await signInStatus('berit', second)).toBe(200);

  // Disable: shown as such, and sign-in refuses even the right password; enable is offered.
  await row.getByRole('button', { name: 'Stäng av berit' }).click();
  await page.getByText('berit är avstängt.').waitFor();
  await row.getByText('Avstängt').waitFor();
  expect(await signInStatus('berit', second)).toBe(403);
  await row.getByRole('button', { name: 'Aktivera berit' }).waitFor();

  // Every action is in the recent changes, with the admin's name.
  const history = normalise(await page.getByTestId('account-history').textContent());
  for (const line of [
    'anna skapade kontot berit (dataförvaltare)',
    'anna ändrade rollen för berit: dataförvaltare → administratör',
    'anna gav berit ett nytt lösenord',
    'anna stängde av berit',
  ]) {
    expect(history).toContain(line);
  }

  // API tokens: add with scopes and expiry, the token shown once and working.
  await page.getByRole('link', { name: 'API-nycklar' }).click();
  await page.getByRole('heading', { name: 'Ny API-nyckel' }).waitFor();
  await page.getByText('Inga API-nycklar ännu.').waitFor();
  // A disabled account is not offered.
  const users = await page.getByLabel('Användare').locator('option').allTextContents();
  expect(users).toEqual(['anna', 'kerstin']);
  await page.getByLabel('Användare').selectOption('kerstin');
  await page.getByLabel('Vad nyckeln används till').fill('Nattlig export');
  await page.getByLabel('plans – ändra planer').check();
  await page.getByLabel('Giltig i antal dagar').fill('30');
  await page.getByRole('button', { name: 'Skapa nyckel' }).click();
  await secret.getByText('API-nyckel Nattlig export för kerstin').waitFor();
  const token = (await secret.getByTestId('secret').textContent()) ?? '';
  expect(token).toMatch(/^mk_[0-9a-f]{16}_/);
  const id = token.slice(3, 19);
  const bearer = { authorization: `Bearer ${token}` };
  expect((await fetch(`${base}/api/plans`, { headers: bearer })).status).toBe(200);

  // Listed with scopes, expiry and (after a reload) its last use; the secret is not on the page.
  await page.reload();
  const listed = page.getByTestId(`token-${id}`);
  await listed.waitFor();
  const text = normalise(await listed.textContent());
  expect(text).toContain('Nattlig export');
  expect(text).toContain('kerstin (dataförvaltare)');
  expect(text).toContain('read, plans');
  expect(text).toMatch(/Gäller till \d{1,2} [a-zåäö]+ \d{4}/);
  expect(text).toMatch(/Senast använd\d{1,2} [a-zåäö]+ \d{2}:\d{2}/);
  expect(await page.content()).not.toContain(token);

  // Revoke: it stops working at once.
  await listed.getByRole('button', { name: `Återkalla Nattlig export (${id})` }).click();
  await page.getByText('API-nyckeln Nattlig export är återkallad.').waitFor();
  await listed.getByText(/Återkallad \d/).waitFor();
  expect((await fetch(`${base}/api/plans`, { headers: bearer })).status).toBe(401);
  const audit = await t.db
    .selectFrom('ops.account_audit')
    .select(['actor_name', 'action'])
    .where('token_id', '=', id)
    .orderBy('id')
    .execute();
  expect(audit).toEqual([
    { actor_name: 'anna', action: 'token.add' },
    { actor_name: 'anna', action: 'token.revoke' },
  ]);

  // English on request.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('heading', { name: 'API tokens', level: 2 }).waitFor();
  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('heading', { name: 'New account' }).waitFor();
  await page.getByTestId('account-berit').getByText('Disabled').waitFor();
  expect(csp).toEqual([]);
  await page.context().close();
}, 120_000);

test('the admin pages: axe finds nothing and nothing scrolls sideways, on a laptop and a phone', async () => {
  for (const viewport of [LAPTOP, PHONE]) {
    const { page, csp } = await signedInPage(viewport);
    for (const [path, heading] of [
      ['/admin/konton', 'Nytt konto'],
      ['/admin/api-nycklar', 'Ny API-nyckel'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await axeViolations(page), `${path} ${viewport.width}`).toEqual([]);
      expect(await noSidewaysScroll(page), `${path} ${viewport.width}`).toBe(true);
    }
    expect(csp).toEqual([]);
    await page.context().close();
  }
}, 120_000);

test('a steward or viewer gets no admin link, and the admin page says it is for admins', async () => {
  const password = (await addUser(t.db, 'ville', 'viewer')).password;
  const context = await browser.newContext({ viewport: LAPTOP });
  const page = await context.newPage();
  await page.request.post(`${base}/api/session`, { data: { name: 'ville', password }, headers: same() });
  await page.goto(`${base}/`);
  await page.getByTestId('signed-in-user').waitFor();
  expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
  await page.goto(`${base}/admin/konton`);
  await page.getByRole('alert').getByText('Den här sidan är bara för administratörer.').waitFor();
  expect((await page.request.get(`${base}/api/admin/accounts`)).status()).toBe(403);
  await context.close();
}, 60_000);

test('the target editor: inside its card, Swedish numbers with unit and date, focus in on open, Escape and save return it', async () => {
  // A target with grouping and a decimal, as the "26602" was.
  const linkId = (await t.db.selectFrom('plan.goal_indicators').select('id').executeTakeFirstOrThrow()).id;
  const { page, csp } = await signedInPage(LAPTOP);
  const set = await page.request.patch(`${base}/api/plans/ks/links/${linkId}`, {
    data: { targetValue: 26602.5, expected: { targetValue: 300 } },
    headers: same(),
  });
  expect(set.status()).toBe(200);
  await page.goto(`${base}${GOAL}`);
  const card = page.getByRole('article', { name: CARD });
  await card.waitFor();
  // The edit button belongs to the card it edits.
  const button = card.getByRole('button', { name: EDIT });
  await button.click();
  const form = card.getByRole('form', { name: EDIT });
  await form.waitFor();
  const activeId = () => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);
  expect(await activeId()).toMatch(/-baseline$/);
  expect(normalise(await form.getByLabel('Målvärde').inputValue())).toBe('26 602,5');
  expect(normalise(await form.getByLabel('Ingångsvärde').inputValue())).toBe('312');
  const formText = normalise(await form.textContent());
  expect(formText).toContain('ska nås senast 31 december 2016');
  expect(formText).toContain('avser 1 januari 2016');
  // The unit beside each field.
  expect(await form.locator('span[aria-hidden="true"]', { hasText: /^st$/ }).count()).toBe(2);

  // With the editor open: axe finds nothing, on a laptop and (below) on a phone.
  expect(await axeViolations(page)).toEqual([]);

  // Escape cancels and returns focus to the edit button.
  await page.keyboard.press('Escape');
  await form.waitFor({ state: 'detached' });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(EDIT);

  // A Swedish number with a space and a decimal comma is read; after saving, focus is on the button.
  await button.click();
  expect(await activeId()).toMatch(/-baseline$/);
  await form.getByLabel('Målvärde').fill('26 700,25');
  await form.getByRole('button', { name: 'Spara' }).click();
  await form.waitFor({ state: 'detached' });
  await card.getByText('Sparat.').waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(EDIT);
  const stored = await t.db
    .selectFrom('plan.goal_indicators')
    .select('target_value')
    .where('id', '=', linkId)
    .executeTakeFirstOrThrow();
  expect(Number(stored.target_value)).toBe(26700.25);
  await expect
    .poll(async () => normalise(await page.getByTestId('plan-history').textContent()))
    .toContain('Målvärde: 26 602,5 st → 26 700,25 st');

  // English: no grouping (its comma would read as a decimal sign), a decimal point.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await card.getByRole('button', { name: `Edit baseline and target of ${CARD}` }).click();
  expect(await card.getByLabel('Target value').inputValue()).toBe('26700.25');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'SV', exact: true }).click();
  expect(csp).toEqual([]);
  await page.context().close();

  const phone = await signedInPage(PHONE);
  await phone.page.goto(`${base}${GOAL}`);
  const phoneCard = phone.page.getByRole('article', { name: CARD });
  await phoneCard.getByRole('button', { name: EDIT }).click();
  await phoneCard.getByRole('form', { name: EDIT }).waitFor();
  expect(await axeViolations(phone.page)).toEqual([]);
  expect(await noSidewaysScroll(phone.page)).toBe(true);
  expect(phone.csp).toEqual([]);
  await phone.page.context().close();
}, 120_000);

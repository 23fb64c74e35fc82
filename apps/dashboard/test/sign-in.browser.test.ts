import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { isolatedEnv, runCli } from '@malkoll/testing';
import { addUser } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import type { AuthMode } from '../src/server/auth.ts';
import { CHROMIUM_ARGS, watchCspViolations } from './browser.ts';

// Signing in and out in Debian's Chromium against the real server and Postgres, in both modes that ask
// for it: `required` (nothing without signing in) and `public-read` (plans open, sources after sign-in).
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
let browser: Browser;
const servers: ServerType[] = [];
const base: Partial<Record<AuthMode, string>> = {};
let stewardPassword: string;
let viewerPassword: string;

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
  env = await isolatedEnv(t.url);
  const demo = await runCli(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
  stewardPassword = (await addUser(t.db, 'stina', 'steward')).password;
  viewerPassword = (await addUser(t.db, 'vera', 'viewer')).password;
  const clientDir = fileURLToPath(new URL('../dist/client', import.meta.url));
  for (const mode of ['required', 'public-read'] as const) {
    const app = createApp({ db: t.db, clientDir, auth: { mode } });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((r) => server.once('listening', r));
    servers.push(server);
    base[mode] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await new Promise((r) => server.close(r));
  await t?.drop();
  if (env?.MALKOLL_INBOX) await rm(env.MALKOLL_INBOX, { recursive: true, force: true });
});

async function withPage(run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  const violations = await watchCspViolations(page);
  try {
    await run(page);
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
}

async function signIn(page: Page, name: string, password: string) {
  await page.getByLabel('Användarnamn').fill(name);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

describe('DASHBOARD_AUTH=required', () => {
  test('every page asks for sign-in; a wrong password says so; the right one opens the page asked for', () =>
    withPage(async (page) => {
      const url = `${base.required}/plans/mjolby-ks-2016/report?asOf=2016-04-30`;
      await page.goto(url);
      await page.getByRole('heading', { name: 'Logga in' }).waitFor();
      // Nothing of the plan is on the page before signing in.
      expect(await page.locator('body').textContent()).not.toContain('Mjölby');

      await signIn(page, 'vera', 'fel-lösenord');
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toBe('Fel användarnamn eller lösenord');
      expect(await page.getByLabel('Lösenord').inputValue()).toBe('');

      await signIn(page, 'vera', viewerPassword);
      await page.getByTestId('signed-in-user').waitFor();
      expect(await page.getByTestId('signed-in-user').textContent()).toBe('Inloggad som vera (läsare)');
      // Still the address that was asked for: the report, now with the plan's content.
      expect(page.url()).toBe(url);
      await page
        .getByRole('heading', { name: /Uppföljning av verksamhetsplan 2016 per 30 april 2016/ })
        .waitFor();

      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByRole('heading', { name: 'Logga in' }).waitFor();
      const session = await page.evaluate(async () => (await fetch('/api/session')).json());
      expect(session).toEqual({ mode: 'required', user: null, oidc: null });
    }));

  test('/logga-in?next= goes on to a page of this site after signing in, never to another site', () =>
    withPage(async (page) => {
      await page.goto(`${base.required}/logga-in?next=${encodeURIComponent('/kallor')}`);
      await signIn(page, 'stina', stewardPassword);
      await page.waitForURL(`${base.required}/kallor`);
      await page.getByRole('heading', { name: 'Källor och nattlig uppdatering' }).waitFor();
      expect(await page.getByTestId('signed-in-user').textContent()).toBe(
        'Inloggad som stina (dataförvaltare)',
      );

      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.goto(`${base.required}/logga-in?next=${encodeURIComponent('//evil.example/')}`);
      await signIn(page, 'stina', stewardPassword);
      await page.waitForURL(`${base.required}/`);
    }));
  test('a session that ends while the page is open (expired, reset) brings back the sign-in form', () =>
    withPage(async (page) => {
      await page.goto(`${base.required}/?plan=mjolby-ks-2016&asOf=2016-04-30`);
      await signIn(page, 'vera', viewerPassword);
      await page.getByRole('heading', { name: /Läget per 30 april 2016/ }).waitFor();
      // The server forgets the session (as expiry or a password reset does); the next request is a 401.
      await t.db.deleteFrom('ops.sessions').execute();
      await page.getByRole('link', { name: 'Utforska nyckeltal' }).click();
      await page.getByRole('heading', { name: 'Logga in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/explorer');
      await signIn(page, 'vera', viewerPassword);
      await page.getByRole('heading', { name: 'Utforska nyckeltal' }).waitFor();
    }));
});

describe('DASHBOARD_AUTH=public-read', () => {
  test('plans are open to anyone, with a sign-in link; the Sources page asks for sign-in', () =>
    withPage(async (page) => {
      await page.goto(`${base['public-read']}/?plan=mjolby-ks-2016&asOf=2016-04-30`);
      await page.getByRole('heading', { name: /Läget per 30 april 2016/ }).waitFor();
      const signInLink = page.getByRole('link', { name: 'Logga in' });
      expect(await signInLink.getAttribute('href')).toBe(
        `/logga-in?next=${encodeURIComponent('/?plan=mjolby-ks-2016&asOf=2016-04-30')}`,
      );

      await page.goto(`${base['public-read']}/kallor`);
      await page.getByRole('heading', { name: 'Logga in' }).waitFor();
      expect(await page.getByText('Den här sidan är för inloggade.').isVisible()).toBe(true);
      await signIn(page, 'vera', viewerPassword);
      await page.getByRole('heading', { name: 'Källor och nattlig uppdatering' }).waitFor();
    }));
});

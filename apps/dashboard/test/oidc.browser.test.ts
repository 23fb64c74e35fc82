import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CHROMIUM_ARGS, watchCspViolations } from './browser.ts';
import { startTestProvider } from './oidc-provider.ts';

// The OpenID Connect button as a person uses it, in Debian's Chromium: the sign-in form's button, the
// provider's own pages, and back to the page asked for, signed in with the mapped role. Chromium also
// holds the flow cookie to its SameSite rule on the provider's redirect back.
let t: TestDatabase;
let browser: Browser;
const servers: Server[] = [];
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  let fetchApp: ((req: Request) => Response | Promise<Response>) | undefined;
  const server = serve({
    fetch: (req) => fetchApp?.(req) ?? new Response(null, { status: 503 }),
    port: 0,
    hostname: '127.0.0.1',
  });
  servers.push(server as Server);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'malkoll-browser-test';
  const clientSecret = randomBytes(16).toString('hex');
  const redirectUrl = `${base}/api/session/oidc/callback`;
  // On `localhost`: another site than the dashboard, as a real provider is, with cookies of its own.
  const issuer = await startTestProvider(servers, {
    rolesInIdToken: true,
    redirectUrl,
    clientId,
    clientSecret,
    rolesAt: { anna: ['Malkoll.Steward'] },
    host: 'localhost',
  });
  fetchApp = createApp({
    db: t.db,
    clientDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    auth: {
      mode: 'required',
      oidc: {
        issuer,
        clientId,
        clientSecret,
        redirectUrl,
        roleClaim: 'roles',
        roleMap: { 'Malkoll.Steward': 'steward' },
        defaultRole: null,
        label: 'Entra ID',
        allowInsecureRequests: true,
      },
    },
  }).fetch;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await t?.drop();
});

test('the sign-in form’s provider button signs a steward in and returns to the page asked for', async () => {
  const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    const violations = await watchCspViolations(page);
    await page.goto(`${base}/kallor`);
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await page.getByRole('link', { name: 'Logga in med Entra ID' }).click();

    // The provider's own development pages: any name, then consent.
    await page.waitForURL(/^http:\/\/localhost:\d+\/interaction\//);
    await page.locator('input[name="login"]').fill('anna');
    await page.locator('input[name="password"]').fill('vad-som-helst');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${base}/kallor`);
    await page.getByRole('heading', { name: 'Källor och nattlig uppdatering' }).waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toBe('Inloggad som anna (dataförvaltare)');
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
});

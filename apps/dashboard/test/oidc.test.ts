import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { addUser, createApiToken, type Role, setUserDisabled, verifyApiToken } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import type { OidcOptions } from '../src/server/oidc.ts';
import { startTestProvider } from './oidc-provider.ts';

// OpenID Connect sign-in against a real provider (oidc-provider, the certified Node implementation)
// on a random loopback port, walked like a browser: redirects followed, cookies kept per host, the
// provider's own login and consent forms submitted. The dashboard serves real HTTP too, and its
// back-channel calls (discovery, token, JWKS, userinfo) go to the provider over the network.

let t: TestDatabase;
const servers: Server[] = [];
/** Role claim values per account at the provider; tests change them between sign-ins. */
const rolesAt: Record<string, string[]> = {};
const CLIENT_ID = 'malkoll-test';
const CLIENT_SECRET = randomBytes(16).toString('hex');

/**
 * The dashboard on its own port. The redirect address needs that port and the provider needs the
 * redirect address, so the listener starts first and `configure` gives it its app.
 */
async function startDashboard(): Promise<{ base: string; configure: (oidc: OidcOptions) => void }> {
  let fetchApp: ((req: Request) => Response | Promise<Response>) | undefined;
  const server = serve({
    fetch: (req) => fetchApp?.(req) ?? new Response(null, { status: 503 }),
    port: 0,
    hostname: '127.0.0.1',
  });
  servers.push(server as Server);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const configure = (oidc: OidcOptions) => {
    fetchApp = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'required', oidc } }).fetch;
  };
  return { base, configure };
}

/** A browser's cookie jar: per origin, with paths, honouring deletion. */
class Browser {
  private jar = new Map<string, Map<string, { value: string; path: string }>>();

  cookieHeader(url: URL): string {
    const cookies = this.jar.get(url.origin) ?? new Map();
    return [...cookies]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name)?.value;
  }

  private store(url: URL, res: Response) {
    const cookies = this.jar.get(url.origin) ?? new Map();
    this.jar.set(url.origin, cookies);
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) =>
        attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attr('expires');
      const gone = attr('max-age') === '0' || (expires !== undefined && Date.parse(expires) < Date.now());
      if (gone || value === '') cookies.delete(name);
      else cookies.set(name, { value, path: attr('path') ?? '/' });
    }
  }

  /** One request, no redirect followed. */
  async send(href: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(href);
    const headers: Record<string, string> = { cookie: this.cookieHeader(url) };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    this.store(url, res);
    return res;
  }

  /** Follows redirects like a browser (POST answered by 302/303 becomes GET) until a page is shown. */
  async navigate(
    href: string,
    init: { method?: string; form?: Record<string, string> } = {},
    stopAt?: (url: URL) => boolean,
  ): Promise<{ url: string; res: Response }> {
    let url = href;
    let res = await this.send(url, init);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 20) throw new Error('too many redirects');
      const next = new URL(res.headers.get('location') ?? '', url).href;
      await res.body?.cancel();
      if (stopAt?.(new URL(next))) return { url: next, res };
      url = next;
      res = await this.send(url);
    }
    return { url, res };
  }
}

/** The provider's form on `html`, with its hidden fields and the ones given filled in. */
function readForm(html: string, base: string, fill: Record<string, string>) {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const [input] of html.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input)?.[1];
    if (name) fields[name] = /value="([^"]*)"/.exec(input)?.[1] ?? '';
  }
  return { action: new URL(action.replaceAll('&amp;', '&'), base).href, form: { ...fields, ...fill } };
}

/**
 * Signs `account` in from the dashboard's button: start → provider login form → consent form → back to
 * the callback. `tamper` may change the callback address before the browser follows it.
 */
async function signInThroughProvider(
  browser: Browser,
  base: string,
  issuer: string,
  account: string,
  tamper: (callback: URL) => URL = (u) => u,
  next?: string,
): Promise<Response> {
  const isCallback = (u: URL) => u.origin === base && u.pathname === '/api/session/oidc/callback';
  const start = `${base}/api/session/oidc/start${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`;
  let step = await browser.navigate(start, {}, isCallback);
  for (let pages = 0; !isCallback(new URL(step.url)); pages++) {
    if (pages > 4) throw new Error(`stuck at ${step.url}`);
    expect(new URL(step.url).origin).toBe(issuer);
    const html = await step.res.text();
    expect(step.res.status, html).toBe(200);
    const { action, form } = readForm(html, step.url, { login: account, password: 'vad-som-helst' });
    step = await browser.navigate(action, { method: 'POST', form }, isCallback);
  }
  const callback = tamper(new URL(step.url));
  return browser.send(callback.href);
}

async function whoAmI(browser: Browser, base: string) {
  const res = await browser.send(`${base}/api/session`);
  return (await res.json()) as { user: { name: string; role: Role } | null; oidc: { label: string } | null };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await addUser(t.db, 'cecilia', 'steward');
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await t.drop();
});

const options = (issuer: string, base: string, defaultRole: Role | null) =>
  ({
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUrl: `${base}/api/session/oidc/callback`,
    roleClaim: 'roles',
    roleMap: { 'Malkoll.Admin': 'admin', 'Malkoll.Steward': 'steward' },
    defaultRole,
    label: 'Entra ID',
    allowInsecureRequests: true,
  }) satisfies OidcOptions;

describe.each([
  ['roles in the ID token (as Entra ID)', true],
  ['roles at the userinfo endpoint', false],
])('OpenID Connect, %s', (_label, rolesInIdToken) => {
  let base: string;
  let issuer: string;
  beforeAll(async () => {
    const dashboard = await startDashboard();
    base = dashboard.base;
    issuer = await startTestProvider(servers, {
      rolesInIdToken,
      redirectUrl: `${base}/api/session/oidc/callback`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      rolesAt,
    });
    dashboard.configure(options(issuer, base, null));
  });

  test('a mapped user is signed in with the mapped role, and the role follows the provider', async () => {
    const account = `anna-${rolesInIdToken}`;
    rolesAt[account] = ['Other.App', 'Malkoll.Steward'];
    const browser = new Browser();
    expect(await whoAmI(browser, base)).toMatchObject({
      user: null,
      oidc: { label: 'Entra ID' },
    });

    const start = await new Browser().send(`${base}/api/session/oidc/start`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(start.headers.get('cache-control')).toBe('no-store');
    expect(start.headers.get('set-cookie')).toMatch(/malkoll_oidc=.*HttpOnly.*SameSite=Lax/i);

    const done = await signInThroughProvider(browser, base, issuer, account);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    expect(browser.cookie(base, 'malkoll_oidc')).toBeUndefined();
    expect((await whoAmI(browser, base)).user).toEqual({ name: account, role: 'steward' });
    expect((await browser.send(`${base}/api/plans`)).status).toBe(200);

    const row = await t.db
      .selectFrom('ops.users')
      .select(['id', 'oidc_issuer', 'oidc_subject', 'password_hash'])
      .where('name', '=', account)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ oidc_issuer: issuer, oidc_subject: account, password_hash: null });

    // Promoted at the provider: the next sign-in says admin, for the same account.
    rolesAt[account] = ['Malkoll.Admin'];
    const again = new Browser();
    const back = await signInThroughProvider(
      again,
      base,
      issuer,
      account,
      (u) => u,
      '/mal/plan-1?asOf=2026-06-30',
    );
    expect(back.status).toBe(302);
    // Back where the sign-in started.
    expect(back.headers.get('location')).toBe('/mal/plan-1?asOf=2026-06-30');
    expect((await whoAmI(again, base)).user).toEqual({ name: account, role: 'admin' });
    const rows = await t.db
      .selectFrom('ops.users')
      .select('id')
      .where('oidc_subject', '=', account)
      .execute();
    expect(rows).toEqual([{ id: row.id }]);

    // Such an account has no password: the local form never signs it in.
    const local = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { origin: base, 'x-malkoll-request': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ name: account, password: 'vad-som-helst' }),
    });
    expect(local.status).toBe(401);
  });

  test('a user without a mapped role is refused; their earlier sessions and API tokens end', async () => {
    const account = `bertil-${rolesInIdToken}`;
    rolesAt[account] = ['Malkoll.Steward'];
    const earlier = new Browser();
    expect((await signInThroughProvider(earlier, base, issuer, account)).status).toBe(302);
    expect((await whoAmI(earlier, base)).user?.role).toBe('steward');

    const user = await t.db
      .selectFrom('ops.users')
      .select('name')
      .where('oidc_subject', '=', account)
      .executeTakeFirstOrThrow();
    const { token } = await createApiToken(t.db, { userName: user.name, name: 'skript', scopes: ['read'] });

    rolesAt[account] = ['Other.App'];
    const browser = new Browser();
    const refused = await signInThroughProvider(browser, base, issuer, account);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Ditt konto har ingen roll i Målkoll');
    expect((await whoAmI(browser, base)).user).toBeNull();
    expect((await whoAmI(earlier, base)).user).toBeNull();
    expect(await verifyApiToken(t.db, token)).toEqual({ ok: false, reason: 'revoked' });
  });

  test('a disabled account is refused at the callback even with a mapped role; enabled it signs in again', async () => {
    const account = `dagmar-${rolesInIdToken}`;
    rolesAt[account] = ['Malkoll.Steward'];
    expect((await signInThroughProvider(new Browser(), base, issuer, account)).status).toBe(302);
    const user = await t.db
      .selectFrom('ops.users')
      .select('name')
      .where('oidc_subject', '=', account)
      .executeTakeFirstOrThrow();
    expect(await setUserDisabled(t.db, user.name, true)).toBe(true);
    const browser = new Browser();
    const refused = await signInThroughProvider(browser, base, issuer, account);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Ditt konto är avstängt i Målkoll');
    expect((await whoAmI(browser, base)).user).toBeNull();
    expect(await setUserDisabled(t.db, user.name, false)).toBe(true);
    expect((await signInThroughProvider(browser, base, issuer, account)).status).toBe(302);
    expect((await whoAmI(browser, base)).user?.name).toBe(user.name);
  });

  test('a tampered state is refused; so is a callback in a browser that did not start the sign-in', async () => {
    const account = `cilla-${rolesInIdToken}`;
    rolesAt[account] = ['Malkoll.Admin'];
    const browser = new Browser();
    const tampered = await signInThroughProvider(browser, base, issuer, account, (u) => {
      u.searchParams.set('state', 'forged-state');
      return u;
    });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain('Inloggningen kunde inte bekräftas');
    expect((await whoAmI(browser, base)).user).toBeNull();

    // Login CSRF: an attacker's own callback address, opened in the victim's browser.
    let stolen = '';
    await signInThroughProvider(new Browser(), base, issuer, account, (u) => {
      stolen = u.href;
      return new URL(`${base}/api/session/oidc/callback?error=stopped`);
    });
    const victim = new Browser();
    const res = await victim.send(stolen);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('startades inte i den här webbläsaren');
    expect((await whoAmI(victim, base)).user).toBeNull();
  });
});

test('OIDC_DEFAULT_ROLE=viewer makes an unmapped user a viewer; a provider name never takes over a local account', async () => {
  const { base, configure } = await startDashboard();
  const providerIssuer = await startTestProvider(servers, {
    rolesInIdToken: true,
    redirectUrl: `${base}/api/session/oidc/callback`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    rolesAt,
  });
  configure(options(providerIssuer, base, 'viewer'));
  rolesAt.david = [];
  const browser = new Browser();
  const done = await signInThroughProvider(
    browser,
    base,
    providerIssuer,
    'david',
    (u) => u,
    '//annan.example/',
  );
  expect(done.status).toBe(302);
  // Never to another site, whatever `next` said.
  expect(done.headers.get('location')).toBe('/');
  expect((await whoAmI(browser, base)).user).toEqual({ name: 'david', role: 'viewer' });

  // The provider's "cecilia" is not the local steward cecilia: she gets a name of her own.
  rolesAt.cecilia = ['Malkoll.Admin'];
  const other = new Browser();
  expect((await signInThroughProvider(other, base, providerIssuer, 'cecilia')).status).toBe(302);
  const me = (await whoAmI(other, base)).user;
  expect(me?.name).toMatch(/^cecilia-[0-9a-f]{6}$/);
  expect(me?.role).toBe('admin');
  const local = await t.db
    .selectFrom('ops.users')
    .select(['role', 'oidc_subject'])
    .where('name', '=', 'cecilia')
    .executeTakeFirstOrThrow();
  expect(local).toEqual({ role: 'steward', oidc_subject: null });
});

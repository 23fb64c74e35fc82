import {
  endOidcUserAccess,
  type Role,
  roleAtLeast,
  upsertOidcUser,
  type Warehouse,
} from '@malkoll/warehouse';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as client from 'openid-client';
import { safeNextPath } from '../shared/safe-next.ts';

// OpenID Connect sign-in (authorization code flow with PKCE, state and nonce), for municipalities
// whose staff sign in with Entra ID or another provider. The provider says who the user is and which
// roles they hold; Målkoll then gives them the same Postgres session as a local sign-in. The
// protocol work (discovery, token exchange, ID token signature and claims checks) is openid-client's.

export const OIDC_PATH = '/api/session/oidc';
const OIDC_COOKIE = 'malkoll_oidc';
/** How long a started sign-in may take at the provider before the callback is refused. */
const FLOW_TTL_S = 10 * 60;

export interface OidcOptions {
  issuer: string;
  clientId: string;
  /** Unset: a public client, authenticated by PKCE alone. */
  clientSecret?: string | undefined;
  /** This dashboard's callback as registered at the provider (…/api/session/oidc/callback). */
  redirectUrl: string;
  /** Default `openid profile email`. */
  scopes?: string;
  /** The claim holding the user's roles or groups (Entra ID app roles: `roles`). */
  roleClaim: string;
  /** Claim value → Målkoll role; a user holding several gets the highest. */
  roleMap: Record<string, Role>;
  /** The role of a user none of whose claim values is mapped; null: refuse the sign-in. */
  defaultRole: Role | null;
  /** The provider's name on the sign-in button, "Logga in med <label>" (GET /api/session). */
  label: string;
  /** Allow a provider on plain http: tests with a provider on the loopback only. */
  allowInsecureRequests?: boolean;
  /** Told why a callback failed (no tokens or codes in it), for the operator's log. */
  onFailure?: (err: unknown) => void;
}

interface OidcHooks {
  /** Starts the same session a local sign-in gets. */
  startSession: (c: Context, userId: number) => Promise<unknown>;
  secure: (c: Context) => boolean;
}

/**
 * The role the claim's values give: the highest mapped one, else `defaultRole` (null: none). The
 * claim may be one string or an array (Entra ID sends `roles` as an array).
 */
export function roleFromClaim(
  value: unknown,
  roleMap: Record<string, Role>,
  defaultRole: Role | null,
): Role | null {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  let best: Role | null = null;
  for (const v of values) {
    if (typeof v !== 'string' || !Object.hasOwn(roleMap, v)) continue;
    const role = roleMap[v] as Role;
    if (best === null || roleAtLeast(role, best)) best = role;
  }
  return best ?? defaultRole;
}

/** A short Swedish page for the browser: the callback is a navigation, not a fetch. */
function failurePage(c: Context, status: 400 | 403 | 502, message: string) {
  const body = `<!doctype html><html lang="sv"><meta charset="utf-8"><title>Inloggningen misslyckades</title><h1>Inloggningen misslyckades</h1><p>${message}</p><p><a href="/logga-in">Till inloggningen</a></p></html>`;
  return c.html(body, status);
}

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go once signed in: a path on this site. */
  next: string;
}

function readFlow(cookie: string | undefined): Flow | undefined {
  if (!cookie) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<Flow>;
    if (
      typeof flow.state === 'string' &&
      typeof flow.nonce === 'string' &&
      typeof flow.verifier === 'string'
    ) {
      return { state: flow.state, nonce: flow.nonce, verifier: flow.verifier, next: safeNextPath(flow.next) };
    }
  } catch {
    // A tampered or truncated cookie is the same as none.
  }
  return undefined;
}

export function registerOidc(app: Hono, db: Warehouse, options: OidcOptions, hooks: OidcHooks): void {
  // Discovery once, on first use (not at start-up: a provider that is down must not stop the
  // dashboard); a failed discovery is tried again on the next sign-in.
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client
      .discovery(
        new URL(options.issuer),
        options.clientId,
        options.clientSecret,
        options.clientSecret ? client.ClientSecretPost(options.clientSecret) : client.None(),
        options.allowInsecureRequests ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
    return discovered;
  };

  app.use(`${OIDC_PATH}/*`, async (c, next) => {
    await next();
    // Redirects that carry state and codes are never cached.
    c.header('Cache-Control', 'no-store');
  });

  app.get(`${OIDC_PATH}/start`, async (c) => {
    let config: client.Configuration;
    try {
      config = await configuration();
    } catch (err) {
      options.onFailure?.(err);
      return failurePage(c, 502, 'Inloggningstjänsten svarar inte just nu. Försök igen om en stund.');
    }
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next: safeNextPath(c.req.query('next')),
    };
    // The flow's secrets stay in this browser: an httpOnly cookie, only sent to the callback. SameSite
    // Lax still sends it on the provider's top-level redirect back here.
    setCookie(c, OIDC_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: hooks.secure(c),
      path: OIDC_PATH,
      maxAge: FLOW_TTL_S,
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: options.redirectUrl,
      scope: options.scopes ?? 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return c.redirect(url.href, 302);
  });

  app.get(`${OIDC_PATH}/callback`, async (c) => {
    const flow = readFlow(getCookie(c, OIDC_COOKIE));
    // One use only: a second callback with the same cookie is refused.
    deleteCookie(c, OIDC_COOKIE, { path: OIDC_PATH, secure: hooks.secure(c) });
    if (!flow) {
      return failurePage(
        c,
        400,
        'Inloggningen startades inte i den här webbläsaren eller tog för lång tid. Försök igen.',
      );
    }
    const query = new URL(c.req.url).search;
    if (new URLSearchParams(query).has('error')) {
      return failurePage(c, 403, 'Inloggningstjänsten avbröt inloggningen.');
    }
    // The address the provider redirected to, as it knows it (a proxy may have changed the host).
    const current = new URL(options.redirectUrl);
    current.search = query;

    let claims: client.IDToken;
    let accessToken: string;
    let config: client.Configuration;
    try {
      config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      claims = idClaims;
      accessToken = tokens.access_token;
    } catch (err) {
      options.onFailure?.(err);
      return failurePage(c, 400, 'Inloggningen kunde inte bekräftas. Försök igen.');
    }

    // Entra ID puts app roles in the ID token; other providers give them at the userinfo endpoint.
    let roleValue: unknown = claims[options.roleClaim];
    let profile: Record<string, unknown> = claims;
    if (roleValue === undefined && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(config, accessToken, claims.sub);
        roleValue = info[options.roleClaim];
        profile = { ...info, ...claims };
      } catch (err) {
        options.onFailure?.(err);
      }
    }
    const identity = { issuer: claims.iss, subject: claims.sub };
    const role = roleFromClaim(roleValue, options.roleMap, options.defaultRole);
    if (role === null) {
      // The provider no longer grants a role: earlier sessions end and the user's API tokens stop.
      await endOidcUserAccess(db, identity);
      return failurePage(c, 403, 'Ditt konto har ingen roll i Målkoll. Be en administratör om behörighet.');
    }
    const wanted = [profile.preferred_username, profile.email].find(
      (v): v is string => typeof v === 'string',
    );
    const user = await upsertOidcUser(db, { ...identity, name: wanted, role });
    if (user.disabled) {
      return failurePage(c, 403, 'Ditt konto är avstängt i Målkoll. Be en administratör att aktivera det.');
    }
    await hooks.startSession(c, user.id);
    return c.redirect(flow.next, 302);
  });
}

import { getConnInfo } from '@hono/node-server/conninfo';
import {
  createSession,
  deleteSession,
  dummyPasswordHash,
  findSessionUser,
  findUserByName,
  pruneSessions,
  type Role,
  reserveSignInAttempt,
  roleAtLeast,
  settleSignInAttempt,
  type TokenCheck,
  type TokenScope,
  type User,
  verifyApiToken,
  verifyPassword,
  type Warehouse,
} from '@malkoll/warehouse';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AuthMode, SessionResponse } from '../shared/session-api.ts';
import { jsonBodyLimit } from './body-limit.ts';
import { createHashGate } from './hash-gate.ts';
import { hasControlCharacter } from './ids.ts';
import { OIDC_PATH, type OidcOptions, registerOidc } from './oidc.ts';

// Sign-in, sessions, CSRF and role checks for the dashboard. The reasoning behind each defence is in
// docs/security.md; this file is the one place the rules live.

export type { AuthMode } from '../shared/session-api.ts';

export interface AuthOptions {
  /** off: no sign-in needed (the demo); required: every API call signed in; public-read: see below. */
  mode: AuthMode;
  /** Session lifetime (default 8 h: a working day). */
  sessionTtlMs?: number;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto/-For/-Host. */
  trustProxy?: boolean;
  /** Failed sign-ins within the window that lock an account (default 5) or an address (default 20). */
  maxFailuresPerUser?: number;
  maxFailuresPerIp?: number;
  /** How far back failures count; the lockout ends when they age out (default 15 min). */
  failureWindowMs?: number;
  /** Password hashes computed at once (default 2); more sign-ins wait their turn (hash-gate.ts). */
  maxConcurrentHashes?: number;
  /** OpenID Connect sign-in (OIDC_*); left out: local accounts only. */
  oidc?: OidcOptions | null;
}

export type SessionUser = User;

declare module 'hono' {
  interface ContextVariableMap {
    /** The signed-in user, or null (anonymous); resolved for /api and /admin requests. */
    user: SessionUser | null;
    /** The API token of a bearer request (its id, never its secret), or null for a cookie or none. */
    apiTokenId: string | null;
  }
}

export const SESSION_COOKIE = 'malkoll_session';
/** The custom header every mutating /api request must carry (see docs/security.md, CSRF). */
export const CSRF_HEADER = 'x-malkoll-request';
export const SESSION_PATH = '/api/session';
export const ADMIN_PATH = '/admin/queues';
/** The admin pages' API (accounts and API tokens): admins only, whatever the method. */
export const ADMIN_API_PATH = '/api/admin';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isMutating = (method: string) => MUTATING.has(method.toUpperCase());

/**
 * In public-read mode these GET routes answer anonymous callers: the plan overview, goal pages, why
 * explanations, the explorer and freshness. Source operations (runs, errors) stay for signed-in users.
 */
const PUBLIC_READ = [/^\/api\/plans(\/|$)/, /^\/api\/freshness$/, /^\/api\/why\//, /^\/api\/explorer/];

/** The least role a request needs; 'anonymous' when none. Pure, so the rules can be read in one place. */
export function requiredRole(method: string, path: string, mode: AuthMode): Role | 'anonymous' {
  if (mode === 'off') return 'anonymous';
  // Sign-in itself: the password form and the OpenID Connect redirects.
  if (path === SESSION_PATH || path.startsWith(`${OIDC_PATH}/`)) return 'anonymous';
  if (path === ADMIN_PATH || path.startsWith(`${ADMIN_PATH}/`)) return 'admin';
  if (path === ADMIN_API_PATH || path.startsWith(`${ADMIN_API_PATH}/`)) return 'admin';
  if (path.startsWith('/api/')) {
    if (isMutating(method)) return 'steward';
    if (mode === 'public-read' && PUBLIC_READ.some((re) => re.test(path))) return 'anonymous';
    return 'viewer';
  }
  // /health*, the SPA's index.html and its hashed assets carry no data.
  return 'anonymous';
}

const RUN_OR_UPLOAD = /^\/api\/sources\/[^/]+\/(runs|files)\/?$/;

/**
 * The scope an API token needs for a request, or null when no token may make it: sign-in and
 * sessions, Bull Board, and any mutating route not named here (new routes stay closed to tokens
 * until someone decides which scope they belong to). A token's rights are its user's role (see
 * `requiredRole`) limited by these scopes. Pure, like `requiredRole`.
 */
export function tokenScopeFor(method: string, path: string): TokenScope | null {
  if (!path.startsWith('/api/') || path === SESSION_PATH || path.startsWith(`${SESSION_PATH}/`)) return null;
  // Accounts and tokens are managed by a signed-in admin: a leaked token must not mint more tokens.
  if (path === ADMIN_API_PATH || path.startsWith(`${ADMIN_API_PATH}/`)) return null;
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return 'read';
  if (!isMutating(m)) return null;
  if (m === 'POST' && RUN_OR_UPLOAD.test(path)) return 'runs';
  if (/^\/api\/sources(\/|$)/.test(path)) return 'sources';
  if (/^\/api\/plans(\/|$)/.test(path)) return 'plans';
  return null;
}

/** The token of `Authorization: Bearer <token>`, or undefined when the request has none. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header === undefined ? null : /^Bearer(?:\s+(\S*))?\s*$/i.exec(header);
  return match ? (match[1] ?? '') : undefined;
}

const TOKEN_REFUSALS: Record<Extract<TokenCheck, { ok: false }>['reason'], string> = {
  unknown: 'Okänd API-nyckel.',
  revoked: 'API-nyckeln är återkallad.',
  expired: 'API-nyckeln har gått ut.',
  disabled: 'Kontot som API-nyckeln hör till är avstängt.',
};

function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

/** Scheme, host and port all equal ours (an http page must not act on an https site, nor the reverse). */
function sameOrigin(origin: string, c: Context, trustProxy: boolean): boolean {
  try {
    const ours = new URL(`${isHttps(c, trustProxy) ? 'https' : 'http'}://${expectedHost(c, trustProxy)}`);
    return new URL(origin).origin === ours.origin;
  } catch {
    return false;
  }
}

function expectedHost(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return forwarded ?? c.req.header('host') ?? new URL(c.req.url).host;
}

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}

/**
 * CSRF: Fetch Metadata / Origin must say same-origin, and /api requests must also carry a custom
 * header, which a cross-site form cannot send and a cross-site fetch cannot send without a CORS
 * preflight that this server never grants. Returns the Swedish reason to refuse, or undefined.
 */
export function csrfRefusal(c: Context, trustProxy: boolean): string | undefined {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return 'Begäran kommer från en annan webbplats.';
  const origin = c.req.header('origin');
  if (origin !== undefined && !sameOrigin(origin, c, trustProxy)) {
    return 'Begäran kommer från en annan webbplats.';
  }
  if (c.req.path.startsWith('/api/')) {
    if (c.req.header(CSRF_HEADER) !== '1')
      return `Begäran saknar huvudet ${CSRF_HEADER}: 1 (skydd mot CSRF).`;
  } else if (site === undefined && origin === undefined) {
    // Bull Board's own UI cannot add our header; a browser always sends Origin on these methods.
    return 'Begäran saknar Origin (skydd mot CSRF).';
  }
  return undefined;
}

// A name with a control character (a NUL byte) names no account: refused before the database sees it.
const signInBody = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .refine((name) => !hasControlCharacter(name)),
  password: z.string().min(1).max(1024),
});

/** Registers the middleware and /api/session; call before any other route so the checks run first. */
export function registerAuth(app: Hono, db: Warehouse, options: AuthOptions): void {
  const trustProxy = options.trustProxy ?? false;
  const ttl = options.sessionTtlMs ?? 8 * 3600_000;
  const maxPerUser = options.maxFailuresPerUser ?? 5;
  const maxPerIp = options.maxFailuresPerIp ?? 20;
  const windowMs = options.failureWindowMs ?? 15 * 60_000;

  /** Replaces the browser's session (if any) with a new one for `userId`: no session fixation. */
  async function startSession(c: Context, userId: number): Promise<{ expiresAt: Date }> {
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await deleteSession(db, previous);
    await pruneSessions(db);
    const session = await createSession(db, userId, ttl);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c, trustProxy),
      path: '/',
      expires: session.expiresAt,
    });
    return session;
  }

  app.use('*', async (c, next) => {
    const path = c.req.path;
    c.set('apiTokenId', null);
    const guarded = path.startsWith('/api/') || path.startsWith(ADMIN_PATH);
    const bearer = guarded ? bearerToken(c) : undefined;
    if (bearer !== undefined) {
      // A bearer request is judged by its token alone: any cookie it carries is ignored, so it has no
      // authority a cross-site page could borrow, and the CSRF checks do not apply (docs/security.md).
      const check = await verifyApiToken(db, bearer);
      if (!check.ok) {
        c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
        return c.json({ error: TOKEN_REFUSALS[check.reason] }, 401);
      }
      c.set('user', check.user);
      c.set('apiTokenId', check.tokenId);
      const scope = tokenScopeFor(c.req.method, path);
      if (scope === null) return c.json({ error: 'API-nycklar kan inte användas här.' }, 403);
      if (!check.scopes.includes(scope)) {
        return c.json({ error: `API-nyckeln saknar behörigheten ”${scope}”.` }, 403);
      }
      const needed = requiredRole(c.req.method, path, options.mode);
      if (needed !== 'anonymous' && !roleAtLeast(check.user.role, needed)) {
        return c.json({ error: 'Din roll får inte göra detta.' }, 403);
      }
      return next();
    }
    if (isMutating(c.req.method)) {
      const refusal = csrfRefusal(c, trustProxy);
      if (refusal) return c.json({ error: refusal }, 403);
    }
    let user: SessionUser | null = null;
    if (guarded) {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) {
        const found = await findSessionUser(db, token);
        if (found) user = { id: found.id, name: found.name, role: found.role };
      }
    }
    c.set('user', user);
    const needed = requiredRole(c.req.method, path, options.mode);
    if (needed !== 'anonymous') {
      if (!user) return c.json({ error: 'Logga in först.' }, 401);
      if (!roleAtLeast(user.role, needed)) return c.json({ error: 'Din roll får inte göra detta.' }, 403);
    }
    await next();
  });

  app.get(SESSION_PATH, (c) => {
    const user = c.get('user');
    const body: SessionResponse = {
      mode: options.mode,
      user: user && { name: user.name, role: user.role },
      oidc: options.oidc ? { label: options.oidc.label } : null,
    };
    return c.json(body);
  });

  const hashing = createHashGate(options.maxConcurrentHashes ?? 2);

  app.post(SESSION_PATH, jsonBodyLimit(4 * 1024), async (c) => {
    const parsed = signInBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'Ange användarnamn och lösenord.' }, 400);
    const { name, password } = parsed.data;
    const ip = clientIp(c, trustProxy);
    // Reserved (and counted as a failure) before the hash, so parallel attempts cannot all pass the check.
    const reservation = await reserveSignInAttempt(db, {
      userName: name,
      ip,
      sinceMs: windowMs,
      maxPerUser,
      maxPerIp,
    });
    if (!reservation.ok) {
      // Not recorded as a failure, so the lockout ends `windowMs` after the last counted failure.
      c.header('Retry-After', String(Math.ceil(windowMs / 1000)));
      return c.json({ error: 'För många misslyckade inloggningar. Försök igen om en stund.' }, 429);
    }
    const found = await findUserByName(db, name);
    // Hash even for an unknown name, so the answer time does not reveal which accounts exist.
    const stored = found?.password_hash ?? (await dummyPasswordHash());
    const ok = await hashing(() => verifyPassword(password, stored));
    if (!ok || !found) return c.json({ error: 'Fel användarnamn eller lösenord' }, 401);
    // Told only after the password matched, so a guesser learns nothing; stays counted as a failure.
    if (found.disabled) {
      return c.json({ error: 'Kontot är avstängt. Be en administratör att aktivera det.' }, 403);
    }
    await settleSignInAttempt(db, reservation.attemptId);

    const session = await startSession(c, found.id);
    return c.json({
      user: { name: found.name, role: found.role },
      expiresAt: session.expiresAt.toISOString(),
    });
  });

  app.delete(SESSION_PATH, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c, trustProxy) });
    return c.body(null, 204);
  });

  if (options.oidc) {
    registerOidc(app, db, options.oidc, {
      startSession,
      secure: (c) => isHttps(c, trustProxy),
    });
  }
}

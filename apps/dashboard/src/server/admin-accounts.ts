import {
  type Actor,
  addUser,
  createApiToken,
  isRole,
  listAccountAudit,
  listApiTokens,
  listUsers,
  resetUserPassword,
  revokeApiToken,
  TOKEN_SCOPES as STORED_SCOPES,
  type TokenScope as StoredScope,
  setUserDisabled,
  setUserRole,
  UserError,
  type Warehouse,
} from '@malkoll/warehouse';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import {
  type AccountsResponse,
  type PasswordResponse,
  TOKEN_SCOPES,
  type TokenCreatedResponse,
  type TokenScope,
  type TokenView,
} from '../shared/admin-api.ts';
import { ROLES } from '../shared/session-api.ts';
import { ADMIN_API_PATH } from './auth.ts';
import { jsonBodyLimit } from './body-limit.ts';

// The admin pages' API: accounts (list, add, role, reset password, disable/enable) and API tokens (add,
// list, revoke). Each route calls the same @malkoll/warehouse function as `malkoll users|tokens`, which
// writes the ops.account_audit row in the change's own transaction, with the signed-in admin as actor.
// auth.ts already lets only admins reach /api/admin (and no API token); the check below repeats it so
// the routes stay closed when sign-in is off (no one to audit, anyone could call them).

// Compile-time: the client's copy of the scopes is the package's list, in either direction.
const _sharedIsStored: readonly StoredScope[] = TOKEN_SCOPES;
const _storedIsShared: readonly TokenScope[] = STORED_SCOPES;
void _sharedIsStored;
void _storedIsShared;

const role = z.enum(ROLES, { message: 'Välj en roll: viewer, steward eller admin.' });
const addAccountBody = z.strictObject({ name: z.string().max(64), role });
const roleBody = z.strictObject({ role });
const disabledBody = z.strictObject({ disabled: z.boolean() });
const addTokenBody = z.strictObject({
  userName: z.string().min(1).max(64),
  name: z.string().max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, 'Välj minst en behörighet.').max(TOKEN_SCOPES.length),
  expiresDays: z.number().int().min(1).max(3650).nullable(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function adminActor(c: Context): Actor | null {
  const user = c.get('user');
  return user?.role === 'admin' ? { name: user.name, userId: user.id } : null;
}

async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<T | Response> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (parsed.success) return parsed.data;
  return c.json({ error: parsed.error.issues.map((i) => i.message).join('; ') }, 400);
}

/** A refusal the package words for the user (a taken name, the last admin) is a 400, in its words. */
async function refusing<T>(c: Context, work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError) return c.json({ error: error.message }, 400);
    throw error;
  }
}

const notFound = (c: Context, name: string) => c.json({ error: `Användaren "${name}" finns inte.` }, 404);

export function registerAdminAccountRoutes(app: Hono, db: Warehouse): void {
  app.use(`${ADMIN_API_PATH}/*`, async (c, next) => {
    if (!adminActor(c)) {
      return c.json({ error: 'Bara en inloggad administratör kan hantera konton och API-nycklar.' }, 403);
    }
    await next();
  });
  const actorOf = (c: Context) => adminActor(c) as Actor;

  app.get(`${ADMIN_API_PATH}/accounts`, async (c) => {
    const [accounts, audit] = await Promise.all([listUsers(db), listAccountAudit(db, 30)]);
    const body: AccountsResponse = {
      accounts: accounts.map((a) => ({
        name: a.name,
        role: a.role,
        disabled: a.disabled,
        signIn: a.signIn,
        createdAt: a.createdAt.toISOString(),
        lastSignInAt: iso(a.lastSignInAt),
      })),
      audit: audit.map((e) => ({ ...e, at: e.at.toISOString() })),
    };
    return c.json(body);
  });

  app.post(`${ADMIN_API_PATH}/accounts`, jsonBodyLimit(4 * 1024), async (c) => {
    const body = await readBody(c, addAccountBody);
    if (body instanceof Response) return body;
    const created = await refusing(c, () => addUser(db, body.name.trim(), body.role, actorOf(c)));
    if (created instanceof Response) return created;
    const answer: PasswordResponse = { name: created.user.name, password: created.password };
    c.header('Cache-Control', 'no-store');
    return c.json(answer, 201);
  });

  app.put(`${ADMIN_API_PATH}/accounts/:name/role`, jsonBodyLimit(1024), async (c) => {
    const name = c.req.param('name');
    const body = await readBody(c, roleBody);
    if (body instanceof Response) return body;
    if (!isRole(body.role)) return c.json({ error: 'Okänd roll.' }, 400);
    const found = await refusing(c, () => setUserRole(db, name, body.role, actorOf(c)));
    if (found instanceof Response) return found;
    return found ? c.json({ name, role: body.role }) : notFound(c, name);
  });

  app.post(`${ADMIN_API_PATH}/accounts/:name/password`, async (c) => {
    const name = c.req.param('name');
    const password = await resetUserPassword(db, name, actorOf(c));
    if (password === undefined) return notFound(c, name);
    const answer: PasswordResponse = { name, password };
    c.header('Cache-Control', 'no-store');
    return c.json(answer);
  });

  app.put(`${ADMIN_API_PATH}/accounts/:name/disabled`, jsonBodyLimit(1024), async (c) => {
    const name = c.req.param('name');
    const body = await readBody(c, disabledBody);
    if (body instanceof Response) return body;
    if (body.disabled && name === c.get('user')?.name) {
      return c.json({ error: 'Du kan inte stänga av ditt eget konto.' }, 400);
    }
    const found = await refusing(c, () => setUserDisabled(db, name, body.disabled, actorOf(c)));
    if (found instanceof Response) return found;
    return found ? c.json({ name, disabled: body.disabled }) : notFound(c, name);
  });

  app.get(`${ADMIN_API_PATH}/tokens`, async (c) => {
    const tokens: TokenView[] = (await listApiTokens(db)).map((t) => ({
      id: t.id,
      userName: t.userName,
      role: t.role,
      name: t.name,
      scopes: t.scopes,
      createdAt: t.createdAt.toISOString(),
      expiresAt: iso(t.expiresAt),
      lastUsedAt: iso(t.lastUsedAt),
      revokedAt: iso(t.revokedAt),
    }));
    return c.json(tokens);
  });

  app.post(`${ADMIN_API_PATH}/tokens`, jsonBodyLimit(4 * 1024), async (c) => {
    const body = await readBody(c, addTokenBody);
    if (body instanceof Response) return body;
    const expiresAt =
      body.expiresDays === null ? undefined : new Date(Date.now() + body.expiresDays * 86_400_000);
    const created = await refusing(c, () =>
      createApiToken(
        db,
        { userName: body.userName, name: body.name, scopes: body.scopes, expiresAt },
        actorOf(c),
      ),
    );
    if (created instanceof Response) return created;
    const answer: TokenCreatedResponse = created;
    c.header('Cache-Control', 'no-store');
    return c.json(answer, 201);
  });

  app.delete(`${ADMIN_API_PATH}/tokens/:tokenId`, async (c) => {
    const id = c.req.param('tokenId');
    if (!(await revokeApiToken(db, id, actorOf(c)))) {
      return c.json({ error: `API-nyckeln "${id}" finns inte.` }, 404);
    }
    return c.json({ id, revoked: true });
  });
}

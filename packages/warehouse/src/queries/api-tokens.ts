import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';
import { type Actor, SYSTEM_ACTOR, writeAccountAudit } from './account-audit.ts';
import { type Role, type User, UserError } from './users.ts';

// API tokens for automation. The token text is `mk_<id>_<secret>`: the id (8 random bytes, hex) finds
// the row, the secret (32 random bytes) proves possession and is kept only as its SHA-256. A fast hash
// is enough: 256 random bits leave nothing to guess, unlike a password. What a token may do is decided
// in the dashboard (apps/dashboard/src/server/auth.ts): its user's role, limited by its scopes.

/**
 * read: every GET under /api; runs: run a source now, upload a file to it; sources: define and change
 * sources; plans: edit plans (baselines, targets, statuses, comments).
 */
export const TOKEN_SCOPES = ['read', 'runs', 'sources', 'plans'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

const TOKEN_TEXT = /^mk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();

export interface ApiToken {
  id: string;
  userName: string;
  role: Role;
  name: string;
  scopes: TokenScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function createApiToken(
  db: Warehouse,
  input: { userName: string; name: string; scopes: TokenScope[]; expiresAt?: Date | undefined },
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ id: string; token: string }> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new UserError('Ange ett namn på nyckeln (1–100 tecken).');
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0 || !scopes.every(isTokenScope)) {
    throw new UserError(`Ange minst en behörighet: ${TOKEN_SCOPES.join(', ')}.`);
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new UserError('Utgångsdatumet måste ligga i framtiden.');
  }
  const user = await db
    .selectFrom('ops.users')
    .select(['id', 'disabled_at'])
    .where('name', '=', input.userName)
    .executeTakeFirst();
  if (!user) throw new UserError(`Användaren "${input.userName}" finns inte.`);
  if (user.disabled_at) throw new UserError(`Kontot "${input.userName}" är avstängt: aktivera det först.`);
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ops.api_tokens')
      .values({
        id,
        user_id: user.id,
        name,
        scopes,
        secret_hash: hashSecret(secret).toString('hex'),
        expires_at: input.expiresAt ?? null,
      })
      .execute();
    await writeAccountAudit(trx, actor, {
      action: 'token.add',
      userName: input.userName,
      tokenId: id,
      detail: { name, scopes, expiresAt: input.expiresAt?.toISOString() ?? null },
    });
  });
  return { id, token: `mk_${id}_${secret}` };
}

export type TokenCheck =
  | { ok: true; tokenId: string; user: User; scopes: TokenScope[] }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'disabled' };

/**
 * Checks a bearer token and notes when it was used (at most once a minute per token, so a busy script
 * does not write on every call). Revoked and expired are told apart only once the secret matched.
 */
export async function verifyApiToken(db: Warehouse, token: string): Promise<TokenCheck> {
  const match = TOKEN_TEXT.exec(token);
  if (!match?.[1] || !match[2]) return { ok: false, reason: 'unknown' };
  const id = match[1];
  const row = await db
    .selectFrom('ops.api_tokens as t')
    .innerJoin('ops.users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.secret_hash',
      't.scopes',
      't.expires_at',
      't.revoked_at',
      'u.id as user_id',
      'u.name',
      'u.role',
      'u.disabled_at',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  const expected = Buffer.from(row.secret_hash, 'hex');
  const actual = hashSecret(match[2]);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'unknown' };
  }
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (row.expires_at && row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  if (row.disabled_at) return { ok: false, reason: 'disabled' };
  await db
    .updateTable('ops.api_tokens')
    .set({ last_used_at: sql`now()` })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
      ]),
    )
    .execute();
  return {
    ok: true,
    tokenId: row.id,
    user: { id: row.user_id, name: row.name, role: row.role as Role },
    scopes: row.scopes.filter(isTokenScope),
  };
}

export async function listApiTokens(db: Warehouse, userName?: string): Promise<ApiToken[]> {
  let query = db
    .selectFrom('ops.api_tokens as t')
    .innerJoin('ops.users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      'u.name as user_name',
      'u.role',
      't.name',
      't.scopes',
      't.created_at',
      't.expires_at',
      't.last_used_at',
      't.revoked_at',
    ])
    .orderBy('u.name')
    .orderBy('t.created_at');
  if (userName !== undefined) query = query.where('u.name', '=', userName);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    userName: r.user_name,
    role: r.role as Role,
    name: r.name,
    scopes: r.scopes.filter(isTokenScope),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Revokes a token at once; false when there is no such token. Revoking twice keeps the first time and
 * is audited once.
 */
export async function revokeApiToken(
  db: Warehouse,
  id: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('ops.api_tokens as t')
      .innerJoin('ops.users as u', 'u.id', 't.user_id')
      .select(['t.id', 't.name', 't.revoked_at', 'u.name as user_name'])
      .where('t.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return false;
    if (row.revoked_at) return true;
    await trx.updateTable('ops.api_tokens').set({ revoked_at: sql`now()` }).where('id', '=', id).execute();
    await writeAccountAudit(trx, actor, {
      action: 'token.revoke',
      userName: row.user_name,
      tokenId: id,
      detail: { name: row.name },
    });
    return true;
  });
}

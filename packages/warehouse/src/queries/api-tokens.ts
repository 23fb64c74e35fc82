import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';
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
    .select('id')
    .where('name', '=', input.userName)
    .executeTakeFirst();
  if (!user) throw new UserError(`Användaren "${input.userName}" finns inte.`);
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await db
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
  return { id, token: `mk_${id}_${secret}` };
}

export type TokenCheck =
  | { ok: true; tokenId: string; user: User; scopes: TokenScope[] }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

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

/** Revokes a token at once; false when there is no such token. Revoking twice keeps the first time. */
export async function revokeApiToken(db: Warehouse, id: string): Promise<boolean> {
  const row = await db
    .updateTable('ops.api_tokens')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

export const ROLES = ['viewer', 'steward', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when `role` is at least `needed` (viewer < steward < admin). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export interface User {
  id: number;
  name: string;
  role: Role;
}

/**
 * scrypt from Node's own crypto (no native add-on to build), with OWASP's Password Storage Cheat Sheet
 * minimum: N = 2^17, r = 8, p = 1 (128 MiB, about 0.3 s here). The parameters are stored with each hash
 * so they can be raised later without invalidating old passwords.
 */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keyLength: 32, saltLength: 16 };

function scryptAsync(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const maxmem = (N: number, r: number) => 128 * N * r * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const { N, r, p } = SCRYPT;
  const key = await scryptAsync(password, salt, SCRYPT.keyLength, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const N = Number(n);
  const R = Number(r);
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N,
    r: R,
    p: Number(p),
    maxmem: maxmem(N, R),
  });
  return timingSafeEqual(key, expected);
}

/** A hash to compare against when the account does not exist, so timing does not tell names apart. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** 20 characters from 120 random bits, printed once by the CLI. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export class UserError extends Error {}

const USER_NAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

export async function addUser(
  db: Warehouse,
  name: string,
  role: Role,
): Promise<{ user: User; password: string }> {
  if (!USER_NAME.test(name)) {
    throw new UserError(
      `Ogiltigt användarnamn "${name}": 2–64 tecken, gemena bokstäver a–z, siffror och . _ @ - (börjar med bokstav eller siffra).`,
    );
  }
  const password = generatePassword();
  const row = await db
    .insertInto('ops.users')
    .values({ name, role, password_hash: await hashPassword(password) })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning(['id', 'name', 'role'])
    .executeTakeFirst();
  if (!row) throw new UserError(`Användaren "${name}" finns redan.`);
  return { user: { id: row.id, name: row.name, role: row.role as Role }, password };
}

export async function findUserByName(
  db: Warehouse,
  name: string,
): Promise<(User & { password_hash: string | null }) | undefined> {
  const row = await db
    .selectFrom('ops.users')
    .select(['id', 'name', 'role', 'password_hash'])
    .where('name', '=', name)
    .executeTakeFirst();
  return row && { ...row, role: row.role as Role };
}

/** Changes a role; the user's sessions end, so the new role applies at the next sign-in. */
export async function setUserRole(db: Warehouse, name: string, role: Role): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('ops.users')
      .set({ role })
      .where('name', '=', name)
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom('ops.sessions').where('user_id', '=', row.id).execute();
    return true;
  });
}

/** Sets a new generated password and ends every session of the user; undefined: no such user. */
export async function resetUserPassword(db: Warehouse, name: string): Promise<string | undefined> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('ops.users')
      .set({ password_hash: hash, password_changed_at: new Date() })
      .where('name', '=', name)
      .returning('id')
      .executeTakeFirst();
    if (!row) return undefined;
    await trx.deleteFrom('ops.sessions').where('user_id', '=', row.id).execute();
    return password;
  });
}

// Sessions: the cookie carries 32 random bytes; the table keeps only their SHA-256, so reading the
// table (a backup, a log of queries) does not hand out live sessions. A fast hash is enough here: the
// token has 256 bits of entropy, nothing to guess.
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Warehouse,
  userId: number,
  ttlMs: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await db
    .insertInto('ops.sessions')
    .values({ id_hash: hashToken(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** The signed-in user of a session token, or undefined when the session is unknown or has expired. */
export async function findSessionUser(
  db: Warehouse,
  token: string,
): Promise<(User & { expiresAt: Date }) | undefined> {
  const row = await db
    .selectFrom('ops.sessions as s')
    .innerJoin('ops.users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.name', 'u.role', 's.expires_at'])
    .where('s.id_hash', '=', hashToken(token))
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, role: row.role as Role, expiresAt: row.expires_at };
}

export async function deleteSession(db: Warehouse, token: string): Promise<void> {
  await db.deleteFrom('ops.sessions').where('id_hash', '=', hashToken(token)).execute();
}

/** Removes expired sessions and attempts older than `keepAttemptsMs`; run now and then. */
export async function pruneSessions(db: Warehouse, keepAttemptsMs = 24 * 3600_000): Promise<void> {
  await db.deleteFrom('ops.sessions').where('expires_at', '<=', new Date()).execute();
  await db
    .deleteFrom('ops.sign_in_attempts')
    .where('at', '<', new Date(Date.now() - keepAttemptsMs))
    .execute();
}

/** Serialises the reservations below (a few milliseconds each); the password hash runs outside it. */
const SIGN_IN_LOCK = 'sign-in-attempts';

export type SignInReservation = { ok: true; attemptId: number } | { ok: false; byUser: number; byIp: number };

/**
 * Reserves a sign-in attempt before its password is checked: under one advisory lock, the recent
 * failures are counted and, when both are under their limits, the attempt is stored as a failure at
 * once. Parallel attempts therefore see each other: of 40 sent together at most `maxPerUser` (per
 * account) and `maxPerIp` (per address) get a reservation, and only those may hash a password.
 * `settleSignInAttempt` turns the reservation into a success when the password was right.
 */
export async function reserveSignInAttempt(
  db: Warehouse,
  q: { userName: string; ip: string; sinceMs: number; maxPerUser: number; maxPerIp: number },
): Promise<SignInReservation> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${SIGN_IN_LOCK}))`.execute(trx);
    const failures = await countRecentFailures(trx, q);
    if (failures.byUser >= q.maxPerUser || failures.byIp >= q.maxPerIp) return { ok: false, ...failures };
    const row = await trx
      .insertInto('ops.sign_in_attempts')
      .values({ user_name: q.userName, ip: q.ip, succeeded: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ok: true, attemptId: Number(row.id) };
  });
}

/**
 * A reserved attempt whose password was right becomes a success, dated now: the account's failures
 * count again from this moment (those reserved before it, still hashing, no longer count against it).
 */
export async function settleSignInAttempt(db: Warehouse, attemptId: number): Promise<void> {
  await db
    .updateTable('ops.sign_in_attempts')
    .set({ succeeded: true, at: new Date() })
    .where('id', '=', attemptId)
    .execute();
}

/**
 * Failed sign-ins within the window: per account (since its last successful sign-in) and per address.
 * The lockout is these counts against a limit, so it ends by itself when the failures age out.
 */
export async function countRecentFailures(
  db: Warehouse,
  q: { userName: string; ip: string; sinceMs: number },
): Promise<{ byUser: number; byIp: number }> {
  const since = new Date(Date.now() - q.sinceMs);
  const lastSuccess = db
    .selectFrom('ops.sign_in_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('user_name', '=', q.userName)
    .where('succeeded', '=', true);
  const byUser = await db
    .selectFrom('ops.sign_in_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_name', '=', q.userName)
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .where((eb) => eb.or([eb(lastSuccess, 'is', null), eb('at', '>', lastSuccess)]))
    .executeTakeFirstOrThrow();
  const byIp = await db
    .selectFrom('ops.sign_in_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ip', '=', q.ip)
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { byUser: Number(byUser.n), byIp: Number(byIp.n) };
}

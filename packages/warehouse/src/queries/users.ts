import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';
import { type Actor, SYSTEM_ACTOR, writeAccountAudit } from './account-audit.ts';

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
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ user: User; password: string }> {
  if (!USER_NAME.test(name)) {
    throw new UserError(
      `Ogiltigt användarnamn "${name}": 2–64 tecken, gemena bokstäver a–z, siffror och . _ @ - (börjar med bokstav eller siffra).`,
    );
  }
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('ops.users')
      .values({ name, role, password_hash: passwordHash })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning(['id', 'name', 'role'])
      .executeTakeFirst();
    if (inserted)
      await writeAccountAudit(trx, actor, { action: 'user.add', userName: name, detail: { role } });
    return inserted;
  });
  if (!row) throw new UserError(`Användaren "${name}" finns redan.`);
  return { user: { id: row.id, name: row.name, role: row.role as Role }, password };
}

/** One account as the admin page lists it; never its password hash. */
export interface AccountSummary extends User {
  disabled: boolean;
  /** 'oidc': signs in through the identity provider (its role is set there at each sign-in). */
  signIn: 'password' | 'oidc';
  createdAt: Date;
  lastSignInAt: Date | null;
}

export async function listUsers(db: Warehouse): Promise<AccountSummary[]> {
  const rows = await db
    .selectFrom('ops.users as u')
    .select((eb) => [
      'u.id',
      'u.name',
      'u.role',
      'u.disabled_at',
      'u.oidc_subject',
      'u.created_at',
      eb
        .selectFrom('ops.sessions as s')
        .select((e) => e.fn.max('s.created_at').as('at'))
        .whereRef('s.user_id', '=', 'u.id')
        .as('last_session_at'),
      eb
        .selectFrom('ops.sign_in_attempts as a')
        .select((e) => e.fn.max('a.at').as('at'))
        .whereRef('a.user_name', '=', 'u.name')
        .where('a.succeeded', '=', true)
        .as('last_sign_in_at'),
    ])
    .orderBy('u.name')
    .execute();
  return rows.map((r) => {
    const times = [r.last_session_at, r.last_sign_in_at].filter((d): d is Date => d instanceof Date);
    return {
      id: r.id,
      name: r.name,
      role: r.role as Role,
      disabled: r.disabled_at !== null,
      signIn: r.oidc_subject === null ? 'password' : 'oidc',
      createdAt: r.created_at,
      lastSignInAt: times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null,
    };
  });
}

export async function findUserByName(
  db: Warehouse,
  name: string,
): Promise<(User & { password_hash: string | null; disabled: boolean }) | undefined> {
  const row = await db
    .selectFrom('ops.users')
    .select(['id', 'name', 'role', 'password_hash', 'disabled_at'])
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) return undefined;
  const { disabled_at, ...rest } = row;
  return { ...rest, role: row.role as Role, disabled: disabled_at !== null };
}

/**
 * Refuses to leave the dashboard without an active admin: called in the transaction that would demote
 * or disable `userId`, with the admins locked so two admins cannot remove each other at once.
 */
async function keepAnActiveAdmin(trx: Warehouse, userId: number): Promise<void> {
  const admins = await trx
    .selectFrom('ops.users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .forUpdate()
    .execute();
  if (admins.some((a) => a.id === userId) && admins.length <= 1) {
    throw new UserError('Det måste finnas minst en aktiv administratör: ge någon annan rollen admin först.');
  }
}

/** Changes a role; the user's sessions end, so the new role applies at the next sign-in. */
export async function setUserRole(
  db: Warehouse,
  name: string,
  role: Role,
  actor: Actor = SYSTEM_ACTOR,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('ops.users')
      .select(['id', 'role'])
      .where('name', '=', name)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return false;
    if (before.role === role) return true;
    if (before.role === 'admin') await keepAnActiveAdmin(trx, before.id);
    await trx.updateTable('ops.users').set({ role }).where('id', '=', before.id).execute();
    await trx.deleteFrom('ops.sessions').where('user_id', '=', before.id).execute();
    await writeAccountAudit(trx, actor, {
      action: 'user.role',
      userName: name,
      detail: { from: before.role, role },
    });
    return true;
  });
}

/** Sets a new generated password and ends every session of the user; undefined: no such user. */
export async function resetUserPassword(
  db: Warehouse,
  name: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<string | undefined> {
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
    await writeAccountAudit(trx, actor, { action: 'user.reset', userName: name });
    return password;
  });
}

/**
 * Disables an account (it cannot sign in, its sessions end, its API tokens are refused while it stays
 * disabled) or enables it again. False: no such user. Doing what is already done writes nothing.
 */
export async function setUserDisabled(
  db: Warehouse,
  name: string,
  disabled: boolean,
  actor: Actor = SYSTEM_ACTOR,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('ops.users')
      .select(['id', 'role', 'disabled_at'])
      .where('name', '=', name)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return false;
    if ((before.disabled_at !== null) === disabled) return true;
    if (disabled && before.role === 'admin') await keepAnActiveAdmin(trx, before.id);
    await trx
      .updateTable('ops.users')
      .set({ disabled_at: disabled ? new Date() : null })
      .where('id', '=', before.id)
      .execute();
    if (disabled) await trx.deleteFrom('ops.sessions').where('user_id', '=', before.id).execute();
    await writeAccountAudit(trx, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      userName: name,
    });
    return true;
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
    // Disabling deletes the sessions too; this keeps a session started in the same instant out.
    .where('u.disabled_at', 'is', null)
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

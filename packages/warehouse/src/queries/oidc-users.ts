import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';
import type { Role, User } from './users.ts';

// Accounts signed in through OpenID Connect. The identity is (issuer, subject): names and e-mail
// addresses can be reassigned by the provider, so they never find an account. In particular a
// provider's "anna" never becomes the local account "anna": a taken name gets a suffix instead.

/** A user name the ops.users check accepts, from the provider's preferred_username or e-mail. */
export function oidcUserName(wanted: string | undefined, subject: string): string {
  const cleaned = (wanted ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9._@-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 56);
  return cleaned.length >= 2 ? cleaned : `oidc-${subjectTag(subject)}`;
}

const subjectTag = (subject: string) => createHash('sha256').update(subject).digest('hex').slice(0, 6);

/**
 * Creates or updates the account of (issuer, subject) with the role from this sign-in's claims, in one
 * transaction. The name is chosen at the first sign-in and kept after.
 */
export async function upsertOidcUser(
  db: Warehouse,
  identity: { issuer: string; subject: string; name: string | undefined; role: Role },
): Promise<User & { disabled: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .updateTable('ops.users')
      .set({ role: identity.role })
      .where('oidc_issuer', '=', identity.issuer)
      .where('oidc_subject', '=', identity.subject)
      .returning(['id', 'name', 'role', 'disabled_at'])
      .executeTakeFirst();
    if (existing) {
      return {
        id: existing.id,
        name: existing.name,
        role: existing.role as Role,
        disabled: existing.disabled_at !== null,
      };
    }
    const base = oidcUserName(identity.name, identity.subject);
    for (const name of [base, `${base}-${subjectTag(identity.subject)}`]) {
      const row = await trx
        .insertInto('ops.users')
        .values({
          name,
          role: identity.role,
          password_hash: null,
          oidc_issuer: identity.issuer,
          oidc_subject: identity.subject,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning(['id', 'name', 'role'])
        .executeTakeFirst();
      if (row) return { ...row, role: row.role as Role, disabled: false };
    }
    throw new Error(`No free user name for the OpenID Connect account ${identity.subject}`);
  });
}

/**
 * Ends every session of (issuer, subject) and revokes its API tokens, as when the provider no longer
 * grants the user a role. Tokens too: they act with the role last seen, and the provider is asked
 * only at sign-in.
 */
export async function endOidcUserAccess(
  db: Warehouse,
  identity: { issuer: string; subject: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('ops.users')
      .select('id')
      .where('oidc_issuer', '=', identity.issuer)
      .where('oidc_subject', '=', identity.subject)
      .executeTakeFirst();
    if (!user) return;
    await trx.deleteFrom('ops.sessions').where('user_id', '=', user.id).execute();
    await trx
      .updateTable('ops.api_tokens')
      .set({ revoked_at: sql`now()` })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
  });
}

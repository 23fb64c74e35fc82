import { type Kysely, sql } from 'kysely';

/**
 * API tokens for automation, and accounts signed in through OpenID Connect. A token's secret is stored
 * only as its SHA-256 (like session ids), so a copy of the database hands out no working token. An
 * OpenID Connect account is found by its issuer and subject (never by name or e-mail, which the
 * provider may reuse) and has no password.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table ops.api_tokens (
  id text primary key check (id ~ '^[0-9a-f]{16}$'),
  user_id bigint not null references ops.users (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  scopes text[] not null check (
    cardinality(scopes) > 0 and scopes <@ array['read', 'runs', 'sources', 'plans']::text[]
  ),
  secret_hash text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_idx on ops.api_tokens (user_id);
comment on table ops.api_tokens is 'Bearer tokens for automation: mk_<id>_<secret>; only the SHA-256 of the secret is kept. Rights: the user''s role limited by the scopes.';

alter table ops.users
  alter column password_hash drop not null,
  add column oidc_issuer text,
  add column oidc_subject text,
  add constraint users_oidc_identity_pair check ((oidc_issuer is null) = (oidc_subject is null)),
  add constraint users_password_or_oidc check (password_hash is not null or oidc_subject is not null),
  add constraint users_oidc_identity_key unique (oidc_issuer, oidc_subject);
comment on column ops.users.oidc_subject is 'OpenID Connect: the account is the provider''s (issuer, sub); its role is set from the role claim at each sign-in.';
`.execute(db);
}

import { type Kysely, sql } from 'kysely';

/**
 * Local accounts, server-side sessions and the sign-in attempt log the rate limit reads. Passwords and
 * session ids are stored only as hashes: a copy of the database neither reveals a password nor lets
 * anyone take over a live session.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table ops.users (
  id bigserial primary key,
  name text not null unique check (name ~ '^[a-z0-9][a-z0-9._@-]{1,63}$'),
  role text not null check (role in ('viewer', 'steward', 'admin')),
  password_hash text not null,
  created_at timestamptz not null default now(),
  password_changed_at timestamptz not null default now()
);
comment on table ops.users is 'Local dashboard accounts; roles viewer < steward < admin.';
comment on column ops.users.password_hash is 'scrypt$N$r$p$salt$hash (base64url); see packages/warehouse/src/queries/users.ts.';

create table ops.sessions (
  id_hash text primary key,
  user_id bigint not null references ops.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on ops.sessions (user_id);
create index sessions_expires_idx on ops.sessions (expires_at);
comment on table ops.sessions is 'Signed-in sessions; the cookie holds 32 random bytes, the table only their SHA-256.';

create table ops.sign_in_attempts (
  id bigserial primary key,
  user_name text not null,
  ip text not null,
  succeeded boolean not null,
  at timestamptz not null default now()
);
create index sign_in_attempts_user_idx on ops.sign_in_attempts (user_name, at);
create index sign_in_attempts_ip_idx on ops.sign_in_attempts (ip, at);
comment on table ops.sign_in_attempts is 'Every sign-in attempt: the rate limit and lockout count recent failures per account and per address.';
`.execute(db);
}

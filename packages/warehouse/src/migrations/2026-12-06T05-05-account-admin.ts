import { type Kysely, sql } from 'kysely';

/**
 * Account administration from the dashboard (issue 16): an account can be disabled (kept, with its
 * history, but it cannot sign in, its sessions end and its API tokens stop working) and every account
 * or token change, from the dashboard or the CLI, leaves one row in ops.account_audit.
 *
 * No foreign key from the audit to the account it names: the history must outlive the account.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table ops.users add column disabled_at timestamptz;
comment on column ops.users.disabled_at is 'Set: the account is disabled; it cannot sign in (password or OpenID Connect) and its tokens are refused.';

create table ops.account_audit (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_name text not null,
  actor_user_id bigint references ops.users (id) on delete set null,
  action text not null check (action in (
    'user.add', 'user.role', 'user.reset', 'user.disable', 'user.enable', 'token.add', 'token.revoke'
  )),
  user_name text not null,
  token_id text,
  detail jsonb not null default '{}'::jsonb
);
create index account_audit_at on ops.account_audit (at desc, id desc);
comment on table ops.account_audit is 'Who added, changed, reset, disabled or enabled which account, and who added or revoked which API token, when; from the dashboard or the CLI. Never a password or a token secret.';
comment on column ops.account_audit.actor_name is 'The signed-in admin''s name, or "cli (<os user>)" for malkoll users/tokens.';
comment on column ops.account_audit.user_name is 'The account acted on (for a token: its owner).';
comment on column ops.account_audit.detail is 'What changed: {"role": …, "from": …} for a role, {"name", "scopes", "expiresAt"} for a token.';
`.execute(db);
}

import { type Kysely, sql } from 'kysely';

/**
 * Plan editing in the dashboard (docs/plan-editing.md): every change of a baseline, target, activity
 * status or summary comment leaves one row per changed field, written in the edit's own transaction, so
 * "who changed the target, when, from what" is always answerable. Re-applying the plan file writes rows
 * too (actor "planfil") when it changes a value.
 *
 * No foreign key to the plan tables: the history must outlive a goal or link the plan file removes.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table ops.plan_audit (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_name text not null,
  actor_user_id bigint references ops.users (id) on delete set null,
  plan_id text not null,
  goal_key text not null,
  entity text not null check (entity in ('link', 'activity', 'comment')),
  entity_id bigint,
  entity_key text not null,
  entity_label text not null,
  field text not null,
  old_value jsonb,
  new_value jsonb,
  note text
);
create index plan_audit_plan_at on ops.plan_audit (plan_id, at desc, id desc);
comment on table ops.plan_audit is 'Who changed which plan value when (one row per field): baselines, targets, activity statuses and summary comments, from the dashboard or the plan file.';
comment on column ops.plan_audit.actor_name is 'The signed-in user''s name; "planfil" for malkoll plans apply; "anonym" when the dashboard runs without sign-in.';
comment on column ops.plan_audit.actor_user_id is 'The user, when a signed-in user made the change; null for the plan file and the CLI.';
comment on column ops.plan_audit.entity_id is 'plan.goal_indicators.id or plan.activities.id at the time; null for comments (keyed by goal and date).';
comment on column ops.plan_audit.entity_key is 'Natural key: indicator|area|breakdown for a link, the title for an activity, the follow-up date for a comment.';
comment on column ops.plan_audit.entity_label is 'What the user saw the row as (link label, activity title, "Kommentar 2016-04-30"), kept so the history stays readable after the plan changes.';
comment on column ops.plan_audit.old_value is 'The value before, as JSON (a number, a text, a status key, or null).';
`.execute(db);
}

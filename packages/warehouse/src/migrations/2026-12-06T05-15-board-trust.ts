import { type Kysely, sql } from 'kysely';

/**
 * What a board needs to trust a status (issue 17):
 * - plan.assessments: the nämnd's own judgement per nyckeltal link and follow-up, beside the computed
 *   status ("two keys"), with a required reason; audited in ops.plan_audit and locked once the follow-up's
 *   snapshot is frozen.
 * - dim.series_breaks: a declared break in an indicator's series (a new method, a new definition): trend,
 *   forecast and trajectory never fit across it, charts draw it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table plan.assessments (
  goal_indicator_id bigint not null references plan.goal_indicators (id) on delete cascade,
  follow_up_date date not null,
  status text not null check (status in ('achieved', 'on_track', 'at_risk', 'off_track', 'no_data')),
  reason text not null check (length(btrim(reason)) > 0),
  actor_name text not null,
  actor_user_id bigint references ops.users (id) on delete set null,
  recorded_at timestamptz not null default now(),
  primary key (goal_indicator_id, follow_up_date)
);
alter table ops.plan_audit drop constraint plan_audit_entity_check,
  add constraint plan_audit_entity_check check (entity in ('link', 'activity', 'comment', 'assessment'));

comment on table plan.assessments is 'The nämnd''s own assessment of a nyckeltal at a follow-up (one of the five statuses, with a reason), shown beside the computed status; locked once that follow-up is frozen.';

create table dim.series_breaks (
  indicator_id bigint not null references dim.indicators (id) on delete cascade,
  break_date date not null,
  reason text not null check (length(btrim(reason)) > 0),
  successor_indicator_id bigint references dim.indicators (id) on delete set null,
  declared_by text not null,
  declared_at timestamptz not null default now(),
  primary key (indicator_id, break_date)
);
comment on table dim.series_breaks is 'A break in an indicator''s series (new method or definition): readings before break_date are not comparable with those from it on; trend, forecast and trajectory never fit across it.';
comment on column dim.series_breaks.successor_indicator_id is 'The indicator that continues the series after the break (Kolada U07451 → U07453), if any.';

create trigger note_data_change after insert or update or delete or truncate on plan.assessments
  for each statement execute function mart.note_data_change();
create trigger note_data_change after insert or update or delete or truncate on dim.series_breaks
  for each statement execute function mart.note_data_change();`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
drop table plan.assessments;
delete from ops.plan_audit where entity = 'assessment';
alter table ops.plan_audit drop constraint plan_audit_entity_check,
  add constraint plan_audit_entity_check check (entity in ('link', 'activity', 'comment'));
drop table dim.series_breaks;
`.execute(db);
}

import { type Kysely, sql } from 'kysely';

/**
 * Prepared dashboard answers (mart.answers) and the data version they are keyed by (mart.data_changes).
 *
 * Every transaction that changes what an answer is built from leaves one row in mart.data_changes,
 * written by statement-level triggers on those tables (so no code path can forget it, and a 100 000-row
 * COPY costs one trigger call per statement, not per row). The data version is the number of rows a
 * snapshot sees: rows are only ever added, and a later snapshot sees a superset of an earlier one, so two
 * snapshots with the same count see the same committed changes. (A max(id) would not do: ids are handed
 * out before commit, and a transaction with a lower id can commit after one with a higher.)
 *
 * An answer is stored with the version of the snapshot it was composed in and served only while that is
 * still the current version: a stale answer cannot be served, whatever forgot to prepare it again.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`

create table mart.data_changes (
  txid xid8 primary key default pg_current_xact_id(),
  changed_at timestamptz not null default now()
);
comment on table mart.data_changes is 'One row per committed transaction that changed data the dashboard answers show (written by triggers); count(*) is the data version.';

create function mart.note_data_change() returns trigger language plpgsql as $$
begin
  insert into mart.data_changes default values on conflict (txid) do nothing;
  return null;
end $$;

create table mart.answers (
  kind text not null,
  key text not null,
  data_version bigint not null,
  body json not null,
  prepared_at timestamptz not null default now(),
  primary key (kind, key)
);
-- Stored as written, not compressed: an answer is read far more often than written, and fifty clients
-- asking at once should not each pay a decompression of 50 KB.
alter table mart.answers alter column body set storage external;
comment on table mart.answers is 'Dashboard answers (overview, report, goal page, explorer) composed at a data version; served only while mart.data_changes still counts that version.';
comment on column mart.answers.body is 'The answer as sent (json keeps the text as written: serving it is a copy, not a re-serialisation).';
`.execute(db);
  for (const table of WATCHED) {
    await sql`
create trigger note_data_change after insert or update or delete or truncate on ${sql.raw(table)}
  for each statement execute function mart.note_data_change()`.execute(db);
  }
  // Of the run record the answers show only succeeded runs (the freshness line): a run starting or
  // failing must not move the version, or every page would compose live for as long as a run lasts.
  await sql`
create trigger note_data_change after insert or update on ops.runs
  for each row when (new.status = 'succeeded') execute function mart.note_data_change()`.execute(db);
}

/** Everything an answer reads: facts and their dimensions, the plans, the statuses. */
const WATCHED = [
  'fact.indicator_values',
  'dim.indicators',
  'dim.areas',
  'dim.periods',
  'dim.peer_groups',
  'dim.peer_group_members',
  'plan.plans',
  'plan.goals',
  'plan.goal_indicators',
  'plan.activities',
  'plan.goal_comments',
  'ops.status_snapshots',
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...WATCHED, 'ops.runs']) {
    await sql`drop trigger if exists note_data_change on ${sql.raw(table)}`.execute(db);
  }
  await sql`drop table mart.answers; drop table mart.data_changes; drop function mart.note_data_change();`.execute(
    db,
  );
}

import { type Kysely, sql } from 'kysely';

/**
 * Rows and values counted apart on every run, and a warning for a run that loaded but rejected
 * something. A data row is exactly one of loaded, skipped or rejected, so
 * `rows_read = rows_loaded + skipped + rows_rejected` for long and wide files alike; `inserted`,
 * `updated`, `unchanged` and `rejected` count values (a wide row gives one per value cell). The value
 * columns keep their names: renaming them would break every reader and BI query of ops.runs.
 *
 * Runs recorded before this migration are filled in so the identity holds for them too: their rejected
 * rows are estimated as min(rejected values, rows read − skipped), exact for long files (one value per
 * row) and an upper bound for wide ones. Their warning says it was derived here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table ops.runs
  add column rows_loaded integer not null default 0,
  add column rows_rejected integer not null default 0,
  add column warning text;

update ops.runs set
  rows_rejected = least(rejected, greatest(rows_read - skipped, 0)),
  rows_loaded = greatest(rows_read - skipped, 0) - least(rejected, greatest(rows_read - skipped, 0))
where status = 'succeeded';
update ops.runs set
  warning = 'Lyckades med ' || rejected || ' avvisade värden (räknat i efterhand, se de avvisade raderna)'
where status = 'succeeded' and rejected > 0;

comment on column ops.runs.rows_read is 'Data rows after the header: rows_loaded + skipped + rows_rejected (long and wide files alike).';
comment on column ops.runs.rows_loaded is 'Rows that gave at least one stored value (a wide row with some bad cells counts here); on a run failed for too many rejections, the rows that would have been stored.';
comment on column ops.runs.skipped is 'Rows skipped by rule: blank, footnote, summary (Totalt), repeated header, mapping.skip_rows.';
comment on column ops.runs.rows_rejected is 'Rows that gave no value and at least one rejection.';
comment on column ops.runs.inserted is 'Values inserted (new indicator × area × period × breakdown).';
comment on column ops.runs.updated is 'Values revised (the predecessor is in fact.indicator_value_history).';
comment on column ops.runs.unchanged is 'Values the file gave that equal the stored ones (left untouched).';
comment on column ops.runs.rejected is 'Values rejected: one per row in ops.rejected_rows (a bad cell, or a row refused as a whole).';
comment on column ops.runs.warning is 'Set on a succeeded run that rejected something (in Swedish); null for a plain success.';

alter table ops.alerts drop constraint alerts_kind_check;
alter table ops.alerts add constraint alerts_kind_check check (kind in ('failure', 'stale', 'warning'));
comment on table ops.alerts is 'Alerts sent about a source (a failed run, a run with rejections, or data overdue): at most one per source and night; a failure or staleness replaces a warning.';
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
delete from ops.alerts where kind = 'warning';
alter table ops.alerts drop constraint alerts_kind_check;
alter table ops.alerts add constraint alerts_kind_check check (kind in ('failure', 'stale'));
alter table ops.runs drop column rows_loaded, drop column rows_rejected, drop column warning;
`.execute(db);
}

import { type Kysely, sql } from 'kysely';

/**
 * Facts keep their references by set, not by row.
 *
 * Foreign keys on fact.indicator_values checked every inserted row in its own trigger query: five checks
 * per fact made a 5-million-row first load take 174 s where the insert alone took 27 s. The references
 * stay guaranteed in both directions:
 *   - on the way in, the ingest merge checks the few distinct ids a run writes at once and locks them
 *     FOR KEY SHARE, exactly the lock a foreign key check takes (see queries/ingest.ts);
 *   - a referenced row cannot go away: the triggers below refuse to delete (or re-key) a dimension, a
 *     source or a run that facts or revision history still point at. Those tables are small or never
 *     delete rows, so the check is cheap where the per-fact checks were not.
 * The history table's link to the replacing run goes the same way (one check per revised value).
 *
 * Two more per-row costs of a bulk load go:
 *   - the index on run_id: nothing reads facts by run but an occasional lineage question, which a scan
 *     answers; every fact paid for it on insert, and it kept revisions from being HOT updates;
 *   - loaded_at defaults to now() (the transaction's start, the same for every fact of a run), so a
 *     COPY need not send and parse a timestamp per row.
 * And a revision becomes a HOT update: no indexed column changes (run_id's index is gone) and fillfactor
 * 90 leaves room on each page for the new version, so revising a value writes no index entries.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table fact.indicator_values
  drop constraint indicator_values_indicator_id_fkey,
  drop constraint indicator_values_area_id_fkey,
  drop constraint indicator_values_period_id_fkey,
  drop constraint indicator_values_source_id_fkey,
  drop constraint indicator_values_run_id_fkey;
alter table fact.indicator_values alter column loaded_at set default now();
drop index fact.indicator_values_run;
alter table fact.indicator_values set (fillfactor = 90);
alter table fact.indicator_value_history drop constraint indicator_value_history_replaced_by_run_id_fkey;

create function fact.refuse_removing_referenced() returns trigger language plpgsql as $fn$
declare
  referencing text;
  columns text[] := TG_ARGV;
  col text;
begin
  if TG_OP = 'UPDATE' and new.id is not distinct from old.id then
    return new;
  end if;
  foreach col in array columns loop
    execute format('select %L from %s where %I = $1 limit 1', split_part(col, '.', 3),
                   split_part(col, '.', 1) || '.' || split_part(col, '.', 2), split_part(col, '.', 3))
      into referencing using old.id;
    if referencing is not null then
      raise exception '% % is still referenced by %.%', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, old.id,
        split_part(col, '.', 1) || '.' || split_part(col, '.', 2), referencing
        using errcode = 'foreign_key_violation';
    end if;
  end loop;
  return case when TG_OP = 'DELETE' then old else new end;
end
$fn$;
comment on function fact.refuse_removing_referenced() is
  'Stands in for the foreign keys of fact.indicator_values: refuses to delete or re-key a row that facts reference. Arguments: schema.table.column that reference the row''s id.';

create trigger keep_referenced_by_facts before delete or update of id on dim.indicators
  for each row execute function fact.refuse_removing_referenced('fact.indicator_values.indicator_id');
create trigger keep_referenced_by_facts before delete or update of id on dim.areas
  for each row execute function fact.refuse_removing_referenced('fact.indicator_values.area_id');
create trigger keep_referenced_by_facts before delete or update of id on dim.periods
  for each row execute function fact.refuse_removing_referenced('fact.indicator_values.period_id');
create trigger keep_referenced_by_facts before delete or update of id on ops.sources
  for each row execute function fact.refuse_removing_referenced('fact.indicator_values.source_id');
create trigger keep_referenced_by_facts before delete or update of id on ops.runs
  for each row execute function fact.refuse_removing_referenced(
    'fact.indicator_values.run_id', 'fact.indicator_value_history.replaced_by_run_id');
`.execute(db);
}

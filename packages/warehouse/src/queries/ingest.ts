import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A parsed value on its way into the warehouse, already resolved to dimension ids. */
export interface StagedFact {
  indicatorId: number;
  areaId: number;
  periodType: string;
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  breakdown: string;
  value: number | null;
  valueNote: string | null;
}

export interface StagedRejection {
  /** The file (or request) the line belongs to, when a run reads several. */
  origin: string | null;
  line: number;
  column: string | null;
  raw: string;
  reasonSv: string;
  reasonEn: string;
}

export interface IngestWriter {
  writeFacts(rows: readonly StagedFact[]): Promise<void>;
  writeRejections(rows: readonly StagedRejection[]): Promise<void>;
}

export interface IngestTarget {
  runId: number;
  sourceId: string;
  origin: string;
  /** upsert: add and revise; snapshot: also retire this source's facts that the input no longer has. */
  mode: 'upsert' | 'snapshot';
}

export interface IngestCounts {
  staged: number;
  inserted: number;
  updated: number;
  unchanged: number;
  retired: number;
  /** Indicators this run read or retired values of: their goal status is recomputed after the run. */
  touchedIndicatorIds: number[];
}

// COPY text format: tab-separated, \N for null, backslash escapes.
function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

async function copyRows(client: pg.PoolClient, statement: string, lines: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(statement));
  await pipeline(Readable.from(lines), stream);
}

/**
 * Runs one ingest as a single transaction: everything `produce` writes is staged with COPY, then merged
 * into fact.indicator_values (revised values keep their predecessor in the history table), rejected rows
 * are stored, and `finish` records the run's outcome inside the same transaction. Either all of it
 * commits or nothing does. A per-source advisory lock makes a second run of the same source wait.
 */
export async function runIngestTransaction<T>(
  pool: pg.Pool,
  target: IngestTarget,
  produce: (writer: IngestWriter) => Promise<T>,
  finish: (client: pg.PoolClient, counts: IngestCounts, produced: T) => Promise<void>,
): Promise<{ counts: IngestCounts; produced: T }> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`ingest:${target.sourceId}`]);
    await client.query(`
      create temp table staging_facts (
        indicator_id integer not null, area_id integer not null, period_type text not null,
        period_start date not null, period_end date not null, period_label text not null,
        breakdown text not null, value numeric, value_note text
      ) on commit drop`);
    const writer: IngestWriter = {
      async writeFacts(rows) {
        if (rows.length === 0) return;
        await copyRows(
          client,
          'copy staging_facts from stdin',
          rows.map(
            (r) =>
              `${[r.indicatorId, r.areaId, r.periodType, r.periodStart, r.periodEnd, r.periodLabel, r.breakdown, r.value, r.valueNote].map(copyField).join('\t')}\n`,
          ),
        );
      },
      async writeRejections(rows) {
        if (rows.length === 0) return;
        await copyRows(
          client,
          'copy ops.rejected_rows (run_id, origin, line, column_name, raw, reason_sv, reason_en) from stdin',
          rows.map(
            (r) =>
              `${[target.runId, r.origin, r.line, r.column, r.raw, r.reasonSv, r.reasonEn].map(copyField).join('\t')}\n`,
          ),
        );
      },
    };
    const produced = await produce(writer);
    const counts = await mergeStaged(client, target);
    await finish(client, counts, produced);
    await client.query('commit');
    return { counts, produced };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function mergeStaged(client: pg.PoolClient, target: IngestTarget): Promise<IngestCounts> {
  await client.query(`
    insert into dim.periods (type, start_date, end_date, label)
    select distinct period_type, period_start, period_end, period_label from staging_facts
    on conflict (type, start_date) do nothing`);
  const resolved = await client.query(`
    create temp table resolved_facts on commit drop as
    select s.indicator_id, s.area_id, p.id as period_id, s.breakdown, s.value, s.value_note
    from staging_facts s join dim.periods p on p.type = s.period_type and p.start_date = s.period_start`);
  await client.query('create unique index on resolved_facts (indicator_id, area_id, period_id, breakdown)');
  await client.query('analyze resolved_facts');

  const params = [target.sourceId, target.runId, target.origin];
  // Predecessors of the values this run revises.
  await client.query(
    `insert into fact.indicator_value_history
       (indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at, replaced_by_run_id)
     select f.indicator_id, f.area_id, f.period_id, f.breakdown, f.value, f.value_note, f.source_id, f.run_id, f.origin, f.loaded_at, $1
     from fact.indicator_values f
     join resolved_facts r using (indicator_id, area_id, period_id, breakdown)
     where (f.value, f.value_note) is distinct from (r.value, r.value_note)`,
    [target.runId],
  );
  // Unchanged values keep their original lineage: re-running a file changes nothing.
  const upsert = await client.query<{ inserted: number; updated: number }>(
    `with upserted as (
       insert into fact.indicator_values
         (indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at)
       select indicator_id, area_id, period_id, breakdown, value, value_note, $1, $2, $3, now() from resolved_facts
       on conflict (indicator_id, area_id, period_id, breakdown) do update
         set value = excluded.value, value_note = excluded.value_note, source_id = excluded.source_id,
             run_id = excluded.run_id, origin = excluded.origin, loaded_at = excluded.loaded_at
         where (fact.indicator_values.value, fact.indicator_values.value_note)
               is distinct from (excluded.value, excluded.value_note)
       returning (xmax = 0) as is_insert
     )
     select count(*) filter (where is_insert)::int as inserted,
            count(*) filter (where not is_insert)::int as updated
     from upserted`,
    params,
  );
  let retired = 0;
  const touched = await client.query<{ indicator_id: number }>(
    'select distinct indicator_id from resolved_facts',
  );
  const indicatorIds = new Set(touched.rows.map((r) => r.indicator_id));
  if (target.mode === 'snapshot') {
    const gone = await client.query<{ indicator_id: number }>(
      `with gone as (
         delete from fact.indicator_values f
         where f.source_id = $1
           and not exists (select 1 from resolved_facts r
                           where (r.indicator_id, r.area_id, r.period_id, r.breakdown)
                               = (f.indicator_id, f.area_id, f.period_id, f.breakdown))
         returning f.*
       ), kept as (
         insert into fact.indicator_value_history
           (indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at, replaced_by_run_id)
         select indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at, $2 from gone
       )
       select indicator_id from gone`,
      [target.sourceId, target.runId],
    );
    retired = gone.rowCount ?? 0;
    for (const r of gone.rows) indicatorIds.add(r.indicator_id);
  }
  const staged = resolved.rowCount ?? 0;
  const inserted = upsert.rows[0]?.inserted ?? 0;
  const updated = upsert.rows[0]?.updated ?? 0;
  return {
    staged,
    inserted,
    updated,
    unchanged: staged - inserted - updated,
    retired,
    touchedIndicatorIds: [...indicatorIds].sort((a, b) => a - b),
  };
}

import type { RunTrigger } from '@malkoll/goals/vocabulary';
import type { Selectable } from 'kysely';
import type pg from 'pg';
import type { Warehouse } from '../client.ts';
import type { OpsRuns } from '../db.generated.ts';
import type { IngestCounts } from './ingest.ts';

export type Run = Selectable<OpsRuns>;

export async function createRun(
  db: Warehouse,
  run: { sourceId: string; trigger: RunTrigger; jobId?: string | null },
): Promise<number> {
  const row = await db
    .insertInto('ops.runs')
    .values({ source_id: run.sourceId, trigger: run.trigger, status: 'queued', job_id: run.jobId ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markRunStarted(db: Warehouse, runId: number, origin: string | null): Promise<void> {
  await db
    .updateTable('ops.runs')
    .set({ status: 'running', started_at: new Date(), origin })
    .where('id', '=', runId)
    .execute();
}

/**
 * Records a failure. A run that read its file and failed on what it found (too many rejections) passes
 * what the file gave, so the run still shows its rows and rejected values; none of it was stored.
 */
export async function markRunFailed(
  db: Warehouse,
  runId: number,
  error: string,
  read?: { rowsRead: number; rowsLoaded: number; skipped: number; rowsRejected: number; rejected: number },
): Promise<void> {
  await db
    .updateTable('ops.runs')
    .set({
      status: 'failed',
      finished_at: new Date(),
      error,
      ...(read === undefined
        ? {}
        : {
            rows_read: read.rowsRead,
            rows_loaded: read.rowsLoaded,
            skipped: read.skipped,
            rows_rejected: read.rowsRejected,
            rejected: read.rejected,
          }),
    })
    .where('id', '=', runId)
    .execute();
}

/** What the reader or connector counted: rows (loaded + skipped + rejected = read) and rejected values. */
export interface RunReadCounts {
  rowsRead: number;
  /** Default: the rows neither skipped nor rejected, so the identity holds. */
  rowsLoaded?: number;
  /** Rows skipped by rule. */
  skipped: number;
  /** Default 0. */
  rowsRejected?: number;
  /** Rejected values (one per ops.rejected_rows row). */
  rejected: number;
  /** Set when the run loaded but rejected something (Swedish); null (the default) for a plain success. */
  warning?: string | null;
  details: Record<string, unknown>;
}

/** Records a successful run inside the ingest transaction, so counts and facts commit together. */
export async function recordRunSucceeded(
  client: pg.PoolClient,
  runId: number,
  counts: IngestCounts,
  read: RunReadCounts,
): Promise<void> {
  // clock_timestamp(), not now(): now() is when the transaction began, before the wait on the source's
  // lock, so a run that waited would seem to finish before the run it waited for.
  await client.query(
    `update ops.runs set status = 'succeeded', finished_at = clock_timestamp(), rows_read = $2, inserted = $3, updated = $4,
       unchanged = $5, skipped = $6, rejected = $7, details = $8, error = null, rows_loaded = $9,
       rows_rejected = $10, warning = $11
     where id = $1`,
    [
      runId,
      read.rowsRead,
      counts.inserted,
      counts.updated,
      counts.unchanged,
      read.skipped,
      read.rejected,
      JSON.stringify({ ...read.details, retired: counts.retired, indicator_ids: counts.touchedIndicatorIds }),
      read.rowsLoaded ?? Math.max(read.rowsRead - read.skipped - (read.rowsRejected ?? 0), 0),
      read.rowsRejected ?? 0,
      read.warning ?? null,
    ],
  );
}

export async function getRun(db: Warehouse, runId: number): Promise<Run | undefined> {
  return db.selectFrom('ops.runs').selectAll().where('id', '=', runId).executeTakeFirst();
}

export async function listRejectedRows(db: Warehouse, runId: number, limit = 1000) {
  return db
    .selectFrom('ops.rejected_rows')
    .select(['origin', 'line', 'column_name', 'raw', 'reason_sv', 'reason_en'])
    .where('run_id', '=', runId)
    .orderBy('line')
    .limit(limit)
    .execute();
}

/**
 * The newest run a BullMQ job made for the source: the run the worker opened for it, once it started.
 * Scoped to the source as well, as failStaleRuns is, since BullMQ may reuse a job id.
 */
export async function findRunIdOfJob(
  db: Warehouse,
  jobId: string,
  sourceId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('ops.runs')
    .select('id')
    .where('job_id', '=', jobId)
    .where('source_id', '=', sourceId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Closes the runs a dead worker left `running` (or `queued`) for this job: their transaction never
 * committed, so none of their facts exist, and without this they would look in progress forever.
 * Scoped to the job id *and* source, so a job id that BullMQ reuses after Redis lost its data cannot
 * touch another source's runs.
 */
export async function failStaleRuns(
  db: Warehouse,
  jobId: string,
  sourceId: string,
  error: string,
): Promise<number> {
  const result = await db
    .updateTable('ops.runs')
    .set({ status: 'failed', finished_at: new Date(), error })
    .where('job_id', '=', jobId)
    .where('source_id', '=', sourceId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Per source, when it was last run by its schedule (a scheduled or catch-up run, whatever its outcome,
 * except runs failed with `ignoreError`: those never really ran) and when it last succeeded (any
 * trigger). The catch-up check compares these with the schedule's previous fire: a fire with neither
 * after it was missed.
 */
export async function latestScheduledRuns(
  db: Warehouse,
  options: { ignoreError?: string } = {},
): Promise<Map<string, { lastScheduledAt: Date | null; lastSucceededAt: Date | null }>> {
  const rows = await db
    .selectFrom('ops.runs')
    .select((eb) => [
      'source_id',
      eb.fn
        .max('queued_at')
        .filterWhere((w) =>
          w.and([
            w('trigger', 'in', ['schedule', 'catch_up']),
            options.ignoreError === undefined
              ? w.lit(true)
              : w.or([w('error', 'is', null), w('error', '!=', options.ignoreError)]),
          ]),
        )
        .as('last_scheduled_at'),
      eb.fn.max('finished_at').filterWhere('status', '=', 'succeeded').as('last_succeeded_at'),
    ])
    .groupBy('source_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.source_id,
      {
        lastScheduledAt: r.last_scheduled_at ? new Date(r.last_scheduled_at) : null,
        lastSucceededAt: r.last_succeeded_at ? new Date(r.last_succeeded_at) : null,
      },
    ]),
  );
}

/** Runs still `queued` or `running` that a BullMQ job owns (runs made in a CLI process have no job). */
export async function listUnfinishedQueueRuns(db: Warehouse) {
  return db
    .selectFrom('ops.runs')
    .select(['id', 'source_id', 'job_id', 'queued_at'])
    .where('status', 'in', ['queued', 'running'])
    .where('job_id', 'is not', null)
    .orderBy('id')
    .execute();
}

/** A run of a folder inbox that found no new file: it succeeded with nothing to read. */
export async function recordRunWithoutFiles(db: Warehouse, runId: number, note: string): Promise<void> {
  await db
    .updateTable('ops.runs')
    .set({
      status: 'succeeded',
      started_at: new Date(),
      finished_at: new Date(),
      details: JSON.stringify({ files: [], note }),
    })
    .where('id', '=', runId)
    .execute();
}

/**
 * Stores rejected rows outside an ingest transaction: for a run that failed because it rejected too
 * much, so the steward still sees every reason although nothing was loaded.
 */
export async function insertRejectedRows(
  db: Warehouse,
  runId: number,
  rows: readonly {
    origin: string | null;
    line: number;
    column: string | null;
    raw: string;
    reasonSv: string;
    reasonEn: string;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('ops.rejected_rows')
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          run_id: runId,
          origin: r.origin,
          line: r.line,
          column_name: r.column,
          raw: r.raw,
          reason_sv: r.reasonSv,
          reason_en: r.reasonEn,
        })),
      )
      .execute();
  }
}

/** When the source's latest run was queued: files older than that have been seen by a run. */
export async function latestRunQueuedAt(db: Warehouse, sourceId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('ops.runs')
    .select('queued_at')
    .where('source_id', '=', sourceId)
    .orderBy('queued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.queued_at;
}

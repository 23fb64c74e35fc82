import type { RunTrigger } from '@malkoll/goals/vocabulary';
import type { Logger } from '@malkoll/runtime';
import type { SourceDefinition } from '@malkoll/sources';
import { SourceHttpError } from '@malkoll/sources';
import {
  type IngestCounts,
  loadAreaLookup,
  loadIndicatorIds,
  markRunStarted,
  recordRunSucceeded,
  runIngestTransaction,
  type Warehouse,
} from '@malkoll/warehouse';
import { UnrecoverableError } from 'bullmq';
import type pg from 'pg';
import { buildRunSummary, type RunSummary, rejectionWarning } from '../run-summary.ts';
import { prepareKolada } from './kolada.ts';
import { prepareScb } from './scb.ts';
import { prepareSurvey } from './survey.ts';
import { type ConnectorSettings, defaultConnectorSettings } from './transport.ts';
import { PermanentSourceError, type PreparedRun, type ProducedTotals } from './types.ts';

export type ConnectorDefinition = Exclude<SourceDefinition, { kind: 'csv' }>;

/**
 * Runs a source of kind kolada, scb or survey through the same single-transaction ingest as CSV files:
 * the dimensions are refreshed first, then every page or file is staged, and the run commits whole or
 * not at all (a failure on page 7 of 10 loads nothing from that run). Called by ingestSource, which
 * created the run row and records a failure.
 */
export async function ingestConnectorSource(
  ctx: {
    db: Warehouse;
    pool: pg.Pool;
    inboxRoot: string;
    log: Logger;
    connectors?: ConnectorSettings | undefined;
  },
  run: {
    runId: number;
    sourceId: string;
    definition: ConnectorDefinition;
    trigger: RunTrigger;
    log: Logger;
  },
): Promise<RunSummary> {
  const c = {
    db: ctx.db,
    inboxRoot: ctx.inboxRoot,
    settings: ctx.connectors ?? defaultConnectorSettings(ctx.inboxRoot),
    log: run.log,
    sourceId: run.sourceId,
    trigger: run.trigger,
  };
  let prepared: PreparedRun;
  try {
    const def = run.definition;
    prepared =
      def.kind === 'kolada'
        ? await prepareKolada(c, def)
        : def.kind === 'scb'
          ? await prepareScb(c, def)
          : await prepareSurvey(c, def);
  } catch (error) {
    throw asJobError(error);
  }
  const origin = prepared.origins.join(', ');
  await markRunStarted(ctx.db, run.runId, origin);
  run.log.info({ origin, kind: run.definition.kind }, 'ingest started');
  const lookups = { areas: await loadAreaLookup(ctx.db), indicatorIds: await loadIndicatorIds(ctx.db) };

  let result: { counts: IngestCounts; produced: ProducedTotals };
  try {
    result = await runIngestTransaction<ProducedTotals>(
      ctx.pool,
      {
        runId: run.runId,
        sourceId: run.sourceId,
        origin,
        mode: 'upsert',
        // Kolada's batches and a survey's files may meet on one key; the merge then fails the run loudly.
        mayRepeatKeys: true,
      },
      (writer) => prepared.produce(writer, lookups),
      (client, counts, produced) =>
        recordRunSucceeded(client, run.runId, counts, {
          rowsRead: produced.rowsRead,
          rowsLoaded: produced.rowsLoaded,
          skipped: produced.skipped,
          rowsRejected: produced.rowsRejected,
          rejected: produced.rejected,
          // API sources have no rejection limit (they answer what was asked); rejections still warn.
          warning: rejectionWarning(produced, counts, null),
          details: produced.details,
        }),
    );
  } catch (error) {
    throw asJobError(error);
  }
  const { counts, produced } = result;
  const summary = buildRunSummary({
    runId: run.runId,
    sourceId: run.sourceId,
    // The note names the recording, and says why it was read instead of the API.
    files: prepared.note ? [prepared.note] : prepared.origins,
    counts,
    produced,
    warning: rejectionWarning(produced, counts, null),
  });
  run.log.info({ ...summary, touched_indicator_ids: undefined }, 'ingest succeeded');
  return summary;
}

/**
 * Problems a retry cannot fix become BullMQ's UnrecoverableError (the job is not retried); network
 * trouble stays an ordinary error, so the job's own attempts try again later.
 */
function asJobError(error: unknown): Error {
  if (error instanceof UnrecoverableError) return error;
  if (error instanceof PermanentSourceError) return new UnrecoverableError(error.message);
  if (error instanceof SourceHttpError && !error.transient) return new UnrecoverableError(error.message);
  return error instanceof Error ? error : new Error(String(error));
}

import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@malkoll/runtime';
import { parseSourceDefinition, readCsv, type SourceDefinition } from '@malkoll/sources';
import {
  createRun,
  getSource,
  type IngestCounts,
  loadAreaLookup,
  loadIndicatorIds,
  markRunFailed,
  markRunStarted,
  recordRunSucceeded,
  runIngestTransaction,
  type StagedFact,
  type StagedRejection,
  type Warehouse,
} from '@malkoll/warehouse';
import { UnrecoverableError } from 'bullmq';
import type pg from 'pg';
import { resolveInboxFiles } from './inbox.ts';

export interface IngestContext {
  db: Warehouse;
  pool: pg.Pool;
  inboxRoot: string;
  log: Logger;
}

export interface RunSummary {
  run_id: number;
  source_id: string;
  status: 'succeeded' | 'failed';
  rows_read: number;
  loaded: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  files: string[];
  error: string | null;
  touched_indicator_ids: number[];
}

/** A definition or location problem that no retry can fix. */
function unrecoverable(message: string): UnrecoverableError {
  return new UnrecoverableError(message);
}

/**
 * Ingests one source: reads every file its location matches, stages the values and merges them in one
 * transaction, and records the run. Rejected rows are stored with their file, line and reason.
 */
export async function ingestSource(
  ctx: IngestContext,
  request: {
    sourceId: string;
    trigger: 'schedule' | 'manual' | 'file' | 'catch_up' | 'demo';
    jobId?: string;
  },
): Promise<RunSummary> {
  const source = await getSource(ctx.db, request.sourceId);
  if (!source) throw unrecoverable(`Source "${request.sourceId}" does not exist (or was removed)`);
  const runId = await createRun(ctx.db, {
    sourceId: source.id,
    trigger: request.trigger,
    jobId: request.jobId ?? null,
  });
  const log = ctx.log.child({ run_id: runId, source_id: source.id });
  try {
    let definition: SourceDefinition;
    try {
      definition = parseSourceDefinition(source.definition);
    } catch (error) {
      throw unrecoverable(`Stored definition is invalid: ${(error as Error).message}`);
    }
    const files = await resolveInboxFiles(ctx.inboxRoot, definition.location.inbox);
    if (files.length === 0) {
      throw unrecoverable(`No file in the inbox matches "${definition.location.inbox}"`);
    }
    const origins = files.map((f) => path.relative(ctx.inboxRoot, f));
    await markRunStarted(ctx.db, runId, origins.join(', '));
    log.info({ files: origins }, 'ingest started');

    const areas = await loadAreaLookup(ctx.db);
    const indicatorIds = await loadIndicatorIds(ctx.db);
    const readContext = {
      resolveArea: (raw: string) => {
        const text = raw.trim();
        if (areas.idByCode.has(text)) return text;
        return areas.codeByName.get(text.toLocaleLowerCase('sv'));
      },
      resolveIndicator: (raw: string) => (indicatorIds.has(raw) ? raw : undefined),
    };

    const { counts, produced } = await runIngestTransaction(
      ctx.pool,
      { runId, sourceId: source.id, origin: origins.join(', '), mode: definition.load.mode },
      async (writer) => {
        const totals = { rowsRead: 0, skipped: 0, rejected: 0, perFile: [] as Record<string, unknown>[] };
        for (const [i, file] of files.entries()) {
          const origin = origins[i] ?? file;
          const reader = readCsv(createReadStream(file), definition, readContext);
          for (;;) {
            const next = await reader.next();
            if (next.done) {
              const s = next.value;
              totals.rowsRead += s.rowsRead;
              totals.skipped += s.skipped;
              totals.rejected += s.rejected;
              totals.perFile.push({ file: origin, ...s });
              break;
            }
            const batch = next.value;
            const facts: StagedFact[] = batch.facts.map((f) => ({
              indicatorId: indicatorIds.get(f.indicatorKey) as number,
              areaId: areas.idByCode.get(f.areaCode) as number,
              periodType: f.period.type,
              periodStart: f.period.start,
              periodEnd: f.period.end,
              periodLabel: f.period.label,
              breakdown: f.breakdown,
              value: f.value,
              valueNote: f.valueNote,
            }));
            const rejections: StagedRejection[] = batch.rejections.map((r) => ({ origin, ...r }));
            await writer.writeFacts(facts);
            await writer.writeRejections(rejections);
          }
        }
        return totals;
      },
      (client, counts: IngestCounts, totals) =>
        recordRunSucceeded(client, runId, counts, {
          rowsRead: totals.rowsRead,
          skipped: totals.skipped,
          rejected: totals.rejected,
          details: { files: totals.perFile },
        }),
    );
    const summary: RunSummary = {
      run_id: runId,
      source_id: source.id,
      status: 'succeeded',
      rows_read: produced.rowsRead,
      loaded: counts.staged,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      skipped: produced.skipped,
      rejected: produced.rejected,
      files: origins,
      error: null,
      touched_indicator_ids: counts.touchedIndicatorIds,
    };
    log.info({ ...summary, touched_indicator_ids: undefined }, 'ingest succeeded');
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await markRunFailed(ctx.db, runId, message).catch((e) =>
      log.error({ err: e }, 'could not record the failure'),
    );
    log.error({ err: error }, 'ingest failed');
    throw Object.assign(error instanceof Error ? error : new Error(message), { runId });
  }
}

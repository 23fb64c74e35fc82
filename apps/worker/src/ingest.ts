import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@malkoll/runtime';
import { parseSourceDefinition, readCsv, type SourceDefinition } from '@malkoll/sources';
import {
  createRun,
  getSource,
  type IngestCounts,
  latestSucceededRunInLock,
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
import { type ConnectorDefinition, ingestConnectorSource } from './connectors/dispatch.ts';
import type { ConnectorSettings } from './connectors/transport.ts';
import { resolveInboxFiles } from './inbox.ts';

export interface IngestContext {
  db: Warehouse;
  pool: pg.Pool;
  inboxRoot: string;
  log: Logger;
  /** Kolada/SCB base URLs and recorded answers; defaults to the live APIs. */
  connectors?: ConnectorSettings | undefined;
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
  /** Set when the input was identical to that earlier run's, so nothing was staged or merged. */
  identical_to_run: number | null;
}

/**
 * What a run's outcome depends on: the bytes of every file, the definition, and the dimension lookups
 * the rows are resolved against. Two runs with the same fingerprint load the same facts.
 */
interface InputFingerprint {
  files: { file: string; sha256: string; bytes: number }[];
  definition: string;
  dimensions: string;
}

async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** The file's bytes as the reader gets them, hashed on the way so the stored hash is of what was read. */
async function* hashedStream(file: string, into: { sha256: string; bytes: number }) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    hash.update(chunk as Buffer);
    into.bytes += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
  into.sha256 = hash.digest('hex');
}

/** Field by field: the stored copy comes back from jsonb with its keys reordered. */
function sameFingerprint(stored: unknown, current: InputFingerprint): boolean {
  const a = stored as Partial<InputFingerprint> | undefined;
  if (a?.definition !== current.definition || a.dimensions !== current.dimensions) return false;
  if (!Array.isArray(a.files) || a.files.length !== current.files.length) return false;
  return current.files.every((f, i) => {
    const g = a.files?.[i];
    return g?.file === f.file && g.sha256 === f.sha256 && g.bytes === f.bytes && f.sha256 !== '';
  });
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
    let parsed: SourceDefinition;
    try {
      parsed = parseSourceDefinition(source.definition);
    } catch (error) {
      throw unrecoverable(`Stored definition is invalid: ${(error as Error).message}`);
    }
    if (parsed.kind !== 'csv') {
      const definition: ConnectorDefinition = parsed;
      return await ingestConnectorSource(ctx, {
        runId,
        sourceId: source.id,
        definition,
        trigger: request.trigger,
        log,
      });
    }
    const definition = parsed;
    const files = await resolveInboxFiles(ctx.inboxRoot, definition.location.inbox);
    if (files.length === 0) {
      throw unrecoverable(`No file in the inbox matches "${definition.location.inbox}"`);
    }
    const origins = files.map((f) => path.relative(ctx.inboxRoot, f));
    await markRunStarted(ctx.db, runId, origins.join(', '));
    log.info({ files: origins }, 'ingest started');

    const areas = await loadAreaLookup(ctx.db);
    const indicatorIds = await loadIndicatorIds(ctx.db);
    const dimensions = createHash('sha256')
      .update(JSON.stringify([[...areas.idByCode], [...areas.codeByName], [...indicatorIds]]))
      .digest('hex');
    const fingerprint: InputFingerprint = {
      files: await Promise.all(
        origins.map(async (file, i) => ({ file, ...(await hashFile(files[i] as string)) })),
      ),
      definition: source.definition_hash,
      dimensions,
    };
    const readContext = {
      resolveArea: (raw: string) => {
        const text = raw.trim();
        if (areas.idByCode.has(text)) return text;
        return areas.codeByName.get(text.toLocaleLowerCase('sv'));
      },
      resolveIndicator: (raw: string) => (indicatorIds.has(raw) ? raw : undefined),
    };

    type Totals = {
      rowsRead: number;
      skipped: number;
      rejected: number;
      perFile: Record<string, unknown>[];
      fingerprint: InputFingerprint;
      identicalToRun: number | null;
    };
    const { counts, produced } = await runIngestTransaction<Totals>(
      ctx.pool,
      {
        runId,
        sourceId: source.id,
        origin: origins.join(', '),
        mode: definition.load.mode,
        mayRepeatKeys: files.length > 1,
      },
      async (writer) => {
        const totals: Totals = {
          rowsRead: 0,
          skipped: 0,
          rejected: 0,
          perFile: [],
          fingerprint: { ...fingerprint, files: [] },
          identicalToRun: null,
        };
        for (const [i, file] of files.entries()) {
          const origin = origins[i] ?? file;
          const read = { sha256: '', bytes: 0 };
          const reader = readCsv(hashedStream(file, read), definition, readContext);
          for (;;) {
            const next = await reader.next();
            if (next.done) {
              const s = next.value;
              totals.rowsRead += s.rowsRead;
              totals.skipped += s.skipped;
              totals.rejected += s.rejected;
              totals.perFile.push({ file: origin, ...s });
              totals.fingerprint.files.push({ file: origin, ...read });
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
          details: {
            files: totals.perFile,
            fingerprint: totals.fingerprint,
            ...(totals.identicalToRun === null ? {} : { identical_to_run: totals.identicalToRun }),
          },
        }),
      // Inside the source's lock: the latest successful run decides, not one that is still going.
      async (client) => {
        const last = await latestSucceededRunInLock(client, source.id, runId);
        if (last === undefined || !sameFingerprint(last.details.fingerprint, fingerprint)) return null;
        const loaded = last.inserted + last.updated + last.unchanged;
        return {
          fromRunId: Number(last.id),
          produced: {
            rowsRead: last.rows_read,
            skipped: last.skipped,
            rejected: last.rejected,
            perFile: last.details.files ?? [],
            fingerprint,
            identicalToRun: Number(last.id),
          },
          counts: {
            staged: loaded,
            inserted: 0,
            updated: 0,
            unchanged: loaded,
            retired: 0,
            touchedIndicatorIds: last.details.indicator_ids ?? [],
          },
        };
      },
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
      identical_to_run: produced.identicalToRun,
    };
    log.info(
      { ...summary, touched_indicator_ids: undefined },
      produced.identicalToRun === null
        ? 'ingest succeeded'
        : `ingest succeeded: input identical to run ${produced.identicalToRun}, nothing to change`,
    );
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

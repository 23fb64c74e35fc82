import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@malkoll/runtime';
import {
  CsvReadError,
  judgeRejections,
  parseSourceDefinition,
  readCsv,
  type SourceDefinition,
} from '@malkoll/sources';
import {
  createRun,
  getSource,
  type IngestCounts,
  insertRejectedRows,
  latestSucceededRunInLock,
  loadAreaLookup,
  loadIndicatorIds,
  markRunFailed,
  markRunStarted,
  recordRunSucceeded,
  recordRunWithoutFiles,
  runIngestTransaction,
  type StagedFact,
  type StagedRejection,
  type Warehouse,
} from '@malkoll/warehouse';
import { UnrecoverableError } from 'bullmq';
import type pg from 'pg';
import { type ConnectorDefinition, ingestConnectorSource } from './connectors/dispatch.ts';
import type { ConnectorSettings } from './connectors/transport.ts';
import { resolveInboxFiles, resolveOneInboxFile } from './inbox.ts';
import { type ClaimedFile, claimFiles, restoreFiles, settleFiles } from './inbox-folder.ts';

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
  /** Indicators with an inserted, revised or retired value: the goal status to recompute. */
  changed_indicator_ids: number[];
  /** Set when the input was identical to that earlier run's, so nothing was staged or merged. */
  identical_to_run: number | null;
  /** Folder inbox: where the files went after the run (`processed/…` or `failed/…`). */
  moved_to?: string[];
  /** Seconds per phase of the transaction (reading and staging, each merge step). */
  phases?: Record<string, number>;
}

/** Too many rejected values for the source's `validation.max_rejected_share`: nothing was loaded. */
export class RejectionLimitError extends UnrecoverableError {
  declare readonly rejections: StagedRejection[];

  constructor(message: string, rejections: StagedRejection[]) {
    super(message);
    this.name = 'RejectionLimitError';
    // Not enumerable: a logger serialising the error must not print thousands of rows.
    Object.defineProperty(this, 'rejections', { value: rejections, enumerable: false });
  }
}

/** Rejections kept in memory for a run that may fail on its rejection limit (then stored after rollback). */
const maxKeptRejections = 10_000;

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

/**
 * How much is in flight between the file and the COPY. Every record of a read chunk and every fact of a
 * batch is alive at once; the more there are, the more of them outlive two young-generation collections
 * and land in the old generation, which V8 lets grow to several times the live heap before collecting.
 * With 256 KB reads and 5 000-fact batches the worker's heap peaked at 180 MB on a 1-million-row file;
 * with 64 KB and 1 000 it peaks near 80 MB, at the same speed (the COPY still gets 40 KB writes).
 */
const readChunkBytes = 64 * 1024;
const readBatchSize = 1_000;

/** The file's bytes as the reader gets them, hashed on the way so the stored hash is of what was read. */
async function* hashedStream(file: string, into: { sha256: string; bytes: number }) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: readChunkBytes })) {
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
    /** One file (relative to the inbox root) instead of every file the location matches. */
    file?: string | undefined;
  },
): Promise<RunSummary> {
  const source = await getSource(ctx.db, request.sourceId);
  if (!source) throw unrecoverable(`Källan "${request.sourceId}" finns inte (eller har tagits bort)`);
  const runId = await createRun(ctx.db, {
    sourceId: source.id,
    trigger: request.trigger,
    jobId: request.jobId ?? null,
  });
  const log = ctx.log.child({ run_id: runId, source_id: source.id });
  let claimed: ClaimedFile[] = [];
  try {
    let parsed: SourceDefinition;
    try {
      parsed = parseSourceDefinition(source.definition);
    } catch (error) {
      throw unrecoverable(
        `Den sparade källdefinitionen är ogiltig (rätta den och spara igen): ${(error as Error).message}`,
      );
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
    const folderInbox = definition.location.move_processed === true;
    let files =
      request.file === undefined
        ? await resolveInboxFiles(ctx.inboxRoot, definition.location.inbox)
        : [await resolveOneInboxFile(ctx.inboxRoot, request.file)];
    let origins = files.map((f) => path.relative(ctx.inboxRoot, f));
    if (folderInbox) {
      claimed = await claimFiles(ctx.inboxRoot, files);
      files = claimed.map((c) => c.path);
      origins = claimed.map((c) => c.origin);
      if (files.length === 0) {
        // A folder inbox is empty between deliveries: a run that finds nothing has nothing to fail.
        await recordRunWithoutFiles(
          ctx.db,
          runId,
          `Ingen ny fil i inkorgen matchar "${definition.location.inbox}"`,
        );
        log.info('no new file in the inbox');
        return {
          run_id: runId,
          source_id: source.id,
          status: 'succeeded',
          rows_read: 0,
          loaded: 0,
          inserted: 0,
          updated: 0,
          unchanged: 0,
          skipped: 0,
          rejected: 0,
          files: [],
          error: null,
          touched_indicator_ids: [],
          changed_indicator_ids: [],
          identical_to_run: null,
          moved_to: [],
        };
      }
    }
    if (files.length === 0) {
      throw unrecoverable(
        `Ingen fil i inkorgen matchar "${definition.location.inbox}"; lägg filen i inkorgen eller rätta location.inbox i källans definition`,
      );
    }
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
    const kept: StagedRejection[] = [];
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
      facts: number;
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
          facts: 0,
          skipped: 0,
          rejected: 0,
          perFile: [],
          fingerprint: { ...fingerprint, files: [] },
          identicalToRun: null,
        };
        for (const [i, file] of files.entries()) {
          const origin = origins[i] ?? file;
          const read = { sha256: '', bytes: 0 };
          const reader = readCsv(hashedStream(file, read), definition, readContext, {
            batchSize: readBatchSize,
          });
          for (;;) {
            const next = await reader.next();
            if (next.done) {
              const s = next.value;
              totals.rowsRead += s.rowsRead;
              totals.facts += s.facts;
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
            if (definition.validation?.max_rejected_share !== undefined && kept.length < maxKeptRejections) {
              kept.push(...rejections.slice(0, maxKeptRejections - kept.length));
            }
          }
        }
        // Throwing here rolls the transaction back: above the limit the run loads nothing.
        const verdict = judgeRejections(definition, totals.facts, totals.rejected);
        if (verdict.exceeded) {
          const pct = (x: number) => `${(Math.round(x * 1000) / 10).toString().replace('.', ',')} %`;
          throw new RejectionLimitError(
            `För många avvisade värden: ${pct(verdict.share)} (${totals.rejected} av ${totals.facts + totals.rejected}) ` +
              `är över gränsen ${pct(verdict.limit ?? 0)} (validation.max_rejected_share); inget lästes in ` +
              `(Too many rejected values: ${totals.rejected} of ${totals.facts + totals.rejected} is above ` +
              `validation.max_rejected_share ${verdict.limit}; nothing was loaded)`,
            kept,
          );
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
            facts: loaded,
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
            // Identical input changes nothing, so no status can have moved.
            changedIndicatorIds: [],
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
      changed_indicator_ids: counts.changedIndicatorIds,
      identical_to_run: produced.identicalToRun,
      ...(counts.phases === undefined ? {} : { phases: counts.phases }),
    };
    if (claimed.length > 0) summary.moved_to = await settleFiles(ctx.inboxRoot, claimed, runId, 'processed');
    log.info(
      { ...summary, touched_indicator_ids: undefined, changed_indicator_ids: undefined },
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
    if (error instanceof RejectionLimitError) {
      await insertRejectedRows(ctx.db, runId, error.rejections).catch((e) =>
        log.error({ err: e }, 'could not store the rejected rows of the failed run'),
      );
    }
    if (claimed.length > 0) {
      // A file the run could not load waits in failed/, and the job is not retried: the same bytes
      // would fail the same way. Anything else (the database went away) puts the files back for the retry.
      if (error instanceof CsvReadError || error instanceof UnrecoverableError) {
        await settleFiles(ctx.inboxRoot, claimed, runId, 'failed').catch((e) =>
          log.error({ err: e }, 'could not move the files to failed/'),
        );
        if (!(error instanceof UnrecoverableError)) {
          log.error({ err: error }, 'ingest failed');
          throw Object.assign(new UnrecoverableError(message), { runId });
        }
      } else {
        await restoreFiles(ctx.inboxRoot, claimed).catch((e) =>
          log.error({ err: e }, 'could not put the files back into the inbox'),
        );
      }
    }
    log.error({ err: error }, 'ingest failed');
    throw Object.assign(error instanceof Error ? error : new Error(message), { runId });
  }
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { formatNumber } from '@malkoll/goals';
import type { RunTrigger } from '@malkoll/goals/vocabulary';
import type { Logger } from '@malkoll/runtime';
import {
  CsvReadError,
  type CsvSourceDefinition,
  createAreaResolver,
  judgeRejections,
  parseSourceDefinition,
  type ReadBatch,
  type ReadContext,
  readCsv,
  type SourceDefinition,
} from '@malkoll/sources';
import {
  createRun,
  getSource,
  type IngestCounts,
  type IngestWriter,
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
import { type ClaimedFile, claimFiles, restoreFiles, settleFiles } from '../inbox/folder.ts';
import { resolveInboxFiles, resolveOneInboxFile } from '../inbox/resolve.ts';
import { ingestClassificationFiles } from './classification.ts';
import { type ConnectorDefinition, ingestConnectorSource } from './connectors/dispatch.ts';
import type { ConnectorSettings } from './connectors/transport.ts';
import {
  buildRunSummary,
  formatShare,
  type ProducedCounts,
  type RunSummary,
  rejectionWarning,
} from './run-summary.ts';

export interface IngestContext {
  db: Warehouse;
  pool: pg.Pool;
  inboxRoot: string;
  log: Logger;
  /** Kolada/SCB base URLs and recorded answers; defaults to the live APIs. */
  connectors?: ConnectorSettings | undefined;
}

/**
 * Too many rejected values for the source's `validation.max_rejected_share` (or the default limit):
 * nothing was loaded. Carries what the file gave, so the failed run still records its counts and reasons.
 */
export class RejectionLimitError extends UnrecoverableError {
  declare readonly rejections: StagedRejection[];
  declare readonly produced: ProducedCounts;

  constructor(message: string, rejections: StagedRejection[], produced: ProducedCounts) {
    super(message);
    this.name = 'RejectionLimitError';
    // Not enumerable: a logger serialising the error must not print thousands of rows.
    Object.defineProperty(this, 'rejections', { value: rejections, enumerable: false });
    Object.defineProperty(this, 'produced', { value: produced, enumerable: false });
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

export interface IngestRequest {
  sourceId: string;
  trigger: RunTrigger;
  jobId?: string;
  /** One file (relative to the inbox root) instead of every file the location matches. */
  file?: string | undefined;
}

/**
 * Ingests one source: reads every file its location matches, stages the values and merges them in one
 * transaction, and records the run. Rejected rows are stored with their file, line and reason.
 */
export async function ingestSource(ctx: IngestContext, request: IngestRequest): Promise<RunSummary> {
  const source = await getSource(ctx.db, request.sourceId);
  if (!source) throw unrecoverable(`Källan "${request.sourceId}" finns inte (eller har tagits bort)`);
  const runId = await createRun(ctx.db, {
    sourceId: source.id,
    trigger: request.trigger,
    jobId: request.jobId ?? null,
  });
  const log = ctx.log.child({ run_id: runId, source_id: source.id });
  // Filled by the CSV path as it claims files from a folder inbox, so a failure can settle them.
  const claimed: ClaimedFile[] = [];
  try {
    const parsed = parseStoredDefinition(source.definition);
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
    const run: CsvRun = { ctx, runId, source, definition: parsed, log, claimed };
    return await ingestCsvSource(run, request.file);
  } catch (error) {
    throw await recordIngestFailure(ctx, runId, log, claimed, error);
  }
}

function parseStoredDefinition(definition: unknown): SourceDefinition {
  try {
    return parseSourceDefinition(definition);
  } catch (error) {
    throw unrecoverable(
      `Den sparade källdefinitionen är ogiltig (rätta den och spara igen): ${(error as Error).message}`,
    );
  }
}

interface CsvRun {
  ctx: IngestContext;
  runId: number;
  source: { id: string; definition_hash: string };
  definition: CsvSourceDefinition;
  log: Logger;
  claimed: ClaimedFile[];
}

/** The files a run reads: absolute paths, and their names relative to the inbox root (the origins). */
interface RunFiles {
  paths: string[];
  origins: string[];
}

async function ingestCsvSource(run: CsvRun, file: string | undefined): Promise<RunSummary> {
  const { ctx, runId, source, definition, log } = run;
  const files = await collectRunFiles(run, file);
  if (files === null) {
    // A folder inbox is empty between deliveries: a run that finds nothing has nothing to fail.
    await recordRunWithoutFiles(
      ctx.db,
      runId,
      `Ingen ny fil i inkorgen matchar "${definition.location.inbox}"`,
    );
    log.info('no new file in the inbox');
    return {
      ...buildRunSummary({ runId, sourceId: source.id, files: [], counts: null, produced: null }),
      moved_to: [],
    };
  }
  await markRunStarted(ctx.db, runId, files.origins.join(', '));
  log.info({ files: files.origins }, 'ingest started');
  if (definition.mapping.layout === 'classification') {
    // Group codes per area, no values: the file becomes a peer-group set (classification.ts).
    const summary = await ingestClassificationFiles({
      ...ctx,
      runId,
      sourceId: source.id,
      definition,
      files,
    });
    if (run.claimed.length > 0)
      summary.moved_to = await settleFiles(ctx.inboxRoot, run.claimed, runId, 'processed');
    log.info({ ...summary, touched_indicator_ids: undefined }, 'classification loaded');
    return summary;
  }
  const lookups = await loadRunLookups(ctx.db);
  const fingerprint = await fingerprintInput(files, source.definition_hash, lookups.dimensions);
  const { counts, produced } = await runIngestTransaction<CsvTotals>(
    ctx.pool,
    {
      runId,
      sourceId: source.id,
      origin: files.origins.join(', '),
      mode: definition.load.mode,
      mayRepeatKeys: files.paths.length > 1,
    },
    (writer) => stageCsvFiles(writer, { runId, definition }, files, lookups, fingerprint),
    (client, counts: IngestCounts, totals) =>
      recordCsvRunSucceeded(client, runId, counts, totals, csvRunWarning(definition, counts, totals)),
    // Inside the source's lock: the latest successful run decides, not one that is still going.
    (client) => reuseIdenticalRun(client, source.id, runId, fingerprint),
  );
  const summary = buildRunSummary({
    runId,
    sourceId: source.id,
    files: files.origins,
    counts,
    produced,
    identicalToRun: produced.identicalToRun,
    warning: csvRunWarning(definition, counts, produced),
  });
  summary.indicators_created = produced.indicatorsCreated;
  if (run.claimed.length > 0)
    summary.moved_to = await settleFiles(ctx.inboxRoot, run.claimed, runId, 'processed');
  log.info(
    { ...summary, touched_indicator_ids: undefined, changed_indicator_ids: undefined },
    `ingest succeeded${summary.warning === null ? '' : ' with rejections'}${
      produced.identicalToRun === null
        ? ''
        : `: input identical to run ${produced.identicalToRun}, nothing to change`
    }`,
  );
  return summary;
}

/**
 * The inbox files of this run; a folder inbox's are claimed (renamed into processing/) first, so two
 * runs never read one file. Null when a folder inbox has nothing new.
 */
async function collectRunFiles(run: CsvRun, file: string | undefined): Promise<RunFiles | null> {
  // The files are real paths (symlinks resolved), so their origins are named against the real root: an
  // inbox root reached through a symlink would otherwise give origins such as ../../srv/inbox/x.csv.
  const inboxRoot = await realpath(run.ctx.inboxRoot);
  const { location } = run.definition;
  const paths =
    file === undefined
      ? await resolveInboxFiles(inboxRoot, location.inbox)
      : [await resolveOneInboxFile(inboxRoot, file)];
  if (location.move_processed === true) {
    run.claimed.push(...(await claimFiles(inboxRoot, paths)));
    if (run.claimed.length === 0) return null;
    return { paths: run.claimed.map((c) => c.path), origins: run.claimed.map((c) => c.origin) };
  }
  if (paths.length === 0) {
    throw unrecoverable(
      `Ingen fil i inkorgen matchar "${location.inbox}"; lägg filen i inkorgen eller rätta location.inbox i källans definition`,
    );
  }
  return { paths, origins: paths.map((f) => path.relative(inboxRoot, f)) };
}

/** The areas and indicators rows are resolved against, and a hash of them for the fingerprint. */
interface RunLookups {
  areas: Awaited<ReturnType<typeof loadAreaLookup>>;
  indicatorIds: Map<string, number>;
  dimensions: string;
  readContext: ReadContext;
}

async function loadRunLookups(db: Warehouse): Promise<RunLookups> {
  const areas = await loadAreaLookup(db);
  const indicatorIds = await loadIndicatorIds(db);
  const dimensions = createHash('sha256')
    .update(JSON.stringify([[...areas.idByCode], areas.register, [...indicatorIds]]))
    .digest('hex');
  const readContext: ReadContext = {
    resolveArea: createAreaResolver(areas.register).resolve,
    resolveIndicator: (raw: string) => (indicatorIds.has(raw) ? raw : undefined),
  };
  return { areas, indicatorIds, dimensions, readContext };
}

async function fingerprintInput(
  files: RunFiles,
  definitionHash: string,
  dimensions: string,
): Promise<InputFingerprint> {
  return {
    files: await Promise.all(
      files.origins.map(async (file, i) => ({ file, ...(await hashFile(files.paths[i] as string)) })),
    ),
    definition: definitionHash,
    dimensions,
  };
}

interface CsvTotals extends ProducedCounts {
  /** Values the files gave. */
  facts: number;
  perFile: Record<string, unknown>[];
  fingerprint: InputFingerprint;
  identicalToRun: number | null;
  /** Indicators the run created from labels it met for the first time (`mapping.indicator.create`). */
  indicatorsCreated: number;
}

/** Reads every file into the open COPY; above the rejection limit it throws, which rolls the run back. */
async function stageCsvFiles(
  writer: IngestWriter,
  { runId, definition }: { runId: number; definition: CsvSourceDefinition },
  files: RunFiles,
  lookups: RunLookups,
  fingerprint: InputFingerprint,
): Promise<CsvTotals> {
  const totals: CsvTotals = {
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    facts: 0,
    skipped: 0,
    rejected: 0,
    perFile: [],
    fingerprint: { ...fingerprint, files: [] },
    identicalToRun: null,
    indicatorsCreated: 0,
  };
  // Every run may fail on its limit (the definition's or the default): the first rejections are kept in
  // memory to be stored with the failed run after the rollback.
  const kept: StagedRejection[] = [];
  for (const [i, file] of files.paths.entries()) {
    const origin = files.origins[i] ?? file;
    const read = { sha256: '', bytes: 0 };
    const reader = readCsv(hashedStream(file, read), definition, lookups.readContext, {
      batchSize: readBatchSize,
    });
    for (;;) {
      const next = await reader.next();
      if (next.done) {
        const s = next.value;
        totals.rowsRead += s.rowsRead;
        totals.rowsLoaded += s.rowsLoaded;
        totals.rowsRejected += s.rowsRejected;
        totals.facts += s.facts;
        totals.skipped += s.skipped;
        totals.rejected += s.rejected;
        totals.perFile.push({ file: origin, ...s });
        totals.fingerprint.files.push({ file: origin, ...read });
        break;
      }
      totals.indicatorsCreated += await createNewIndicators(writer, definition, next.value, lookups);
      await writeBatch(writer, next.value, origin, lookups, kept);
    }
  }
  throwAboveRejectionLimit(definition, totals, kept, runId);
  return totals;
}

/**
 * Open-ended labels (`mapping.indicator.create`): the indicators the batch names for the first time are
 * created in the run's transaction before its facts are staged, titled by their label. Returns how many
 * were new to the warehouse.
 */
async function createNewIndicators(
  writer: IngestWriter,
  definition: CsvSourceDefinition,
  batch: ReadBatch,
  lookups: RunLookups,
): Promise<number> {
  const wanted = batch.newIndicators ?? [];
  const { mapping } = definition;
  const create = mapping.layout === 'classification' ? undefined : mapping.indicator?.create;
  if (wanted.length === 0 || create === undefined) return 0;
  const { ids, created } = await writer.createIndicators(
    wanted.map((i) => ({
      key: i.key,
      title: i.title,
      unit: create.unit ?? '',
      direction: create.direction ?? 'higher',
      decimals: create.decimals ?? 0,
      description: `Skapat av källan vid inläsning (etiketten "${i.title}")`,
    })),
  );
  for (const [key, id] of ids) lookups.indicatorIds.set(key, id);
  return created;
}

async function writeBatch(
  writer: IngestWriter,
  batch: ReadBatch,
  origin: string,
  lookups: RunLookups,
  kept: StagedRejection[],
): Promise<void> {
  const { areas, indicatorIds } = lookups;
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
  if (kept.length < maxKeptRejections) {
    kept.push(...rejections.slice(0, maxKeptRejections - kept.length));
  }
}

function throwAboveRejectionLimit(
  definition: CsvSourceDefinition,
  totals: CsvTotals,
  kept: StagedRejection[],
  runId: number,
): void {
  const verdict = judgeRejections(definition, totals.facts, totals.rejected);
  if (!verdict.exceeded) return;
  const n = (v: number) => formatNumber(v);
  const offered = totals.facts + totals.rejected;
  const limitName = verdict.defaulted
    ? `standardgränsen ${formatShare(verdict.limit)} (ändra med validation.max_rejected_share i källans definition)`
    : `gränsen ${formatShare(verdict.limit)} (validation.max_rejected_share)`;
  throw new RejectionLimitError(
    `För många avvisade värden: ${formatShare(verdict.share)} (${n(totals.rejected)} av ${n(offered)}) ` +
      `är över ${limitName}; inget lästes in. ${n(totals.rowsRejected)} av ${n(totals.rowsRead)} rader ` +
      `avvisades; se varför med \`malkoll runs rejected ${runId}\` (Too many rejected values: ` +
      `${totals.rejected} of ${offered} is above ${verdict.defaulted ? 'the default limit' : 'validation.max_rejected_share'} ` +
      `${verdict.limit}; nothing was loaded)`,
    kept,
    totals,
  );
}

/** A loaded run's warning when it rejected anything; null for a plain success. */
function csvRunWarning(definition: CsvSourceDefinition, counts: IngestCounts, totals: ProducedCounts) {
  const verdict = judgeRejections(definition, counts.staged, totals.rejected);
  return rejectionWarning(totals, counts, verdict.limit);
}

function recordCsvRunSucceeded(
  client: pg.PoolClient,
  runId: number,
  counts: IngestCounts,
  totals: CsvTotals,
  warning: string | null,
) {
  return recordRunSucceeded(client, runId, counts, {
    rowsRead: totals.rowsRead,
    rowsLoaded: totals.rowsLoaded,
    skipped: totals.skipped,
    rowsRejected: totals.rowsRejected,
    rejected: totals.rejected,
    warning,
    details: {
      files: totals.perFile,
      fingerprint: totals.fingerprint,
      ...(totals.indicatorsCreated > 0 ? { indicators_created: totals.indicatorsCreated } : {}),
      ...(totals.identicalToRun === null ? {} : { identical_to_run: totals.identicalToRun }),
    },
  });
}

/** The last successful run's counts when its input was identical: nothing is staged or merged then. */
async function reuseIdenticalRun(
  client: pg.PoolClient,
  sourceId: string,
  runId: number,
  fingerprint: InputFingerprint,
) {
  const last = await latestSucceededRunInLock(client, sourceId, runId);
  if (last === undefined || !sameFingerprint(last.details.fingerprint, fingerprint)) return null;
  const loaded = last.inserted + last.updated + last.unchanged;
  return {
    fromRunId: Number(last.id),
    produced: {
      rowsRead: last.rows_read,
      rowsLoaded: last.rows_loaded,
      rowsRejected: last.rows_rejected,
      facts: loaded,
      skipped: last.skipped,
      rejected: last.rejected,
      perFile: last.details.files ?? [],
      fingerprint,
      identicalToRun: Number(last.id),
      indicatorsCreated: 0,
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
}

/**
 * Records the failure on the run (and a failed run's rejected rows), settles a folder inbox's claimed
 * files, and returns the error for the job: one the same bytes would repeat is not retried.
 */
async function recordIngestFailure(
  ctx: IngestContext,
  runId: number,
  log: Logger,
  claimed: readonly ClaimedFile[],
  error: unknown,
): Promise<Error> {
  const message = error instanceof Error ? error.message : String(error);
  const produced = error instanceof RejectionLimitError ? error.produced : undefined;
  await markRunFailed(ctx.db, runId, message, produced).catch((e) =>
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
        return Object.assign(new UnrecoverableError(message), { runId });
      }
    } else {
      await restoreFiles(ctx.inboxRoot, claimed).catch((e) =>
        log.error({ err: e }, 'could not put the files back into the inbox'),
      );
    }
  }
  log.error({ err: error }, 'ingest failed');
  return Object.assign(error instanceof Error ? error : new Error(message), { runId });
}

import { readFile } from 'node:fs/promises';
import {
  type ClassificationRead,
  type CsvSourceDefinition,
  createAreaResolver,
  judgeRejections,
  readClassification,
} from '@malkoll/sources';
import {
  type IngestCounts,
  indicatorsComparedWithSet,
  loadAreaLookup,
  loadPeerGroupSet,
  recordRunSucceeded,
  type Warehouse,
} from '@malkoll/warehouse';
import type pg from 'pg';
// A cycle only at run time inside functions: ingest-source.ts calls this module, this one throws its error class.
import { RejectionLimitError } from './ingest-source.ts';
import {
  buildRunSummary,
  formatShare,
  type ProducedCounts,
  type RunSummary,
  rejectionWarning,
} from './run-summary.ts';

/*
 * A run of a classification source (mapping.layout: classification): the file's rows become a
 * versioned peer-group set (dim.peer_group_sets), never facts. One transaction under the source's lock
 * loads the set, stores the rejected rows and records the run, so a failure leaves the old set intact;
 * running the same file again leaves every membership as it was (values_unchanged, nothing inserted).
 *
 * "Values" are the set's areas: inserted (new in the set), updated (moved to another group, or the
 * group was renamed), unchanged; retired counts areas the set no longer classifies.
 */

export interface ClassificationRunInput {
  db: Warehouse;
  pool: pg.Pool;
  runId: number;
  sourceId: string;
  definition: CsvSourceDefinition;
  /** Absolute paths and their names relative to the inbox root. */
  files: { paths: string[]; origins: string[] };
}

export async function ingestClassificationFiles(input: ClassificationRunInput): Promise<RunSummary> {
  const { runId, sourceId, definition, files } = input;
  const areas = await loadAreaLookup(input.db);
  const resolveArea = createAreaResolver(areas.register).resolve;
  const reads: { origin: string; read: ClassificationRead }[] = [];
  for (const [i, file] of files.paths.entries()) {
    const read = await readClassification(await readFile(file), definition, resolveArea);
    reads.push({ origin: files.origins[i] ?? file, read });
  }
  const merged = mergeReads(reads);
  const produced: ProducedCounts = {
    rowsRead: merged.rowsRead,
    rowsLoaded: merged.members.length,
    skipped: merged.skipped,
    rowsRejected: merged.rejections.length,
    rejected: merged.rejections.length,
  };
  const verdict = judgeRejections(definition, produced.rowsLoaded, produced.rejected);
  if (verdict.exceeded) {
    // As for a fact file: a file that is mostly rejections is no new classification, and the old set stays.
    throw new RejectionLimitError(
      `För många avvisade rader: ${formatShare(verdict.share)} (${produced.rejected} av ${produced.rowsRead}) ` +
        `är över gränsen ${formatShare(verdict.limit)} (validation.max_rejected_share); jämförelsegrupperna ` +
        `ändrades inte. Se varför med \`malkoll runs rejected ${runId}\` (Too many rejected rows; the peer-group set was not changed)`,
      merged.rejections,
      produced,
    );
  }
  const counts = await loadInTransaction({ ...input, limit: verdict.limit }, merged, produced);
  const warning = rejectionWarning(produced, counts, verdict.limit);
  const groups = merged.groups.filter((g) => g.level === 'group').length;
  return {
    ...buildRunSummary({ runId, sourceId, files: files.origins, counts, produced, warning }),
    peer_group_set: { key: merged.set.key, label: merged.set.label, groups },
  };
}

interface MergedRead {
  set: ClassificationRead['set'];
  groups: ClassificationRead['groups'];
  members: ClassificationRead['members'];
  rejections: (ClassificationRead['rejections'][number] & { origin: string })[];
  rowsRead: number;
  skipped: number;
  perFile: Record<string, unknown>[];
}

/** Several files of one source make one set: an area classified by an earlier file is a rejection in a later one. */
function mergeReads(reads: readonly { origin: string; read: ClassificationRead }[]): MergedRead {
  const first = reads[0]?.read;
  if (first === undefined) throw new Error('ingestClassificationFiles: no file');
  const merged: MergedRead = {
    set: first.set,
    groups: [],
    members: [],
    rejections: [],
    rowsRead: 0,
    skipped: 0,
    perFile: [],
  };
  const groupKeys = new Set<string>();
  const areas = new Map<string, string>();
  for (const { origin, read } of reads) {
    merged.rowsRead += read.rowsRead;
    merged.skipped += read.skips.length;
    for (const r of read.rejections) merged.rejections.push({ origin, ...r });
    for (const g of read.groups) {
      if (groupKeys.has(`${g.level}:${g.code}`)) continue;
      groupKeys.add(`${g.level}:${g.code}`);
      merged.groups.push(g);
    }
    for (const m of read.members) {
      const earlier = areas.get(m.areaCode);
      if (earlier === undefined) {
        areas.set(m.areaCode, origin);
        merged.members.push(m);
        continue;
      }
      merged.rejections.push({
        origin,
        line: m.line,
        column: null,
        raw: m.areaCode,
        reasonSv: `Området ${m.areaCode} är redan klassificerat i ${earlier}`,
        reasonEn: `Area ${m.areaCode} is already classified in ${earlier}`,
      });
    }
    merged.perFile.push({
      file: origin,
      encoding: read.encoding,
      delimiter: read.delimiter,
      headerLine: read.headerLine,
      rowsRead: read.rowsRead,
      rowsLoaded: read.rowsLoaded,
      skipped: read.skips.length,
      rowsRejected: read.rowsRejected,
    });
  }
  return merged;
}

async function loadInTransaction(
  input: ClassificationRunInput & { limit: number },
  merged: MergedRead,
  produced: ProducedCounts,
): Promise<IngestCounts> {
  const { set } = merged;
  const client = await input.pool.connect();
  try {
    await client.query('begin');
    // The same lock as a fact run of the source: two runs of one source never interleave.
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`ingest:${input.sourceId}`]);
    const changes = await loadPeerGroupSet(client, {
      set: { key: set.key, label: set.label, source: input.sourceId, validFrom: set.valid_from ?? null },
      groups: merged.groups.map((g) => ({
        code: g.code,
        title: g.name,
        level: g.level,
        parentCode: g.parentCode,
      })),
      members: merged.members,
    });
    const changed = changes.inserted + changes.updated + changes.retired > 0;
    const compared = await indicatorsComparedWithSet(client, set.key);
    const counts: IngestCounts = {
      staged: merged.members.length,
      ...changes,
      touchedIndicatorIds: compared,
      changedIndicatorIds: changed ? compared : [],
    };
    await insertRejections(client, input.runId, merged.rejections);
    await recordRunSucceeded(client, input.runId, counts, {
      rowsRead: produced.rowsRead,
      rowsLoaded: produced.rowsLoaded,
      skipped: produced.skipped,
      rowsRejected: produced.rowsRejected,
      rejected: produced.rejected,
      warning: rejectionWarning(produced, counts, input.limit),
      details: {
        files: merged.perFile,
        peer_group_set: { key: set.key, label: set.label, groups: merged.groups.length },
      },
    });
    await client.query('commit');
    return counts;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function insertRejections(client: pg.PoolClient, runId: number, rows: MergedRead['rejections']) {
  if (rows.length === 0) return;
  await client.query(
    `insert into ops.rejected_rows (run_id, origin, line, column_name, raw, reason_sv, reason_en)
     select $1, * from unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      runId,
      rows.map((r) => r.origin),
      rows.map((r) => r.line),
      rows.map((r) => r.column),
      rows.map((r) => r.raw),
      rows.map((r) => r.reasonSv),
      rows.map((r) => r.reasonEn),
    ],
  );
}

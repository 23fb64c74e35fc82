import { createHash } from 'node:crypto';
import { lstat, mkdir, open, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { enqueue, ingestJobOptions, jobs, type Queues } from '@malkoll/jobs';
import { type DetectRegister, parseSourceDefinition, type SourceDefinition } from '@malkoll/sources';
import {
  ensureIndicators,
  ensureOrgUnits,
  getSource,
  listIndicatorTitles,
  listRegisterAreas,
  referenceAreas,
  upsertSource,
  type Warehouse,
} from '@malkoll/warehouse';
import type { JobsOptions } from 'bullmq';
import { FAILED_DIR, PROCESSED_DIR, PROCESSING_DIR } from '../inbox/folder.ts';

// What a steward does to a source, written once for the CLI (`sources apply`, `sources detect`,
// `sources run --file`) and the dashboard's steward pages, so both store, stage and queue the same way.

/** A steward's mistake, worded in Swedish for the person who made it (the caller answers 4xx/exit 1). */
export class StewardError extends Error {
  constructor(
    message: string,
    readonly kind: 'not_found' | 'invalid' | 'conflict' = 'invalid',
  ) {
    super(message);
    this.name = 'StewardError';
  }
}

/**
 * Stores a validated definition with its schedule, as `sources apply` does. What a CSV definition
 * declares (detect proposes it) is created first, in the same transaction, so the first run resolves its
 * rows and a failure leaves nothing half-applied.
 */
export async function applySourceDefinition(
  db: Warehouse,
  definition: SourceDefinition,
): Promise<'created' | 'updated' | 'unchanged'> {
  return db.transaction().execute(async (trx) => {
    if (definition.kind === 'csv') {
      await ensureOrgUnits(trx, definition.org_units ?? []);
      await ensureIndicators(trx, definition.indicators ?? []);
    }
    return upsertSource(trx, {
      id: definition.id,
      title: definition.title,
      kind: definition.kind,
      definition,
      schedule: definition.schedule ?? null,
    });
  });
}

/**
 * The areas and indicators the warehouse knows, read without writing anything. A warehouse that is not
 * migrated yet knows the bundled area register (data/areas in @malkoll/warehouse) and nothing else.
 */
export async function loadDetectRegister(
  db: Warehouse | null,
): Promise<DetectRegister & { fromWarehouse: boolean }> {
  if (db !== null) {
    try {
      const [areas, indicators] = await Promise.all([listRegisterAreas(db), listIndicatorTitles(db)]);
      if (areas.length > 0) return { areas, indicators, fromWarehouse: true };
    } catch {
      // not migrated (or no database): fall back below
    }
  }
  return {
    areas: referenceAreas(),
    indicators: [],
    fromWarehouse: false,
  };
}

/**
 * The BullMQ options for a source's ingest jobs, from its stored definition's `retry` block. A
 * definition that no longer parses gets the defaults: its run fails at once as unrecoverable anyway.
 */
export function ingestOptionsFor(definition: unknown): JobsOptions {
  try {
    return ingestJobOptions(parseSourceDefinition(definition).retry);
  } catch {
    return ingestJobOptions();
  }
}

/** Queues a run of a stored source now, with the source's own retry settings (as its scheduled runs). */
export async function enqueueSourceRun(
  queues: Queues,
  db: Warehouse,
  sourceId: string,
  options: { trigger: 'manual' | 'demo' | 'file'; file?: string | undefined },
) {
  const stored = await getSource(db, sourceId);
  const file = options.file === undefined ? {} : { file: options.file };
  return enqueue(
    queues,
    jobs.ingestSource,
    { sourceId, trigger: options.trigger, ...file },
    stored ? ingestOptionsFor(stored.definition) : {},
  );
}

/**
 * A file name reduced to its last segment, with only characters that are safe in any file system and
 * shell: letters (å, ä, ö too), digits, space, `.`, `_`, `-`. Null when nothing usable is left (".." or
 * an empty name), so a name can never climb out of the folder it is written to.
 */
export function safeBaseName(name: string): string | null {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._-]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  if (cleaned === '' || /^\.+$/.test(cleaned)) return null;
  return cleaned;
}

/** The subfolders a folder inbox moves its files into: a file of that name would block them for good. */
const RESERVED_NAMES = new Set([PROCESSING_DIR, PROCESSED_DIR, FAILED_DIR]);

function refuseReservedName(name: string): void {
  if (RESERVED_NAMES.has(name.toLowerCase())) {
    throw new StewardError(
      `Filnamnet "${name}" är reserverat för inkorgens egna mappar (${[...RESERVED_NAMES].join(', ')}); byt namn på filen`,
    );
  }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The inbox root as a real path (created when missing): the folder every file source is confined to. */
export async function realInboxRoot(inboxRoot: string): Promise<string> {
  await mkdir(inboxRoot, { recursive: true });
  return realpath(inboxRoot);
}

const inside = (root: string, candidate: string) => candidate.startsWith(root + path.sep);

/** The source's inbox folder (the folder of its `location.inbox`), checked to lie inside the root. */
async function inboxFolderOf(db: Warehouse, root: string, sourceId: string): Promise<string> {
  const source = await getSource(db, sourceId);
  if (!source || source.removed_at !== null)
    throw new StewardError(`Källan "${sourceId}" finns inte (lägg in den med sources apply)`, 'not_found');
  let inbox: string | undefined;
  try {
    const definition = parseSourceDefinition(source.definition);
    inbox = 'location' in definition ? definition.location.inbox : undefined;
  } catch {
    inbox = undefined;
  }
  if (inbox === undefined)
    throw new StewardError(`Källan "${sourceId}" läser inga filer ur inkorgen`, 'invalid');
  const folder = path.resolve(root, path.dirname(inbox));
  if (folder !== root && !inside(root, folder))
    throw new StewardError(`Källans inkorg ligger utanför inkorgsroten`, 'invalid');
  await mkdir(folder, { recursive: true });
  // A symlinked folder that points elsewhere would carry the file out of the root.
  const real = await realpath(folder);
  if (real !== root && !inside(root, real))
    throw new StewardError(`Källans inkorgsmapp pekar ut ur inkorgsroten (symbolisk länk)`, 'invalid');
  return real;
}

/**
 * Writes `bytes` as `name` into `folder`, never over a different file: an identical file already there
 * is used as is (a re-upload is harmless), another one with that name is refused. `wx` creates the file
 * only if nothing (not even a symlink) has that name, so a race or a planted link cannot be followed.
 */
async function writeNew(root: string, folder: string, name: string, bytes: Uint8Array): Promise<string> {
  refuseReservedName(name);
  const target = path.join(folder, name);
  const existing = await lstat(target).catch(() => null);
  if (existing !== null) {
    if (!existing.isFile())
      throw new StewardError(`${path.relative(root, target)} i inkorgen är ingen vanlig fil`, 'conflict');
    if (sha256(await readFile(target)) !== sha256(bytes)) {
      throw new StewardError(
        `Det finns redan en annan fil ${path.relative(root, target)} i inkorgen; byt namn på filen eller ta bort den gamla`,
        'conflict',
      );
    }
    return path.relative(root, target);
  }
  const handle = await open(target, 'wx', 0o640);
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
  return path.relative(root, target);
}

/**
 * `sources run <id> --file <file>`: the file is put into the source's inbox folder and the run reads
 * exactly that file, by its path relative to the inbox root. Copying rather than reading the file where
 * it lies keeps one rule for every run: a worker reads only inside the inbox root (which may be the only
 * folder it shares with the steward's machine), the run's origin names a file in the inbox, and a folder
 * inbox moves it to processed/ or failed/ like any delivery. A file already inside the inbox root is
 * used where it is. Returns the path relative to the inbox root.
 */
export async function stageFileInInbox(
  db: Warehouse,
  inboxRoot: string,
  sourceId: string,
  file: string,
): Promise<string> {
  const root = await realInboxRoot(inboxRoot);
  const folder = await inboxFolderOf(db, root, sourceId);
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    throw new StewardError(`Filen ${file} finns inte`);
  }
  if (!(await stat(real)).isFile()) throw new StewardError(`${file} är ingen fil`);
  if (inside(root, real)) return path.relative(root, real);
  // A real path's base name has no separator and is never "..": the steward's own name is kept.
  return writeNew(root, folder, path.basename(real), await readFile(real));
}

/**
 * An uploaded file (the dashboard's "Ladda upp fil"): its name reduced to a safe base name, written into
 * the source's inbox folder, never over a different file. Returns the path relative to the inbox root.
 * The caller has checked size and content (see `refuseBinaryUpload` in @malkoll/sources).
 */
export async function stageUploadInInbox(
  db: Warehouse,
  inboxRoot: string,
  sourceId: string,
  upload: { name: string; bytes: Uint8Array },
): Promise<string> {
  const name = safeBaseName(upload.name);
  if (name === null)
    throw new StewardError(`Filnamnet "${upload.name}" går inte att använda; byt namn på filen`);
  const root = await realInboxRoot(inboxRoot);
  const folder = await inboxFolderOf(db, root, sourceId);
  return writeNew(root, folder, name, upload.bytes);
}

import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The folder inbox (`location.move_processed: true`). A run first *claims* each file by renaming it into
 * `processing/` beside it: a rename is atomic, so when two runs race for the same file only one gets
 * it and the other finds nothing. After the run the file moves on to `processed/` or `failed/`, its
 * name carrying the run id (`befolkning.run-42.csv`): a file is never loaded twice, and a failed one
 * waits where the steward can see it, next to the run that says why.
 */

export const PROCESSING_DIR = 'processing';
export const PROCESSED_DIR = 'processed';
export const FAILED_DIR = 'failed';

export interface ClaimedFile {
  /** Where the file is now (inside `processing/`). */
  path: string;
  /** Its name when it arrived, relative to the inbox root: the run's origin. */
  origin: string;
}

/** Moves the files into `processing/`; files another run claimed first are left out. */
export async function claimFiles(inboxRoot: string, files: readonly string[]): Promise<ClaimedFile[]> {
  const claimed: ClaimedFile[] = [];
  for (const file of files) {
    const dir = path.join(path.dirname(file), PROCESSING_DIR);
    await mkdir(dir, { recursive: true });
    const target = await freeName(dir, path.basename(file));
    try {
      await rename(file, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // another run took it
      throw error;
    }
    claimed.push({ path: target, origin: path.relative(inboxRoot, file) });
  }
  return claimed;
}

/** `befolkning.csv` for run 42 -> `befolkning.run-42.csv`. */
export function archivedName(origin: string, runId: number): string {
  const base = path.basename(origin);
  const ext = path.extname(base);
  return `${base.slice(0, base.length - ext.length)}.run-${runId}${ext}`;
}

/** Moves claimed files to `processed/` or `failed/` beside where they arrived; returns the new paths. */
export async function settleFiles(
  inboxRoot: string,
  claimed: readonly ClaimedFile[],
  runId: number,
  outcome: 'processed' | 'failed',
): Promise<string[]> {
  const moved: string[] = [];
  for (const file of claimed) {
    const dir = path.join(
      inboxRoot,
      path.dirname(file.origin),
      outcome === 'processed' ? PROCESSED_DIR : FAILED_DIR,
    );
    await mkdir(dir, { recursive: true });
    const target = await freeName(dir, archivedName(file.origin, runId));
    await rename(file.path, target);
    moved.push(path.relative(inboxRoot, target));
  }
  return moved;
}

/** A name in `dir` nobody uses yet: the name itself, else `name-2`, `name-3`… before the extension. */
async function freeName(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = path.join(dir, i === 1 ? name : `${stem}-${i}${ext}`);
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/** Newest modification time among the files, for deciding whether a kept file is new since a run. */
export async function newestModification(files: readonly string[]): Promise<number> {
  let newest = 0;
  for (const file of files) newest = Math.max(newest, (await stat(file)).mtimeMs);
  return newest;
}

/**
 * Puts claimed files back where they arrived, for a run that failed for a reason a retry may cure (the
 * database went away): the retry claims them again. A name taken meanwhile by a new delivery keeps
 * the claimed file in `processing/` rather than overwrite the newer one.
 */
export async function restoreFiles(inboxRoot: string, claimed: readonly ClaimedFile[]): Promise<void> {
  for (const file of claimed) {
    const original = path.join(inboxRoot, file.origin);
    const taken = await stat(original).then(
      () => true,
      () => false,
    );
    if (!taken) await rename(file.path, original);
  }
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './cli.ts';

/**
 * The shared fixtures beside the repository (`../shared`: real exports, recorded API answers, reference
 * lists). Tests read them where they are, never from a copy, and skip where a clone has no `../shared`.
 */
export const sharedRoot = path.resolve(repoRoot, '..', 'shared');

/** The absolute path of a shared fixture, or null when `../shared` (or the file) is absent. */
export function sharedFile(relative: string): string | null {
  const file = path.join(sharedRoot, relative);
  return existsSync(file) ? file : null;
}

/** The reason printed in a skipped test's name, so a run without `../shared` says why it skipped. */
export const sharedAbsentNote = '(skipped: ../shared is absent in this clone)';

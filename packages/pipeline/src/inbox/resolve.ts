import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { matchesGlob } from './glob.ts';

/**
 * Resolves a source's `location.inbox` (a path or a glob in its last segment, e.g.
 * `mjolby/befolkning*.csv`) to files inside the inbox root. Paths may not leave the root: no `..`,
 * no absolute paths, and no symlink that points outside.
 */
export async function resolveInboxFiles(inboxRoot: string, pattern: string): Promise<string[]> {
  if (path.isAbsolute(pattern) || pattern.split(/[\\/]/).includes('..')) {
    throw new Error(`Platsen "${pattern}" måste vara en relativ sökväg i inkorgen (utan ..)`);
  }
  const root = await realpath(inboxRoot);
  const dir = path.join(root, path.dirname(pattern));
  const namePattern = path.basename(pattern);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const name of names.filter((n) => matchesGlob(n, namePattern)).sort()) {
    const real = await realpath(path.join(dir, name));
    if (!real.startsWith(root + path.sep)) throw new Error(`${name} pekar ut ur inkorgen`);
    if ((await stat(real)).isFile()) files.push(real);
  }
  return files;
}

/**
 * One file named relative to the inbox root (`sources run --file`): the same rules as a location, a
 * relative path without `..` that resolves (symlinks too) to a regular file inside the root.
 */
export async function resolveOneInboxFile(inboxRoot: string, relative: string): Promise<string> {
  if (path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) {
    throw new Error(`Filen "${relative}" måste vara en relativ sökväg i inkorgen (utan ..)`);
  }
  const root = await realpath(inboxRoot);
  let real: string;
  try {
    real = await realpath(path.join(root, relative));
  } catch {
    throw new Error(`Filen "${relative}" finns inte i inkorgen`);
  }
  if (!real.startsWith(root + path.sep)) throw new Error(`${relative} pekar ut ur inkorgen`);
  if (!(await stat(real)).isFile()) throw new Error(`${relative} är ingen fil`);
  return real;
}

import { realpathSync } from 'node:fs';
import path from 'node:path';

// Messages and lineage shown to viewers name a file relative to the inbox root, or by its name alone;
// never the server's folders. The worker stores what it saw (an fs error carries the absolute path, and
// an origin computed against an inbox root given through a symlink starts with "../"), and its log
// keeps the full text for the operator; the dashboard rewrites both on the way out.

export interface ViewerPaths {
  /** Free text (a run's error, a state line): every absolute path made relative or cut to its name. */
  text(message: string): string;
  text(message: string | null): string | null;
  /** A file origin, or several joined by ", " (a run's origin): each relative to the inbox root. */
  file(origin: string): string;
  file(origin: string | null): string | null;
}

/** The inbox root as configured and as the file system resolves it, longest first. */
function inboxRoots(inboxRoot: string | undefined): string[] {
  if (inboxRoot === undefined) return [];
  const roots = new Set([path.resolve(inboxRoot)]);
  try {
    roots.add(realpathSync(inboxRoot));
  } catch {
    // Not there (yet): the configured path is all there is to hide.
  }
  return [...roots].sort((a, b) => b.length - a.length);
}

/**
 * An absolute path in running text: a `/` that starts a word (after a space, a quote, a bracket or
 * `=`), up to a space, a quote, a bracket or a comma. `https://…` is not one: its `/` follows `:`.
 */
const ABSOLUTE_PATH = /(?<=^|[\s'"`(=[])\/[^\s'"`()<>[\],;]+/g;

export function createViewerPaths(inboxRoot: string | undefined): ViewerPaths {
  const roots = inboxRoots(inboxRoot);

  /** An absolute path inside the inbox root → relative to it; anywhere else → its name. */
  const fromAbsolute = (absolute: string): string => {
    const normal = path.normalize(absolute);
    for (const root of roots) {
      if (normal === root) return '(inkorgen)';
      if (normal.startsWith(root + path.sep)) return normal.slice(root.length + 1);
    }
    return path.basename(normal);
  };

  const one = (origin: string): string => {
    if (path.isAbsolute(origin)) return fromAbsolute(origin);
    if (!origin.split(/[\\/]/).includes('..')) return origin;
    // "../…" climbs from the configured root: resolved, it may well lie inside the root's real path.
    return inboxRoot === undefined ? path.basename(origin) : fromAbsolute(path.resolve(inboxRoot, origin));
  };

  function text(message: string | null): string | null {
    if (message === null) return null;
    // The roots first and literally: a root with a space in it is not one word for ABSOLUTE_PATH.
    let out = message;
    for (const root of roots) out = out.split(`${root}${path.sep}`).join('').split(root).join('(inkorgen)');
    return out.replace(ABSOLUTE_PATH, fromAbsolute);
  }
  function file(origin: string | null): string | null {
    return origin === null ? null : origin.split(', ').map(one).join(', ');
  }
  return { text, file } as ViewerPaths;
}

import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { removeSource, type SourceRow, upsertSource, type Warehouse } from '@malkoll/warehouse';
import { realInboxRoot } from './steward.ts';

// A source is saved (the dashboard's steward pages) only when its inbox folder exists: the folder is made (inside
// the inbox root, symlinks resolved) before the definition is stored, and a save whose sample cannot
// then be staged is taken back. The probe of 2026-12 saved a source whose folder could not be made and
// answered 500; a steward could not tell whether it was saved.

/** The system's reason in Swedish, without the path (which names the server's folders). */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'en fil med samma namn ligger i vägen';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'servern får inte skriva där';
    case 'ENAMETOOLONG':
      return 'namnet är för långt';
    case 'ENOSPC':
      return 'disken är full';
    default:
      return code ?? 'okänt fel';
  }
}

/**
 * Makes the folder `location.inbox` delivers into; returns the Swedish reason when it cannot be made
 * or lies outside the inbox root (a symlink), named relative to the root. Null: the folder is there.
 */
export async function prepareInboxFolder(inboxRoot: string, inbox: string): Promise<string | null> {
  const relative = path.dirname(inbox);
  const shown = relative === '.' ? 'inkorgens rot' : `inkorgsmappen ${relative}`;
  try {
    const root = await realInboxRoot(inboxRoot);
    const folder = path.resolve(root, relative);
    const inside = (p: string) => p === root || p.startsWith(root + path.sep);
    if (!inside(folder)) return `${shown} ligger utanför inkorgen`;
    await mkdir(folder, { recursive: true });
    if (!inside(await realpath(folder))) return `${shown} pekar ut ur inkorgen (symbolisk länk)`;
    return null;
  } catch (error) {
    return `${shown} går inte att skapa: ${reasonOf(error)}`;
  }
}

/**
 * Undoes a save: a source that did not exist before is removed again, a replaced one gets back its
 * stored definition and schedule exactly as they were (not parsed again: it may predate a newer rule).
 */
export async function takeBackSave(
  db: Warehouse,
  id: string,
  previous: SourceRow | undefined,
): Promise<void> {
  if (previous === undefined) {
    await removeSource(db, id);
    return;
  }
  await upsertSource(db, {
    id,
    title: previous.title,
    kind: previous.kind,
    definition: previous.definition,
    schedule:
      previous.schedule_cron === null
        ? null
        : { cron: previous.schedule_cron, timezone: previous.schedule_tz ?? 'Europe/Stockholm' },
  });
}

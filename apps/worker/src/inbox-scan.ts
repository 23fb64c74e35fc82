import { enqueue, jobs, type Queues } from '@malkoll/jobs';
import { newestModification, resolveInboxFiles } from '@malkoll/pipeline';
import type { Logger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { latestRunQueuedAt, listSources, type Warehouse } from '@malkoll/warehouse';

/**
 * `on_file_arrival`: looks into the inbox of every source that asks for it and queues a run when a file
 * waits. A folder inbox (`move_processed`) empties itself, so any file there is new; a kept file is new
 * when it changed after the source's latest run was queued. The job is deduplicated per source while
 * it waits, so a scan every minute never piles up runs, and the run itself claims the files (see
 * inbox-folder.ts), so two runs never load one file.
 */
export async function scanInboxes(
  db: Warehouse,
  queues: Queues,
  inboxRoot: string,
  log: Logger,
): Promise<string[]> {
  const queued: string[] = [];
  for (const source of await listSources(db)) {
    let definition: ReturnType<typeof parseSourceDefinition>;
    try {
      definition = parseSourceDefinition(source.definition);
    } catch {
      continue; // a run reports an invalid definition; the scan has nothing to add
    }
    if (definition.kind !== 'csv' || !definition.on_file_arrival) continue;
    let files: string[];
    try {
      files = await resolveInboxFiles(inboxRoot, definition.location.inbox);
    } catch (err) {
      log.warn({ err, source_id: source.id }, 'inbox scan: cannot read the location');
      continue;
    }
    if (files.length === 0) continue;
    if (definition.location.move_processed !== true) {
      const last = await latestRunQueuedAt(db, source.id);
      if (last !== undefined && (await newestModification(files)) <= last.getTime()) continue;
    }
    await enqueue(
      queues,
      jobs.ingestSource,
      { sourceId: source.id, trigger: 'file' },
      { deduplication: { id: `arrival:${source.id}` } },
    );
    queued.push(source.id);
  }
  if (queued.length > 0) log.info({ sources: queued }, 'inbox scan: new files, runs queued');
  return queued;
}

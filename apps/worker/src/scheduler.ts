import { jobs, sourceSchedulerId } from '@malkoll/jobs';
import { listSources, type Warehouse } from '@malkoll/warehouse';
import type { Queue } from 'bullmq';

export interface SyncResult {
  upserted: string[];
  removed: string[];
}

/**
 * Makes the ingest queue's job schedulers match the stored source definitions: one scheduler per
 * scheduled source (id `source:<id>`, its cron and time zone), none for removed or unscheduled ones.
 * Idempotent, so any number of processes may run it; Redis keeps nothing on disk here, so this also
 * restores schedules after a Redis restart.
 */
export async function syncSchedules(db: Warehouse, ingestQueue: Queue): Promise<SyncResult> {
  const sources = await listSources(db);
  const wanted = new Map(
    sources.filter((s) => s.schedule_cron).map((s) => [sourceSchedulerId(s.id), s] as const),
  );
  const upserted: string[] = [];
  for (const [schedulerId, source] of wanted) {
    const existing = await ingestQueue.getJobScheduler(schedulerId);
    if (existing?.pattern === source.schedule_cron && existing?.tz === source.schedule_tz) continue;
    await ingestQueue.upsertJobScheduler(
      schedulerId,
      { pattern: source.schedule_cron as string, tz: source.schedule_tz ?? 'Europe/Stockholm' },
      {
        name: jobs.ingestSource.name,
        data: { sourceId: source.id, trigger: 'schedule' },
        opts: jobs.ingestSource.options,
      },
    );
    upserted.push(source.id);
  }
  const removed: string[] = [];
  const existing = await ingestQueue.getJobSchedulers(0, -1);
  for (const scheduler of existing) {
    const id = scheduler.key;
    if (id.startsWith('source:') && !wanted.has(id)) {
      await ingestQueue.removeJobScheduler(id);
      removed.push(id.slice('source:'.length));
    }
  }
  return { upserted, removed };
}

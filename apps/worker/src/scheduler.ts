import { DEFAULT_TIME_ZONE, jobs, previousFireTime, sourceSchedulerId } from '@malkoll/jobs';
import { ingestOptionsFor } from '@malkoll/pipeline';
import {
  failStaleRuns,
  latestScheduledRuns,
  listSources,
  listUnfinishedQueueRuns,
  type Warehouse,
} from '@malkoll/warehouse';
import type { JobsOptions, Queue } from 'bullmq';

export interface SyncResult {
  upserted: string[];
  removed: string[];
  /** Sources whose last scheduled fire was missed and that got one catch-up run queued. */
  caughtUp: string[];
}

export interface SyncOptions {
  /** The moment to sync for (tests pin it); default now. */
  now?: Date;
  /**
   * How long after a fire its run may still be waiting in the queue before the fire counts as missed
   * (default 15 minutes): a busy queue is not a missed run.
   */
  catchUpGraceMs?: number;
}

/** Clock difference between the worker, Redis and Postgres that a fire's run may show. */
const CLOCK_TOLERANCE_MS = 60_000;

const sameRetry = (a: JobsOptions | undefined, b: JobsOptions) =>
  a?.attempts === b.attempts && JSON.stringify(a?.backoff) === JSON.stringify(b.backoff);

/** The error of a run whose job Redis no longer has (restart or flush without persistence). */
export const LOST_JOB_ERROR = 'job lost: Redis lost its data while the run was queued or running';

/**
 * Closes runs whose BullMQ job is gone: no worker will ever finish them, and left `running` they
 * would count as tonight's run and block the catch-up. A job lives in Redis until its run has
 * finished (retention only removes finished jobs), so a missing job means Redis lost it.
 */
async function closeRunsOfLostJobs(db: Warehouse, ingestQueue: Queue): Promise<number> {
  let closed = 0;
  for (const run of await listUnfinishedQueueRuns(db)) {
    if (await ingestQueue.getJob(run.job_id as string)) continue;
    closed += await failStaleRuns(db, run.job_id as string, run.source_id, LOST_JOB_ERROR);
  }
  return closed;
}

/** Id of the one catch-up job for a source's missed fire: any number of syncs add it once. */
export const catchUpJobId = (sourceId: string, fire: Date) => `catch-up-${sourceId}-${fire.getTime()}`;

/**
 * Makes the ingest queue's job schedulers match the stored source definitions: one scheduler per
 * scheduled source (id `source:<id>`, its cron and time zone), none for removed or unscheduled ones.
 * Idempotent, so any number of processes may run it; Redis keeps nothing on disk here, so this also
 * restores schedules after a Redis restart.
 *
 * BullMQ does not run the fires it missed (Redis down or flushed, no worker at 02:00). So the sync also
 * looks at each scheduled source's latest fire before now: when the runs table has neither a scheduled
 * run queued since then nor a success finished since then, it queues one `catch_up` run, with a job id
 * made from the fire's time so every process and every later sync adds the same single job. Only the
 * latest fire is looked at: three missed nights give one catch-up run, not three.
 */
export async function syncSchedules(
  db: Warehouse,
  ingestQueue: Queue,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const now = options.now ?? new Date();
  const graceMs = options.catchUpGraceMs ?? 15 * 60_000;
  const sources = await listSources(db);
  const wanted = new Map(
    sources.filter((s) => s.schedule_cron).map((s) => [sourceSchedulerId(s.id), s] as const),
  );
  const upserted: string[] = [];
  for (const [schedulerId, source] of wanted) {
    const existing = await ingestQueue.getJobScheduler(schedulerId);
    const tz = source.schedule_tz ?? DEFAULT_TIME_ZONE;
    const opts = ingestOptionsFor(source.definition);
    if (
      existing?.pattern === source.schedule_cron &&
      existing?.tz === tz &&
      sameRetry(existing.template?.opts, opts)
    ) {
      continue;
    }
    await ingestQueue.upsertJobScheduler(
      schedulerId,
      { pattern: source.schedule_cron as string, tz },
      {
        name: jobs.ingestSource.name,
        data: { sourceId: source.id, trigger: 'schedule' },
        opts,
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

  const caughtUp: string[] = [];
  await closeRunsOfLostJobs(db, ingestQueue);
  const history = await latestScheduledRuns(db, { ignoreError: LOST_JOB_ERROR });
  for (const [schedulerId, source] of wanted) {
    const fire = previousFireTime(source.schedule_cron as string, {
      at: new Date(now.getTime() - graceMs),
      tz: source.schedule_tz,
    });
    // A source defined after that fire never missed it.
    if (new Date(source.created_at).getTime() > fire.getTime()) continue;
    const runs = history.get(source.id);
    const since = fire.getTime() - CLOCK_TOLERANCE_MS;
    if ((runs?.lastScheduledAt?.getTime() ?? 0) >= since) continue;
    if ((runs?.lastSucceededAt?.getTime() ?? 0) >= since) continue;
    // BullMQ's own job for that fire still exists (waiting behind a long queue, or it did run): not missed.
    if (await ingestQueue.getJob(`repeat:${schedulerId}:${fire.getTime()}`)) continue;
    const jobId = catchUpJobId(source.id, fire);
    if (await ingestQueue.getJob(jobId)) continue;
    // A second add with the same job id (another process, same minute) is a no-op in BullMQ.
    await ingestQueue.add(
      jobs.ingestSource.name,
      jobs.ingestSource.schema.parse({ sourceId: source.id, trigger: 'catch_up' }),
      { ...ingestOptionsFor(source.definition), jobId },
    );
    caughtUp.push(source.id);
  }
  return { upserted, removed, caughtUp };
}

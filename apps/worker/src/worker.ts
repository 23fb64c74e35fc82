import {
  closeQueues,
  createQueues,
  createRedis,
  enqueue,
  jobs,
  parsePayload,
  type Queues,
} from '@malkoll/jobs';
import {
  type ConnectorSettings,
  ingestSource,
  type RunSummary,
  recomputeStatus,
  refreshAnswers,
} from '@malkoll/pipeline';
import type { Logger } from '@malkoll/runtime';
import { failStaleRuns, type Warehouse } from '@malkoll/warehouse';
import { type Job, Worker } from 'bullmq';
import cron from 'node-cron';
import type pg from 'pg';
import { type Alerter, type AlertSettings, createAlerter } from './alerts.ts';
import { scanInboxes } from './inbox-scan.ts';
import { syncSchedules } from './scheduler.ts';

export interface WorkerOptions {
  db: Warehouse;
  pool: pg.Pool;
  redisUrl: string;
  queuePrefix: string;
  inboxRoot: string;
  /** Kolada/SCB base URLs and recorded answers (config.connectors). */
  connectors?: ConnectorSettings | undefined;
  /** Ingest jobs this process runs at once (WORKER_CONCURRENCY). */
  concurrency: number;
  log: Logger;
  /** Run the scheduler duties (sync definitions to BullMQ job schedulers) in this process. */
  scheduler: boolean;
  /** How often the scheduler re-reads source definitions (node-cron pattern; default every minute). */
  syncPattern?: string;
  /** How often the scheduler looks for new files of `on_file_arrival` sources (default every minute). */
  inboxScanPattern?: string;
  /**
   * How long a job's lock lives without renewal (BullMQ default 30 s; renewed every half of it). A
   * process that dies holding a job is noticed after this, and the job goes back to the queue.
   */
  lockDurationMs?: number | undefined;
  /** How often this process looks for jobs whose worker died (BullMQ default 30 s). */
  stalledIntervalMs?: number | undefined;
  /** Where failure and staleness alerts go; none configured: no alerts. */
  alerts?: AlertSettings | undefined;
  /**
   * Least time between two freshness checks of the scheduler duty (default 15 minutes): freshness
   * changes by the day, and the check reads every source's latest period.
   */
  staleCheckIntervalMs?: number | undefined;
}

export interface WorkerHandle {
  queues: Queues;
  syncNow(): Promise<void>;
  /** Queues runs for sources with new files in their inbox; returns their ids. */
  scanNow(): Promise<string[]>;
  /** Redis answers this process's producer connection (for /health/ready). */
  pingRedis(): Promise<boolean>;
  close(): Promise<void>;
}

/** The error a run gets when the process running it died and BullMQ handed its job to another worker. */
export const STALLED_RUN_ERROR = 'worker stopped (stalled job)';

/**
 * Why the previous attempt of `job` left its run open. BullMQ counts an attempt as started when a worker
 * takes the job and as made when it fails; one started but never made stalled (its worker died). One
 * that failed could not record its own error, which happens when the database itself went away (a
 * restart, a failover): its failedReason names that cause.
 */
export function staleRunError(job: Pick<Job, 'attemptsStarted' | 'attemptsMade' | 'failedReason'>): string {
  const previousStarts = job.attemptsStarted - 1;
  if (previousStarts > job.attemptsMade || !job.failedReason) return STALLED_RUN_ERROR;
  const lostDatabase =
    /terminat|ECONNRESET|ECONNREFUSED|EPIPE|not queryable|not currently accepting|shutting down|connection/i;
  return lostDatabase.test(job.failedReason)
    ? `databasanslutningen bröts under körningen och felet kunde inte sparas då: ${job.failedReason}`
    : `försöket misslyckades och felet kunde inte sparas då: ${job.failedReason}`;
}

/** Starts the BullMQ workers (ingest and goal status) and, optionally, the scheduler duties. */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const { log } = options;
  const alerter = createAlerter(options.db, options.alerts ?? {}, log);
  const producer = createRedis(options.redisUrl, 'producer');
  const queues = createQueues(producer, options.queuePrefix);
  for (const queue of Object.values(queues)) {
    queue.on('error', (err) => log.error({ err, queue: queue.name }, 'queue error'));
  }
  const consumers = startConsumers(options, queues, alerter);
  const duties = await startSchedulerDuties(options, queues, alerter);
  return {
    queues,
    syncNow: duties.syncNow,
    scanNow: duties.scanNow,
    async pingRedis() {
      try {
        return (await producer.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await duties.stop();
      await consumers.close();
      await closeQueues(queues);
      alerter.close();
      producer.disconnect();
    },
  };
}

/**
 * The ingest job: close what an earlier attempt left, run the source, queue the status it changed, and
 * alert a run that loaded with rejections as a failure is alerted.
 */
function ingestProcessor(options: WorkerOptions, queues: Queues, alerter: Alerter) {
  const { db, pool, log } = options;
  return async (job: Job): Promise<RunSummary> => {
    const payload = parsePayload(jobs.ingestSource, job.data);
    // A job started before (retry after a failure, or recovered from a worker that died) may have left
    // a run that no process will ever finish. No earlier attempt can still be running: BullMQ hands a
    // job to one worker at a time, and this attempt has not created its run yet.
    if (job.id && (job.attemptsStarted > 1 || job.attemptsMade > 0)) {
      const closed = await failStaleRuns(db, job.id, payload.sourceId, staleRunError(job));
      if (closed > 0) {
        log.warn(
          { job_id: job.id, source_id: payload.sourceId, runs: closed },
          'closed runs of a stalled job',
        );
      }
    }
    const summary = await ingestSource(
      { db, pool, inboxRoot: options.inboxRoot, log, connectors: options.connectors },
      { ...payload, ...(job.id ? { jobId: job.id } : {}) },
    );
    // Only links whose indicators changed: an identical or unchanged file recomputes nothing.
    if (summary.changed_indicator_ids.length > 0) {
      await enqueue(queues, jobs.goalsRecompute, {
        indicatorIds: summary.changed_indicator_ids,
        causedByRunId: summary.run_id,
      });
    } else {
      // The run record (freshness) changed even when no value did: the answers' version moved.
      await refreshAnswers(db, log);
    }
    if (summary.warning !== null && alerter.enabled) {
      await alerter
        .sourceWarning({ sourceId: summary.source_id, runId: summary.run_id, warning: summary.warning })
        .catch((e) =>
          log.error({ err: e, source_id: summary.source_id }, 'could not send the warning alert'),
        );
    }
    return summary;
  };
}

function goalsProcessor(options: WorkerOptions) {
  return async (job: Job) => {
    const payload = parsePayload(jobs.goalsRecompute, job.data);
    const result = await recomputeStatus(options.db, payload);
    options.log.info({ ...result, run_id: payload.causedByRunId }, 'goal status recomputed');
    await refreshAnswers(options.db, options.log);
    return result;
  };
}

/** One BullMQ worker per queue on one blocking connection; `close` waits for the jobs in progress. */
function startConsumers(options: WorkerOptions, queues: Queues, alerter: Alerter) {
  const lockOptions = {
    ...(options.lockDurationMs === undefined ? {} : { lockDuration: options.lockDurationMs }),
    ...(options.stalledIntervalMs === undefined ? {} : { stalledInterval: options.stalledIntervalMs }),
  };
  const connection = createRedis(options.redisUrl, 'worker');
  const common = { connection, prefix: options.queuePrefix, ...lockOptions };
  const workers = [
    new Worker(jobs.ingestSource.queue, ingestProcessor(options, queues, alerter), {
      ...common,
      concurrency: options.concurrency,
    }),
    new Worker(jobs.goalsRecompute.queue, goalsProcessor(options), { ...common, concurrency: 1 }),
  ];
  for (const w of workers) watchWorker(w, options, alerter);
  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}

function watchWorker(w: Worker, options: WorkerOptions, alerter: Alerter): void {
  const { db, log } = options;
  w.on('error', (err) => log.error({ err, queue: w.name }, 'worker error'));
  // Another process (or this one) held the job and stopped renewing its lock: it goes back to the
  // queue (or fails once it stalled more than BullMQ's maxStalledCount).
  w.on('stalled', (jobId, previous) =>
    log.warn({ queue: w.name, job_id: jobId, previous }, 'job stalled: its worker stopped'),
  );
  w.on('failed', (job, err) => {
    log.warn({ queue: w.name, job_id: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed');
    if (w.name !== jobs.ingestSource.queue) return;
    // BullMQ reports every failed attempt; only the last one (or an unrecoverable one) is a failure
    // of the source, worth an alert.
    const final =
      err.name === 'UnrecoverableError' ||
      /stalled/i.test(err.message) ||
      (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1));
    const sourceId = (job?.data as { sourceId?: unknown } | undefined)?.sourceId;
    if (typeof sourceId !== 'string') return;
    if (final && alerter.enabled) {
      const runId = (err as { runId?: unknown }).runId;
      alerter
        .sourceFailed({ sourceId, runId: typeof runId === 'number' ? runId : null, error: err.message })
        .catch((e) => log.error({ err: e, source_id: sourceId }, 'could not send the failure alert'));
    }
    // A job that stalled too often fails without reaching the processor, so nothing else closes
    // the run its dead worker left behind.
    if (job?.id && /stalled/i.test(err.message)) {
      failStaleRuns(db, job.id, sourceId, STALLED_RUN_ERROR).catch((e) =>
        log.error({ err: e, job_id: job.id }, 'could not close the runs of a stalled job'),
      );
    }
  });
}

/**
 * The scheduler duties, in process with node-cron when `options.scheduler` is on: sync definitions to
 * BullMQ job schedulers (and watch freshness), and scan inboxes for `on_file_arrival` sources.
 */
async function startSchedulerDuties(options: WorkerOptions, queues: Queues, alerter: Alerter) {
  const { db, log } = options;
  let lastStaleCheck = 0;
  const syncNow = async () => {
    const result = await syncSchedules(db, queues.ingest);
    if (result.upserted.length > 0 || result.removed.length > 0) log.info(result, 'schedules synced');
    if (result.caughtUp.length > 0) {
      log.warn({ sources: result.caughtUp }, 'missed scheduled runs: one catch-up run queued per source');
    }
    // The scheduler duty also watches freshness; the alert table lets through one per source and night.
    const now = Date.now();
    if (alerter.enabled && now - lastStaleCheck >= (options.staleCheckIntervalMs ?? 15 * 60_000)) {
      lastStaleCheck = now;
      await alerter.checkStaleness();
    }
  };
  const scanNow = () => scanInboxes(db, queues, options.inboxRoot, log);
  const tasks: ReturnType<typeof cron.schedule>[] = [];
  if (options.scheduler) {
    await syncNow();
    // node-cron for an in-process duty: picks up new or changed definitions without a restart.
    tasks.push(
      cron.schedule(
        options.syncPattern ?? '* * * * *',
        () => syncNow().catch((err) => log.error({ err }, 'schedule sync failed')),
        { name: 'sync-schedules', noOverlap: true },
      ),
      cron.schedule(
        options.inboxScanPattern ?? '* * * * *',
        () => scanNow().catch((err) => log.error({ err }, 'inbox scan failed')),
        { name: 'scan-inboxes', noOverlap: true },
      ),
    );
  }
  return {
    syncNow,
    scanNow,
    async stop() {
      for (const task of tasks) await task.destroy();
    },
  };
}

import {
  closeQueues,
  createQueues,
  createRedis,
  enqueue,
  jobs,
  parsePayload,
  type Queues,
} from '@malkoll/jobs';
import type { Logger } from '@malkoll/runtime';
import type { Warehouse } from '@malkoll/warehouse';
import { type Job, Worker } from 'bullmq';
import cron from 'node-cron';
import type pg from 'pg';
import { ingestSource, type RunSummary } from './ingest.ts';
import { recomputeStatus } from './recompute.ts';
import { syncSchedules } from './scheduler.ts';

export interface WorkerOptions {
  db: Warehouse;
  pool: pg.Pool;
  redisUrl: string;
  queuePrefix: string;
  inboxRoot: string;
  concurrency: number;
  log: Logger;
  /** Run the scheduler duties (sync definitions to BullMQ job schedulers) in this process. */
  scheduler: boolean;
  /** How often the scheduler re-reads source definitions (node-cron pattern; default every minute). */
  syncPattern?: string;
}

export interface WorkerHandle {
  queues: Queues;
  syncNow(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the BullMQ workers (ingest and goal status) and, optionally, the scheduler duties. */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const { db, pool, log } = options;
  const producer = createRedis(options.redisUrl, 'producer');
  const queues = createQueues(producer, options.queuePrefix);

  const ingestProcessor = async (job: Job): Promise<RunSummary> => {
    const payload = parsePayload(jobs.ingestSource, job.data);
    const summary = await ingestSource(
      { db, pool, inboxRoot: options.inboxRoot, log },
      { ...payload, ...(job.id ? { jobId: job.id } : {}) },
    );
    if (summary.touched_indicator_ids.length > 0) {
      await enqueue(queues, jobs.goalsRecompute, {
        indicatorIds: summary.touched_indicator_ids,
        causedByRunId: summary.run_id,
      });
    }
    return summary;
  };
  const goalsProcessor = async (job: Job) => {
    const payload = parsePayload(jobs.goalsRecompute, job.data);
    const result = await recomputeStatus(db, payload);
    log.info({ ...result, run_id: payload.causedByRunId }, 'goal status recomputed');
    return result;
  };

  const workerConnection = createRedis(options.redisUrl, 'worker');
  const workers = [
    new Worker(jobs.ingestSource.queue, ingestProcessor, {
      connection: workerConnection,
      prefix: options.queuePrefix,
      concurrency: options.concurrency,
    }),
    new Worker(jobs.goalsRecompute.queue, goalsProcessor, {
      connection: workerConnection,
      prefix: options.queuePrefix,
      concurrency: 1,
    }),
  ];
  for (const w of workers) {
    w.on('error', (err) => log.error({ err, queue: w.name }, 'worker error'));
    w.on('failed', (job, err) =>
      log.warn(
        { queue: w.name, job_id: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
  }

  const syncNow = async () => {
    const result = await syncSchedules(db, queues.ingest);
    if (result.upserted.length > 0 || result.removed.length > 0) log.info(result, 'schedules synced');
  };
  let syncTask: ReturnType<typeof cron.schedule> | undefined;
  if (options.scheduler) {
    await syncNow();
    // node-cron for an in-process duty: picks up new or changed definitions without a restart.
    syncTask = cron.schedule(
      options.syncPattern ?? '* * * * *',
      () => syncNow().catch((err) => log.error({ err }, 'schedule sync failed')),
      { name: 'sync-schedules', noOverlap: true },
    );
  }

  return {
    queues,
    syncNow,
    async close() {
      await syncTask?.destroy();
      // Worker.close() waits for the jobs in progress to finish.
      await Promise.all(workers.map((w) => w.close()));
      await closeQueues(queues);
      workerConnection.disconnect();
      producer.disconnect();
    },
  };
}

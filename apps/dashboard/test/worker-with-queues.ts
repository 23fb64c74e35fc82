import { closeQueues, createQueues, createRedis, type Queues } from '@malkoll/jobs';
import { spawnWorker, stopWorker, testRedisUrl, type WorkerProcess } from '@malkoll/testing';

export interface RunningWorker {
  process: WorkerProcess;
  /** Producer-side queues on the worker's prefix, for an app under test to enqueue into. */
  queues: Queues;
  /** Stops the worker, empties and closes the queues. */
  close(): Promise<void>;
}

/**
 * The real worker process (apps/worker) on a test's database, queue prefix and inbox, one job at a time
 * and without scheduler duties, with queues for the code under test to send it work.
 */
export async function startWorkerWithQueues(options: {
  databaseUrl: string;
  queuePrefix: string;
  inboxRoot: string;
}): Promise<RunningWorker> {
  const redisUrl = testRedisUrl();
  const process = await spawnWorker({
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: redisUrl,
    MALKOLL_QUEUE_PREFIX: options.queuePrefix,
    MALKOLL_INBOX: options.inboxRoot,
    MALKOLL_SCHEDULER: 'off',
    WORKER_CONCURRENCY: '1',
  });
  const connection = createRedis(redisUrl, 'producer');
  const queues = createQueues(connection, options.queuePrefix);
  return {
    process,
    queues,
    async close() {
      await stopWorker(process);
      await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true })));
      await closeQueues(queues);
      await connection.quit();
    },
  };
}

import { createLogger } from '@malkoll/runtime';
import { testRedisUrl } from '@malkoll/testing';
import type { TestDatabase } from '@malkoll/warehouse/testing';
import { startWorker, type WorkerHandle, type WorkerOptions } from '../src/worker.ts';

/**
 * The worker in the test's own process, on the test's database and queue prefix: one job at a time, no
 * scheduler duties and no log output unless the test asks for them.
 */
export function startTestWorker(
  t: TestDatabase,
  options: Pick<WorkerOptions, 'queuePrefix' | 'inboxRoot'> & Partial<WorkerOptions>,
): Promise<WorkerHandle> {
  return startWorker({
    db: t.db,
    pool: t.pool,
    redisUrl: testRedisUrl(),
    concurrency: 1,
    log: createLogger('test', 'silent'),
    scheduler: false,
    ...options,
  });
}

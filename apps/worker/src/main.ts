// The worker process: `pnpm --filter @malkoll/worker start` (or started by `pnpm start`).
import { createLogger, loadConfig, resolveDatabase, resolveRedis } from '@malkoll/runtime';
import { createWarehouse, migrateToLatest } from '@malkoll/warehouse';
import { startWorker } from './worker.ts';

const config = loadConfig();
const log = createLogger('worker', config.logLevel);
const database = await resolveDatabase(config);
const redis = await resolveRedis(config);
const { db, pool } = createWarehouse({ url: database.url, applicationName: 'malkoll-worker' });
await migrateToLatest(db);
const handle = await startWorker({
  db,
  pool,
  redisUrl: redis.url,
  queuePrefix: config.queuePrefix,
  inboxRoot: config.inboxRoot,
  concurrency: config.workerConcurrency,
  log,
  scheduler: process.env.MALKOLL_SCHEDULER !== 'off',
});
log.info({ database: database.origin, redis: redis.origin, inbox: config.inboxRoot }, 'worker ready');

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker stopping: finishing jobs in progress');
  await handle.close();
  await db.destroy();
  await redis.stop();
  await database.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

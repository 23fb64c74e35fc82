// The worker process: `pnpm --filter @malkoll/worker start` (or started by `pnpm start`).
import { createLogger, loadConfig, resolveDatabase, resolveRedis } from '@malkoll/runtime';
import { createWarehouse, migrateToLatest } from '@malkoll/warehouse';
import { startHealthServer } from './health.ts';
import { startWorker } from './worker.ts';

const config = loadConfig();
const log = createLogger('worker', config.logLevel, undefined, config.logFormat);

const database = await resolveDatabase(config);
const redis = await resolveRedis(config);
const { db, pool } = createWarehouse({ url: database.url, applicationName: 'malkoll-worker' });
// Forward-only migrations at start; Kysely's migration lock lets several workers start at once.
await migrateToLatest(db);
const handle = await startWorker({
  db,
  pool,
  redisUrl: redis.url,
  queuePrefix: config.queuePrefix,
  inboxRoot: config.inboxRoot,
  connectors: config.connectors,
  concurrency: config.workerConcurrency,
  log,
  scheduler: config.scheduler,
  lockDurationMs: config.workerLockDurationMs,
  stalledIntervalMs: config.workerStalledIntervalMs,
  alerts: config.alerts,
});
const health = await startHealthServer({
  host: config.host,
  port: config.workerHealthPort,
  log,
  checks: {
    postgres: async () => {
      await pool.query('select 1');
      return true;
    },
    redis: () => handle.pingRedis(),
  },
});
log.info(
  {
    database: database.origin,
    redis: redis.origin,
    inbox: config.inboxRoot,
    prefix: config.queuePrefix,
    health: health.url,
    pid: process.pid,
  },
  'worker ready',
);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) {
    // Whoever sends a second signal wants the process gone now. The job in progress keeps its lock
    // until it expires; then another worker runs it again, and its uncommitted transaction was
    // rolled back when the connection closed.
    log.warn({ signal }, 'worker stopping at once: jobs in progress are abandoned');
    process.exit(1);
  }
  stopping = true;
  health.markStopping();
  log.info(
    { signal, timeout_ms: config.workerShutdownTimeoutMs },
    'worker stopping: finishing jobs in progress (signal again to stop at once)',
  );
  const timer = setTimeout(() => {
    log.error({ timeout_ms: config.workerShutdownTimeoutMs }, 'jobs still running at the timeout: exiting');
    process.exit(1);
  }, config.workerShutdownTimeoutMs);
  try {
    await handle.close();
    await health.close();
    await db.destroy();
    await redis.stop();
    await database.stop();
  } catch (err) {
    log.error({ err }, 'error while stopping');
    process.exit(1);
  }
  clearTimeout(timer);
  log.info('worker stopped');
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

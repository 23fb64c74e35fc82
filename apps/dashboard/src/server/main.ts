// The dashboard process: HTTP API + the built React UI. `pnpm --filter @malkoll/dashboard start`.
import { createRequire } from 'node:module';
import path from 'node:path';
import { closeQueues, createQueues, createRedis } from '@malkoll/jobs';
import { createAnswerPreparer } from '@malkoll/pipeline';
import {
  canConnectPostgres,
  createLogger,
  loadConfig,
  pingRedis,
  resolveDatabase,
  resolveRedis,
} from '@malkoll/runtime';
import { createWarehouse } from '@malkoll/warehouse';
import { createApp } from './app.ts';
import { startDashboardServer } from './http-server.ts';

const config = loadConfig();
const log = createLogger('dashboard', config.logLevel, undefined, config.logFormat);
const database = await resolveDatabase(config);
const redis = await resolveRedis(config);
const { db } = createWarehouse({ url: database.url, max: 20, applicationName: 'malkoll-dashboard' });
const redisUrl = new URL(redis.url);
// Producer connection (fails fast when Redis is down) for Bull Board's view of the queues.
const queueConnection = createRedis(redis.url, 'producer');
const queues = createQueues(queueConnection, config.queuePrefix);
for (const queue of Object.values(queues)) {
  queue.on('error', (err) => log.warn({ err, queue: queue.name }, 'queue error'));
}

// Answers prepared at start-up too: after a migration, or a change made while no worker ran, the first
// visitors are not the ones to compose them.
const answerPreparer = createAnswerPreparer(db, log);
answerPreparer.request();
const app = createApp({
  db,
  log,
  answerPreparer,
  // Through the package's own name: the same folder whether this runs from src/server or from dist/.
  clientDir: path.join(
    path.dirname(createRequire(import.meta.url).resolve('@malkoll/dashboard/package.json')),
    'dist/client',
  ),
  queues,
  defaultPlanId: config.defaultPlanId,
  auth: {
    ...config.dashboardAuth,
    oidc: config.dashboardAuth.oidc && {
      ...config.dashboardAuth.oidc,
      // Message and code only: an error's cause may carry the provider's response.
      onFailure: (err) =>
        log.warn(
          { message: (err as Error).message, code: (err as { code?: string }).code },
          'OpenID Connect sign-in failed',
        ),
    },
  },
  inboxRoot: config.inboxRoot,
  uploadMaxBytes: config.dashboardUploadMaxBytes,
  checkReady: async () => ({
    postgres: await canConnectPostgres(database.url),
    redis: await pingRedis(redisUrl.hostname, Number(redisUrl.port || 6379)),
  }),
});

// Bounds on how long a client may take to send a request (http-server.ts).
const server = startDashboardServer(app, { hostname: config.host, port: config.port }, (info) => {
  log.info(
    {
      url: `http://${config.host}:${info.port}`,
      queues: `http://${config.host}:${info.port}/admin/queues`,
      prefix: config.queuePrefix,
      auth: config.dashboardAuth.mode,
      oidc: config.dashboardAuth.oidc?.issuer ?? 'off',
    },
    'dashboard listening',
  );
});

const shutdown = () => {
  server.close(() => {
    void closeQueues(queues)
      .catch((err) => log.warn({ err }, 'closing the queues failed'))
      .then(() => {
        // BullMQ does not close a connection it was given.
        queueConnection.disconnect();
        return db.destroy();
      })
      .then(() => process.exit(0));
  });
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

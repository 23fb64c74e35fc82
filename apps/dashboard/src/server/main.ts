// The dashboard process: HTTP API + the built React UI. `pnpm --filter @malkoll/dashboard start`.
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
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

const config = loadConfig();
const log = createLogger('dashboard', config.logLevel);
const database = await resolveDatabase(config);
const redis = await resolveRedis(config);
const { db } = createWarehouse({ url: database.url, max: 20, applicationName: 'malkoll-dashboard' });
const redisUrl = new URL(redis.url);

const app = createApp({
  db,
  clientDir: fileURLToPath(new URL('../../dist/client', import.meta.url)),
  checkReady: async () => ({
    postgres: await canConnectPostgres(database.url),
    redis: await pingRedis(redisUrl.hostname, Number(redisUrl.port || 6379)),
  }),
});

const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  log.info({ url: `http://${config.host}:${info.port}` }, 'dashboard listening');
});

const shutdown = () => {
  server.close(() => {
    void db.destroy().then(() => process.exit(0));
  });
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

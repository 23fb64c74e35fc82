// The dashboard's HTTP server for the benchmark, in its own process so the load loop does not share
// its event loop: `tsx bench/serve.ts <database url> <live|prepared|cache>` prints the port on stdout.
// live: every answer composed per request (the baseline); prepared: served from mart.answers, memory
// cache off; cache: prepared plus the in-memory answer cache (the production default).
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createWarehouse } from '@malkoll/warehouse';
import { createApp } from '../src/server/app.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: serve.ts <database url>');
// Same pool size as the dashboard process (src/server/main.ts).
const { db } = createWarehouse({ url, max: 20, applicationName: 'malkoll-bench-dashboard' });
const app = createApp({
  db,
  clientDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
  cacheAnswers: process.argv[3] === 'cache',
  answerSource: process.argv[3] === 'live' ? 'live' : 'prepared',
});
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`${info.port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void db.destroy().then(() => process.exit(0));
});

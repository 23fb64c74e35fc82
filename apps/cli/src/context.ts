import {
  type Config,
  createLogger,
  type Logger,
  loadConfig,
  type ResolvedService,
  resolveDatabase,
  resolveRedis,
} from '@malkoll/runtime';
import { createWarehouse, migrateToLatest, syncReferenceAreas, type Warehouse } from '@malkoll/warehouse';
import type pg from 'pg';

/** What a CLI command works with; services are resolved lazily so `--help` needs none. */
export interface CliContext {
  config: Config;
  log: Logger;
  warehouse(): Promise<{ db: Warehouse; pool: pg.Pool; url: string; origin: string }>;
  redis(): Promise<ResolvedService>;
  close(): Promise<void>;
}

export function createCliContext(): CliContext {
  const config = loadConfig();
  // CLI output is for people; logs go to stderr and only when asked for.
  const log = createLogger('cli', process.env.LOG_LEVEL ?? 'warn', process.stderr);
  let database: ResolvedService | undefined;
  let warehouse: { db: Warehouse; pool: pg.Pool; url: string; origin: string } | undefined;
  let redis: ResolvedService | undefined;
  return {
    config,
    log,
    async warehouse() {
      if (!warehouse) {
        database = await resolveDatabase(config);
        const { db, pool } = createWarehouse({ url: database.url, applicationName: 'malkoll-cli' });
        warehouse = { db, pool, url: database.url, origin: database.origin };
      }
      return warehouse;
    },
    async redis() {
      redis ??= await resolveRedis(config);
      return redis;
    },
    async close() {
      await warehouse?.db.destroy();
      await redis?.stop();
      await database?.stop();
    },
  };
}

/** Migrations, then the reference areas (idempotent): what `malkoll migrate` and every start run. */
export async function migrate(db: Warehouse): Promise<string[]> {
  const result = await migrateToLatest(db);
  await syncReferenceAreas(db);
  return (result.results ?? []).map((r) => r.migrationName);
}

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './db.generated.ts';

export type Warehouse = Kysely<DB>;

// Dates stay 'YYYY-MM-DD' strings (a date has no time zone; a JS Date would invent one), and numeric
// becomes a JS number: indicator values carry at most a handful of decimals.
const DATE_ARRAY = 1182;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.DATE) return (v: string) => v;
    // date[] (follow-up dates): elements are never quoted, so a split is exact.
    if (oid === DATE_ARRAY) return (v: string) => (v === '{}' ? [] : v.slice(1, -1).split(','));
    if (oid === pg.types.builtins.NUMERIC) return (v: string) => Number.parseFloat(v);
    if (oid === pg.types.builtins.INT8) return (v: string) => Number.parseInt(v, 10);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface WarehouseOptions {
  url: string;
  /** Pool size; the dashboard wants more than a worker. */
  max?: number;
  applicationName?: string;
}

export function createPool(options: WarehouseOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'malkoll',
    types,
  });
  // An idle client losing its connection (Postgres restarted) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

export function createWarehouse(options: WarehouseOptions): { db: Warehouse; pool: pg.Pool } {
  const pool = createPool(options);
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), pool };
}

import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
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
  pool.on('connect', (client) => {
    const pid = backendPid(client);
    clientsByPid.set(pid, [...(clientsByPid.get(pid) ?? []), client]);
  });
  pool.on('remove', (client) => {
    const pid = backendPid(client);
    const left = (clientsByPid.get(pid) ?? []).filter((c) => c !== client);
    if (left.length > 0) clientsByPid.set(pid, left);
    else clientsByPid.delete(pid);
  });
  return pool;
}

/** The pool clients of this process by Postgres backend pid (pools to several servers may share one). */
const clientsByPid = new Map<number, pg.PoolClient[]>();
const backendPid = (client: pg.PoolClient) => (client as unknown as { processID: number }).processID;

/**
 * The node-pg client a Kysely transaction runs on, for what Kysely cannot say (COPY … FROM STDIN); null
 * when it cannot be told for sure (a pool not made by createPool, or two servers with the same pid), and
 * the caller then takes a plain SQL path. The client stays the transaction's: use it, never release it.
 */
export async function clientOfTransaction(trx: Transaction<DB>): Promise<pg.PoolClient | null> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  const found = clientsByPid.get(rows[0]?.pid ?? -1);
  return found?.length === 1 ? (found[0] ?? null) : null;
}

export function createWarehouse(options: WarehouseOptions): { db: Warehouse; pool: pg.Pool } {
  const pool = createPool(options);
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), pool };
}

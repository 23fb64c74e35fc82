import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as initial from './migrations/2026-11-22T08-00-initial.ts';
import * as dashboardIndexes from './migrations/2026-11-30T14-00-dashboard-indexes.ts';

// Static imports instead of FileMigrationProvider: it cannot import .ts files under tsx/vitest on
// Node 20. Add each new migration here; names sort by timestamp and are never renamed.
const migrations: Record<string, Migration> = {
  '2026-11-22T08-00-initial': initial,
  '2026-11-30T14-00-dashboard-indexes': dashboardIndexes,
};

// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema.
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: 'ops',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}

import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as initial from './migrations/2026-11-22T08-00-initial.ts';
import * as factIntegrityBySet from './migrations/2026-11-30T11-00-fact-integrity-by-set.ts';
import * as goalEngine from './migrations/2026-11-30T12-00-goal-engine.ts';
import * as connectorMetadata from './migrations/2026-11-30T13-00-connector-metadata.ts';
import * as dashboardIndexes from './migrations/2026-11-30T14-00-dashboard-indexes.ts';
import * as operations from './migrations/2026-11-30T15-00-operations.ts';
import * as usersSessions from './migrations/2026-11-30T16-00-users-sessions.ts';
import * as planAudit from './migrations/2026-11-30T17-00-plan-audit.ts';
import * as apiTokensOidc from './migrations/2026-11-30T18-00-api-tokens-oidc.ts';
import * as areaRegister from './migrations/2026-12-01T09-00-area-register.ts';
import * as runAccounting from './migrations/2026-12-01T09-00-run-accounting.ts';
import * as peerGroupSets from './migrations/2026-12-06T02-10-peer-group-sets.ts';
import * as preparedAnswers from './migrations/2026-12-06T02-10-prepared-answers.ts';
import * as accountAdmin from './migrations/2026-12-06T05-05-account-admin.ts';
import * as boardTrust from './migrations/2026-12-06T05-15-board-trust.ts';

// Static imports instead of FileMigrationProvider: it cannot import .ts files under tsx/vitest on
// Node 20. Add each new migration here; names sort by timestamp and are never renamed.
const migrations: Record<string, Migration> = {
  '2026-11-22T08-00-initial': initial,
  '2026-11-30T11-00-fact-integrity-by-set': factIntegrityBySet,
  '2026-11-30T12-00-goal-engine': goalEngine,
  '2026-11-30T13-00-connector-metadata': connectorMetadata,
  '2026-11-30T14-00-dashboard-indexes': dashboardIndexes,
  '2026-11-30T15-00-operations': operations,
  '2026-11-30T16-00-users-sessions': usersSessions,
  '2026-11-30T17-00-plan-audit': planAudit,
  '2026-11-30T18-00-api-tokens-oidc': apiTokensOidc,
  '2026-12-01T09-00-area-register': areaRegister,
  '2026-12-01T09-00-run-accounting': runAccounting,
  '2026-12-06T02-10-peer-group-sets': peerGroupSets,
  '2026-12-06T02-10-prepared-answers': preparedAnswers,
  '2026-12-06T05-05-account-admin': accountAdmin,
  '2026-12-06T05-15-board-trust': boardTrust,
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

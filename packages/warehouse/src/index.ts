export {
  clientOfTransaction,
  createPool,
  createWarehouse,
  type Warehouse,
  type WarehouseOptions,
} from './client.ts';
export type { DB } from './db.generated.ts';
export { migrateToLatest } from './migrate.ts';
export * from './queries/account-audit.ts';
export * from './queries/answers.ts';
export * from './queries/api-tokens.ts';
export * from './queries/areas.ts';
export * from './queries/assessments.ts';
export * from './queries/connectors.ts';
export * from './queries/dashboard-pages.ts';
export * from './queries/derived.ts';
export * from './queries/explorer.ts';
export * from './queries/goal-status.ts';
export * from './queries/indicators.ts';
export * from './queries/ingest.ts';
export * from './queries/lineage.ts';
export * from './queries/oidc-users.ts';
export * from './queries/operations.ts';
export * from './queries/overview.ts';
export * from './queries/peer-group-sets.ts';
export * from './queries/peer-groups.ts';
export * from './queries/plan-edits.ts';
export * from './queries/plans.ts';
export * from './queries/runs.ts';
export * from './queries/series-breaks.ts';
export * from './queries/sources.ts';
export * from './queries/status.ts';
export * from './queries/users.ts';
export {
  type AreaChangeKind,
  currentMunicipalities,
  loadReferenceRegister,
  type ReferenceArea,
  type ReferenceAreaChange,
  type ReferenceAreaType,
  type ReferenceRegister,
  referenceAreas,
  referenceRegister,
} from './reference/area-register.ts';

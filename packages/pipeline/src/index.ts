// The work the worker, the CLI and the dashboard share: ingest (CSV files, Kolada, SCB, surveys, the
// inbox), goal-status recompute, plans applied with their status, and the steward's source operations.

export { newestModification } from './inbox/folder.ts';
export { resolveInboxFiles } from './inbox/resolve.ts';
export { koladaPeerGroupId } from './ingest/connectors/kolada.ts';
export {
  type ConnectorSettings,
  defaultConnectorSettings,
  recordingFile,
} from './ingest/connectors/transport.ts';
export { type IngestContext, type IngestRequest, ingestSource } from './ingest/ingest-source.ts';
export { buildRunSummary, type RunSummary } from './ingest/run-summary.ts';
export {
  buildSourceStatus,
  formatNightSummary,
  loadSourceStatuses,
  type NightOutcome,
  type NightSourceLine,
  type NightSummary,
  type SourceState,
  type SourceStatus,
  summariseNight,
} from './operations/source-status.ts';
export {
  type AppliedPlan,
  applyPlanAndRecompute,
  defineDerivedIndicatorAndRecompute,
} from './plans/apply-plan.ts';
export {
  type RecomputeFilter,
  type RecomputeOptions,
  type RecomputeResult,
  recomputeStatus,
  recomputeStatusIn,
  statusDates,
} from './status/recompute.ts';
export {
  type RunNowContext,
  type RunNowOptions,
  type RunNowResult,
  RunWaitTimeout,
  runSourceNow,
} from './steward/run-now.ts';
export { checkSample, detectSample, type SampleCheck, type SampleDetection } from './steward/sample.ts';
export {
  applySourceDefinition,
  enqueueSourceRun,
  ingestOptionsFor,
  loadDetectRegister,
  StewardError,
  safeBaseName,
  stageFileInInbox,
  stageUploadInInbox,
} from './steward/steward.ts';

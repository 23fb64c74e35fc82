// The work the worker, the CLI and the dashboard share: ingest (CSV files, Kolada, SCB, surveys, the
// inbox), goal-status recompute, plans applied with their status, and the steward's source operations.
// Only what an app calls is exported; the rest stays inside the package.

export { type AnswerLog, createAnswerPreparer, refreshAnswers } from './answers.ts';
export { newestModification } from './inbox/folder.ts';
export { resolveInboxFiles } from './inbox/resolve.ts';
export { type ConnectorSettings, recordingFile } from './ingest/connectors/transport.ts';
export { ingestSource } from './ingest/ingest-source.ts';
export { formatRunCounts, type RunCounts, type RunSummary } from './ingest/run-summary.ts';
export { formatRunList, listRecentRuns, loadRunEntry, type RunListEntry } from './operations/run-list.ts';
export {
  formatNightSummary,
  loadSourceStatuses,
  type NightSummary,
  summariseNight,
} from './operations/source-status.ts';
export {
  type AppliedPlan,
  applyPlanAndRecompute,
  defineDerivedIndicatorAndRecompute,
} from './plans/apply-plan.ts';
export { recomputeStatus, recomputeStatusIn } from './status/recompute.ts';
export { prepareInboxFolder, takeBackSave } from './steward/inbox-folder.ts';
export {
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
  StewardError,
  stageFileInInbox,
  stageUploadInInbox,
} from './steward/steward.ts';

// Importing the follow-up tables stewards already have into a plan definition (docs/status-rules.md,
// "Importing a follow-up report"). A subpath of its own: the importer needs goals and sources only, so
// `plans import` and its tests do not load the queues, Postgres and connectors behind the package root.
export {
  type FollowUpImport,
  FollowUpImportError,
  type FollowUpImportOptions,
  type ImportedObservation,
  type ImportMessage,
  type ImportMessageLevel,
  importFollowUpBytes,
  importFollowUpText,
} from './follow-up-report.ts';
export { slugify } from './swedish-cell.ts';

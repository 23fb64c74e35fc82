export { koladaPeerGroupId } from './connectors/kolada.ts';
export {
  type ConnectorSettings,
  defaultConnectorSettings,
  openTransport,
  recordingFile,
} from './connectors/transport.ts';
export { type IngestContext, ingestSource, type RunSummary } from './ingest.ts';
export { recomputeStatus, statusDates } from './recompute.ts';
export { ingestOptionsFor, syncSchedules } from './scheduler.ts';
export { startWorker, type WorkerHandle, type WorkerOptions } from './worker.ts';

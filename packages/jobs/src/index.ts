export { createRedis, openQueueEvents } from './connection.ts';
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
} from './operations.ts';
export {
  closeQueues,
  createQueues,
  DEFAULT_RETRY,
  enqueue,
  ingestJobOptions,
  type JobDefinition,
  type JobName,
  jobs,
  type Payload,
  parsePayload,
  QUEUE_NAMES,
  type QueueName,
  type Queues,
  type RetrySettings,
  sourceSchedulerId,
} from './registry.ts';
export {
  DEFAULT_TIME_ZONE,
  formatZoned,
  nextFireTimes,
  nightOf,
  nightWindow,
  previousFireTime,
} from './schedule.ts';
export {
  applySourceDefinition,
  enqueueSourceRun,
  ingestOptionsFor,
  loadDetectRegister,
  StewardError,
  safeBaseName,
  stageFileInInbox,
  stageUploadInInbox,
} from './steward.ts';

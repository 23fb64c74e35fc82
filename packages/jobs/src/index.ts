export { createRedis, openQueueEvents } from './connection.ts';
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

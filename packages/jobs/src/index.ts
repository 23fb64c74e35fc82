export { createRedis, openQueueEvents } from './connection.ts';
export {
  closeQueues,
  createQueues,
  enqueue,
  type JobDefinition,
  type JobName,
  jobs,
  type Payload,
  parsePayload,
  QUEUE_NAMES,
  type QueueName,
  type Queues,
  sourceSchedulerId,
} from './registry.ts';
export { DEFAULT_TIME_ZONE, formatZoned, nextFireTimes, previousFireTime } from './schedule.ts';

import { QueueEvents } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections for BullMQ. Workers and QueueEvents block on Redis and must never give up a
 * command (`maxRetriesPerRequest: null`); producers fail fast instead so an HTTP request or a CLI call
 * does not hang when Redis is down.
 */
export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 3, enableOfflineQueue: false, connectTimeout: 5_000 };
  const redis = new Redis(url, { ...options, lazyConnect: false });
  redis.on('error', () => {}); // reported through health checks and job failures instead
  return redis;
}

/**
 * QueueEvents (to wait for a job's result) on a connection of its own; `close()` closes both, because
 * BullMQ does not close a connection it was given.
 */
export async function openQueueEvents(
  url: string,
  queue: string,
  prefix: string,
): Promise<{ events: QueueEvents; close(): Promise<void> }> {
  const connection = createRedis(url, 'worker');
  const events = new QueueEvents(queue, { connection, prefix });
  events.on('error', () => {});
  await events.waitUntilReady();
  return {
    events,
    async close() {
      await events.close();
      connection.disconnect();
    },
  };
}

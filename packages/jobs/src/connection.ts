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

import { randomBytes } from 'node:crypto';

/** The Redis tests use: REDIS_URL when set, else the machine's own on its default port. */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A BullMQ key prefix of its own, so a test's queues never meet another test's (or a real install's). */
export function testQueuePrefix(name = 'test'): string {
  return `malkoll-${name}-${randomBytes(4).toString('hex')}`;
}

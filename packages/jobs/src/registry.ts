import { RUN_TRIGGERS } from '@malkoll/goals/vocabulary';
import { type JobsOptions, Queue, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * Every job Målkoll runs, defined once: its namespaced name, its queue and its payload schema.
 * Producers and workers both derive from this registry, so a name is never spelt twice.
 */
export const QUEUE_NAMES = ['ingest', 'goals'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobDefinition<S extends z.ZodType = z.ZodType, N extends string = string> {
  /** Namespaced, as BullMQ shows it: `<queue>.<verb>`. A literal type, so `JobName` lists them all. */
  name: N;
  queue: QueueName;
  schema: S;
  options: JobsOptions;
}

function defineJob<S extends z.ZodType, const N extends string>(
  def: JobDefinition<S, N>,
): JobDefinition<S, N> {
  return def;
}

const retention = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} satisfies JobsOptions;

/** A source's retry settings (its definition's `retry` block); what is not given takes the default. */
export interface RetrySettings {
  attempts?: number | undefined;
  delay_seconds?: number | undefined;
  jitter?: number | undefined;
}

/** Five attempts, 10 s, 20 s, 40 s, 80 s apart, each up to half shorter at random. */
export const DEFAULT_RETRY = { attempts: 5, delay_seconds: 10, jitter: 0.5 } as const;

/**
 * BullMQ options for one source's ingest jobs: exponential backoff (delay × 2^(attempt-1)) with jitter,
 * so sources that failed together (the database restarted) do not all retry in the same second.
 */
export function ingestJobOptions(retry: RetrySettings = {}): JobsOptions {
  return {
    attempts: retry.attempts ?? DEFAULT_RETRY.attempts,
    backoff: {
      type: 'exponential',
      delay: Math.round((retry.delay_seconds ?? DEFAULT_RETRY.delay_seconds) * 1000),
      jitter: retry.jitter ?? DEFAULT_RETRY.jitter,
    },
    ...retention,
  };
}

export const jobs = {
  ingestSource: defineJob({
    name: 'ingest.source',
    queue: 'ingest',
    schema: z.object({
      sourceId: z.string().min(1),
      trigger: z.enum(RUN_TRIGGERS),
      /** One file to load (a path relative to the inbox root) instead of every file the location matches. */
      file: z.string().min(1).optional(),
    }),
    // Transient failures (database restarted, file still being moved) retry with backoff; a source's
    // definition may set its own (ingestJobOptions).
    options: ingestJobOptions(),
  }),
  goalsRecompute: defineJob({
    name: 'goals.recompute',
    queue: 'goals',
    schema: z.object({
      indicatorIds: z.array(z.number().int()).optional(),
      planId: z.string().optional(),
      causedByRunId: z.number().int().optional(),
    }),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...retention },
  }),
} as const;

/** Every job's name: `'ingest.source' | 'goals.recompute'`; any other string does not type-check. */
export type JobName = (typeof jobs)[keyof typeof jobs]['name'];
export type Payload<J extends JobDefinition> = z.infer<J['schema']>;

/** Validates a payload at the worker; a bad payload can never succeed, so it must not be retried. */
export function parsePayload<J extends JobDefinition>(job: J, data: unknown): Payload<J> {
  const parsed = job.schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
    throw new UnrecoverableError(
      `Jobbet ${job.name} fick ogiltiga data (payload): ${issues.join('; ')}; det körs inte igen`,
    );
  }
  return parsed.data as Payload<J>;
}

export type Queues = Record<QueueName, Queue>;

export function createQueues(connection: Redis, prefix: string): Queues {
  const make = (name: QueueName) => {
    const queue = new Queue(name, { connection, prefix });
    queue.on('error', () => {}); // connection errors surface on the worker and in /health/ready
    return queue;
  };
  return { ingest: make('ingest'), goals: make('goals') };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}

export async function enqueue<J extends JobDefinition>(
  queues: Queues,
  job: J,
  payload: Payload<J>,
  options: JobsOptions = {},
) {
  const data = job.schema.parse(payload);
  return queues[job.queue].add(job.name, data, { ...job.options, ...options });
}

/** Stable id of the BullMQ job scheduler that carries a source's schedule. */
export const sourceSchedulerId = (sourceId: string) => `source:${sourceId}`;

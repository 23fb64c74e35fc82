import { closeQueues, createQueues, createRedis, jobs, openQueueEvents } from '@malkoll/jobs';
import type { Logger } from '@malkoll/runtime';
import type { Warehouse } from '@malkoll/warehouse';
import type pg from 'pg';
import type { ConnectorSettings } from '../ingest/connectors/transport.ts';
import { ingestSource } from '../ingest/ingest-source.ts';
import type { RunSummary } from '../ingest/run-summary.ts';
import { recomputeStatus } from '../status/recompute.ts';
import { enqueueSourceRun } from './steward.ts';

export interface RunNowContext {
  db: Warehouse;
  pool: pg.Pool;
  redisUrl: string;
  queuePrefix: string;
  inboxRoot: string;
  log: Logger;
  connectors: ConnectorSettings;
}

export interface RunNowOptions {
  wait: boolean;
  trigger?: 'manual' | 'demo';
  /** One file to load (relative to the inbox root) instead of every file the location matches. */
  file?: string | undefined;
}

export interface RunNowResult {
  summary: RunSummary | null;
  jobId: string | null;
  via: 'queue' | 'in-process';
}

/**
 * Runs a source now. With a worker listening, the run goes through the queue like a scheduled one;
 * with none (nothing started yet), `wait` runs it in this process with the same code, and recomputes the
 * status of what it changed as the worker's goals job would.
 */
export async function runSourceNow(
  ctx: RunNowContext,
  sourceId: string,
  options: RunNowOptions,
): Promise<RunNowResult> {
  const trigger = options.trigger ?? 'manual';
  const file = options.file === undefined ? {} : { file: options.file };
  const connection = createRedis(ctx.redisUrl, 'producer');
  const queues = createQueues(connection, ctx.queuePrefix);
  try {
    const workers = await queues.ingest.getWorkersCount();
    if (workers === 0 && options.wait) {
      const summary = await ingestSource(
        { db: ctx.db, pool: ctx.pool, inboxRoot: ctx.inboxRoot, log: ctx.log, connectors: ctx.connectors },
        { sourceId, trigger, ...file },
      );
      if (summary.changed_indicator_ids.length > 0)
        await recomputeStatus(ctx.db, { indicatorIds: summary.changed_indicator_ids });
      return { summary, jobId: null, via: 'in-process' };
    }
    // The source's own retry settings, as its scheduled runs have them.
    const job = await enqueueSourceRun(queues, ctx.db, sourceId, { trigger, ...file });
    if (!options.wait) return { summary: null, jobId: job.id ?? null, via: 'queue' };
    const events = await openQueueEvents(ctx.redisUrl, jobs.ingestSource.queue, ctx.queuePrefix);
    try {
      const summary = (await job.waitUntilFinished(events.events)) as RunSummary;
      return { summary, jobId: job.id ?? null, via: 'queue' };
    } finally {
      await events.close();
    }
  } finally {
    await closeQueues(queues);
    connection.disconnect();
  }
}

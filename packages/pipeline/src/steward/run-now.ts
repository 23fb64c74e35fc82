import { closeQueues, createQueues, createRedis, jobs, openQueueEvents } from '@malkoll/jobs';
import type { Logger } from '@malkoll/runtime';
import type { Warehouse } from '@malkoll/warehouse';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { refreshAnswers } from '../answers.ts';
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
  /** How long `wait` waits for a queued run before giving up (the run stays queued); default 30 minutes. */
  timeoutMs?: number;
  trigger?: 'manual' | 'demo';
  /** One file to load (relative to the inbox root) instead of every file the location matches. */
  file?: string | undefined;
  /** Stops waiting for a queued run (Ctrl+C in the CLI); the run stays queued, as after a timeout. */
  signal?: AbortSignal;
  /** Called when the run is queued and the wait for a worker begins (the CLI then lets Ctrl+C end the wait). */
  onQueued?: (jobId: string | null) => void;
}

export interface RunNowResult {
  summary: RunSummary | null;
  jobId: string | null;
  via: 'queue' | 'in-process';
}

/**
 * A queued run that did not finish while we waited (the wait timed out, or the person pressed Ctrl+C);
 * it stays in the queue either way, and the message says so.
 */
export class RunWaitTimeout extends Error {
  constructor(
    readonly sourceId: string,
    readonly jobId: string | null,
    readonly timeoutMs: number,
    readonly reason: 'timeout' | 'interrupted' = 'timeout',
  ) {
    const minutes = Math.round((timeoutMs / 60_000) * 10) / 10;
    const what = `körningen av "${sourceId}" (jobb ${jobId ?? '?'})`;
    super(
      (reason === 'timeout'
        ? `Väntade ${String(minutes).replace('.', ',')} min på ${what} utan att den blev klar. `
        : `Slutade vänta på ${what}. `) +
        'Den ligger kvar i kön och körs när en worker tar den; Källor-sidan och `pnpm malkoll runs --night` visar hur det gick.',
    );
    this.name = 'RunWaitTimeout';
  }
}

const DEFAULT_WAIT_MS = 30 * 60_000;

/**
 * Workers of this installation: BullMQ finds workers by client name (queue prefix and name) across the
 * whole Redis server, every database included, so a worker of another installation on another database
 * with the same prefix would count. CLIENT LIST says each client's database; only ours counts.
 */
async function countOwnWorkers(queue: Queue, connection: Redis): Promise<number> {
  const db = String(connection.options.db ?? 0);
  const workers = await queue.getWorkers();
  return workers.filter((w) => w.db === db).length;
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
    const workers = await countOwnWorkers(queues.ingest, connection);
    if (workers === 0 && options.wait) {
      const summary = await ingestSource(
        { db: ctx.db, pool: ctx.pool, inboxRoot: ctx.inboxRoot, log: ctx.log, connectors: ctx.connectors },
        { sourceId, trigger, ...file },
      );
      if (summary.changed_indicator_ids.length > 0)
        await recomputeStatus(ctx.db, { indicatorIds: summary.changed_indicator_ids });
      await refreshAnswers(ctx.db, ctx.log);
      return { summary, jobId: null, via: 'in-process' };
    }
    // The source's own retry settings, as its scheduled runs have them.
    const job = await enqueueSourceRun(queues, ctx.db, sourceId, { trigger, ...file });
    if (!options.wait) return { summary: null, jobId: job.id ?? null, via: 'queue' };
    options.onQueued?.(job.id ?? null);
    const events = await openQueueEvents(ctx.redisUrl, jobs.ingestSource.queue, ctx.queuePrefix);
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    const finished = job.waitUntilFinished(events.events) as Promise<RunSummary>;
    // Our own timer rather than BullMQ's ttl, whose timeout is only told apart from a failed run by the
    // wording of its message.
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const waited = new Promise<never>((_, reject) => {
      const stop = (reason: 'timeout' | 'interrupted') =>
        reject(new RunWaitTimeout(sourceId, job.id ?? null, timeoutMs, reason));
      timer = setTimeout(() => stop('timeout'), timeoutMs);
      onAbort = () => stop('interrupted');
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const summary = await Promise.race([finished, waited]);
      return { summary, jobId: job.id ?? null, via: 'queue' };
    } finally {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
      // After a timeout the run may still fail later; nobody is waiting for it any more.
      finished.catch(() => {});
      await events.close();
    }
  } finally {
    await closeQueues(queues);
    connection.disconnect();
  }
}

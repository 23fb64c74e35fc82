import { cp, mkdir } from 'node:fs/promises';
import {
  demoConnectorSourceFiles,
  demoInboxRoot,
  demoPlanFiles,
  demoRecordedRoot,
  demoSourceFiles,
} from '@malkoll/demo';
import { closeQueues, createQueues, createRedis, enqueue, jobs, openQueueEvents } from '@malkoll/jobs';
import type { SourceDefinition } from '@malkoll/sources';
import { applyPlan, upsertSource } from '@malkoll/warehouse';
import { ingestSource, type RunSummary, recomputeStatus } from '@malkoll/worker';
import type { CliContext } from './context.ts';
import { readPlanFile, readSourceFile } from './files.ts';

export async function applySourceDefinition(ctx: CliContext, definition: SourceDefinition) {
  const { db } = await ctx.warehouse();
  return upsertSource(db, {
    id: definition.id,
    title: definition.title,
    kind: definition.kind,
    definition,
    schedule: definition.schedule ?? null,
  });
}

export async function applySourceFiles(ctx: CliContext, files: string[]): Promise<string[]> {
  // Validate every file before storing any, so a typo in one does not leave half a set applied.
  const definitions = await Promise.all(files.map(readSourceFile));
  const lines: string[] = [];
  for (const definition of definitions) {
    const outcome = await applySourceDefinition(ctx, definition);
    lines.push(`${definition.id}: ${outcome}`);
  }
  return lines;
}

export async function applyPlanFiles(ctx: CliContext, files: string[]): Promise<string[]> {
  const plans = await Promise.all(files.map(readPlanFile));
  const { db } = await ctx.warehouse();
  const lines: string[] = [];
  for (const plan of plans) {
    const r = await applyPlan(db, plan);
    const status = await recomputeStatus(db, { planId: plan.id });
    lines.push(
      `${plan.id}: ${r.goals} goals, ${r.links} indicator links, ${r.activities} activities, ` +
        `${r.comments} comments; ${status.snapshots} status snapshots`,
    );
  }
  return lines;
}

/** Applies the demo plan and sources and puts the demo exports in the inbox, as a steward would. */
export async function loadDemo(ctx: CliContext): Promise<string[]> {
  await mkdir(ctx.config.inboxRoot, { recursive: true });
  await cp(demoInboxRoot, ctx.config.inboxRoot, { recursive: true });
  // Recorded Kolada answers, used when the API cannot be reached (or with MALKOLL_API_MODE=recorded).
  await mkdir(ctx.config.connectors.recordedDir, { recursive: true });
  await cp(demoRecordedRoot, ctx.config.connectors.recordedDir, { recursive: true });
  return [
    ...(await applyPlanFiles(ctx, demoPlanFiles)),
    ...(await applySourceFiles(ctx, [...demoSourceFiles, ...demoConnectorSourceFiles])),
  ];
}

/**
 * Runs a source now. With a worker listening, the run goes through the queue like a scheduled one;
 * with none (nothing started yet), `wait` runs it in this process with the same code.
 */
export async function runSourceNow(
  ctx: CliContext,
  sourceId: string,
  options: { wait: boolean; trigger?: 'manual' | 'demo' },
): Promise<{ summary: RunSummary | null; jobId: string | null; via: 'queue' | 'in-process' }> {
  const trigger = options.trigger ?? 'manual';
  const redis = await ctx.redis();
  const connection = createRedis(redis.url, 'producer');
  const queues = createQueues(connection, ctx.config.queuePrefix);
  try {
    const workers = await queues.ingest.getWorkersCount();
    if (workers === 0 && options.wait) {
      const { db, pool } = await ctx.warehouse();
      const summary = await ingestSource(
        { db, pool, inboxRoot: ctx.config.inboxRoot, log: ctx.log, connectors: ctx.config.connectors },
        { sourceId, trigger },
      );
      await recomputeStatus(db, { indicatorIds: summary.touched_indicator_ids });
      return { summary, jobId: null, via: 'in-process' };
    }
    const job = await enqueue(queues, jobs.ingestSource, { sourceId, trigger });
    if (!options.wait) return { summary: null, jobId: job.id ?? null, via: 'queue' };
    const events = await openQueueEvents(redis.url, jobs.ingestSource.queue, ctx.config.queuePrefix);
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

export function formatRunSummary(s: RunSummary): string {
  return [
    `Run ${s.run_id} of ${s.source_id}: ${s.status}`,
    `  files:     ${s.files.join(', ')}`,
    `  rows read: ${s.rows_read}`,
    `  loaded:    ${s.loaded} (${s.inserted} new, ${s.updated} revised, ${s.unchanged} unchanged)`,
    `  skipped:   ${s.skipped}`,
    `  rejected:  ${s.rejected}${s.rejected > 0 ? ` (see: pnpm malkoll runs rejected ${s.run_id})` : ''}`,
  ].join('\n');
}

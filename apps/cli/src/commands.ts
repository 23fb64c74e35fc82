import { cp, mkdir } from 'node:fs/promises';
import {
  demoConnectorSourceFiles,
  demoInboxRoot,
  demoPlanFiles,
  demoRecordedRoot,
  demoSourceFiles,
} from '@malkoll/demo';
import { formatNumber } from '@malkoll/goals/format';
import type { PlanDefinition } from '@malkoll/goals/plan-definition';
import {
  type AppliedPlan,
  applyPlanAndRecompute,
  applySourceDefinition as applyStoredDefinition,
  formatRunCounts,
  type RunNowOptions,
  type RunNowResult,
  type RunSummary,
  runSourceNow as runNow,
} from '@malkoll/pipeline';
import type { SourceDefinition } from '@malkoll/sources';
import type { CliContext } from './context.ts';
import { readPlanFile, readSourceFile } from './files.ts';

/** `sources apply`: the same code the dashboard's "Ny källa" saves with (@malkoll/pipeline). */
export async function applySourceDefinition(ctx: CliContext, definition: SourceDefinition) {
  const { db } = await ctx.warehouse();
  return applyStoredDefinition(db, definition);
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
  for (const plan of plans) lines.push(...formatAppliedPlan(plan, await applyPlanAndRecompute(db, plan)));
  return lines;
}

/** What `plans apply` and `plans import --apply` print for one plan. */
export function formatAppliedPlan(plan: PlanDefinition, { applied: r, status }: AppliedPlan): string[] {
  const lines = [
    `${plan.id}: ${r.goals} goals, ${r.links} indicator links, ${r.activities} activities, ` +
      `${r.comments} comments${r.derivedIndicators > 0 ? `, ${r.derivedIndicators} derived indicators (${r.derivedChanged.length} with changed values)` : ''}; ${status.snapshots} status snapshots`,
  ];
  // Not silent: what the file did to values edited in the dashboard (docs/plan-editing.md).
  if (r.keptEdits > 0 || r.fileChanges > 0) {
    lines.push(
      `${plan.id}: kept ${r.keptEdits} dashboard edit(s) the file does not change; ` +
        `${r.fileChanges} value(s) changed by the file (in the change history as "planfil")`,
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

/** `sources run`: through the queue when a worker listens, else in this process (@malkoll/pipeline). */
export async function runSourceNow(
  ctx: CliContext,
  sourceId: string,
  options: RunNowOptions,
): Promise<RunNowResult> {
  const { db, pool } = await ctx.warehouse();
  const redis = await ctx.redis();
  return runNow(
    {
      db,
      pool,
      redisUrl: redis.url,
      queuePrefix: ctx.config.queuePrefix,
      inboxRoot: ctx.config.inboxRoot,
      log: ctx.log,
      connectors: ctx.config.connectors,
    },
    sourceId,
    options,
  );
}

/**
 * A finished run in Swedish: its result ("lyckades", or "lyckades med varning" and why, when it loaded
 * with rejections), and its rows and values counted apart. A failed run is an error, printed by main.
 */
export function formatRunSummary(s: RunSummary): string {
  const result = s.status !== 'succeeded' ? 'misslyckades' : s.warning ? 'lyckades med varning' : 'lyckades';
  if (s.files.length === 0) {
    return `Körning ${s.run_id} av ${s.source_id}: ${result}, ingen ny fil i inkorgen`;
  }
  return [
    `Körning ${s.run_id} av ${s.source_id}: ${result}`,
    ...(s.warning ? [`  Varning: ${s.warning}`] : []),
    `  Filer: ${s.files.join(', ')}${s.identical_to_run === null ? '' : ` (samma som i körning ${s.identical_to_run}: inget att ändra)`}`,
    `  ${formatRunCounts(s)}`,
    ...(s.peer_group_set
      ? [
          `  Jämförelsegrupper: ${s.peer_group_set.key} (${s.peer_group_set.label}), ${s.peer_group_set.groups} grupper; värdena är indelningens områden`,
        ]
      : []),
    ...((s.indicators_created ?? 0) > 0
      ? [`  Nya nyckeltal: ${formatNumber(s.indicators_created)} skapades av etiketter som inte fanns förut`]
      : []),
    ...(s.values_rejected > 0 ? [`  Avvisade rader och värden: pnpm malkoll runs rejected ${s.run_id}`] : []),
    ...(s.moved_to && s.moved_to.length > 0 ? [`  Flyttad till: ${s.moved_to.join(', ')}`] : []),
  ].join('\n');
}

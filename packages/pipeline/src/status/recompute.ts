import { computeStatus, type StatusInput, todayInSweden } from '@malkoll/goals';
import {
  type DB,
  freezeDueSnapshots,
  type LinkForStatus,
  listStoredSnapshots,
  loadLinksForStatus,
  type StatusSnapshotInput,
  type Warehouse,
  writeStatusSnapshots,
} from '@malkoll/warehouse';
import type { Transaction } from 'kysely';

/** The dates a link's status is kept for: every follow-up date, and today while the plan runs. */
export function statusDates(
  link: Pick<LinkForStatus, 'followUps' | 'planStart' | 'planEnd'>,
  today: string,
): string[] {
  const dates = new Set(link.followUps);
  if (today >= link.planStart && today <= link.planEnd) dates.add(today);
  return [...dates].sort();
}

export function toStatusInput(link: LinkForStatus, asOf: string): StatusInput {
  const tolerance = link.tolerance ?? (link.statusRule.tolerance as number | undefined);
  return {
    asOf,
    kind: link.kind,
    direction: link.direction,
    unit: link.unit,
    decimals: link.decimals,
    baseline: { value: link.baselineValue, date: link.baselineDate },
    target: {
      type: link.targetType as StatusInput['target']['type'],
      value: link.targetValue,
      min: link.targetMin,
      max: link.targetMax,
      date: link.targetDate,
      milestones: link.milestones,
      peerGroup: link.peerGroupId,
    },
    observations: link.observations,
    peerMedians: link.peerMedians,
    ...(link.seriesBreaks.length > 0 ? { seriesBreaks: link.seriesBreaks } : {}),
    ...(tolerance === undefined ? {} : { tolerance }),
  };
}

export interface RecomputeOptions {
  /** The day "today" snapshots are written for and freezing is judged at. Default: today in Sweden. */
  today?: string;
  /** Recompute frozen follow-up snapshots too (they stay frozen, stamped again). Default false. */
  refreeze?: boolean;
}

export interface RecomputeResult {
  links: number;
  /** Snapshots written (inserted or updated). */
  snapshots: number;
  /** Follow-up snapshots left as decided because they are frozen. */
  keptFrozen: number;
  /** Snapshots computed but not rewritten: the stored one already says exactly this. */
  unchanged: number;
  /** Follow-up snapshots this recompute froze (their freeze day had come). */
  frozen: number;
  /**
   * Wall-clock milliseconds per phase: the reads, the engine (summed over links: it runs interleaved
   * with the write), the rest of the write and the freeze.
   */
  ms: { load: number; compute: number; write: number };
  /** This process's CPU milliseconds for the engine phase (wall time on a busy machine says little). */
  engineCpuMs: number;
  /** This process's CPU milliseconds in the write phase (hashing, JSON); the rest of it is Postgres. */
  writeCpuMs: number;
}

/** One snapshot row from the engine's result. */
export function toSnapshot(link: LinkForStatus, asOf: string): StatusSnapshotInput {
  const result = computeStatus(toStatusInput(link, asOf));
  return {
    linkId: link.linkId,
    asOf,
    status: result.status,
    currentValue: result.current?.value ?? null,
    currentPeriodEnd: result.current?.periodEnd ?? null,
    currentPeriodLabel: result.current?.periodLabel ?? null,
    expectedValue: result.expectedValue,
    progress: result.progress,
    expectedProgress: result.expectedProgress,
    rule: result.rule,
    explanation: result.explanation,
    explanationEn: result.explanationEn,
    inputs: {
      ...result.inputs,
      ...(result.forecast
        ? {
            forecast: {
              method: result.forecast.method,
              points: result.forecast.points,
              slopePerYear: result.forecast.slopePerYear,
            },
          }
        : {}),
      // The pace needed against the pace observed, with its sentences (shown beside the status).
      ...(result.trajectory ? { trajectory: result.trajectory } : {}),
    },
    forecastValue: result.forecast?.value ?? null,
    forecastReachesTargetOn: result.forecast?.reachesTargetOn ?? null,
    forecastText: result.forecast?.text ?? null,
  };
}

/**
 * Recomputes and stores goal status for every link of the given indicators (or plan, or all plans), at
 * each of its status dates, in one transaction: set-based reads, the pure engine in memory feeding one
 * COPY (only snapshots that say something new) and one set-based merge, one set-based freeze. Frozen
 * follow-up snapshots are neither computed nor written unless `refreeze`.
 */
export async function recomputeStatus(
  db: Warehouse,
  filter: RecomputeFilter,
  options: RecomputeOptions | string = {},
): Promise<RecomputeResult> {
  return db.transaction().execute((trx) => recomputeStatusIn(trx, filter, options));
}

/** Which links to recompute: those of some indicators, of one plan, or the given links (a plan edit). */
export interface RecomputeFilter {
  indicatorIds?: readonly number[];
  planId?: string;
  linkIds?: readonly number[];
}

/**
 * recomputeStatus inside a transaction the caller owns, so a change and the status it implies commit
 * together (a plan edit in the dashboard: the new target and the new status, or neither).
 */
export async function recomputeStatusIn(
  trx: Transaction<DB>,
  filter: RecomputeFilter,
  options: RecomputeOptions | string = {},
): Promise<RecomputeResult> {
  const { today = todayInSweden(), refreeze = false } =
    typeof options === 'string' ? { today: options } : options;
  const t0 = performance.now();
  const links = await loadLinksForStatus(trx, filter);
  const linkIds = links.map((l) => l.linkId);
  const stored = await listStoredSnapshots(trx, linkIds);
  const skip = new Set(refreeze ? [] : stored.filter((s) => s.frozen).map((s) => `${s.linkId}|${s.asOf}`));
  const t1 = performance.now();
  // The engine runs lazily inside the write: each snapshot is computed, hashed and (if it says something
  // new) on its way to Postgres before the next batch is computed, so both cores work. Its share of the
  // time is summed per batch of links (process.cpuUsage is a system call: once per link would cost more
  // than a tenth of the engine).
  let engineMs = 0;
  let engineCpuUs = 0;
  let keptFrozen = 0;
  const batch = 50;
  function* snapshots(): Generator<StatusSnapshotInput> {
    for (let from = 0; from < links.length; from += batch) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const rows: StatusSnapshotInput[] = [];
      for (const link of links.slice(from, from + batch)) {
        for (const asOf of statusDates(link, today)) {
          if (skip.has(`${link.linkId}|${asOf}`)) keptFrozen++;
          else rows.push(toSnapshot(link, asOf));
        }
      }
      const used = process.cpuUsage(cpu);
      engineCpuUs += used.user + used.system;
      engineMs += performance.now() - start;
      yield* rows;
    }
  }
  const writeCpu = process.cpuUsage();
  const written = await writeStatusSnapshots(trx, snapshots(), { refreeze, stored });
  const frozenNow = await freezeDueSnapshots(
    trx,
    today,
    filter.planId || filter.indicatorIds || filter.linkIds ? linkIds : undefined,
  );
  const t3 = performance.now();
  const writeCpuUsed = process.cpuUsage(writeCpu);
  const writeCpuUs = writeCpuUsed.user + writeCpuUsed.system - engineCpuUs;
  return {
    links: links.length,
    snapshots: written.written,
    keptFrozen,
    unchanged: written.unchanged,
    engineCpuMs: engineCpuUs / 1000,
    writeCpuMs: writeCpuUs / 1000,
    frozen: frozenNow,
    ms: { load: t1 - t0, compute: engineMs, write: t3 - t1 - engineMs },
  };
}

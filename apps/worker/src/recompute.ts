import { computeStatus, type StatusInput } from '@malkoll/goals';
import {
  type LinkForStatus,
  loadLinksForStatus,
  type Warehouse,
  writeStatusSnapshots,
} from '@malkoll/warehouse';

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
    ...(tolerance === undefined ? {} : { tolerance }),
  };
}

/**
 * Recomputes and stores goal status for every link of the given indicators (or plan), at each of
 * its status dates. Pure engine, one bulk write.
 */
export async function recomputeStatus(
  db: Warehouse,
  filter: { indicatorIds?: readonly number[]; planId?: string },
  today: string = new Date().toISOString().slice(0, 10),
): Promise<{ links: number; snapshots: number }> {
  const links = await loadLinksForStatus(db, filter);
  const rows = links.flatMap((link) =>
    statusDates(link, today).map((asOf) => {
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
        inputs: result.inputs,
      };
    }),
  );
  const snapshots = await writeStatusSnapshots(db, rows);
  return { links: links.length, snapshots };
}

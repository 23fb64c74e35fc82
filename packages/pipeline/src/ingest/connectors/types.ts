import type { RunTrigger } from '@malkoll/goals/vocabulary';
import type { Logger } from '@malkoll/runtime';
import type { AreaLookup, IngestWriter, StagedFact, StagedRejection, Warehouse } from '@malkoll/warehouse';
import type { ConnectorSettings } from './transport.ts';

export interface ConnectorContext {
  db: Warehouse;
  inboxRoot: string;
  settings: ConnectorSettings;
  log: Logger;
  sourceId: string;
  trigger: RunTrigger;
}

export interface Lookups {
  areas: AreaLookup;
  indicatorIds: Map<string, number>;
}

/**
 * What a connector read. A "row" is what the API answers one at a time (a Kolada data item, an SCB cell,
 * a survey respondent): each is loaded, skipped or rejected, so rowsRead = rowsLoaded + skipped +
 * rowsRejected; `rejected` counts rejected values.
 */
export interface ProducedTotals {
  rowsRead: number;
  rowsLoaded: number;
  skipped: number;
  rowsRejected: number;
  rejected: number;
  details: Record<string, unknown>;
}

/** A source run whose dimensions are in place; `produce` streams its facts into the ingest transaction. */
export interface PreparedRun {
  origins: string[];
  /** Said in the run summary (e.g. that recorded answers were used). */
  note: string | null;
  produce(writer: IngestWriter, lookups: Lookups): Promise<ProducedTotals>;
}

/** Turns a value with codes into a staged fact, or says why it cannot be one. */
export function stageFact(
  lookups: Lookups,
  v: {
    indicatorKey: string;
    areaCode: string;
    period: { type: string; start: string; end: string; label: string };
    breakdown: string;
    value: number | null;
    valueNote: string | null;
  },
): StagedFact | { reasonSv: string; reasonEn: string; column: string } {
  const indicatorId = lookups.indicatorIds.get(v.indicatorKey);
  if (indicatorId === undefined) {
    return {
      column: 'indicator',
      reasonSv: `Okänt mått "${v.indicatorKey}"`,
      reasonEn: `Unknown indicator "${v.indicatorKey}"`,
    };
  }
  const areaId = lookups.areas.idByCode.get(v.areaCode);
  if (areaId === undefined) {
    return {
      column: 'area',
      reasonSv: `Okänt område "${v.areaCode}"`,
      reasonEn: `Unknown area "${v.areaCode}"`,
    };
  }
  return {
    indicatorId,
    areaId,
    periodType: v.period.type,
    periodStart: v.period.start,
    periodEnd: v.period.end,
    periodLabel: v.period.label,
    breakdown: v.breakdown,
    value: v.value,
    valueNote: v.valueNote,
  };
}

export function isStaged(x: StagedFact | { reasonSv: string }): x is StagedFact {
  return 'indicatorId' in x;
}

export type { StagedRejection };

/** A problem no retry can fix (unknown id, bad definition): the job is not retried. */
export class PermanentSourceError extends Error {
  override name = 'PermanentSourceError';
}

import type { CsvSourceDefinition as SourceDefinition } from './definition.ts';

export interface RejectionVerdict {
  /** Rejected values (or rows) over all values the file offered: loaded + rejected. 0 when none. */
  share: number;
  /** `validation.max_rejected_share`, or null when the source has no limit. */
  limit: number | null;
  /** True when the run must fail and commit nothing. */
  exceeded: boolean;
}

/**
 * The rejection policy of a source. By default the good rows load and the bad are quarantined; with
 * `validation.max_rejected_share` a run whose share of rejected values is above the limit fails as a
 * whole. The share is over values (loaded + rejected): a wide row yields one value per cell, and a bad
 * cell rejects that cell only, so counting rows would misstate it. Skipped rows (blank, Totalt,
 * footnotes, declared skip rules) are not data and do not count.
 */
export function judgeRejections(def: SourceDefinition, loaded: number, rejected: number): RejectionVerdict {
  const limit = def.validation?.max_rejected_share ?? null;
  const total = loaded + rejected;
  const share = total === 0 ? 0 : rejected / total;
  return { share, limit, exceeded: limit !== null && share > limit };
}

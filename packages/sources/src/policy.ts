/**
 * The share of rejected values above which a run fails when its definition sets no
 * `validation.max_rejected_share`. A run that rejects most of what a file offers has almost always
 * met a file it was not made for (a closed mapping that saw a sample of the labels, a changed export);
 * loading the few values it understood and reporting success would hide that. Half is far above
 * the ordinary trickle of bad cells, and a source that expects more says so in its definition.
 */
export const DEFAULT_MAX_REJECTED_SHARE = 0.5;

export interface RejectionVerdict {
  /** Rejected values (or rows) over all values the file offered: loaded + rejected. 0 when none. */
  share: number;
  /** `validation.max_rejected_share`, or the default when the definition sets none. */
  limit: number;
  /** True when the limit is the default (`DEFAULT_MAX_REJECTED_SHARE`), not the definition's own. */
  defaulted: boolean;
  /** True when the run must fail and commit nothing. */
  exceeded: boolean;
  /** True when the run loads but rejected something: a success with a warning, never a plain one. */
  warn: boolean;
}

/**
 * The rejection policy of a source. The good rows load and the bad are quarantined; a run whose share
 * of rejected values is above the limit (`validation.max_rejected_share`, by default
 * `DEFAULT_MAX_REJECTED_SHARE`) fails as a whole, and one at or below it with any rejection succeeds
 * with a warning. The share is over values (loaded + rejected): a wide row yields one value per cell,
 * and a bad cell rejects that cell only, so counting rows would misstate it. Skipped rows (blank,
 * Totalt, footnotes, declared skip rules) are not data and do not count.
 */
export function judgeRejections(
  def: { validation?: { max_rejected_share?: number | undefined } | undefined },
  loaded: number,
  rejected: number,
): RejectionVerdict {
  const own = def.validation?.max_rejected_share;
  const limit = own ?? DEFAULT_MAX_REJECTED_SHARE;
  const total = loaded + rejected;
  const share = total === 0 ? 0 : rejected / total;
  const exceeded = share > limit;
  return { share, limit, defaulted: own === undefined, exceeded, warn: !exceeded && rejected > 0 };
}

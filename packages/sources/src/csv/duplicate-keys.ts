import type { Period, PeriodType } from './period.ts';

const typeIndex: Record<PeriodType, number> = {
  year: 1,
  half_year: 2,
  tertial: 3,
  quarter: 4,
  month: 5,
  day: 6,
};

const dayOffset = 100_000; // keeps days since 1970 positive back to 1696

/** Period type and first day as one number, so the per-series map holds numbers, not strings. */
function periodNumber(period: Period): number {
  const days = Date.parse(`${period.start}T00:00:00Z`) / 86_400_000 + dayOffset;
  return typeIndex[period.type] * 1_000_000 + days;
}

/**
 * Remembers the line of every key (indicator, area, period, breakdown) seen in one file. Keys are
 * grouped by series (indicator, area, breakdown: few distinct values) with the periods as numbers
 * inside, which keeps a million-row file at tens of bytes per row.
 */
export class DuplicateKeys {
  private readonly series = new Map<string, Map<number, number>>();

  /** Records the key on `line`; returns the earlier line when the key was already seen. */
  check(
    indicatorKey: string,
    areaCode: string,
    breakdown: string,
    period: Period,
    line: number,
  ): number | null {
    const seriesKey = `${indicatorKey}\u0000${areaCode}\u0000${breakdown}`;
    let periods = this.series.get(seriesKey);
    if (periods === undefined) {
      periods = new Map();
      this.series.set(seriesKey, periods);
    }
    const p = periodNumber(period);
    const earlier = periods.get(p);
    if (earlier !== undefined) return earlier;
    periods.set(p, line);
    return null;
  }
}

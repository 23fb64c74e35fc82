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

/** Period type and first day as one number. */
function periodNumber(period: Period): number {
  const days = Date.parse(`${period.start}T00:00:00Z`) / 86_400_000 + dayOffset;
  return typeIndex[period.type] * 1_000_000 + days;
}

/** Periods per series the dense table makes room for at first; it doubles when more appear. */
const initialPeriods = 4;
/**
 * The dense table may hold this many cells per recorded key before it gives way to a map: a map entry
 * costs some 60 bytes, a cell 4, so the table is the smaller one up to about this ratio.
 */
const maxSparseness = 16;
const periodBits = 2 ** 24;

/**
 * Remembers the line of every key (indicator, area, period, breakdown) seen in one file.
 *
 * Every dimension value is numbered as it first appears (few distinct values), a series (indicator,
 * area, breakdown) gets a number, and the lines sit in one Int32Array indexed by series × periods: 4
 * bytes per key of a dense export such as Kolada's (every series has the same years), with no string
 * built and no object allocated per row. A sparse file (few periods per series out of many) switches to
 * a map of numbers, which costs more per key but never more than the dense table would.
 */
export class DuplicateKeys {
  private readonly series = new Map<string, Map<string, Map<string, number>>>();
  private seriesCount = 0;
  private readonly periodIds = new Map<number, number>();
  private readonly periodIdByObject = new WeakMap<Period, number>();
  private periodCapacity = initialPeriods;
  private lines = new Int32Array(4096 * initialPeriods);
  private keys = 0;
  private sparse: Map<number, number> | null = null;

  /** Records the key on `line`; returns the earlier line when the key was already seen. */
  check(
    indicatorKey: string,
    areaCode: string,
    breakdown: string,
    period: Period,
    line: number,
  ): number | null {
    const s = this.seriesId(indicatorKey, areaCode, breakdown);
    const p = this.periodId(period);
    if (this.sparse !== null) return this.checkSparse(s * periodBits + p, line);
    if (p >= this.periodCapacity) this.growPeriods(p);
    const at = s * this.periodCapacity + p;
    if (this.sparse === null && at >= this.lines.length) this.growSeries(at);
    if (this.sparse !== null) return this.checkSparse(s * periodBits + p, line);
    const earlier = this.lines[at] as number;
    if (earlier !== 0) return earlier;
    // Line numbers start at 1, so 0 marks an empty cell.
    this.lines[at] = line;
    this.keys++;
    return null;
  }

  private checkSparse(key: number, line: number): number | null {
    const sparse = this.sparse as Map<number, number>;
    const earlier = sparse.get(key);
    if (earlier !== undefined) return earlier;
    sparse.set(key, line);
    return null;
  }

  private seriesId(indicatorKey: string, areaCode: string, breakdown: string): number {
    let byArea = this.series.get(indicatorKey);
    if (byArea === undefined) {
      byArea = new Map();
      this.series.set(indicatorKey, byArea);
    }
    let byBreakdown = byArea.get(areaCode);
    if (byBreakdown === undefined) {
      byBreakdown = new Map();
      byArea.set(areaCode, byBreakdown);
    }
    let id = byBreakdown.get(breakdown);
    if (id === undefined) {
      id = this.seriesCount++;
      byBreakdown.set(breakdown, id);
    }
    return id;
  }

  private periodId(period: Period): number {
    // The reader's period cache hands out the same object for the same text: skip the date parsing.
    const known = this.periodIdByObject.get(period);
    if (known !== undefined) return known;
    const n = periodNumber(period);
    let id = this.periodIds.get(n);
    if (id === undefined) {
      id = this.periodIds.size;
      this.periodIds.set(n, id);
    }
    this.periodIdByObject.set(period, id);
    return id;
  }

  private tooSparse(cells: number): boolean {
    return cells > 1_000_000 && cells > maxSparseness * (this.keys + 1);
  }

  private growPeriods(p: number): void {
    let capacity = this.periodCapacity;
    while (capacity <= p) capacity *= 2;
    const rows = Math.ceil(this.lines.length / this.periodCapacity);
    if (this.tooSparse(rows * capacity)) {
      this.goSparse();
      return;
    }
    const next = new Int32Array(rows * capacity);
    for (let s = 0; s < rows; s++) {
      next.set(this.lines.subarray(s * this.periodCapacity, (s + 1) * this.periodCapacity), s * capacity);
    }
    this.lines = next;
    this.periodCapacity = capacity;
  }

  private growSeries(at: number): void {
    // By half as much again, not double: the table is most of the reader's memory on a large file.
    let size = this.lines.length;
    while (size <= at) size = Math.ceil(size * 1.5);
    if (this.tooSparse(size)) {
      this.goSparse();
      return;
    }
    const next = new Int32Array(size);
    next.set(this.lines);
    this.lines = next;
  }

  private goSparse(): void {
    const sparse = new Map<number, number>();
    const capacity = this.periodCapacity;
    for (let at = 0; at < this.lines.length; at++) {
      const line = this.lines[at] as number;
      if (line !== 0) sparse.set(Math.floor(at / capacity) * periodBits + (at % capacity), line);
    }
    this.sparse = sparse;
    this.lines = new Int32Array(0);
  }
}

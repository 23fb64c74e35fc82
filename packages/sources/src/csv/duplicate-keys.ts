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
 * area, breakdown) gets a number, and the lines sit in a table of Int32Array blocks indexed by series ×
 * periods: 4 bytes per key of a dense export such as Kolada's (every series has the same years), with no
 * string built and no object allocated per row. New series add blocks; nothing is copied as it grows. A sparse file (few periods per series out of many) switches to
 * a map of numbers, which costs more per key but never more than the dense table would.
 */
export class DuplicateKeys {
  private readonly series = new SeriesNumbers();
  private readonly periodIds = new Map<number, number>();
  private readonly periodIdByObject = new WeakMap<Period, number>();
  private periodCapacity = initialPeriods;
  private lines = new CellTable(4096 * initialPeriods);
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
    const s = this.series.id(indicatorKey, areaCode, breakdown);
    const p = this.periodId(period);
    if (this.sparse !== null) return this.checkSparse(s * periodBits + p, line);
    if (p >= this.periodCapacity) this.growPeriods(p);
    const at = s * this.periodCapacity + p;
    if (this.sparse === null && at >= this.lines.length) this.growSeries(at);
    if (this.sparse !== null) return this.checkSparse(s * periodBits + p, line);
    const earlier = this.lines.get(at);
    if (earlier !== 0) return earlier;
    // Line numbers start at 1, so 0 marks an empty cell.
    this.lines.set(at, line);
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
    const next = new CellTable(rows * capacity);
    const old = this.periodCapacity;
    for (let s = 0; s < rows; s++) {
      for (let p = 0; p < old; p++) {
        const line = this.lines.get(s * old + p);
        if (line !== 0) next.set(s * capacity + p, line);
      }
    }
    this.lines = next;
    this.periodCapacity = capacity;
  }

  private growSeries(at: number): void {
    if (this.tooSparse(at + 1)) {
      this.goSparse();
      return;
    }
    this.lines.grow(at + 1);
  }

  private goSparse(): void {
    const sparse = new Map<number, number>();
    const capacity = this.periodCapacity;
    for (let at = 0; at < this.lines.length; at++) {
      const line = this.lines.get(at);
      if (line !== 0) sparse.set(Math.floor(at / capacity) * periodBits + (at % capacity), line);
    }
    this.sparse = sparse;
    this.lines = new CellTable(0);
  }
}

const blockBits = 16;
const blockSize = 1 << blockBits;

/**
 * Int32 cells in blocks of 64 Ki: growing adds blocks instead of copying the table into one half as large
 * again, which for a moment held both (47 MB instead of 28 MB for 5 million keys).
 */
class CellTable {
  private readonly blocks: Int32Array[] = [];

  constructor(cells: number) {
    this.grow(cells);
  }

  get length(): number {
    return this.blocks.length * blockSize;
  }

  /** Makes room for at least `cells` cells. */
  grow(cells: number): void {
    while (this.length < cells) this.blocks.push(new Int32Array(blockSize));
  }

  get(at: number): number {
    return (this.blocks[at >>> blockBits] as Int32Array)[at & (blockSize - 1)] as number;
  }

  set(at: number, value: number): void {
    (this.blocks[at >>> blockBits] as Int32Array)[at & (blockSize - 1)] = value;
  }
}

/** Numbers the distinct texts of one dimension in order of appearance. */
class Numbering {
  private readonly numbers = new Map<string, number>();
  of(text: string): number {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(text, n);
    }
    return n;
  }
}

/**
 * Series numbers for (indicator, area, breakdown) without an object per series: each dimension's texts
 * are numbered, and each indicator has one Int32Array of areas × breakdowns (series number + 1, 0 for
 * none): 4 bytes per cell, about 2 MB for Kolada's 500 indicators × 290 municipalities × T/K/M, where
 * nested maps took some 30 MB. When few cells are used (many areas, each with few indicators) a map of
 * packed numbers takes over, as the line table does.
 */
class SeriesNumbers {
  private readonly indicators = new Numbering();
  private readonly areas = new Numbering();
  private readonly breakdowns = new Numbering();
  private rows: (Int32Array | undefined)[] = [];
  private areaCap = 64;
  private breakdownCap = 4;
  private cells = 0;
  private count = 0;
  private sparse: Map<number, number> | null = null;

  id(indicatorKey: string, areaCode: string, breakdown: string): number {
    const i = this.indicators.of(indicatorKey);
    const a = this.areas.of(areaCode);
    const b = this.breakdowns.of(breakdown);
    if (this.sparse === null && (a >= this.areaCap || b >= this.breakdownCap)) this.widen(a, b);
    if (this.sparse !== null) {
      // Exact while there are fewer than 2^20 areas and 2^12 breakdowns (packed below 2^53).
      const key = (i * 1_048_576 + a) * 4_096 + b;
      let id = this.sparse.get(key);
      if (id === undefined) {
        id = this.count++;
        this.sparse.set(key, id);
      }
      return id;
    }
    let row = this.rows[i];
    if (row === undefined) {
      row = new Int32Array(this.areaCap * this.breakdownCap);
      this.rows[i] = row;
      this.cells += row.length;
      if (this.tooSparse()) return this.goSparse().id(indicatorKey, areaCode, breakdown);
    }
    const at = a * this.breakdownCap + b;
    let id = row[at] as number;
    if (id === 0) {
      id = ++this.count;
      row[at] = id;
    }
    return id - 1;
  }

  private tooSparse(): boolean {
    return this.cells > 1_000_000 && this.cells > maxSparseness * (this.count + 1);
  }

  private widen(a: number, b: number): void {
    let areaCap = this.areaCap;
    let breakdownCap = this.breakdownCap;
    while (areaCap <= a) areaCap *= 2;
    while (breakdownCap <= b) breakdownCap *= 2;
    const rows = this.rows.map((old) => {
      if (old === undefined) return undefined;
      const next = new Int32Array(areaCap * breakdownCap);
      for (let x = 0; x < this.areaCap; x++) {
        next.set(old.subarray(x * this.breakdownCap, (x + 1) * this.breakdownCap), x * breakdownCap);
      }
      return next;
    });
    this.rows = rows;
    this.areaCap = areaCap;
    this.breakdownCap = breakdownCap;
    this.cells = rows.reduce((n, r) => n + (r?.length ?? 0), 0);
    if (this.tooSparse()) this.goSparse();
  }

  private goSparse(): this {
    const sparse = new Map<number, number>();
    for (const [i, row] of this.rows.entries()) {
      if (row === undefined) continue;
      for (let at = 0; at < row.length; at++) {
        const id = row[at] as number;
        if (id === 0) continue;
        const a = Math.floor(at / this.breakdownCap);
        const b = at % this.breakdownCap;
        sparse.set((i * 1_048_576 + a) * 4_096 + b, id - 1);
      }
    }
    this.sparse = sparse;
    this.rows = [];
    this.cells = 0;
    return this;
  }
}

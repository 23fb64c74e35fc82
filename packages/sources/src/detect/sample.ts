import { decodeBytes } from '../csv/decode.ts';
import { detectNewline, rankDelimiters } from '../csv/dialect.ts';
import { headerNamesAt, isSubHeader, normaliseName } from '../csv/header-names.ts';
import { type CsvRecord, type Newline, RecordSplitter } from '../csv/records.ts';
import { isFootnote, isNoteLine, isSummaryRow } from '../csv/row-rules.ts';
import { detectProblem } from './explain-problems.ts';

/** The sample file decoded and split: its dialect, header, title lines above it and data rows below. */
export interface Sample {
  encoding: string;
  newline: Newline;
  delimiter: string;
  /** Line number of the header row (the lower row of a two-row header). */
  headerLine: number;
  /** Line number of the super-header row above it, or null. */
  superHeaderLine: number | null;
  /** The column names, as the reader makes them (`headerNamesAt`): unique, none empty. */
  header: string[];
  width: number;
  titleLines: { line: number; text: string }[];
  /** At most `maxRows` rows, without footnotes, sums, broken quotes or a repeated header. */
  dataRows: CsvRecord[];
  /** Footnote lines found so far: the sample's, and after `scanAll` the whole file's. */
  footnoteLines: number[];
  /**
   * Streams the whole file once, the sample's rows included, and calls `visit` for every data row (the
   * same rows `dataRows` holds, without the cap): how detect sees every label of a file whose later
   * labels first appear far below the sample. The rows are not kept. Call at most once.
   */
  scanAll(visit: (row: CsvRecord) => void): Promise<void>;
}

/** Decoded text looked at for the delimiter and line break. */
const dialectSampleChars = 64 * 1024;

/** Bytes handed to the decoder at a time while the file streams by. */
const scanSliceBytes = 1024 * 1024;
/** Records beyond the sample's data rows parsed before the header is looked for (title lines, footnotes). */
const headSlack = 200;

async function* slices(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += scanSliceBytes) yield bytes.subarray(at, at + scanSliceBytes);
}

/**
 * Reads the start of the file (the sample: the header and at most `maxRows` data rows) and keeps the
 * decoder and record splitter where they stopped, so `scanAll` can stream the rest without holding the
 * whole text or its records in memory.
 */
export async function readSample(bytes: Uint8Array, maxRows: number): Promise<Sample> {
  const decoded = decodeBytes(slices(bytes), 'auto');
  const chunks = decoded.chunks[Symbol.asyncIterator]();
  let head = '';
  let ended = false;
  while (head.length < dialectSampleChars && !ended) {
    const next = await chunks.next();
    if (next.done === true) ended = true;
    else head += next.value;
  }
  const { newline, delimiter } = sniffDialect(head, ended);
  const splitter = new RecordSplitter({ delimiter, newline });
  const records = splitter.push(head);
  while (records.length < maxRows + headSlack && !ended) {
    const next = await chunks.next();
    if (next.done === true) ended = true;
    else records.push(...splitter.push(next.value));
  }
  if (ended) records.push(...splitter.end());
  const headerIndex = findHeaderRow(records);
  if (headerIndex === -1) throw detectProblem({ kind: 'no_header' });
  const { names: header, cells, superLine } = headerNamesAt(records, headerIndex);
  const headerRecord = records[headerIndex] as CsvRecord;
  const width = header.length;
  const titleLines = collectTitleLines(records.slice(0, superLine === null ? headerIndex : headerIndex - 1));
  const collector = new DataRowCollector(cells, width, maxRows);
  for (const record of records.slice(headerIndex + 1)) collector.add(record);
  const headRest = collector.overflow.splice(0);
  if (ended) collector.finish();
  if (collector.dataRows.length === 0)
    throw detectProblem({ kind: 'no_data_rows', headerLine: headerRecord.line });
  let scanned = false;
  const sample: Sample = {
    encoding: decoded.encoding(),
    newline,
    delimiter,
    headerLine: headerRecord.line,
    superHeaderLine: superLine,
    header,
    width,
    titleLines,
    dataRows: collector.dataRows,
    footnoteLines: collector.footnoteLines,
    async scanAll(visit) {
      if (scanned) throw new Error('scanAll: the file has already been streamed');
      scanned = true;
      for (const row of collector.dataRows) visit(row);
      for (const row of headRest) visit(row);
      collector.visit = visit;
      if (ended) return;
      for (;;) {
        const next = await chunks.next();
        if (next.done === true) break;
        for (const record of splitter.push(next.value)) collector.add(record);
      }
      for (const record of splitter.end()) collector.add(record);
      collector.finish();
      sample.footnoteLines = collector.footnoteLines;
    },
  };
  return sample;
}

/**
 * The line break and the best-scoring delimiter, from the start of the file (`complete` when that is the
 * whole file); a file that is empty, binary or one column is refused.
 */
function sniffDialect(head: string, complete: boolean): { newline: Newline; delimiter: string } {
  if (head.trim() === '') throw detectProblem({ kind: 'empty' });
  if (head.includes('\u0000')) throw detectProblem({ kind: 'binary' });
  const text = head.slice(0, dialectSampleChars);
  const newline = detectNewline(text);
  const delimiter = rankDelimiters(text, newline, complete && head.length <= dialectSampleChars)[0];
  if (delimiter === undefined) {
    throw detectProblem({ kind: 'no_delimiter' });
  }
  return { newline, delimiter };
}

function nonEmptyCount(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) if (f.trim() !== '') n++;
  return n;
}

/**
 * The header row: the first record about as wide as the most common width (title lines above it are
 * narrower), or the record below it when that one is the second row of a two-row header whose first row
 * holds the label names (`isSubHeader`). A super-header above the header row is `headerNamesAt`'s to find,
 * exactly as the reader finds it.
 */
function findHeaderRow(records: readonly CsvRecord[]): number {
  const index = findWidestStart(records);
  const upper = records[index];
  const below = records[index + 1];
  if (upper !== undefined && below !== undefined && isSubHeader(upper.fields, below.fields)) return index + 1;
  return index;
}

/** The first record about as wide as the most common width. */
function findWidestStart(records: readonly CsvRecord[]): number {
  const frequency = new Map<number, number>();
  for (const r of records) {
    const n = nonEmptyCount(r.fields);
    if (n >= 2) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  }
  let width = 0;
  let count = 0;
  for (const [w, c] of frequency) {
    if (c > count || (c === count && w > width)) {
      width = w;
      count = c;
    }
  }
  const threshold = Math.max(2, Math.ceil(width * 0.6));
  return records.findIndex((r) => nonEmptyCount(r.fields) >= threshold);
}

function collectTitleLines(aboveHeader: readonly CsvRecord[]): Sample['titleLines'] {
  return aboveHeader
    .filter((r) => nonEmptyCount(r.fields) > 0)
    .map((r) => ({
      line: r.line,
      text: r.fields
        .filter((f) => f.trim() !== '')
        .join(' ')
        .trim(),
    }));
}

/**
 * Data rows: after the header, not footnotes (also ";Källa: …", a note in the second cell), sums, broken
 * quotes or the header row again (`headerCells`, as written). The first `maxRows` are kept as the sample;
 * later ones go to `visit` once the file streams (before that, to `overflow`).
 */
class DataRowCollector {
  readonly dataRows: CsvRecord[] = [];
  readonly overflow: CsvRecord[] = [];
  footnoteLines: number[] = [];
  visit: ((row: CsvRecord) => void) | null = null;
  private readonly header: string[];
  // A note line is a footnote only when no data follows it, as the reader decides (it is then no data
  // row either, so it stays out of the statistics).
  private pendingNotes: number[] = [];

  constructor(
    headerCells: readonly string[],
    private readonly width: number,
    private readonly maxRows: number,
  ) {
    this.header = headerCells.slice(0, width).map(normaliseName);
  }

  add(r: CsvRecord): void {
    const n = nonEmptyCount(r.fields);
    if (n === 0) return;
    if (isFootnote(r.fields)) {
      this.footnoteLines.push(r.line);
      return;
    }
    if (isNoteLine(r.fields, this.width)) {
      this.pendingNotes.push(r.line);
      return;
    }
    this.pendingNotes = [];
    if (isSummaryRow(r.fields, -1)) return;
    // A quote that never closes swallows the lines after it, and a header pasted again is no data.
    if (r.quoteError !== null) return;
    if (this.isHeaderAgain(r.fields)) return;
    if (this.dataRows.length < this.maxRows) this.dataRows.push(r);
    else if (this.visit !== null) this.visit(r);
    else this.overflow.push(r);
  }

  /** The end of the file: notes with no data after them were footnotes. */
  finish(): void {
    this.footnoteLines = [...this.footnoteLines, ...this.pendingNotes].sort((a, b) => a - b);
    this.pendingNotes = [];
  }

  private readonly firstCells = new Map<string, boolean>();

  private matchesFirst(cell: string): boolean {
    let hit = this.firstCells.get(cell);
    if (hit === undefined) {
      hit = normaliseName(cell) === this.header[0];
      if (this.firstCells.size >= 10_000) this.firstCells.clear();
      this.firstCells.set(cell, hit);
    }
    return hit;
  }

  private isHeaderAgain(fields: readonly string[]): boolean {
    const n = Math.min(fields.length, this.width);
    // Nearly every row already differs in its first cell, whose few distinct texts (the areas) are cached.
    if (n > 0 && !this.matchesFirst(fields[0] as string)) return false;
    for (let i = 1; i < n; i++) {
      if (normaliseName(fields[i] as string) !== this.header[i]) return false;
    }
    return true;
  }
}

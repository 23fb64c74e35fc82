import { detectNewline, rankDelimiters } from '../csv/dialect.ts';
import { headerNamesAt, isSubHeader, normaliseName } from '../csv/header-names.ts';
import { type CsvRecord, type Newline, sampleRecords } from '../csv/records.ts';
import { isFootnote, isNoteLine, isSummaryRow } from '../csv/row-rules.ts';
import { decodeWholeText } from '../csv/text-rows.ts';
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
  footnoteLines: number[];
}

/** Decoded text looked at for the delimiter and line break. */
const dialectSampleChars = 64 * 1024;

export async function readSample(bytes: Uint8Array, maxRows: number): Promise<Sample> {
  const { text, encoding } = await decodeWholeText(bytes);
  const { newline, delimiter } = sniffDialect(text);
  const records = sampleRecords(text, { delimiter, newline }, true);
  const headerIndex = findHeaderRow(records);
  if (headerIndex === -1) throw detectProblem({ kind: 'no_header' });
  const { names: header, cells, superLine } = headerNamesAt(records, headerIndex);
  const headerRecord = records[headerIndex] as CsvRecord;
  const width = header.length;
  const titleLines = collectTitleLines(records.slice(0, superLine === null ? headerIndex : headerIndex - 1));
  const { dataRows, footnoteLines } = collectDataRows(records.slice(headerIndex + 1), cells, width, maxRows);
  if (dataRows.length === 0) throw detectProblem({ kind: 'no_data_rows', headerLine: headerRecord.line });
  return {
    encoding,
    newline,
    delimiter,
    headerLine: headerRecord.line,
    superHeaderLine: superLine,
    header,
    width,
    titleLines,
    dataRows,
    footnoteLines,
  };
}

/** The line break and the best-scoring delimiter; a file that is empty, binary or one column is refused. */
function sniffDialect(text: string): { newline: Newline; delimiter: string } {
  if (text.trim() === '') throw detectProblem({ kind: 'empty' });
  if (text.includes('\u0000')) throw detectProblem({ kind: 'binary' });
  const newline = detectNewline(text.slice(0, dialectSampleChars));
  const delimiter = rankDelimiters(
    text.slice(0, dialectSampleChars),
    newline,
    text.length <= dialectSampleChars,
  )[0];
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
 * quotes or the header row again (`headerCells`, as written).
 */
function collectDataRows(
  belowHeader: readonly CsvRecord[],
  headerCells: readonly string[],
  width: number,
  maxRows: number,
): { dataRows: CsvRecord[]; footnoteLines: number[] } {
  const dataRows: CsvRecord[] = [];
  const footnoteLines: number[] = [];
  const header = headerCells.slice(0, width).map(normaliseName);
  // A note line is a footnote only when no data follows it, as the reader decides (it is then no data row
  // either, so it stays out of the statistics).
  let pendingNotes: number[] = [];
  for (const r of belowHeader) {
    const n = nonEmptyCount(r.fields);
    if (n === 0) continue;
    if (isFootnote(r.fields)) {
      footnoteLines.push(r.line);
      continue;
    }
    if (isNoteLine(r.fields, width)) {
      pendingNotes.push(r.line);
      continue;
    }
    pendingNotes = [];
    if (isSummaryRow(r.fields, -1)) continue;
    // A quote that never closes swallows the lines after it, and a header pasted again is no data.
    if (r.quoteError !== null) continue;
    if (r.fields.slice(0, width).every((f, i) => normaliseName(f) === header[i])) continue;
    if (dataRows.length < maxRows) dataRows.push(r);
  }
  footnoteLines.push(...pendingNotes);
  return { dataRows, footnoteLines: footnoteLines.sort((a, b) => a - b) };
}

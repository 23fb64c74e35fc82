/**
 * Series collapsing: when rows repeat a key (the same indicator, area, period and breakdown), the file
 * usually has a label column the definition does not read, and the rows are different series that
 * would collapse into one. The preview names the column that separates them.
 */
import { detectNewline } from '../csv/dialect.ts';
import { columnRefs, findColumn } from '../csv/header.ts';
import { sampleRecords } from '../csv/records.ts';
import { decodeWholeText } from '../csv/text-rows.ts';
import type { ReadSummary, Rejection } from '../csv/types.ts';
import type { CsvSourceDefinition } from '../definition.ts';
import { boundedForMatch } from '../safe-regex.ts';

export interface Collapse {
  /** The first repeated row and the row whose key it repeats. */
  lines: [number, number];
  /** Columns the definition does not read whose cells differ in every repeated pair looked at. */
  columns: string[];
  messageSv: string;
}

/** Repeated pairs compared: enough to tell a separating column from one that differs by chance. */
const maxPairs = 50;

export async function explainCollapse(
  bytes: Uint8Array,
  def: CsvSourceDefinition,
  summary: ReadSummary,
  rejections: readonly Rejection[],
): Promise<Collapse | null> {
  const pairs = repeatedPairs(rejections);
  const [first] = pairs;
  if (first === undefined) return null;
  const { text } = await decodeWholeText(bytes);
  const wanted = new Set([summary.headerLine, ...pairs.flat()]);
  const rows = new Map<number, string[]>();
  const dialect = { delimiter: summary.delimiter, newline: detectNewline(text.slice(0, 64 * 1024)) };
  for (const record of sampleRecords(text, dialect, true)) {
    if (wanted.has(record.line)) rows.set(record.line, record.fields);
  }
  const header = rows.get(summary.headerLine) ?? [];
  const names = header.map((cell, i) => (cell.trim() === '' ? `kolumn ${i + 1}` : cell.trim()));
  const read = readColumns(def, header);
  const cell = (line: number, i: number) => (rows.get(line)?.[i] ?? '').trim();
  const columns = names.filter((_, i) => !read.has(i) && pairs.every(([a, b]) => cell(a, i) !== cell(b, i)));
  const [kept, repeated] = first;
  const where = `rad ${repeated} har samma nyckeltal, område, period och indelning som rad ${kept}`;
  const messageSv =
    columns.length > 0
      ? `Serier slås ihop: ${where}, men kolumnen ${columns.map((c) => `"${c}"`).join(' eller ')} skiljer dem åt. ` +
        'Lägg till den i mapping.indicator.columns (tillsammans med nyckeltalets kolumn) så blir varje kombination ett eget nyckeltal.'
      : `Serier slås ihop: ${where}, och ingen kolumn som definitionen inte läser skiljer dem åt; raderna är dubbletter.`;
  return { lines: [kept, repeated], columns, messageSv };
}

function repeatedPairs(rejections: readonly Rejection[]): [number, number][] {
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (const r of rejections) {
    if (r.duplicateOf === undefined) continue;
    const id = `${r.duplicateOf}:${r.line}`;
    if (seen.has(id)) continue; // a wide row repeats once per value cell
    seen.add(id);
    pairs.push([r.duplicateOf, r.line]);
    if (pairs.length >= maxPairs) break;
  }
  return pairs;
}

/** Columns the definition reads: the ones it names, and a wide file's value columns. */
function readColumns(def: CsvSourceDefinition, header: readonly string[]): Set<number> {
  const read = new Set(columnRefs(def.mapping).map((r) => findColumn(r.ref, header)));
  if (def.mapping.layout === 'wide') {
    const pattern = new RegExp(def.mapping.wide.columns, 'u');
    header.forEach((name, i) => {
      if (pattern.test(boundedForMatch(name))) read.add(i);
    });
  }
  return read;
}

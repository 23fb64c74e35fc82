// A whole file held in memory, from bytes to rows of cells with their line numbers, for readers that look
// at the text as a document (the follow-up report importer) rather than as one table of records. The
// encoding, newline and delimiter are decided as the CSV reader decides them.
import { type DetectedEncoding, decodeBytes } from './decode.ts';
import { candidateDelimiters, type Delimiter, detectNewline, rankDelimiters } from './dialect.ts';
import { type Newline, sampleRecords } from './records.ts';

/** How much text the dialect is decided on, as the CSV reader and the detector sample it. */
const sampleChars = 64 * 1024;

export interface WholeText {
  /** The text, BOM removed. */
  text: string;
  encoding: DetectedEncoding;
}

/** Decodes a whole file: a BOM decides, else valid UTF-8 is UTF-8 and anything else Windows-1252. */
export async function decodeWholeText(bytes: Uint8Array): Promise<WholeText> {
  const decoded = decodeBytes(
    (async function* () {
      yield bytes;
    })(),
    'auto',
  );
  let text = '';
  for await (const chunk of decoded.chunks) text += chunk;
  return { text, encoding: decoded.encoding() };
}

export interface TextRow {
  /** 1-based line where the row starts in the file, for messages ("rad 57"). */
  line: number;
  /** Trimmed cells; trailing empty cells (Excel pads rows to the widest one) are kept as "". */
  cells: string[];
}

export interface TextRows {
  rows: TextRow[];
  delimiter: Delimiter;
  newline: Newline;
}

/**
 * Splits a whole text into rows. Blank lines stay as rows, so that line numbers match the file. The
 * delimiter is the best of `delimiters` (see rankDelimiters), the first of them when none splits a line.
 *
 * Quoting is Excel's (a cell that starts with a double quote may hold delimiters, doubled quotes and line
 * breaks); a quote elsewhere in a cell is plain text. A quote that papaparse cannot close, as in a paste
 * whose cell starts with a quoted phrase ('"Var vill du bo?" – projekt'), would swallow the rest of the
 * file into one cell, so the lines of such a record are split as plain text instead, one row each.
 */
export function splitTextRows(
  text: string,
  delimiters: readonly Delimiter[] = candidateDelimiters,
): TextRows {
  const sample = text.slice(0, sampleChars);
  const newline = detectNewline(sample);
  const ranked = rankDelimiters(sample, newline, text.length <= sampleChars);
  const delimiter = ranked.find((d) => delimiters.includes(d)) ?? delimiters[0] ?? ';';
  const rows: TextRow[] = [];
  let physicalLines: string[] | null = null;
  for (const record of sampleRecords(text, { delimiter, newline }, true)) {
    if (record.quoteError === null) {
      rows.push({ line: record.line, cells: record.fields.map((cell) => cell.trim()) });
      continue;
    }
    physicalLines ??= splitPhysicalLines(text, newline);
    const lastLine = Math.min(record.lastLine, physicalLines.length);
    for (let line = record.line; line <= lastLine; line++) {
      const cells = (physicalLines[line - 1] ?? '').split(delimiter).map((cell) => cell.trim());
      rows.push({ line, cells });
    }
  }
  return { rows, delimiter, newline };
}

/** The file's lines, counted on "\n" (or a lone "\r") as the record splitter counts them. */
function splitPhysicalLines(text: string, newline: Newline): string[] {
  const mark = newline === '\r' ? '\r' : '\n';
  const lines = text.split(mark);
  // A final line break ends the last line; it does not start another.
  if (text.endsWith(mark)) lines.pop();
  return lines;
}

import Papa from 'papaparse';
import { CsvReadError } from './errors.ts';

export type Newline = '\r\n' | '\n' | '\r';

export interface CsvRecord {
  fields: string[];
  /** Physical line (1-based) the record starts on. */
  line: number;
  /** Physical line it ends on; later than `line` when a quoted field holds line breaks. */
  lastLine: number;
  /** papaparse found a quote that never closes, or a closing quote followed by more text. */
  quoteError: 'unclosed' | 'malformed' | null;
}

export interface Dialect {
  delimiter: string;
  newline: Newline;
}

/** Longest record we accept; a longer one is an unclosed quote swallowing the file, not data. */
export const maxRecordChars = 4 * 1024 * 1024;

function countBreaks(field: string, newline: Newline): number {
  const mark = newline === '\r' ? '\r' : '\n';
  let count = 0;
  let at = field.indexOf(mark);
  while (at !== -1) {
    count++;
    at = field.indexOf(mark, at + 1);
  }
  return count;
}

/**
 * Splits decoded text into records with papaparse's incremental parser: each chunk is parsed with the
 * last, possibly incomplete, record held back and prepended to the next chunk, which is what papaparse's
 * own streamers do. Driving the parser from a pull-based loop (instead of `Papa.parse` with a `step`
 * callback) gives backpressure for free and keeps papaparse's per-row quote errors, which the duplex
 * stream mode drops.
 *
 * Line numbers count physical lines, so a record whose quoted field holds line breaks starts on `line`
 * and the next record starts after its last break.
 */
export class RecordSplitter {
  private readonly parser: Papa.Parser;
  private partial = '';
  private line = 1;

  constructor(private readonly dialect: Dialect) {
    this.parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline, quoteChar: '"' });
  }

  /** Records completed by this chunk; an incomplete last record waits for the next chunk. */
  push(chunk: string): CsvRecord[] {
    const records = this.parse(this.partial + chunk, false);
    if (this.partial.length > maxRecordChars) {
      throw new CsvReadError(
        `Posten som börjar på rad ${this.line} är längre än ${maxRecordChars / 1024 / 1024} miljoner tecken; ` +
          'troligen öppnas ett citattecken (") som aldrig stängs',
        `The record starting on line ${this.line} is longer than ${maxRecordChars / 1024 / 1024} million ` +
          'characters; most likely a quote (") opens and never closes',
      );
    }
    return records;
  }

  /** The last record, at the end of the input (a quote still open is reported on it). */
  end(): CsvRecord[] {
    return this.partial === '' ? [] : this.parse(this.partial, true);
  }

  private parse(text: string, atEnd: boolean): CsvRecord[] {
    const result = this.parser.parse(text, 0, !atEnd) as Papa.ParseResult<string[]>;
    const quoteErrors = new Map<number, 'unclosed' | 'malformed'>();
    for (const error of result.errors) {
      if (error.type !== 'Quotes' || error.row === undefined) continue;
      if (error.code === 'MissingQuotes' || !quoteErrors.has(error.row)) {
        quoteErrors.set(error.row, error.code === 'MissingQuotes' ? 'unclosed' : 'malformed');
      }
    }
    const mayHoldBreaks = text.includes('"');
    const records: CsvRecord[] = [];
    for (const [i, fields] of result.data.entries()) {
      let breaks = 0;
      if (mayHoldBreaks)
        for (const f of fields) if (f.length > 0) breaks += countBreaks(f, this.dialect.newline);
      records.push({
        fields,
        line: this.line,
        lastLine: this.line + breaks,
        quoteError: quoteErrors.get(i) ?? null,
      });
      this.line += breaks + 1;
    }
    this.partial = atEnd ? '' : text.slice(result.meta.cursor);
    return records;
  }
}

/** Records a chunk at a time: one await per chunk instead of per record. */
export async function* readRecordBatches(
  chunks: AsyncIterable<string>,
  dialect: Dialect,
): AsyncGenerator<CsvRecord[]> {
  const splitter = new RecordSplitter(dialect);
  for await (const chunk of chunks) {
    const records = splitter.push(chunk);
    if (records.length > 0) yield records;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

export async function* readRecords(
  chunks: AsyncIterable<string>,
  dialect: Dialect,
): AsyncGenerator<CsvRecord> {
  const splitter = new RecordSplitter(dialect);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}

/** The records of a sample of text, without the incomplete last one unless the sample is the whole file. */
export function sampleRecords(sample: string, dialect: Dialect, complete: boolean): CsvRecord[] {
  const splitter = new RecordSplitter(dialect);
  return [...splitter.push(sample), ...(complete ? splitter.end() : [])];
}

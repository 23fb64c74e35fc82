import { CsvReadError, formatSwedishNumber } from './errors.ts';
import { maxRecordChars } from './records.ts';

/*
 * A steward's sample is detected and previewed in the dashboard's (or the CLI's) own process, from one
 * buffer. The worker streams a file and refuses a record longer than `maxRecordChars` as it grows; a
 * preview reads the whole buffer at once and would build a million columns, and a fact or rejection for
 * each, before anything stops it (the 2026-12 probe: RangeError after 5.8 s, a 500). So a sample is
 * measured line by line before it is read: a line longer than the worker's record bound, or with more
 * columns than a preview shows, is refused at once with a Swedish reason.
 */

/** Columns a detect or preview reads on one line; far more than any export we have seen (a few hundred). */
export const MAX_SAMPLE_COLUMNS = 10_000;

const SEPARATORS = [0x3b, 0x2c, 0x09, 0x7c]; // ; , tab |
const LF = 0x0a;
const CR = 0x0d;

/**
 * The first line of `bytes` that is too long or too wide, as the error a run would give; null when
 * every line fits. Counted in bytes (a line break and the separators are single bytes in every
 * encoding we read, UTF-16 too), so a line of non-ASCII text meets the length bound a little earlier
 * than it would in the worker, which counts characters.
 */
export function findOversizedLine(bytes: Uint8Array): CsvReadError | null {
  let line = 1;
  let start = 0;
  const counts = [0, 0, 0, 0];
  for (let i = 0; i <= bytes.length; i++) {
    const byte = i < bytes.length ? bytes[i] : LF;
    if (byte === LF || byte === CR) {
      if (i - start > maxRecordChars) return tooLong(line);
      if (byte === CR && bytes[i + 1] === LF) i++;
      line++;
      start = i + 1;
      counts.fill(0);
      continue;
    }
    const separator = SEPARATORS.indexOf(byte as number);
    if (separator !== -1 && ++(counts[separator] as number) >= MAX_SAMPLE_COLUMNS) return tooWide(line);
  }
  return null;
}

function tooLong(line: number): CsvReadError {
  const millions = maxRecordChars / 1024 / 1024;
  return new CsvReadError(
    `Rad ${line} är längre än ${millions} miljoner tecken, den gräns en körning också har; ` +
      'troligen öppnas ett citattecken (") som aldrig stängs, eller saknas radbrytningar',
    `Line ${line} is longer than ${millions} million characters, the limit a run has too; most likely a ` +
      'quote (") opens and never closes, or the line breaks are missing',
  );
}

function tooWide(line: number): CsvReadError {
  const most = formatSwedishNumber(MAX_SAMPLE_COLUMNS);
  return new CsvReadError(
    `Rad ${line} har fler än ${most} kolumner; en provfil kan ha högst ${most}`,
    `Line ${line} has more than ${MAX_SAMPLE_COLUMNS} columns; a sample may have at most ${MAX_SAMPLE_COLUMNS}`,
  );
}

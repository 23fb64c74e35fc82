/**
 * A file the reader cannot read at all (no header row, a column the mapping names is missing, a record
 * too large to be real). The run must fail rather than load part of the file, so this is thrown, not
 * reported as a rejected row. The message is Swedish with the English after it, for the run log.
 */
export class CsvReadError extends Error {
  readonly reasonSv: string;
  readonly reasonEn: string;

  constructor(reasonSv: string, reasonEn: string) {
    super(`${reasonSv} (${reasonEn})`);
    this.name = 'CsvReadError';
    this.reasonSv = reasonSv;
    this.reasonEn = reasonEn;
  }
}

const svNumber = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 6 });

/** A number as Swedes write it ("100 000", "14,5"), with ordinary spaces so it reads well in any log. */
export function formatSwedishNumber(value: number): string {
  return svNumber
    .format(value)
    .replace(/[\u00A0\u202F]/g, ' ')
    .replace('\u2212', '-');
}

/** Shortens a raw cell or row for a rejection, so one broken 5 MB field does not fill the log. */
export function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

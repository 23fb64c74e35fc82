import type { Period } from './period.ts';
import type { ValueNote } from './swedish-number.ts';

/** Lookups the caller provides (from dim.areas and dim.indicators); the reader does no I/O of its own. */
export interface ReadContext {
  /** "0586", "0586 Mjölby", "Mjölby" or an org unit's name -> area code; the reader tries a leading 4-digit code first. */
  resolveArea(raw: string): string | undefined;
  /** Raw text (after `mapping.indicator.map`) -> indicator key, if known. */
  resolveIndicator(raw: string): string | undefined;
}

export type Fact = {
  /** Physical line (1-based) of the row the value came from. */
  line: number;
  indicatorKey: string;
  areaCode: string;
  period: Period;
  breakdown: string;
  value: number | null;
  valueNote: ValueNote | null;
};

export type Rejection = {
  /** Physical line where the rejected record starts. */
  line: number;
  /** The column as the header names it; null when the whole row is at fault or the value came from the definition. */
  column: string | null;
  raw: string;
  reasonSv: string;
  reasonEn: string;
};

export type Skip = { line: number; reason: string };

export interface ReadBatch {
  facts: Fact[];
  rejections: Rejection[];
  skips: Skip[];
}

export interface ReadSummary {
  encoding: string;
  delimiter: string;
  /** The decimal sign values were read with: the definition's, or the one the data showed ("auto"). */
  decimal: ',' | '.';
  /** The header row (the lower row of a two-row header). */
  headerLine: number;
  /** Data rows after the header: rows that gave facts, rejected rows and rows skipped by rule. */
  rowsRead: number;
  facts: number;
  rejected: number;
  skipped: number;
}

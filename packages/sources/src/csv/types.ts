import type { Period } from './period.ts';
import type { ValueNote } from './swedish-number.ts';

/** Lookups the caller provides (from dim.areas and dim.indicators); the reader does no I/O of its own. */
export interface ReadContext {
  /**
   * "0586", "0586 Mjölby", "01 Stockholms län", "Mjölby" or an org unit's name -> area code. Build it with
   * `createAreaResolver` (src/areas/resolve.ts) over the register, so every reader resolves alike.
   */
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
  /** A repeated key: the line whose value was kept (what the preview explains a collapse with). */
  duplicateOf?: number;
};

export type Skip = { line: number; reason: string };

/** An indicator a run creates (`mapping.indicator.create`): a label no map and no register knew. */
export type NewIndicator = { key: string; title: string };

export interface ReadBatch {
  facts: Fact[];
  rejections: Rejection[];
  skips: Skip[];
  /** Indicators first named in this batch that the run must create before its facts are stored. */
  newIndicators?: NewIndicator[];
}

/**
 * What one file gave. Rows and values are counted apart: every data row after the header is exactly one
 * of loaded, skipped or rejected (`rowsRead = rowsLoaded + skipped + rowsRejected`, long and wide files
 * alike), while a wide row gives one value per value cell, each a fact or a rejection.
 */
export interface ReadSummary {
  encoding: string;
  delimiter: string;
  /** The decimal sign values were read with: the definition's, or the one the data showed ("auto"). */
  decimal: ',' | '.';
  /** The header row (the lower row of a two-row header). */
  headerLine: number;
  /** Data rows after the header: loaded + skipped + rejected rows. */
  rowsRead: number;
  /** Rows that gave at least one fact (a wide row with some bad cells is loaded; its bad cells are rejected values). */
  rowsLoaded: number;
  /** Rows that gave no fact and at least one rejection. */
  rowsRejected: number;
  /** Values: facts the file gave. */
  facts: number;
  /** Values rejected (one per rejection: a bad cell, or a row refused as a whole). */
  rejected: number;
  /** Rows skipped by rule: blank, footnote, summary, repeated header, `mapping.skip_rows`. */
  skipped: number;
}

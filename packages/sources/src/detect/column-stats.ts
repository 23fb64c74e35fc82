import { normaliseName } from '../csv/header.ts';
import { parsePeriod } from '../csv/period.ts';
import type { CsvRecord } from '../csv/records.ts';
import { decimalEvidence, parseSwedishNumber } from '../csv/swedish-number.ts';

/** What the sample's cells in one column look like: the evidence columns are classified by. */
export interface ColumnStats {
  index: number;
  name: string;
  nonEmpty: number;
  numbers: number;
  /** Missing or suppressed markers ("..", "*", "Inga nya data"); empty cells are not counted. */
  missing: number;
  periods: number;
  areas: number;
  codeLike: number;
  /** Integers written with a leading zero ("01", "0180"): codes, which no measure writes. */
  leadingZeros: number;
  breakdowns: number;
  percent: number;
  commaDecimals: number;
  dotDecimals: number;
  maxDecimals: number;
  distinct: Map<string, number>;
}

export const breakdownWords = new Set([
  't',
  'k',
  'm',
  'totalt',
  'total',
  'alla',
  'samtliga',
  'kvinnor',
  'män',
  'flickor',
  'pojkar',
  'båda könen',
]);

export function analyseColumns(
  header: readonly string[],
  rows: readonly CsvRecord[],
  resolveArea: (raw: string) => string | undefined,
): ColumnStats[] {
  return header.map((name, i) => analyseColumn(i, name, rows, resolveArea));
}

function analyseColumn(
  index: number,
  name: string,
  rows: readonly CsvRecord[],
  resolveArea: (raw: string) => string | undefined,
): ColumnStats {
  const s: ColumnStats = {
    index,
    name,
    nonEmpty: 0,
    numbers: 0,
    missing: 0,
    periods: 0,
    areas: 0,
    codeLike: 0,
    leadingZeros: 0,
    breakdowns: 0,
    percent: 0,
    commaDecimals: 0,
    dotDecimals: 0,
    maxDecimals: 0,
    distinct: new Map(),
  };
  for (const row of rows) {
    const raw = row.fields[index] ?? '';
    const text = raw.trim();
    if (text === '') continue;
    s.nonEmpty++;
    if (s.distinct.size < 2_000) s.distinct.set(text, (s.distinct.get(text) ?? 0) + 1);
    const num = parseSwedishNumber(text, { decimal: ',' });
    const dotNum = num.ok ? num : parseSwedishNumber(text, { decimal: '.' });
    if (dotNum.ok && dotNum.value !== null) s.numbers++;
    else if (dotNum.ok) s.missing++;
    if (/%\s*$/.test(text)) s.percent++;
    const evidence = decimalEvidence(text);
    if (evidence !== null) {
      if (evidence.decimal === ',') s.commaDecimals++;
      else s.dotDecimals++;
      s.maxDecimals = Math.max(s.maxDecimals, evidence.decimals);
    }
    if (/^0\d+$/.test(text)) s.leadingZeros++;
    if (parsePeriod(text) !== null) s.periods++;
    if (resolveArea(text) !== undefined) s.areas++;
    if (/^\d{4}(?!\d)/.test(text)) s.codeLike++;
    if (breakdownWords.has(normaliseName(text))) s.breakdowns++;
  }
  return s;
}

// "Kommunkod", "Kommun-kod", "Kommungrupp kod", "Länskod", "KPI-id", "Huvudman orgnr": a code, not a measure.
const codeHeader = /(?:kod|code|^id|[\s-]id|nr|nummer)$/iu;

/**
 * A code column: its header says so, or a cell has a leading zero ("01", "0586"). Its digits are text
 * (a län code "01" is not 1, SKR's group "1" is no measure), so it is never a value column.
 */
export const isCodeColumn = (s: ColumnStats) =>
  s.leadingZeros > 0 ||
  normaliseName(s.name)
    .split(/[\s/]+/)
    .some((word) => codeHeader.test(word));

/** Numbers or missing markers in (nearly) every row, at least one real number, and no code column. */
export const isNumeric = (s: ColumnStats) =>
  s.numbers > 0 && s.numbers + s.missing >= 0.8 * s.nonEmpty && !isCodeColumn(s);

export interface NumberFormat {
  decimal: ',' | '.';
  /** Decimals shown for new indicators: the most the values have, at most six. */
  maxDecimals: number;
  /** "%" when most values carry a percent sign. */
  unit: string;
}

/** Decimal sign: a comma unless more numbers are written with a decimal point (as `chooseDecimal`). */
export function guessNumberFormat(valueColumns: readonly ColumnStats[]): NumberFormat {
  const commas = valueColumns.reduce((n, s) => n + s.commaDecimals, 0);
  const dots = valueColumns.reduce((n, s) => n + s.dotDecimals, 0);
  const decimal: ',' | '.' = dots > commas ? '.' : ',';
  const maxDecimals = Math.min(6, Math.max(0, ...valueColumns.map((s) => s.maxDecimals)));
  const percentShare =
    valueColumns.reduce((n, s) => n + s.percent, 0) /
    Math.max(
      1,
      valueColumns.reduce((n, s) => n + s.numbers, 0),
    );
  const unit = percentShare >= 0.5 ? '%' : '';
  return { decimal, maxDecimals, unit };
}

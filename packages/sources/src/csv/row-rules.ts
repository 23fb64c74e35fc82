import { boundedForMatch } from '../safe-regex.ts';
import { normaliseName } from './normalise.ts';
import { parseSwedishNumber } from './swedish-number.ts';

/** A declared `mapping.skip_rows` rule, its column found in the header. */
export interface SkipRule {
  index: number;
  columnName: string;
  pattern: RegExp;
  source: string;
  path: string;
}

// Footnotes under a table: "* Preliminära siffror", "Källa: SCB", "Anm: …", "Fotnot: …".
export const footnotePattern =
  /^(?:\*|(?:källa|källor|kalla|anm|anmärkning|anmärkningar|fotnot|not|noter|förklaring|kommentar|source|note)\s*[:.]|källa\s)/iu;
// A row of sums someone left in the export.
const summaryPattern = /^(?:totalt|total|summa|totalsumma|delsumma)(?![\p{L}\p{N}])/iu;

export function isBlank(fields: readonly string[]): boolean {
  return fields.every((cell) => cell.trim() === '');
}

export function firstNonEmpty(fields: readonly string[]): { index: number; text: string } | null {
  for (const [index, cell] of fields.entries()) {
    const text = cell.trim();
    if (text !== '') return { index, text };
  }
  return null;
}

/** Neither a footnote nor a summary row starts with a digit; most data rows do (an area code, a year). */
function startsWithDigit(fields: readonly string[]): boolean {
  const c = (fields[0] ?? '').charCodeAt(0);
  return c >= 48 && c <= 57;
}

export function isFootnote(fields: readonly string[]): boolean {
  if (startsWithDigit(fields)) return false;
  const first = firstNonEmpty(fields);
  return first !== null && footnotePattern.test(first.text) && first.text !== '*';
}

/**
 * A line under (or between) the rows that is text in one cell only: a one-field line ("Källa: SCB 2017",
 * "Socialstyrelsens statistikdatabas 2019-11-28") or a line that starts with the delimiter and holds one
 * piece of text (";Uppgifterna för 2016 är preliminära", as Excel writes a note typed into column B). It is
 * a footnote when nothing but such lines and blank lines follow it, a broken row when data does. A row
 * whose one cell is a number or a missing-value marker ("Mjölby;;;" or ";;..;") is data, not a note.
 */
export function isNoteLine(fields: readonly string[], width: number): boolean {
  if (width < 2) return false;
  if (fields.length === 1) return true;
  if ((fields[0] ?? '').trim() !== '') return false;
  let text: string | null = null;
  for (let i = 1; i < fields.length; i++) {
    const cell = (fields[i] as string).trim();
    if (cell === '') continue;
    if (text !== null) return false;
    text = cell;
  }
  return text !== null && /\p{L}/u.test(text) && !parseSwedishNumber(text).ok;
}

/**
 * A summary row ("Totalt", "Summa") found without a declared skip rule. The cell must not be in the
 * breakdown column, where "Totalt" is the total breakdown T and a real value.
 */
export function isSummaryRow(fields: readonly string[], breakdownColumn: number): boolean {
  if (startsWithDigit(fields)) return false;
  const first = firstNonEmpty(fields);
  return first !== null && first.index !== breakdownColumn && summaryPattern.test(first.text);
}

/**
 * Whether a cell can normalise to `name`, judged by its first character alone: an ASCII character
 * lower-cases only to itself or its lower case, so a different one rules the cell out without the
 * (slow) normalisation. Anything else is left to the full comparison.
 */
function mayNormaliseTo(cell: string, name: string): boolean {
  const c = cell.charCodeAt(0);
  const n = name.charCodeAt(0);
  if (Number.isNaN(c) || c <= 32 || c >= 128 || n >= 128) return true;
  return (c >= 65 && c <= 90 ? c + 32 : c) === n;
}

export function isRepeatedHeader(fields: readonly string[], normalisedHeader: readonly string[]): boolean {
  if (fields.length < normalisedHeader.length) return false;
  for (let i = 0; i < normalisedHeader.length; i++) {
    const name = normalisedHeader[i] as string;
    if (name !== '' && !mayNormaliseTo(fields[i] ?? '', name)) return false;
  }
  return normalisedHeader.every((name, i) => name === '' || normaliseName(fields[i] ?? '') === name);
}

export function matchSkipRule(fields: readonly string[], rules: readonly SkipRule[]): SkipRule | null {
  for (const rule of rules) {
    if (rule.pattern.test(boundedForMatch((fields[rule.index] ?? '').trim()))) return rule;
  }
  return null;
}

/**
 * Column names as the reader and detect both see them. Agencies write headers people read, not keys a
 * program can use: SCB leaves the region column's header empty, Socialstyrelsen writes "45­49" with an
 * invisible soft hyphen, Skolverket puts "Samtliga elever" over "Antal elever; Andel (%)" (two header rows)
 * and repeats "Antal elever" under every group, Excel adds ";;" to every line. `headerNamesAt` turns the
 * header rows into names that are unique, visible and stable, so a definition can name any column and the
 * reader finds the same name in the same file:
 *
 * - a super-header row directly above the header (`isSuperHeader`) is combined with it: "Samtliga elever –
 *   Antal elever" (a group's text runs on to the right until the next one, as a merged cell does);
 * - an empty header cell is "kolumn 3" (its 1-based position);
 * - a repeated name gets its occurrence: "Antal elever", "Antal elever (2)", "Antal elever (3)";
 * - a soft hyphen between digits is an en dash ("45–49"), any other soft hyphen is dropped, and spaces
 *   are collapsed;
 * - trailing empty header cells (a trailing ";") are no columns.
 *
 * Names match case-insensitively and with any dash (`normaliseName`), so "samtliga elever - antal elever"
 * in a hand-written definition names the same column.
 */
import { cleanHeaderText, normaliseName } from './normalise.ts';
import { parsePeriod } from './period.ts';
import type { CsvRecord } from './records.ts';
import { footnotePattern } from './row-rules.ts';
import { parseSwedishNumber } from './swedish-number.ts';

export { cleanHeaderText, normaliseName };

/** How a super-header and its header are joined: "Samtliga elever – Antal elever". */
export const superHeaderJoin = ' – ';

/** Number of columns a header really has: trailing empty cells (a trailing ";") do not count. */
export function headerWidth(header: readonly string[]): number {
  let width = header.length;
  while (width > 0 && cleanHeaderText(header[width - 1] ?? '') === '') width--;
  return width;
}

const nonEmptyIndexes = (fields: readonly string[]) =>
  fields.flatMap((cell, i) => (cleanHeaderText(cell) === '' ? [] : [i]));

/**
 * Whether `upper` is a super-header over `lower` (the record right below it): its cells group the
 * header's columns, as merged cells in a spreadsheet do. Two shapes are written:
 *
 * - groups over value columns, nothing over the label columns at the left:
 *   `;;;Samtliga elever;;Flickor;` over `Kommun;Kod;Huvudman;Antal elever;Andel (%);Antal elever;…`
 *   (also with the group repeated in every cell it spans, as Skolverket's SIRIS exports do);
 * - the label names in the upper row and only the groups' parts in the lower one:
 *   `Kommun;Kod;Samtliga elever;;Flickor;` over `;;Antal elever;Andel (%);Antal elever;…`.
 *
 * The upper row has at least two cells: a row with one piece of text is a title, wherever Excel put it
 * (";Tabell 1. Invånare per kommun"); a single group over every value column adds nothing a name needs,
 * so the header's own names stand. Footnote-like or long text ("Källa: SCB", a sentence) is never a
 * group, and nothing may stand beyond the header's width.
 */
export function isSuperHeader(upper: readonly string[], lower: readonly string[]): boolean {
  const lowerWidth = headerWidth(lower);
  const upperCells = nonEmptyIndexes(upper);
  if (upperCells.length < 2 || lowerWidth < 2) return false;
  if (upperCells.some((i) => i >= lowerWidth)) return false;
  const texts = upperCells.map((i) => cleanHeaderText(upper[i] ?? ''));
  if (texts.some((t) => t.length > 60 || footnotePattern.test(t))) return false;
  const lowerCells = nonEmptyIndexes(lower);
  const first = upperCells[0] as number;
  // Groups over value columns, labels at the left only in the lower row.
  const groupsOverValues = first >= 1 && lowerCells.some((i) => i < first);
  // Labels in the upper row, the groups' parts in the lower one: each row fills cells the other leaves empty.
  const complementary =
    upperCells.some((i) => !lowerCells.includes(i)) &&
    lowerCells.some((i) => cleanHeaderText(upper[i] ?? '') === '');
  return groupsOverValues || complementary;
}

/**
 * Whether `lower` is the second row of a two-row header whose first row is `upper` (detect finds the
 * upper one first when it is the wider): a super-header relation, and every cell of `lower` is a label or
 * a period ("Män;;Kvinnor;" over "region;2016;2017;2016;2017"), never another number or a missing-value
 * marker, which data rows of a table with values have. An upper row of periods only is a header of its
 * own, with data below it.
 */
export function isSubHeader(upper: readonly string[], lower: readonly string[]): boolean {
  if (!isSuperHeader(upper, lower)) return false;
  const upperTexts = upper.map(cleanHeaderText).filter((t) => t !== '');
  if (upperTexts.every((t) => parsePeriod(t) !== null)) return false;
  return lower.every((cell) => {
    const text = cleanHeaderText(cell);
    return text === '' || !parseSwedishNumber(text).ok || parsePeriod(text) !== null;
  });
}

/** Header cells of two rows as one: the super-header runs on to the right until the next group. */
export function combineHeaderRows(upper: readonly string[], lower: readonly string[]): string[] {
  const width = Math.max(headerWidth(lower), headerWidth(upper));
  const combined: string[] = [];
  let group = '';
  for (let i = 0; i < width; i++) {
    const top = cleanHeaderText(upper[i] ?? '');
    if (top !== '') group = top;
    const bottom = cleanHeaderText(lower[i] ?? '');
    // A group runs on only over the columns with a name of their own below it.
    const over = top !== '' ? top : bottom !== '' ? group : '';
    combined.push(over === '' ? bottom : bottom === '' ? over : `${over}${superHeaderJoin}${bottom}`);
  }
  return combined;
}

/** Unique, visible names for header cells: empty cells by position, repeats by occurrence. */
export function uniqueColumnNames(cells: readonly string[]): string[] {
  const width = headerWidth(cells);
  const taken = new Set<string>();
  const names: string[] = [];
  for (let i = 0; i < width; i++) {
    const text = cleanHeaderText(cells[i] ?? '');
    const base = text === '' ? `kolumn ${i + 1}` : text;
    let name = base;
    for (let n = 2; taken.has(normaliseName(name)); n++) name = `${base} (${n})`;
    taken.add(normaliseName(name));
    names.push(name);
  }
  return names;
}

/** The header at `records[index]`, with the super-header right above it if there is one. */
export interface HeaderNames {
  /** Unique column names, one per column of the header's width. */
  names: string[];
  /** The header row's own cells (the lower row of a two-row header), as written. */
  cells: string[];
  /** Line of the super-header row, or null for a one-row header. */
  superLine: number | null;
}

/** Column names for the header at `records[index]`; the same answer for detect and the reader. */
export function headerNamesAt(records: readonly CsvRecord[], index: number): HeaderNames {
  const record = records[index] as CsvRecord;
  const above = index > 0 ? records[index - 1] : undefined;
  if (above !== undefined && above.quoteError === null && isSuperHeader(above.fields, record.fields)) {
    return {
      names: uniqueColumnNames(combineHeaderRows(above.fields, record.fields)),
      cells: record.fields,
      superLine: above.line,
    };
  }
  return { names: uniqueColumnNames(record.fields), cells: record.fields, superLine: null };
}

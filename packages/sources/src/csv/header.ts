import { classificationColumnRefs } from '../classification/column-refs.ts';
import type { ColumnRef, CsvSourceDefinition as SourceDefinition } from '../definition.ts';
import { boundedForMatch } from '../safe-regex.ts';
import { CsvReadError, clip } from './errors.ts';
import { type HeaderNames, headerNamesAt, headerWidth, uniqueColumnNames } from './header-names.ts';
import { normaliseName } from './normalise.ts';
import type { CsvRecord } from './records.ts';
import { parseSwedishNumber } from './swedish-number.ts';

export { headerWidth, normaliseName };

/**
 * 0-based index of the column a reference names, or -1. `header` is the column names (`headerNamesAt`),
 * or a row's raw cells where no names were made.
 */
export function findColumn(ref: ColumnRef, header: readonly string[]): number {
  if (typeof ref === 'number') return ref <= header.length ? ref - 1 : -1;
  const wanted = normaliseName(ref);
  return header.findIndex((cell) => normaliseName(cell) === wanted);
}

export interface NamedRef {
  /** Where in the definition the reference is, e.g. "mapping.value.column". */
  path: string;
  ref: ColumnRef;
}

/** Every column the mapping refers to. */
export function columnRefs(mapping: SourceDefinition['mapping']): NamedRef[] {
  if (mapping.layout === 'classification') return classificationColumnRefs(mapping);
  const refs: NamedRef[] = [];
  const fields: [string, { column?: ColumnRef } | undefined][] = [
    ['indicator', mapping.indicator],
    ['area', mapping.area],
    ['period', mapping.period],
    ['breakdown', mapping.breakdown],
    ['value', mapping.layout === 'long' ? mapping.value : undefined],
  ];
  for (const [dim, field] of fields) {
    if (field?.column !== undefined) refs.push({ path: `mapping.${dim}.column`, ref: field.column });
  }
  for (const [i, ref] of (mapping.indicator?.columns ?? []).entries()) {
    refs.push({ path: `mapping.indicator.columns[${i}]`, ref });
  }
  for (const [i, rule] of (mapping.skip_rows ?? []).entries()) {
    refs.push({ path: `mapping.skip_rows[${i}].column`, ref: rule.column });
  }
  return refs;
}

function fitsMapping(
  header: HeaderNames,
  def: SourceDefinition,
  refs: NamedRef[],
  wide: RegExp | null,
): boolean {
  const names = header.names;
  const used = new Set<number>();
  for (const { ref } of refs) {
    const index = findColumn(ref, names);
    if (index === -1) return false;
    used.add(index);
  }
  if (wide !== null && !names.some((name, i) => !used.has(i) && wide.test(boundedForMatch(name))))
    return false;
  const nonEmpty = header.cells.filter((cell) => cell.trim() !== '');
  if (nonEmpty.length === 0) return false;
  if (refs.some((r) => typeof r.ref === 'string') || wide !== null) return true;
  // Only column numbers: take the first row of labels, i.e. at least two cells and none a number (in
  // either decimal sign when the definition leaves it to the data).
  const decimals: (',' | '.')[] = def.parse.decimal === 'auto' ? [',', '.'] : [def.parse.decimal];
  return (
    nonEmpty.length >= 2 &&
    nonEmpty.every((cell) => decimals.every((decimal) => !parseSwedishNumber(cell, { decimal }).ok))
  );
}

/** The header row found: its index among the records and its column names. */
export interface FoundHeader extends HeaderNames {
  index: number;
}

/**
 * Finds the header among the first records: the first one whose column names (`headerNamesAt`: with a
 * super-header above it combined in) hold every column the mapping names (and, for a wide layout, at
 * least one column matching `wide.columns`). Title lines above it ("Rapport: …", "Utskriven 2016-05-02")
 * and blank lines never hold them, which is why this beats guessing from cell types. `parse.header_line`
 * fixes the line (the lower row of a two-row header); `parse.skip_lines` passes over lines first.
 * Returns null when no record fits.
 */
export function findHeader(records: readonly CsvRecord[], def: SourceDefinition): FoundHeader | null {
  const refs = columnRefs(def.mapping);
  const fixed = def.parse.header_line;
  if (fixed !== 'auto') {
    const index = records.findIndex((r) => r.line === fixed);
    if (index === -1) return null;
    const header = headerNamesAt(records, index);
    return refs.every((r) => findColumn(r.ref, header.names) !== -1) ? { ...header, index } : null;
  }
  const wide = def.mapping.layout === 'wide' ? new RegExp(def.mapping.wide.columns, 'u') : null;
  const skipLines = def.parse.skip_lines ?? 0;
  for (const [index, record] of records.entries()) {
    if (record.line <= skipLines) continue;
    const header = headerNamesAt(records, index);
    if (fitsMapping(header, def, refs, wide)) return { ...header, index };
    // A hand-written definition may name the header row's own cells under a super-header.
    if (header.superLine !== null) {
      const own = { names: uniqueColumnNames(record.fields), cells: record.fields, superLine: null };
      if (fitsMapping(own, def, refs, wide)) return { ...own, index };
    }
  }
  return null;
}

/** As findHeaderIndex, but a file without a header is an error that says what was looked for. */
export function detectHeader(
  records: readonly CsvRecord[],
  def: SourceDefinition,
  complete: boolean,
): FoundHeader {
  const found = findHeader(records, def);
  if (found !== null) return found;
  const refs = columnRefs(def.mapping);
  const fixed = def.parse.header_line;
  if (fixed !== 'auto') {
    const record = records.find((r) => r.line === fixed);
    if (record === undefined) {
      throw new CsvReadError(
        `Rubrikraden ska enligt definitionen (parse.header_line) vara rad ${fixed}, men ingen post börjar där`,
        `The definition (parse.header_line) puts the header on line ${fixed}, but no record starts there`,
      );
    }
    const names = headerNamesAt(records, records.indexOf(record)).names;
    throw missingColumns(
      refs.filter((r) => findColumn(r.ref, names) === -1),
      record.line,
      names,
    );
  }
  const skipLines = def.parse.skip_lines ?? 0;
  const wantedSv = refs.map((r) => (typeof r.ref === 'number' ? `kolumn ${r.ref}` : `"${r.ref}"`));
  const wantedEn = refs.map((r) => (typeof r.ref === 'number' ? `column ${r.ref}` : `"${r.ref}"`));
  if (def.mapping.layout === 'wide') {
    wantedSv.push(`kolumner som matchar /${def.mapping.wide.columns}/`);
    wantedEn.push(`columns matching /${def.mapping.wide.columns}/`);
  }
  const firstLines = records
    .filter((r) => r.line > skipLines)
    .slice(0, 3)
    .map((r) => `rad ${r.line}: ${clip(r.fields.join(' | '), 120)}`)
    .join('; ');
  const scopeSv = complete ? 'i filen' : `bland de första ${records.length} raderna`;
  const scopeEn = complete ? 'in the file' : `among the first ${records.length} records`;
  throw new CsvReadError(
    `Hittar ingen rubrikrad ${scopeSv} med ${wantedSv.join(', ')}. Början av filen: ${firstLines || '(tom)'}`,
    `No header row ${scopeEn} has ${wantedEn.join(', ')}`,
  );
}

function missingColumns(missing: NamedRef[], line: number, names: readonly string[]): CsvReadError {
  const list = missing.map((m) => `${m.path} = ${JSON.stringify(m.ref)}`).join(', ');
  const found = clip(names.join(' | '), 200);
  return new CsvReadError(
    `Rubrikraden (rad ${line}) saknar kolumnerna ${list}. Den har: ${found}`,
    `The header row (line ${line}) lacks the columns ${list}. It has: ${found}`,
  );
}

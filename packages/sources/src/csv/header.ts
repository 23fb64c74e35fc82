import type { ColumnRef, CsvSourceDefinition as SourceDefinition } from '../definition.ts';
import { boundedForMatch } from '../safe-regex.ts';
import { CsvReadError, clip } from './errors.ts';
import type { CsvRecord } from './records.ts';
import { parseSwedishNumber } from './swedish-number.ts';

/** Header names match whatever the case, surrounding or repeated whitespace, or a stray BOM. */
export function normaliseName(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase('sv');
}

/** 0-based index of the column a reference names, or -1. */
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
  for (const [i, rule] of (mapping.skip_rows ?? []).entries()) {
    refs.push({ path: `mapping.skip_rows[${i}].column`, ref: rule.column });
  }
  return refs;
}

/** Number of columns a header really has: trailing empty cells (a trailing ";") do not count. */
export function headerWidth(header: readonly string[]): number {
  let width = header.length;
  while (width > 0 && (header[width - 1] ?? '').trim() === '') width--;
  return width;
}

function fitsMapping(
  record: CsvRecord,
  def: SourceDefinition,
  refs: NamedRef[],
  wide: RegExp | null,
): boolean {
  const cells = record.fields;
  const used = new Set<number>();
  for (const { ref } of refs) {
    const index = findColumn(ref, cells);
    if (index === -1) return false;
    used.add(index);
  }
  if (wide !== null && !cells.some((cell, i) => !used.has(i) && wide.test(boundedForMatch(cell.trim()))))
    return false;
  const nonEmpty = cells.filter((cell) => cell.trim() !== '');
  if (nonEmpty.length === 0) return false;
  if (refs.some((r) => typeof r.ref === 'string') || wide !== null) return true;
  // Only column numbers: take the first row of labels, i.e. at least two cells and none a number.
  return (
    nonEmpty.length >= 2 &&
    nonEmpty.every((cell) => !parseSwedishNumber(cell, { decimal: def.parse.decimal }).ok)
  );
}

/**
 * Finds the header among the first records: the first one that holds every column the mapping names
 * (and, for a wide layout, at least one column matching `wide.columns`). Title lines above it ("Rapport:
 * …", "Utskriven 2016-05-02") and blank lines never hold them, which is why this beats guessing from
 * cell types. `parse.header_line` fixes the line; `parse.skip_lines` passes over lines first.
 * Returns -1 when no record fits.
 */
export function findHeaderIndex(records: readonly CsvRecord[], def: SourceDefinition): number {
  const refs = columnRefs(def.mapping);
  const fixed = def.parse.header_line;
  if (fixed !== 'auto') {
    const index = records.findIndex((r) => r.line === fixed);
    const record = records[index];
    return record !== undefined && refs.every((r) => findColumn(r.ref, record.fields) !== -1) ? index : -1;
  }
  const wide = def.mapping.layout === 'wide' ? new RegExp(def.mapping.wide.columns, 'u') : null;
  const skipLines = def.parse.skip_lines ?? 0;
  return records.findIndex((r) => r.line > skipLines && fitsMapping(r, def, refs, wide));
}

/** As findHeaderIndex, but a file without a header is an error that says what was looked for. */
export function detectHeader(
  records: readonly CsvRecord[],
  def: SourceDefinition,
  complete: boolean,
): number {
  const index = findHeaderIndex(records, def);
  if (index !== -1) return index;
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
    throw missingColumns(
      refs.filter((r) => findColumn(r.ref, record.fields) === -1),
      record,
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

function missingColumns(missing: NamedRef[], header: CsvRecord): CsvReadError {
  const list = missing.map((m) => `${m.path} = ${JSON.stringify(m.ref)}`).join(', ');
  const found = clip(header.fields.join(' | '), 200);
  return new CsvReadError(
    `Rubrikraden (rad ${header.line}) saknar kolumnerna ${list}. Den har: ${found}`,
    `The header row (line ${header.line}) lacks the columns ${list}. It has: ${found}`,
  );
}

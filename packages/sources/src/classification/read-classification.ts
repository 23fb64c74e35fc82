import { isAreaSummaryText } from '../areas/resolve.ts';
import { decodeBytes } from '../csv/decode.ts';
import { detectNewline, rankDelimiters } from '../csv/dialect.ts';
import { CsvReadError, clip } from '../csv/errors.ts';
import { detectHeader, findColumn, findHeader, normaliseName } from '../csv/header.ts';
import { reasons } from '../csv/reasons.ts';
import { type CsvRecord, sampleRecords } from '../csv/records.ts';
import { isBlank, isFootnote } from '../csv/row-rules.ts';
import type { Rejection, Skip } from '../csv/types.ts';
import type { CsvSourceDefinition } from '../definition.ts';
import type { ClassificationMapping } from './definition-classification.ts';

/*
 * Reads a classification file (mapping.layout: classification) into peer-group memberships: one row, one
 * area in one group. Nothing here is a number: "B4" is a group code and "05" a län code, both text.
 * A classification is a table of a few hundred rows (one per municipality), so the file is read whole.
 */

/** A group of the set: its code as the file writes it and its name (the code when the file has none). */
export interface ClassifiedGroup {
  code: string;
  name: string;
  level: 'group' | 'main_group';
  /** The main group's code a group belongs to, when the file gives main groups. */
  parentCode: string | null;
}

export interface ClassifiedMember {
  line: number;
  areaCode: string;
  groupCode: string;
  mainGroupCode: string | null;
}

export interface ClassificationRead {
  set: ClassificationMapping['set'];
  groups: ClassifiedGroup[];
  members: ClassifiedMember[];
  rejections: Rejection[];
  skips: Skip[];
  /** Data rows after the header: rowsLoaded + skips + rowsRejected (one rejection per rejected row). */
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  encoding: string;
  delimiter: string;
  headerLine: number;
}

/** More than any classification of Sweden's areas; a bigger file is no classification. */
const maxClassificationBytes = 20 * 1024 * 1024;
const headerSearchRecords = 200;

export async function readClassification(
  bytes: Uint8Array,
  def: CsvSourceDefinition,
  resolveArea: (raw: string) => string | undefined,
): Promise<ClassificationRead> {
  const mapping = def.mapping;
  if (mapping.layout !== 'classification') throw new Error('readClassification: not a classification');
  if (bytes.length > maxClassificationBytes) {
    throw new CsvReadError(
      `Filen är för stor för en klassificeringsfil (${Math.round(bytes.length / 1024 / 1024)} MB; högst 20 MB)`,
      'The file is too large for a classification file (at most 20 MB)',
    );
  }
  const { text, encoding } = await decodeAll(bytes, def.parse.encoding);
  const records = splitRecords(text, def);
  const head = records.slice(0, headerSearchRecords);
  const header = detectHeader(head, def, records.length <= headerSearchRecords);
  const columns = locateColumns(mapping, header.names);
  const out: ClassificationRead = {
    set: mapping.set,
    groups: [],
    members: [],
    rejections: [],
    skips: [],
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    encoding,
    delimiter: records.delimiter,
    headerLine: (records[header.index] as CsvRecord).line,
  };
  const state = createState(out);
  for (const record of records.slice(header.index + 1)) {
    out.rowsRead++;
    const skip = skipReason(record, header.cells);
    if (skip !== null) out.skips.push({ line: record.line, reason: skip });
    else mapRow(record, columns, resolveArea, state);
  }
  out.groups = groupsOf(state);
  out.rowsRejected = new Set(out.rejections.map((r) => r.line)).size;
  out.rowsLoaded = out.members.length;
  if (out.rowsRead === 0) {
    throw new CsvReadError(
      `Filen har en rubrikrad (rad ${out.headerLine}) men inga datarader`,
      `The file has a header row (line ${out.headerLine}) but no data rows`,
    );
  }
  return out;
}

async function decodeAll(bytes: Uint8Array, setting: CsvSourceDefinition['parse']['encoding']) {
  const decoded = decodeBytes(
    (async function* () {
      yield bytes;
    })(),
    setting,
  );
  let text = '';
  for await (const chunk of decoded.chunks) text += chunk;
  if (text.trim() === '') throw new CsvReadError('Filen är tom', 'The file is empty');
  return { text, encoding: decoded.encoding() as string };
}

/** Records under the definition's delimiter, or the best-ranked one under which the header is found. */
function splitRecords(text: string, def: CsvSourceDefinition): CsvRecord[] & { delimiter: string } {
  const newline = detectNewline(text.slice(0, 64 * 1024));
  const split = (delimiter: string) =>
    Object.assign(sampleRecords(text, { delimiter, newline }, true), { delimiter });
  if (def.parse.delimiter !== 'auto') return split(def.parse.delimiter);
  const ranked = rankDelimiters(text.slice(0, 64 * 1024), newline, text.length <= 64 * 1024);
  for (const delimiter of ranked) {
    const records = split(delimiter);
    if (findHeader(records.slice(0, headerSearchRecords), def) !== null) return records;
  }
  return split(ranked[0] ?? ';');
}

interface Columns {
  area: { index: number; name: string };
  group: { code: number; name: number; codeName: string };
  main: { code: number; name: number; codeName: string } | null;
}

function locateColumns(mapping: ClassificationMapping, names: readonly string[]): Columns {
  const at = (ref: { column: string | number } | undefined) =>
    ref === undefined ? -1 : findColumn(ref.column, names);
  const level = (l: ClassificationMapping['group']) => {
    const code = at(l.code);
    return { code, name: at(l.name), codeName: names[code] ?? String(l.code.column) };
  };
  const area = at(mapping.area);
  return {
    area: { index: area, name: names[area] ?? String(mapping.area.column) },
    group: level(mapping.group),
    main: mapping.main_group === undefined ? null : level(mapping.main_group),
  };
}

function skipReason(record: CsvRecord, headerCells: readonly string[]): string | null {
  const fields = record.fields;
  if (isBlank(fields)) return 'Tom rad';
  const same = fields.length === headerCells.length;
  if (same && fields.every((f, i) => normaliseName(f) === normaliseName(headerCells[i] ?? '')))
    return 'Upprepad rubrikrad';
  if (isFootnote(fields)) return 'Fotnot eller källhänvisning';
  return null;
}

interface State {
  out: ClassificationRead;
  groups: Map<string, ClassifiedGroup & { line: number }>;
  mains: Map<string, ClassifiedGroup & { line: number }>;
  /** Area code -> the line that classified it first. */
  areas: Map<string, number>;
}

function createState(out: ClassificationRead): State {
  return { out, groups: new Map(), mains: new Map(), areas: new Map() };
}

/** The groups in the order they first appear, main groups first. */
function groupsOf(state: State): ClassifiedGroup[] {
  return [...state.mains.values(), ...state.groups.values()].map(({ line: _line, ...g }) => g);
}

function mapRow(
  record: CsvRecord,
  columns: Columns,
  resolveArea: (raw: string) => string | undefined,
  state: State,
): void {
  const { out } = state;
  const cell = (i: number) => (i < 0 ? '' : (record.fields[i] ?? '').trim());
  const reject = (column: string | null, raw: string, reasonSv: string, reasonEn: string) =>
    out.rejections.push({ line: record.line, column, raw: clip(raw, 200), reasonSv, reasonEn });
  const rawArea = cell(columns.area.index);
  if (isAreaSummaryText(rawArea)) {
    out.skips.push({ line: record.line, reason: 'Summeringsrad (Totalt/Summa)' });
    return;
  }
  const areaCode = resolveArea(rawArea);
  if (areaCode === undefined) {
    const r = reasons.unknownArea(rawArea);
    return void reject(columns.area.name, rawArea, r.reasonSv, r.reasonEn);
  }
  const groupCode = cell(columns.group.code);
  if (groupCode === '') {
    return void reject(
      columns.group.codeName,
      '',
      'Gruppkod saknas (tom cell)',
      'Group code missing (empty cell)',
    );
  }
  const earlier = state.areas.get(areaCode);
  if (earlier !== undefined) {
    return void reject(
      columns.area.name,
      rawArea,
      `Området ${areaCode} är redan klassificerat på rad ${earlier}; ett område hör till en grupp i en indelning`,
      `Area ${areaCode} is already classified on line ${earlier}; an area belongs to one group of a set`,
    );
  }
  const mainCode = columns.main === null ? null : cell(columns.main.code) || null;
  const conflict =
    noteGroup(state.groups, groupCode, cell(columns.group.name), 'group', mainCode, record.line) ??
    (mainCode === null || columns.main === null
      ? null
      : noteGroup(state.mains, mainCode, cell(columns.main.name), 'main_group', null, record.line));
  if (conflict !== null) return void reject(columns.group.codeName, groupCode, conflict.sv, conflict.en);
  state.areas.set(areaCode, record.line);
  out.members.push({ line: record.line, areaCode, groupCode, mainGroupCode: mainCode });
}

/** Records a group the first time it appears; a later row giving it another name or main group conflicts. */
function noteGroup(
  groups: Map<string, ClassifiedGroup & { line: number }>,
  code: string,
  name: string,
  level: ClassifiedGroup['level'],
  parentCode: string | null,
  line: number,
): { sv: string; en: string } | null {
  const known = groups.get(code);
  if (known === undefined) {
    groups.set(code, { code, name: name || code, level, parentCode, line });
    return null;
  }
  if (name !== '' && name !== known.name) {
    return {
      sv: `Gruppen ${code} heter "${clip(known.name, 80)}" på rad ${known.line} men "${clip(name, 80)}" här`,
      en: `Group ${code} is named "${clip(known.name, 80)}" on line ${known.line} but "${clip(name, 80)}" here`,
    };
  }
  if (parentCode !== known.parentCode) {
    return {
      sv: `Gruppen ${code} hör till huvudgrupp ${known.parentCode ?? '(ingen)'} på rad ${known.line} men ${parentCode ?? '(ingen)'} här`,
      en: `Group ${code} belongs to main group ${known.parentCode ?? '(none)'} on line ${known.line} but ${parentCode ?? '(none)'} here`,
    };
  }
  return null;
}

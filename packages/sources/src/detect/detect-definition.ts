import { decodeBytes } from '../csv/decode.ts';
import { detectNewline, rankDelimiters } from '../csv/dialect.ts';
import { headerWidth, normaliseName } from '../csv/header.ts';
import { areaLookup } from '../csv/lookups.ts';
import { parsePeriod } from '../csv/period.ts';
import { type CsvRecord, type Newline, sampleRecords } from '../csv/records.ts';
import { isFootnote, isSummaryRow } from '../csv/row-rules.ts';
import { parseSwedishNumber } from '../csv/swedish-number.ts';
import type { ReadContext } from '../csv/types.ts';
import {
  parseCsvSourceDefinition as parseSourceDefinition,
  type CsvSourceDefinition as SourceDefinition,
} from '../definition.ts';

/**
 * `malkoll sources detect`: looks at a sample export and proposes a complete source definition for it.
 * Pure: the caller passes the bytes and the registers (areas, indicators) it knows; nothing is read or
 * written here. The proposal is checked against the definition schema before it is returned, so what
 * `detect --json` prints is always something `sources apply` accepts.
 */

/** What the warehouse already knows, for matching cells against it. */
export interface DetectRegister {
  /** Every area: municipalities, regions, Riket and org units. */
  areas: readonly { code: string; name: string }[];
  indicators: readonly { key: string; title: string }[];
}

export interface DetectOptions {
  fileName: string;
  /** Source id; derived from the file name when absent. */
  id?: string | undefined;
  /** Area code for files that name none (a unit's own export). */
  area?: string | undefined;
  /** Rows looked at per column; a sample file is small, a big one is judged by its start. */
  maxRows?: number;
}

export type ColumnRole = 'area' | 'period' | 'indicator' | 'breakdown' | 'value' | 'wide' | 'ignored';

export interface DetectedColumn {
  index: number;
  name: string;
  role: ColumnRole;
  /** Why, in Swedish, for the human summary. */
  why: string;
}

export interface Detection {
  /** The definition as plain JSON, exactly what `detect --json` prints. */
  definition: Record<string, unknown>;
  /** The same, parsed (defaults filled in), for previewing it. */
  parsed: SourceDefinition;
  settings: {
    encoding: string;
    delimiter: string;
    newline: Newline;
    headerLine: number;
    titleLines: { line: number; text: string }[];
    footnoteLines: number[];
    decimal: ',' | '.';
  };
  layout: 'long' | 'wide';
  wideAs: 'period' | 'indicator' | 'breakdown' | null;
  columns: DetectedColumn[];
  constants: { dimension: 'indicator' | 'area' | 'period' | 'breakdown'; value: string; why: string }[];
  newIndicators: { key: string; title: string }[];
  newOrgUnits: { code: string; name: string; level: string }[];
  /** Swedish remarks the steward should read (guesses that may be wrong). */
  notes: string[];
}

export class DetectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DetectError';
  }
}

const genericValueHeader = /^(värde|varde|värden|antal|andel|utfall|value|resultat|summa|belopp|nuläge)$/iu;
const areaHint =
  /kommun|region|område|omrade|län|enhet|förvaltning|forvaltning|nämnd|namnd|verksamhet|skola|organisation|kommunkod|^kod$/iu;
const periodHint =
  /^(år|ar|period|månad|manad|datum|tid|tertial|kvartal|halvår|vecka|mätperiod|year|month|date)\b/iu;
const breakdownHint = /^(kön|kon|indelning|sex|grupp)$/iu;
const indicatorHint = /nyckeltal|mått|matt|indikator|kpi|variabel|mätetal|matetal|tabell|innehåll|measure/iu;

/** Lower-case ASCII slug: "Tekniska förvaltningen" -> "tekniska-forvaltningen". */
export function slugify(text: string): string {
  return text
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** A source id from a file name: "Befolkning 2016 (SCB).csv" -> "befolkning-2016-scb". */
export function idFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const slug = slugify(base.replace(/\.[^.]+$/, ''));
  return slug === '' ? 'kalla' : slug;
}

/** ".csv", ".txt"…: the folder inbox takes files of the sample's kind. */
function extensionOf(fileName: string): string {
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(fileName.split(/[\\/]/).pop() ?? '')?.[0];
  return ext === undefined ? '' : ext.toLowerCase();
}

const fold = (text: string) =>
  text
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex matching header cells of the same shape: "2016M04" -> "\d{4}M\d{2}". */
function shapeOf(text: string): string {
  return text
    .trim()
    .split(/(\d+|\p{L}+)/u)
    .filter((part) => part !== '')
    .map((part) =>
      /^\d+$/.test(part) ? `\\d{${part.length}}` : /^\p{L}+$/u.test(part) ? '\\p{L}+' : escapeRegex(part),
    )
    .join('');
}

function nonEmptyCount(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) if (f.trim() !== '') n++;
  return n;
}

interface ColumnStats {
  index: number;
  name: string;
  nonEmpty: number;
  numbers: number;
  /** Missing or suppressed markers ("..", "*", "Inga nya data"); empty cells are not counted. */
  missing: number;
  periods: number;
  areas: number;
  codeLike: number;
  breakdowns: number;
  percent: number;
  commaDecimals: number;
  dotDecimals: number;
  maxDecimals: number;
  distinct: Map<string, number>;
}

const breakdownWords = new Set([
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
    // The last separator before the end decides: "1,234.5" has a decimal point, "1.234,5" a comma.
    const comma = /\d,(\d+)(?![\d.,])/.exec(text);
    if (comma) {
      s.commaDecimals++;
      s.maxDecimals = Math.max(s.maxDecimals, comma[1]?.length ?? 0);
    }
    // "1.234" groups thousands in a decimal-comma file; a dot decimal has one, two or 4+ digits after it.
    const dot = /\d\.(\d{1,2}|\d{4,})(?![\d.,])/.exec(text);
    if (dot) {
      s.dotDecimals++;
      s.maxDecimals = Math.max(s.maxDecimals, dot[1]?.length ?? 0);
    }
    if (parsePeriod(text) !== null) s.periods++;
    if (resolveArea(text) !== undefined) s.areas++;
    if (/^\d{4}(?!\d)/.test(text)) s.codeLike++;
    if (breakdownWords.has(normaliseName(text))) s.breakdowns++;
  }
  return s;
}

/** Numbers or missing markers in (nearly) every row, and at least one real number. */
const isNumeric = (s: ColumnStats) => s.numbers > 0 && s.numbers + s.missing >= 0.8 * s.nonEmpty;

function decodeAll(bytes: Uint8Array): Promise<{ text: string; encoding: string }> {
  const decoded = decodeBytes(
    (async function* () {
      yield bytes;
    })(),
    'auto',
  );
  return (async () => {
    let text = '';
    for await (const chunk of decoded.chunks) text += chunk;
    return { text, encoding: decoded.encoding() };
  })();
}

function findHeader(records: readonly CsvRecord[]): number {
  const frequency = new Map<number, number>();
  for (const r of records) {
    const n = nonEmptyCount(r.fields);
    if (n >= 2) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  }
  let width = 0;
  let count = 0;
  for (const [w, c] of frequency) {
    if (c > count || (c === count && w > width)) {
      width = w;
      count = c;
    }
  }
  const threshold = Math.max(2, Math.ceil(width * 0.6));
  return records.findIndex((r) => nonEmptyCount(r.fields) >= threshold);
}

/** A period written in text: "Folkmängd 31 december 2016", "befolkning-2016.csv". */
function periodInText(text: string): string | null {
  const words = text.split(/[\s_,;:()]+/).filter((w) => w !== '');
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const candidate = words.slice(i, i + size).join(' ');
      if (!/\d{4}/.test(candidate)) continue;
      if (parsePeriod(candidate) !== null) return candidate;
    }
  }
  return null;
}

function orgLevel(name: string): 'namnd' | 'forvaltning' | 'enhet' {
  if (/nämnd|namnd|styrelse/iu.test(name)) return 'namnd';
  if (/förvaltning|forvaltning|kontor/iu.test(name)) return 'forvaltning';
  return 'enhet';
}

/** SCB titles name the table and its dimensions: "Folkmängd efter region och år" -> "Folkmängd". */
function titleSubject(title: string): string {
  return title
    .replace(/\s+efter\s+.*$/iu, '')
    .replace(/\s*\(.*\)\s*$/, '')
    .trim();
}

export async function detectDefinition(
  bytes: Uint8Array,
  register: DetectRegister,
  options: DetectOptions,
): Promise<Detection> {
  const id = options.id ?? idFromFileName(options.fileName);
  const { text, encoding } = await decodeAll(bytes);
  if (text.trim() === '') throw new DetectError('Filen är tom');
  if (text.includes('\u0000'))
    throw new DetectError('Filen är inte text (den innehåller nollbytes): spara den som CSV');
  const newline = detectNewline(text.slice(0, 64 * 1024));
  const delimiter = rankDelimiters(text.slice(0, 64 * 1024), newline, text.length <= 64 * 1024)[0];
  if (delimiter === undefined) {
    throw new DetectError('Hittar inget avgränsningstecken (; , tabb |): filen verkar ha en enda kolumn');
  }
  const records = sampleRecords(text, { delimiter, newline }, true);
  const headerIndex = findHeader(records);
  if (headerIndex === -1) throw new DetectError('Hittar ingen rubrikrad med minst två kolumner');
  const headerRecord = records[headerIndex] as CsvRecord;
  const width = headerWidth(headerRecord.fields);
  const header = headerRecord.fields.slice(0, width).map((h) => h.trim());
  const titleLines = records
    .slice(0, headerIndex)
    .filter((r) => nonEmptyCount(r.fields) > 0)
    .map((r) => ({
      line: r.line,
      text: r.fields
        .filter((f) => f.trim() !== '')
        .join(' ')
        .trim(),
    }));

  // Registers: codes and lower-case names, as the worker resolves them.
  const codes = new Set(register.areas.map((a) => a.code));
  const byName = new Map(register.areas.map((a) => [a.name.toLocaleLowerCase('sv'), a.code]));
  const resolveAreaText = (raw: string) => {
    const t = raw.trim();
    return codes.has(t) ? t : byName.get(t.toLocaleLowerCase('sv'));
  };
  const readCtx: ReadContext = { resolveArea: resolveAreaText, resolveIndicator: () => undefined };
  const resolveArea = areaLookup(readCtx, null);

  // Data rows: after the header, with more than one cell, not footnotes or sums.
  const maxRows = options.maxRows ?? 5_000;
  const dataRows: CsvRecord[] = [];
  const footnoteLines: number[] = [];
  for (const r of records.slice(headerIndex + 1)) {
    const n = nonEmptyCount(r.fields);
    if (n === 0) continue;
    if (isFootnote(r.fields) || (n === 1 && width >= 2 && r.fields.length === 1)) {
      footnoteLines.push(r.line);
      continue;
    }
    if (isSummaryRow(r.fields, -1)) continue;
    // A quote that never closes swallows the lines after it, and a header pasted again is no data.
    if (r.quoteError !== null) continue;
    if (r.fields.slice(0, width).every((f, i) => normaliseName(f) === normaliseName(header[i] ?? '')))
      continue;
    if (dataRows.length < maxRows) dataRows.push(r);
  }
  if (dataRows.length === 0)
    throw new DetectError(`Filen har en rubrikrad (rad ${headerRecord.line}) men inga datarader`);

  const stats = header.map((name, i) => analyseColumn(i, name, dataRows, resolveArea));
  const notes: string[] = [];
  const roles = new Map<number, DetectedColumn>();
  const assign = (s: ColumnStats, role: ColumnRole, why: string) =>
    roles.set(s.index, { index: s.index, name: s.name || `kolumn ${s.index + 1}`, role, why });
  const free = () => stats.filter((s) => !roles.has(s.index));

  // Wide layouts first: periods or breakdowns as column headers over numbers.
  let wideAs: Detection['wideAs'] = null;
  // Period headers over numbers; once one column is such, its siblings are too, even when a bad cell
  // (or a one-row file) leaves one of them without numbers: the bad cell is then rejected, not the column.
  const periodHeaded = stats.filter((s) => s.name !== '' && parsePeriod(s.name) !== null);
  const periodHeaders = periodHeaded.some(isNumeric) ? periodHeaded : [];
  const breakdownHeaders = stats.filter((s) => breakdownWords.has(normaliseName(s.name)) && isNumeric(s));
  if (
    periodHeaders.length >= 1 &&
    !(periodHeaders.length === 1 && periodHint.test(periodHeaders[0]?.name ?? ''))
  ) {
    wideAs = 'period';
    for (const s of periodHeaders) assign(s, 'wide', `rubriken "${s.name}" är en period: breda kolumner`);
  } else if (breakdownHeaders.length >= 2) {
    wideAs = 'breakdown';
    for (const s of breakdownHeaders)
      assign(s, 'wide', `rubriken "${s.name}" är en indelning: breda kolumner`);
  }

  // Period column (unless the headers are periods).
  let periodColumn: ColumnStats | undefined;
  if (wideAs !== 'period') {
    // A named period column may hold a few bad cells (rejected later); an unnamed one must be periods.
    const candidates = free().filter(
      (s) => s.nonEmpty > 0 && s.periods / s.nonEmpty >= (periodHint.test(s.name) ? 0.5 : 0.9),
    );
    periodColumn =
      candidates.find((s) => periodHint.test(s.name)) ??
      candidates.find((s) => !isNumeric(s) || s.distinct.size <= Math.max(3, s.nonEmpty / 2));
    if (periodColumn !== undefined)
      assign(
        periodColumn,
        'period',
        `${periodColumn.periods} av ${periodColumn.nonEmpty} celler är perioder`,
      );
  }

  // Area: the column whose cells are known areas (codes beat names), or a unit column by its header.
  // A plain number column is no area column even when its numbers happen to be codes ("5" is a region).
  const hinted = (s: ColumnStats) => (areaHint.test(s.name) ? 1 : 0);
  const areaCandidates = free()
    .filter(
      (s) =>
        s.nonEmpty > 0 &&
        s.areas / s.nonEmpty >= 0.6 &&
        (!isNumeric(s) || s.codeLike / s.nonEmpty >= 0.9) &&
        (s.periods / s.nonEmpty < 0.9 || hinted(s) === 1),
    )
    .sort(
      (a, b) =>
        hinted(b) - hinted(a) ||
        b.areas / b.nonEmpty - a.areas / a.nonEmpty ||
        b.codeLike - a.codeLike ||
        a.index - b.index,
    );
  let areaColumn = areaCandidates[0];
  const newOrgUnits: Detection['newOrgUnits'] = [];
  if (areaColumn !== undefined) {
    assign(
      areaColumn,
      'area',
      `${areaColumn.areas} av ${areaColumn.nonEmpty} celler är kända kommuner eller enheter`,
    );
  } else {
    // "Enhet" may also be a unit of measure ("st", "%", "mkr"): unit names are words of four letters or more.
    const looksLikeNames = (s: ColumnStats) => [...s.distinct.keys()].every((v) => /\p{L}{4}/u.test(v));
    areaColumn = free().find(
      (s) => areaHint.test(s.name) && !isNumeric(s) && s.nonEmpty > 0 && looksLikeNames(s),
    );
    if (areaColumn !== undefined) {
      assign(areaColumn, 'area', `rubriken "${areaColumn.name}" namnger en enhet`);
    }
  }
  if (areaColumn !== undefined) {
    // Names that are no municipality: internal units, proposed for the org-unit register. In a column
    // of municipality codes an unknown value is a typo, and stays a rejection.
    const mostlyCodes = areaColumn.codeLike / Math.max(1, areaColumn.nonEmpty) >= 0.5;
    if (!mostlyCodes) {
      const taken = new Set(codes);
      for (const value of areaColumn.distinct.keys()) {
        if (resolveArea(value) !== undefined || /^\d/.test(value)) continue;
        let code = slugify(value) || `enhet-${newOrgUnits.length + 1}`;
        while (taken.has(code)) code = `${code}-2`;
        taken.add(code);
        newOrgUnits.push({ code, name: value, level: orgLevel(value) });
      }
    }
  }

  // Breakdown column: T/K/M or Totalt/Kvinnor/Män.
  let breakdownColumn: ColumnStats | undefined;
  if (wideAs !== 'breakdown') {
    breakdownColumn = free().find(
      (s) =>
        s.nonEmpty > 0 &&
        !isNumeric(s) &&
        (s.breakdowns === s.nonEmpty || (breakdownHint.test(s.name) && s.distinct.size <= 20)),
    );
    if (breakdownColumn !== undefined)
      assign(breakdownColumn, 'breakdown', 'värdena är en indelning (t.ex. kön T/K/M)');
  }

  // Values and the indicator.
  const valueColumns = wideAs === null ? free().filter(isNumeric) : [];
  const textColumns = free().filter((s) => !isNumeric(s) && s.nonEmpty > 0);
  let indicatorColumn: ColumnStats | undefined =
    textColumns.find((s) => indicatorHint.test(s.name)) ??
    // An unnamed text column is an indicator only when its values repeat like names of measures do,
    // not a comment column where every row says something else.
    textColumns.find(
      (s) =>
        textColumns.length === 1 &&
        valueColumns.length <= 1 &&
        s.distinct.size < s.nonEmpty &&
        [...s.distinct.keys()].every((v) => v.length <= 120 && !/[\r\n]/.test(v)),
    );
  if (wideAs === null && valueColumns.length === 0) {
    throw new DetectError(
      `Hittar ingen kolumn med tal under rubrikraden (rad ${headerRecord.line}: ${header.join(' | ')})`,
    );
  }
  let layout: Detection['layout'] = wideAs === null ? 'long' : 'wide';
  if (wideAs === null && valueColumns.length >= 2 && indicatorColumn === undefined) {
    layout = 'wide';
    wideAs = 'indicator';
    for (const s of valueColumns) assign(s, 'wide', `talkolumn "${s.name}": ett nyckeltal per kolumn`);
  }
  let valueColumn: ColumnStats | undefined;
  if (layout === 'long') {
    valueColumn = valueColumns[valueColumns.length - 1] as ColumnStats;
    assign(valueColumn, 'value', `${valueColumn.numbers} av ${valueColumn.nonEmpty} celler är tal`);
    if (valueColumns.length > 1) {
      notes.push(
        `Flera kolumner innehåller tal (${valueColumns.map((s) => `"${s.name}"`).join(', ')}); "${valueColumn.name}" läses som värde.`,
      );
    }
  }
  if (indicatorColumn !== undefined && wideAs !== 'indicator') {
    assign(
      indicatorColumn,
      'indicator',
      indicatorHint.test(indicatorColumn.name)
        ? `rubriken "${indicatorColumn.name}" namnger nyckeltalet`
        : 'den enda textkolumnen: nyckeltalets namn',
    );
  } else {
    indicatorColumn = undefined;
  }
  // Kolada and many systems export an indicator's id and its name side by side ("KPI-id", "KPI"):
  // the id column is the key, and a text column with exactly one name per id gives the titles.
  const titles = new Map<string, string>();
  if (indicatorColumn !== undefined) {
    const ids = indicatorColumn;
    const companion = free().find((s) => {
      if (isNumeric(s) || s.distinct.size !== ids.distinct.size) return false;
      const pairs = new Map<string, string>();
      for (const row of dataRows) {
        const id = (row.fields[ids.index] ?? '').trim();
        const name = (row.fields[s.index] ?? '').trim();
        if (pairs.has(id) && pairs.get(id) !== name) return false;
        pairs.set(id, name);
      }
      return [...pairs.values()].join('').length > [...pairs.keys()].join('').length;
    });
    if (companion !== undefined) {
      for (const row of dataRows) {
        titles.set((row.fields[ids.index] ?? '').trim(), (row.fields[companion.index] ?? '').trim());
      }
      assign(companion, 'ignored', `nyckeltalens namn (till kolumnen "${ids.name}")`);
    }
  }
  for (const s of free()) assign(s, 'ignored', 'används inte');

  // Decimal sign: a comma unless the numbers are written with a decimal point only.
  const numericStats = stats.filter(
    (s) => roles.get(s.index)?.role === 'value' || roles.get(s.index)?.role === 'wide',
  );
  const commas = numericStats.reduce((n, s) => n + s.commaDecimals, 0);
  const dots = numericStats.reduce((n, s) => n + s.dotDecimals, 0);
  const decimal: ',' | '.' = dots > 0 && commas === 0 ? '.' : ',';
  const maxDecimals = Math.min(6, Math.max(0, ...numericStats.map((s) => s.maxDecimals)));
  const percentShare =
    numericStats.reduce((n, s) => n + s.percent, 0) /
    Math.max(
      1,
      numericStats.reduce((n, s) => n + s.numbers, 0),
    );
  const unit = percentShare >= 0.5 ? '%' : '';

  // Indicators: existing ones by key or title, otherwise new keys under the source id.
  const existingByName = new Map<string, string>();
  for (const i of register.indicators) {
    existingByName.set(i.key.toLocaleLowerCase('sv'), i.key);
    existingByName.set(i.title.toLocaleLowerCase('sv'), i.key);
  }
  const newIndicators: Detection['newIndicators'] = [];
  const usedKeys = new Set<string>();
  const indicatorFor = (text: string, title = text): string => {
    const existing =
      existingByName.get(text.trim().toLocaleLowerCase('sv')) ??
      existingByName.get(title.trim().toLocaleLowerCase('sv'));
    if (existing !== undefined) return existing;
    const slug = slugify(text) || 'varde';
    let key = slug === id ? id : `${id}.${slug}`;
    while (usedKeys.has(key)) key = `${key}-2`;
    usedKeys.add(key);
    newIndicators.push({ key, title: title.trim() });
    return key;
  };

  const constants: Detection['constants'] = [];
  const fileTitle = titleSubject(titleLines[0]?.text ?? '');
  const fallbackTitle = fileTitle || (options.fileName.split(/[\\/]/).pop() ?? id).replace(/\.[^.]+$/, '');
  const mapping: Record<string, unknown> = { layout };

  if (wideAs === 'indicator') {
    const map: Record<string, string> = {};
    for (const s of valueColumns) map[s.name] = indicatorFor(s.name);
    mapping.wide = {
      columns: `^(?:${valueColumns.map((s) => escapeRegex(s.name)).join('|')})$`,
      as: 'indicator',
      map,
    };
  } else if (indicatorColumn !== undefined) {
    const map: Record<string, string> = {};
    for (const value of indicatorColumn.distinct.keys()) {
      const key = indicatorFor(value, titles.get(value) ?? value);
      if (key !== value) map[value] = key;
    }
    mapping.indicator =
      Object.keys(map).length > 0 ? { column: indicatorColumn.name, map } : { column: indicatorColumn.name };
  } else {
    const title =
      valueColumn !== undefined &&
      !genericValueHeader.test(valueColumn.name) &&
      parsePeriod(valueColumn.name) === null
        ? valueColumn.name
        : fallbackTitle;
    const key = indicatorFor(title);
    mapping.indicator = { value: key };
    constants.push({
      dimension: 'indicator',
      value: key,
      why:
        title === fileTitle
          ? `från rubriken "${titleLines[0]?.text}"`
          : title === fallbackTitle
            ? 'från filnamnet'
            : `från kolumnrubriken "${title}"`,
    });
  }

  if (areaColumn !== undefined) {
    mapping.area = { column: areaColumn.name };
  } else {
    let code = options.area;
    let why = 'angivet med --area';
    if (code === undefined) {
      // A unit's own export: the municipality may be named in the title or the file name.
      const haystack = [...titleLines.map((t) => t.text), options.fileName].map(fold).join(' ');
      const found = register.areas
        .filter(
          (a) =>
            a.name.length >= 3 &&
            new RegExp(`(^|[^\\p{L}])${escapeRegex(fold(a.name))}([^\\p{L}]|$)`, 'u').test(haystack),
        )
        .sort((a, b) => b.name.length - a.name.length)[0];
      if (found !== undefined) {
        code = found.code;
        why = `"${found.name}" står i rubriken eller filnamnet`;
      }
    }
    if (code === undefined) {
      throw new DetectError(
        'Hittar ingen kolumn med kommun eller enhet, och inget område i rubriken eller filnamnet; ange området med --area <kod>, t.ex. --area 0586',
      );
    }
    mapping.area = { value: code };
    constants.push({ dimension: 'area', value: code, why });
  }

  if (wideAs === 'period') {
    const shapes = [...new Set(periodHeaders.map((s) => shapeOf(s.name)))];
    mapping.wide = { columns: `^(?:${shapes.join('|')})$`, as: 'period' };
  } else if (periodColumn !== undefined) {
    mapping.period = { column: periodColumn.name };
  } else {
    const fromText =
      periodInText(titleLines.map((t) => t.text).join(' ')) ??
      periodInText(options.fileName.replace(/\.[^.]+$/, '').replace(/[-_]/g, ' '));
    if (fromText === null) {
      throw new DetectError('Hittar ingen kolumn med perioder och ingen period i rubriken eller filnamnet');
    }
    mapping.period = { value: fromText };
    constants.push({ dimension: 'period', value: fromText, why: 'perioden står i rubriken eller filnamnet' });
  }

  if (wideAs === 'breakdown') {
    mapping.wide = {
      columns: `^(?:${breakdownHeaders.map((s) => escapeRegex(s.name)).join('|')})$`,
      as: 'breakdown',
    };
  } else if (breakdownColumn !== undefined) {
    mapping.breakdown = { column: breakdownColumn.name };
  } else {
    mapping.breakdown = { value: 'T' };
  }
  if (valueColumn !== undefined) mapping.value = { column: valueColumn.name };

  const constantTitle =
    newIndicators.length === 1 && constants.some((c) => c.dimension === 'indicator')
      ? newIndicators[0]?.title
      : undefined;
  const definition: Record<string, unknown> = {
    id,
    title: fileTitle || constantTitle || fallbackTitle,
    owner: { name: 'Ej angiven' },
    kind: 'csv',
    on_file_arrival: true,
    location: { inbox: `${id}/*${extensionOf(options.fileName)}`, move_processed: true },
    parse: {
      encoding: 'auto',
      delimiter: delimiter === '\t' ? 'tab' : delimiter,
      header_line: 'auto',
      decimal,
    },
    mapping,
    load: { mode: 'upsert' },
  };
  if (newIndicators.length > 0) {
    definition.indicators = newIndicators.map((i) => ({
      key: i.key,
      title: i.title,
      unit,
      direction: 'higher',
      decimals: maxDecimals,
    }));
    notes.push(
      `${newIndicators.length} nya nyckeltal föreslås (enhet "${unit}", ${maxDecimals} decimaler, högre är bättre); de skapas vid sources apply. Kontrollera riktningen.`,
    );
  }
  if (newOrgUnits.length > 0) {
    definition.org_units = newOrgUnits;
    notes.push(
      `${newOrgUnits.length} namn i kolumnen "${areaColumn?.name}" finns inte i områdesregistret och föreslås som nya enheter (org_units), i stället för att avvisas: ${newOrgUnits.map((u) => u.name).join(', ')}.`,
    );
  }
  notes.push('Ägare saknas i filen: fyll i owner.name (och gärna owner.email) innan du sparar definitionen.');

  let parsed: SourceDefinition;
  try {
    parsed = parseSourceDefinition(definition);
  } catch (error) {
    throw new DetectError(`Förslaget blev ogiltigt (ett fel i detect): ${(error as Error).message}`);
  }

  return {
    definition,
    parsed,
    settings: {
      encoding,
      delimiter,
      newline,
      headerLine: headerRecord.line,
      titleLines,
      footnoteLines,
      decimal,
    },
    layout,
    wideAs,
    columns: [...roles.values()].sort((a, b) => a.index - b.index),
    constants,
    newIndicators,
    newOrgUnits,
    notes,
  };
}

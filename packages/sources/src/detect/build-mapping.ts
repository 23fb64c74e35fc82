/**
 * The definition's `mapping` from the chosen columns: each dimension from its column, from the wide
 * header cells, or as a constant found in the title lines or the file name.
 */
import { parsePeriod } from '../csv/period.ts';
import { indicatorKeyForLabel } from '../indicator-keys.ts';
import type { ColumnChoice } from './classify-columns.ts';
import type { NumberFormat } from './column-stats.ts';
import { detectProblem } from './explain-problems.ts';
import { escapeRegex, fold, periodInText, shapeOf, titleSubject } from './names.ts';
import type { IndicatorKeys } from './registers.ts';
import type { Sample } from './sample.ts';
import type { Detection, DetectOptions, DetectRegister } from './types.ts';

const genericValueHeader = /^(värde|varde|värden|antal|andel|utfall|value|resultat|summa|belopp|nuläge)$/iu;

type Constant = Detection['constants'][number];

/** Mapping fields for one dimension, and the constant it was given if it has no column. */
interface MappedDimension {
  fields: Record<string, unknown>;
  constant?: Constant;
  /** A Swedish remark for the steward (an option that was not used, a default that was taken). */
  note?: string;
}

/** Titles for a file whose indicator is a constant: the first title line's subject, else the file name. */
export interface SampleTitles {
  /** The subject of the first title line; empty without title lines. */
  fileTitle: string;
  fallbackTitle: string;
}

export function titlesOf(titleLines: Sample['titleLines'], fileName: string, id: string): SampleTitles {
  const fileTitle = titleSubject(titleLines[0]?.text ?? '');
  const fallbackTitle = fileTitle || (fileName.split(/[\\/]/).pop() ?? id).replace(/\.[^.]+$/, '');
  return { fileTitle, fallbackTitle };
}

export function buildMapping(
  choice: ColumnChoice,
  context: {
    titleLines: Sample['titleLines'];
    titles: SampleTitles;
    keys: IndicatorKeys;
    areas: DetectRegister['areas'];
    /** The register's resolver, for `--area` given as a code or a name. */
    resolveArea: (raw: string) => string | undefined;
    options: Pick<DetectOptions, 'fileName' | 'area' | 'period'>;
    /** Every label of the label columns over the whole file, with its title (`collectLabels`). */
    labels: FileLabels;
    /** Key prefix of indicators made from labels (the source id). */
    id: string;
    format: NumberFormat;
  },
): { mapping: Record<string, unknown>; constants: Detection['constants']; notes: string[] } {
  // Key order is the order `detect --json` prints: layout, indicator, area, period, breakdown, value.
  const dimensions = [
    choice.labelColumns.length > 0
      ? mapLabels(choice, context)
      : mapIndicator(choice, context.keys, context.titles, context.titleLines),
    mapArea(choice, context),
    mapPeriod(choice, context.titleLines, context.options),
    mapBreakdown(choice),
  ];
  const mapping: Record<string, unknown> = { layout: choice.layout };
  const constants: Detection['constants'] = [];
  const notes: string[] = [];
  for (const dimension of dimensions) {
    Object.assign(mapping, dimension.fields);
    if (dimension.constant !== undefined) constants.push(dimension.constant);
    if (dimension.note !== undefined) notes.push(dimension.note);
  }
  if (choice.valueColumn !== undefined) mapping.value = { column: choice.valueColumn.name };
  return { mapping, constants, notes };
}

/** The labels of a file's label columns, joined per row (`joinLabels`), in the order they first appear. */
export interface FileLabels {
  /** Label -> its title (the name column beside an id column, else the label itself). */
  labels: Map<string, string>;
  /** False when the file has more distinct labels than were kept. */
  complete: boolean;
}

/**
 * Indicators named by label columns: one per label (a combination when several columns name it). Keys
 * come from the labels (`indicatorKeyForLabel` under the source id), so the map holds only what differs
 * from that: existing indicators found by key or title, and a second label whose key was taken. `create`
 * makes a label the file did not have at detect time a new indicator in a later run.
 */
function mapLabels(
  choice: ColumnChoice,
  context: { keys: IndicatorKeys; labels: FileLabels; id: string; format: NumberFormat },
): MappedDimension {
  const { keys, id, format } = context;
  const map: Record<string, string> = {};
  for (const [label, title] of context.labels.labels) {
    const key = keys.keyFor(label, title);
    if (key !== label && key !== indicatorKeyForLabel(id, label)) map[label] = key;
  }
  const names = choice.labelColumns.map((c) => c.name);
  const indicator: Record<string, unknown> = names.length === 1 ? { column: names[0] } : { columns: names };
  if (Object.keys(map).length > 0) indicator.map = map;
  indicator.create = {
    key_prefix: id,
    ...(format.unit === '' ? {} : { unit: format.unit }),
    decimals: format.maxDecimals,
    direction: 'higher',
  };
  return { fields: { indicator } };
}

function mapIndicator(
  choice: ColumnChoice,
  keys: IndicatorKeys,
  titles: SampleTitles,
  titleLines: Sample['titleLines'],
): MappedDimension {
  const { valueColumn } = choice;
  if (choice.wideAs === 'indicator') {
    const map: Record<string, string> = {};
    for (const s of choice.valueColumns) map[s.name] = keys.keyFor(s.name);
    const columns = `^(?:${choice.valueColumns.map((s) => escapeRegex(s.name)).join('|')})$`;
    return { fields: { wide: { columns, as: 'indicator', map } } };
  }
  const title =
    valueColumn !== undefined &&
    !genericValueHeader.test(valueColumn.name) &&
    parsePeriod(valueColumn.name) === null
      ? valueColumn.name
      : titles.fallbackTitle;
  const key = keys.keyFor(title);
  const why =
    title === titles.fileTitle
      ? `från rubriken "${titleLines[0]?.text}"`
      : title === titles.fallbackTitle
        ? 'från filnamnet'
        : `från kolumnrubriken "${title}"`;
  return { fields: { indicator: { value: key } }, constant: { dimension: 'indicator', value: key, why } };
}

/** Riket: a table with no area column and no area in its title is a national table (SCB's "Riket"). */
const RIKET = '0000';

function mapArea(
  choice: ColumnChoice,
  context: {
    titleLines: Sample['titleLines'];
    areas: DetectRegister['areas'];
    resolveArea: (raw: string) => string | undefined;
    options: Pick<DetectOptions, 'fileName' | 'area'>;
  },
): MappedDimension {
  const given = context.options.area?.trim() || undefined;
  if (choice.areaColumn !== undefined) {
    const fields = { area: { column: choice.areaColumn.name } };
    if (given === undefined) return { fields };
    const note = `--area ${given} används inte: filen har en områdeskolumn ("${choice.areaColumn.name}") som ger området rad för rad.`;
    return { fields, note };
  }
  if (given !== undefined) {
    const code = context.resolveArea(given);
    if (code === undefined) throw detectProblem({ kind: 'unknown_area', given });
    const why = code === given ? 'angivet med --area' : `angivet med --area ${given}`;
    return { fields: { area: { value: code } }, constant: { dimension: 'area', value: code, why } };
  }
  const found = findAreaInText(context.titleLines, context.options.fileName, context.areas);
  if (found !== undefined) {
    return {
      fields: { area: { value: found.code } },
      constant: { dimension: 'area', value: found.code, why: found.why },
    };
  }
  const why = 'ingen områdeskolumn: hela filen gäller Riket; ändra med --area';
  return {
    fields: { area: { value: RIKET } },
    constant: { dimension: 'area', value: RIKET, why },
    note: 'Filen har ingen kolumn med område och inget område i rubriken eller filnamnet: hela filen läses som Riket (0000). Gäller den en kommun, ett län eller en enhet, ange den med --area (i guiden: fältet Område), t.ex. --area 0586 eller --area "Stockholms län".',
  };
}

/** A unit's own export: the municipality may be named in the title or the file name (the longest name wins). */
function findAreaInText(
  titleLines: Sample['titleLines'],
  fileName: string,
  areas: DetectRegister['areas'],
): { code: string; why: string } | undefined {
  const haystack = [...titleLines.map((t) => t.text), fileName].map(fold).join(' ');
  const found = areas
    .filter(
      (a) =>
        a.name.length >= 3 &&
        new RegExp(`(^|[^\\p{L}])${escapeRegex(fold(a.name))}([^\\p{L}]|$)`, 'u').test(haystack),
    )
    .sort((a, b) => b.name.length - a.name.length)[0];
  return found === undefined
    ? undefined
    : { code: found.code, why: `"${found.name}" står i rubriken eller filnamnet` };
}

function mapPeriod(
  choice: ColumnChoice,
  titleLines: Sample['titleLines'],
  options: Pick<DetectOptions, 'fileName' | 'period'>,
): MappedDimension {
  const given = options.period?.trim() || undefined;
  if (given !== undefined && parsePeriod(given) === null) throw detectProblem({ kind: 'bad_period', given });
  const unused = (source: string) =>
    given === undefined ? undefined : `--period ${given} används inte: ${source} ger perioden rad för rad.`;
  if (choice.wideAs === 'period') {
    const shapes = [...new Set(choice.periodHeaders.map((s) => shapeOf(s.name)))];
    const note = unused('kolumnrubrikerna (perioder som kolumner)');
    return { fields: { wide: { columns: `^(?:${shapes.join('|')})$`, as: 'period' } }, note };
  }
  if (choice.periodColumn !== undefined) {
    const note = unused(`kolumnen "${choice.periodColumn.name}"`);
    return { fields: { period: { column: choice.periodColumn.name } }, note };
  }
  if (given !== undefined) {
    return {
      fields: { period: { value: given } },
      constant: { dimension: 'period', value: given, why: 'angiven med --period' },
    };
  }
  const fromText =
    periodInText(titleLines.map((t) => t.text).join(' ')) ??
    periodInText(options.fileName.replace(/\.[^.]+$/, '').replace(/[-_]/g, ' '));
  if (fromText === null) throw detectProblem({ kind: 'no_period' });
  return {
    fields: { period: { value: fromText } },
    constant: { dimension: 'period', value: fromText, why: 'perioden står i rubriken eller filnamnet' },
  };
}

function mapBreakdown(choice: ColumnChoice): MappedDimension {
  if (choice.wideAs === 'breakdown') {
    const columns = `^(?:${choice.breakdownHeaders.map((s) => escapeRegex(s.name)).join('|')})$`;
    return { fields: { wide: { columns, as: 'breakdown' } } };
  }
  if (choice.breakdownColumn !== undefined) {
    return { fields: { breakdown: { column: choice.breakdownColumn.name } } };
  }
  return { fields: { breakdown: { value: 'T' } } };
}

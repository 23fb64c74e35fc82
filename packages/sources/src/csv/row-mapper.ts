/**
 * The per-row half of readCsv: classifies each record (data, skipped, a one-field note) and maps a data
 * row to facts and rejections. Everything that depends only on the definition and the header (column
 * indexes, skip rules, wide columns, lookups) is worked out once per file in `planRows` and
 * `createResolvers`; the per-row path allocates nothing beyond its results.
 */
import { isAreaSummaryText } from '../areas/resolve.ts';
import type { FieldRef, FactCsvSourceDefinition as SourceDefinition } from '../definition.ts';
import { joinLabels } from '../indicator-keys.ts';
import { boundedForMatch } from '../safe-regex.ts';
import { DuplicateKeys } from './duplicate-keys.ts';
import { clip } from './errors.ts';
import { columnRefs, findColumn, normaliseName } from './header.ts';
import type { HeaderNames } from './header-names.ts';
import {
  areaLookup,
  breakdownLookup,
  type IndicatorLookup,
  indicatorLookup,
  memoise,
  openEndedIndicators,
  periodLookup,
  translationMap,
} from './lookups.ts';
import type { Period } from './period.ts';
import { type Reason, reasons } from './reasons.ts';
import type { CsvRecord } from './records.ts';
import {
  isBlank,
  isFootnote,
  isNoteLine,
  isRepeatedHeader,
  isSummaryRow,
  matchSkipRule,
  type SkipRule,
} from './row-rules.ts';
import { chooseDecimal, parseSwedishNumber } from './swedish-number.ts';
import type { Fact, NewIndicator, ReadBatch, ReadContext, Rejection } from './types.ts';

type Dimension = 'indicator' | 'area' | 'period' | 'breakdown';
type WideDimension = Exclude<Dimension, 'area'>;

/** Where one dimension of a fact comes from: a column, the definition, or the wide header cell. */
type DimensionSource =
  | { kind: 'column'; index: number; name: string }
  /** Several label columns name the indicator together: their cells joined with " – ". */
  | { kind: 'columns'; indexes: number[]; name: string }
  | { kind: 'value'; value: string }
  | { kind: 'wide' };

type Resolved<T> = { ok: true; value: T } | { ok: false; column: string | null; raw: string; reason: Reason };

/** A header cell holding values in a wide file, with the dimension value its text stands for. */
interface WideColumn {
  index: number;
  name: string;
  text: string;
}

type FactKey = { indicatorKey: string; areaCode: string; period: Period; breakdown: string };

export type Classification = { kind: 'data' } | { kind: 'skip'; reason: string } | { kind: 'note' };
const dataRow: Classification = { kind: 'data' };
const noteRow: Classification = { kind: 'note' };

export interface RowMapper {
  /** The decimal sign values are read with (resolved from the data when the definition says "auto"). */
  decimal: ',' | '.';
  classify(record: CsvRecord): Classification;
  map(record: CsvRecord, batch: ReadBatch): void;
  raggedRejection(record: CsvRecord): Rejection;
}

/**
 * `header` gives the column names (what the definition refers to) and the header row's own cells (what a
 * repeated header looks like); `firstRows` are the rows after it at the start of the file, which decide
 * the decimal sign when the definition leaves it to the data.
 */
export function createRowMapper(
  def: SourceDefinition,
  ctx: ReadContext,
  header: Pick<HeaderNames, 'names' | 'cells'>,
  firstRows: readonly CsvRecord[] = [],
): RowMapper {
  const mapping = def.mapping;
  const plan = planRows(mapping, header);
  // Indicators a label first named, waiting to go out with the batch whose row named them.
  const created: NewIndicator[] = [];
  const resolvers = createResolvers(mapping, ctx, (indicator) => created.push(indicator));
  const decimal = def.parse.decimal === 'auto' ? decimalFromRows(plan, firstRows) : def.parse.decimal;
  const tools: RowTools = { plan, emitValue: createValueEmitter(def, decimal) };
  const wide: WideHeader | null =
    mapping.layout === 'wide' ? { as: mapping.wide.as, resolve: resolvers[mapping.wide.as] } : null;
  return {
    decimal,
    classify: (record) => classifyRow(record, plan, resolvers.indicators),
    raggedRejection: (record) => raggedRowRejection(record, plan.width),
    map(record, batch) {
      if (rejectMisshapen(record, batch, plan)) return;
      const indicator = resolveDim(plan.sources.indicator, record, null, resolvers.indicator);
      if (created.length > 0) {
        if (batch.newIndicators === undefined) batch.newIndicators = [...created];
        else batch.newIndicators.push(...created);
        created.length = 0;
      }
      const area = resolveDim(plan.sources.area, record, null, resolvers.area);
      if (!area.ok && area.reason === areaSummaryRow) {
        // "Totalt"/"Summa"/"Samtliga" in the area column, wherever that column is: the sum of the
        // rows above, skipped like a summary row in the first column. Found only when the area is unknown,
        // so rows that resolve pay nothing for it.
        batch.skips.push({ line: record.line, reason: areaSummaryRow.reasonSv });
        return;
      }
      const period = resolveDim(plan.sources.period, record, null, resolvers.period);
      const breakdown = resolveDim(plan.sources.breakdown, record, null, resolvers.breakdown);
      if (wide === null) mapLongRow(tools, record, batch, indicator, area, period, breakdown);
      else mapWideRow(tools, wide, record, batch, indicator, area, period, breakdown);
    },
  };
}

/** What mapping a row needs, made once per file. */
interface RowTools {
  plan: RowPlan;
  emitValue: ValueEmitter;
}

/** The dimension a wide file's header cells give, and its resolver. */
interface WideHeader {
  as: WideDimension;
  resolve: (raw: string) => Resolved<unknown>;
}

/** Everything the per-row path needs from the definition and the header. */
interface RowPlan {
  header: readonly string[];
  width: number;
  normalisedHeader: string[];
  sources: Record<Dimension, DimensionSource>;
  /** The value column of a long file (-1 when wide). */
  valueIndex: number;
  valueColumnName: string;
  skipRules: SkipRule[];
  wideColumns: WideColumn[];
  /** Columns the summary-row rule looks at (-1 when the dimension has none). */
  breakdownIndex: number;
  indicatorIndex: number;
}

function planRows(
  mapping: SourceDefinition['mapping'],
  { names: header, cells }: Pick<HeaderNames, 'names' | 'cells'>,
): RowPlan {
  const width = header.length;
  const columnName = (index: number) => header[index] ?? `kolumn ${index + 1}`;
  const sources = dimensionSources(mapping, header, columnName);
  const valueIndex = mapping.layout === 'long' ? findColumn(mapping.value.column, header) : -1;
  return {
    header,
    width,
    normalisedHeader: cells.slice(0, width).map(normaliseName),
    sources,
    valueIndex,
    valueColumnName: columnName(valueIndex),
    skipRules: compileSkipRules(mapping, header, columnName),
    wideColumns: findWideColumns(mapping, header, columnName),
    breakdownIndex: sources.breakdown.kind === 'column' ? sources.breakdown.index : -1,
    indicatorIndex: sources.indicator.kind === 'column' ? sources.indicator.index : -1,
  };
}

/** The header was chosen because every referenced column is in it, so these indexes exist. */
function dimensionSources(
  mapping: SourceDefinition['mapping'],
  header: readonly string[],
  columnName: (index: number) => string,
): Record<Dimension, DimensionSource> {
  const sourceOf = (ref: FieldRef | undefined, dim: Dimension): DimensionSource => {
    if (mapping.layout === 'wide' && mapping.wide.as === dim) return { kind: 'wide' };
    if (ref?.column !== undefined) {
      const index = findColumn(ref.column, header);
      return { kind: 'column', index, name: columnName(index) };
    }
    if (ref?.columns !== undefined) {
      const indexes = ref.columns.map((c) => findColumn(c, header));
      return { kind: 'columns', indexes, name: indexes.map(columnName).join(' + ') };
    }
    return { kind: 'value', value: ref?.value ?? 'T' };
  };
  return {
    indicator: sourceOf(mapping.indicator, 'indicator'),
    area: sourceOf(mapping.area, 'area'),
    period: sourceOf(mapping.period, 'period'),
    breakdown: sourceOf(mapping.breakdown, 'breakdown'),
  };
}

function compileSkipRules(
  mapping: SourceDefinition['mapping'],
  header: readonly string[],
  columnName: (index: number) => string,
): SkipRule[] {
  return (mapping.skip_rows ?? []).map((rule, i) => {
    const index = findColumn(rule.column, header);
    return {
      index,
      columnName: columnName(index),
      pattern: new RegExp(rule.matches, 'iu'),
      source: rule.matches,
      path: `mapping.skip_rows[${i}]`,
    };
  });
}

/** Wide layout: the header cells matching `wide.columns` (other than mapped columns) hold values. */
function findWideColumns(
  mapping: SourceDefinition['mapping'],
  header: readonly string[],
  columnName: (index: number) => string,
): WideColumn[] {
  const wideColumns: WideColumn[] = [];
  if (mapping.layout !== 'wide') return wideColumns;
  const used = new Set(
    columnRefs(mapping)
      .map((r) => findColumn(r.ref, header))
      .filter((i) => i >= 0),
  );
  const pattern = new RegExp(mapping.wide.columns, 'u');
  const wideMap = mapping.wide.map === undefined ? null : translationMap({ map: mapping.wide.map });
  for (const [index, name] of header.entries()) {
    if (!used.has(index) && pattern.test(boundedForMatch(name))) {
      wideColumns.push({ index, name: columnName(index), text: wideMap?.get(normaliseName(name)) ?? name });
    }
  }
  return wideColumns;
}

/** The decimal sign the value cells of the first rows show (`chooseDecimal`). */
function decimalFromRows(plan: RowPlan, rows: readonly CsvRecord[]): ',' | '.' {
  const indexes = plan.valueIndex >= 0 ? [plan.valueIndex] : plan.wideColumns.map((c) => c.index);
  return chooseDecimal(rows.flatMap((row) => indexes.map((i) => row.fields[i] ?? '')));
}

interface Resolvers {
  /** The plain indicator lookup, for telling a known "Totalt …" indicator from a summary row. */
  indicators: (raw: string) => IndicatorLookup;
  indicator: (raw: string) => Resolved<string>;
  area: (raw: string) => Resolved<string>;
  period: (raw: string) => Resolved<Period>;
  breakdown: (raw: string) => Resolved<string>;
}

/** The reason an area cell that is a summary word ("Totalt", "Summa", "Samtliga") gets; the row is skipped. */
const areaSummaryRow: Reason = {
  reasonSv: 'Summeringsrad (Totalt/Summa i områdeskolumnen)',
  reasonEn: 'Summary row (Totalt/Summa in the area column)',
};

const fail = (reason: Reason): Resolved<never> => ({ ok: false, column: null, raw: '', reason });

/** Cached per distinct text like the lookups underneath, so a row allocates no result objects. */
function createResolvers(
  mapping: SourceDefinition['mapping'],
  ctx: ReadContext,
  onCreate: (indicator: NewIndicator) => void,
): Resolvers {
  const indicators = indicatorLookup(ctx, translationMap(mapping.indicator));
  const create = mapping.indicator?.create;
  const openEnded = create === undefined ? null : openEndedIndicators(ctx, create, onCreate);
  const areas = areaLookup(ctx, translationMap(mapping.area));
  const breakdowns = breakdownLookup(translationMap(mapping.breakdown));
  const periods = periodLookup();
  return {
    indicators,
    indicator: memoise((raw: string): Resolved<string> => {
      const found = indicators(raw);
      if (found.key !== undefined) return { ok: true, value: found.key };
      // A mapped label names its key: only an unmapped, non-empty one becomes a new indicator.
      if (openEnded !== null && found.mapped === null && raw.trim() !== '') {
        return { ok: true, value: openEnded(raw) };
      }
      return fail(reasons.unknownIndicator(raw, found.mapped));
    }),
    area: memoise((raw: string): Resolved<string> => {
      const code = areas(raw);
      if (code !== undefined) return { ok: true, value: code };
      return fail(isAreaSummaryText(raw) ? areaSummaryRow : reasons.unknownArea(raw));
    }),
    period: memoise((raw: string): Resolved<Period> => {
      const period = periods(raw);
      return period !== null ? { ok: true, value: period } : fail(reasons.unknownPeriod(raw));
    }),
    breakdown: memoise((raw: string): Resolved<string> => ({ ok: true, value: breakdowns(raw) })),
  };
}

const cell = (record: CsvRecord, index: number) => record.fields[index] ?? '';

function resolveDim<T>(
  source: DimensionSource,
  record: CsvRecord,
  wideCell: { name: string; text: string } | null,
  resolve: (raw: string) => Resolved<T>,
): Resolved<T> {
  const raw =
    source.kind === 'column'
      ? cell(record, source.index)
      : source.kind === 'columns'
        ? joinLabels(source.indexes.map((i) => cell(record, i)))
        : source.kind === 'value'
          ? source.value
          : (wideCell?.text ?? '');
  const result = resolve(raw);
  if (result.ok) return result;
  const column =
    source.kind === 'column' || source.kind === 'columns'
      ? source.name
      : source.kind === 'wide'
        ? (wideCell?.name ?? null)
        : null;
  return { ...result, column, raw };
}

function classifyRow(
  record: CsvRecord,
  plan: RowPlan,
  indicators: (raw: string) => IndicatorLookup,
): Classification {
  const fields = record.fields;
  if (record.quoteError !== null) return dataRow; // rejected by `map` with the quote reason
  if (isBlank(fields)) return { kind: 'skip', reason: 'Tom rad' };
  if (isRepeatedHeader(fields, plan.normalisedHeader)) {
    return { kind: 'skip', reason: 'Upprepad rubrikrad' };
  }
  const rule = matchSkipRule(fields, plan.skipRules);
  if (rule !== null) {
    return {
      kind: 'skip',
      reason: `Hoppas över enligt ${rule.path}: kolumnen "${rule.columnName}" matchar /${rule.source}/`,
    };
  }
  if (isFootnote(fields)) return { kind: 'skip', reason: 'Fotnot eller källhänvisning' };
  if (isSummaryRow(fields, plan.breakdownIndex)) {
    // "Totalt antal besök" may be a real indicator the map knows; only unknown sums are skipped.
    const isKnownIndicator =
      plan.indicatorIndex >= 0 && indicators(cell(record, plan.indicatorIndex)).key !== undefined;
    if (!isKnownIndicator) return { kind: 'skip', reason: 'Summeringsrad (Totalt/Summa)' };
  }
  if (isNoteLine(fields, plan.width)) return noteRow;
  return dataRow;
}

function raggedRowRejection(record: CsvRecord, width: number): Rejection {
  return {
    line: record.line,
    column: null,
    raw: clip(record.fields.join(' ')),
    ...reasons.ragged(record.fields.length, width, record.line, record.lastLine),
  };
}

function reject(batch: ReadBatch, record: CsvRecord, column: string | null, raw: string, reason: Reason) {
  batch.rejections.push({ line: record.line, column, raw: clip(raw), ...reason });
}

/** Rejects a row with broken quotes or the wrong number of cells as a whole; true when it did. */
function rejectMisshapen(record: CsvRecord, batch: ReadBatch, plan: RowPlan): boolean {
  const fields = record.fields;
  if (record.quoteError !== null) {
    const reason =
      record.quoteError === 'unclosed'
        ? reasons.unclosedQuote(record.line, record.lastLine)
        : reasons.malformedQuote(record.line);
    reject(batch, record, null, fields.join(' '), reason);
    return true;
  }
  // Rows may carry trailing empty cells beyond the header (a trailing ";"), not fewer cells.
  let extraFilled = false;
  for (let i = plan.header.length; i < fields.length; i++) {
    if ((fields[i] as string).trim() !== '') extraFilled = true;
  }
  if (fields.length < plan.width || extraFilled) {
    batch.rejections.push(raggedRowRejection(record, plan.width));
    return true;
  }
  return false;
}

/** Turns one value cell into a fact or a rejection, given the row's dimensions. */
type ValueEmitter = (
  batch: ReadBatch,
  record: CsvRecord,
  key: FactKey,
  valueColumn: string,
  raw: string,
) => void;

function createValueEmitter(def: SourceDefinition, decimal: ',' | '.'): ValueEmitter {
  const dashIsZero = def.parse.dash_is_zero === true;
  const range = def.validation;
  const duplicates = new DuplicateKeys();
  return (batch, record, key, valueColumn, raw) => {
    const parsed = parseSwedishNumber(raw, { decimal, dashIsZero });
    if (!parsed.ok) return reject(batch, record, valueColumn, raw, reasons.notANumber(parsed));
    if (parsed.value !== null && range !== undefined) {
      const { min, max } = range;
      if ((min !== undefined && parsed.value < min) || (max !== undefined && parsed.value > max)) {
        return reject(batch, record, valueColumn, raw, reasons.outOfRange(parsed.value, min, max));
      }
    }
    const earlier = duplicates.check(key.indicatorKey, key.areaCode, key.breakdown, key.period, record.line);
    if (earlier !== null) {
      reject(batch, record, valueColumn, raw, reasons.duplicate(record.line, earlier, key));
      (batch.rejections[batch.rejections.length - 1] as Rejection).duplicateOf = earlier;
      return;
    }
    const fact: Fact = {
      line: record.line,
      indicatorKey: key.indicatorKey,
      areaCode: key.areaCode,
      period: key.period,
      breakdown: key.breakdown,
      value: parsed.value,
      valueNote: parsed.value === null ? parsed.note : null,
    };
    batch.facts.push(fact);
  };
}

function mapLongRow(
  tools: RowTools,
  record: CsvRecord,
  batch: ReadBatch,
  indicator: Resolved<string>,
  area: Resolved<string>,
  period: Resolved<Period>,
  breakdown: Resolved<string>,
) {
  if (!indicator.ok) return reject(batch, record, indicator.column, indicator.raw, indicator.reason);
  if (!area.ok) return reject(batch, record, area.column, area.raw, area.reason);
  if (!period.ok) return reject(batch, record, period.column, period.raw, period.reason);
  if (!breakdown.ok) return reject(batch, record, breakdown.column, breakdown.raw, breakdown.reason);
  const key = {
    indicatorKey: indicator.value,
    areaCode: area.value,
    period: period.value,
    breakdown: breakdown.value,
  };
  const { plan } = tools;
  tools.emitValue(batch, record, key, plan.valueColumnName, cell(record, plan.valueIndex));
}

/**
 * Wide: the row's own dimensions first (a bad one rejects the row once), then each value cell. The
 * dimension the header gives was resolved from an empty cell above and is not looked at.
 */
function mapWideRow(
  tools: RowTools,
  wide: WideHeader,
  record: CsvRecord,
  batch: ReadBatch,
  indicator: Resolved<string>,
  area: Resolved<string>,
  period: Resolved<Period>,
  breakdown: Resolved<string>,
) {
  const as = wide.as;
  if (as !== 'indicator' && !indicator.ok)
    return reject(batch, record, indicator.column, indicator.raw, indicator.reason);
  if (!area.ok) return reject(batch, record, area.column, area.raw, area.reason);
  if (as !== 'period' && !period.ok) return reject(batch, record, period.column, period.raw, period.reason);
  if (as !== 'breakdown' && !breakdown.ok)
    return reject(batch, record, breakdown.column, breakdown.raw, breakdown.reason);
  const { plan } = tools;
  for (const column of plan.wideColumns) {
    const fromHeader = resolveDim(plan.sources[as], record, column, wide.resolve);
    if (!fromHeader.ok) {
      reject(batch, record, column.name, cell(record, column.index), fromHeader.reason);
      continue;
    }
    const key = {
      indicatorKey: as === 'indicator' ? (fromHeader.value as string) : resolvedValue(indicator),
      areaCode: area.value,
      period: as === 'period' ? (fromHeader.value as Period) : resolvedValue(period),
      breakdown: as === 'breakdown' ? (fromHeader.value as string) : resolvedValue(breakdown),
    };
    tools.emitValue(batch, record, key, column.name, cell(record, column.index));
  }
}

/** The value of a dimension already checked (only the wide dimension may be unresolved, and is unused). */
const resolvedValue = <T>(r: Resolved<T>): T => (r as { value: T }).value;

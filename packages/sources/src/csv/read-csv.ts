import type { FieldRef, CsvSourceDefinition as SourceDefinition } from '../definition.ts';
import { decodeBytes } from './decode.ts';
import { detectNewline, rankDelimiters } from './dialect.ts';
import { DuplicateKeys } from './duplicate-keys.ts';
import { CsvReadError, clip } from './errors.ts';
import {
  columnRefs,
  detectHeader,
  findColumn,
  findHeaderIndex,
  headerWidth,
  normaliseName,
} from './header.ts';
import {
  areaLookup,
  breakdownLookup,
  indicatorLookup,
  memoise,
  periodLookup,
  translationMap,
} from './lookups.ts';
import type { Period } from './period.ts';
import { type Reason, reasons } from './reasons.ts';
import { type CsvRecord, type Newline, readRecordBatches, sampleRecords } from './records.ts';
import {
  isBlank,
  isFootnote,
  isRepeatedHeader,
  isSummaryRow,
  matchSkipRule,
  type SkipRule,
} from './row-rules.ts';
import { parseSwedishNumber } from './swedish-number.ts';
import type { Fact, ReadBatch, ReadContext, ReadSummary, Rejection } from './types.ts';

export interface ReadOptions {
  /** Facts, rejections and skips per yielded batch (together); 5 000 by default. */
  batchSize?: number;
}

/** Decoded text looked at before choosing the delimiter and line break. */
const sampleChars = 64 * 1024;
/** Records looked at to find the header. */
const headerSearchRecords = 200;
/** One-field lines waiting to learn whether more data follows (then rejected) or not (footnotes). */
const maxPendingNotes = 1_000;

type Dimension = 'indicator' | 'area' | 'period' | 'breakdown';

/** Where one dimension of a fact comes from: a column, the definition, or the wide header cell. */
type DimensionSource =
  | { kind: 'column'; index: number; name: string }
  | { kind: 'value'; value: string }
  | { kind: 'wide' };

type Resolved<T> = { ok: true; value: T } | { ok: false; column: string | null; raw: string; reason: Reason };

/**
 * Reads one CSV export as a stream of batches of facts, rejections and skips, and returns a summary.
 * The file is decoded, split and mapped chunk by chunk: memory does not grow with the file (apart from
 * the duplicate-key index, tens of bytes per fact).
 *
 * Throws CsvReadError when the file as a whole cannot be read (no header with the mapped columns, a
 * record of millions of characters); every row-level problem is a rejection instead.
 */
export async function* readCsv(
  input: AsyncIterable<Buffer | Uint8Array>,
  def: SourceDefinition,
  ctx: ReadContext,
  opts: ReadOptions = {},
): AsyncGenerator<ReadBatch, ReadSummary> {
  const batchSize = Math.max(1, opts.batchSize ?? 5_000);
  const decoded = decodeBytes(input, def.parse.encoding);

  // Sample the start of the text for the dialect; the same chunks are then parsed, not read twice.
  const sampleParts: string[] = [];
  let sampleLength = 0;
  let complete = false;
  while (sampleLength < sampleChars) {
    const next = await decoded.chunks.next();
    if (next.done) {
      complete = true;
      break;
    }
    sampleParts.push(next.value);
    sampleLength += next.value.length;
  }
  const sample = sampleParts.join('');
  if (complete && sample.trim() === '') {
    throw new CsvReadError('Filen är tom', 'The file is empty');
  }
  // Text exports never hold NUL; images, zip files (.xlsx) and other binaries do, and would otherwise
  // fail later with a "no header" message full of control characters.
  if (sample.includes('\u0000')) {
    throw new CsvReadError(
      'Filen är inte text utan binär (t.ex. en bild eller en Excel-arbetsbok); spara den som CSV',
      'The file is binary, not text (an image or an Excel workbook, for example); save it as CSV',
    );
  }
  const newline = detectNewline(sample);
  const delimiter =
    def.parse.delimiter === 'auto' ? chooseDelimiter(sample, newline, complete, def) : def.parse.delimiter;

  async function* text(): AsyncGenerator<string> {
    yield sample;
    if (!complete) yield* decoded.chunks;
  }
  const records = readRecordBatches(text(), { delimiter, newline });

  // Buffer the first records to find the header, then go on with the same iterator.
  const head: CsvRecord[] = [];
  let recordsDone = false;
  while (head.length < headerSearchRecords) {
    const next = await records.next();
    if (next.done) {
      recordsDone = true;
      break;
    }
    for (const record of next.value) head.push(record);
  }
  const headerIndex = detectHeader(head, def, recordsDone);
  const headerRecord = head[headerIndex] as CsvRecord;
  const mapper = createRowMapper(def, ctx, headerRecord.fields);

  const summary: ReadSummary = {
    encoding: decoded.encoding(),
    delimiter,
    headerLine: headerRecord.line,
    rowsRead: 0,
    facts: 0,
    rejected: 0,
    skipped: 0,
  };
  let batch: ReadBatch = { facts: [], rejections: [], skips: [] };
  let pendingNotes: CsvRecord[] = [];

  const take = (): ReadBatch => {
    const full = batch;
    summary.facts += full.facts.length;
    summary.rejected += full.rejections.length;
    summary.skipped += full.skips.length;
    batch = { facts: [], rejections: [], skips: [] };
    return full;
  };
  const size = () => batch.facts.length + batch.rejections.length + batch.skips.length;
  const flushNotesAsRejections = () => {
    for (const note of pendingNotes) {
      batch.rejections.push(mapper.raggedRejection(note));
    }
    pendingNotes = [];
  };

  const handle = (record: CsvRecord) => {
    summary.rowsRead++;
    const outcome = mapper.classify(record);
    if (outcome.kind === 'note') {
      // A one-field line: a footnote if nothing but notes and blank lines follow, a broken row if data does.
      if (pendingNotes.length >= maxPendingNotes) flushNotesAsRejections();
      pendingNotes.push(record);
      return;
    }
    if (outcome.kind === 'skip') {
      batch.skips.push({ line: record.line, reason: outcome.reason });
      return;
    }
    flushNotesAsRejections();
    mapper.map(record, batch);
  };

  const afterHeader = async function* (): AsyncGenerator<CsvRecord[]> {
    yield head.slice(headerIndex + 1);
    if (!recordsDone) yield* records;
  };
  for await (const chunk of afterHeader()) {
    for (const record of chunk) {
      handle(record);
      if (size() >= batchSize) yield take();
    }
  }
  for (const note of pendingNotes) {
    batch.skips.push({ line: note.line, reason: 'Fotnot under tabellen (en rad utan kolumner efter datat)' });
  }
  pendingNotes = [];
  if (size() > 0) yield take();
  summary.encoding = decoded.encoding();
  if (summary.rowsRead === 0) {
    // Nothing after the header: an export that went wrong, not "no values this time".
    throw new CsvReadError(
      `Filen har en rubrikrad (rad ${summary.headerLine}) men inga datarader`,
      `The file has a header row (line ${summary.headerLine}) but no data rows`,
    );
  }
  return summary;
}

/**
 * The best-scoring delimiter under which the sample has a header with the mapped columns; the mapped
 * names are the surest sign ("Kommun" and "Värde" must be whole cells). Without such a header the
 * best-scoring one, and header detection then reports what is missing.
 */
function chooseDelimiter(sample: string, newline: Newline, complete: boolean, def: SourceDefinition): string {
  const ranked = rankDelimiters(sample, newline, complete);
  const fitting = ranked.find((delimiter) => {
    const records = sampleRecords(sample, { delimiter, newline }, complete).slice(0, headerSearchRecords);
    return findHeaderIndex(records, def) !== -1;
  });
  return fitting ?? ranked[0] ?? ';';
}

type Classification = { kind: 'data' } | { kind: 'skip'; reason: string } | { kind: 'note' };
const dataRow: Classification = { kind: 'data' };
const noteRow: Classification = { kind: 'note' };

interface RowMapper {
  classify(record: CsvRecord): Classification;
  map(record: CsvRecord, batch: ReadBatch): void;
  raggedRejection(record: CsvRecord): Rejection;
}

function createRowMapper(def: SourceDefinition, ctx: ReadContext, header: readonly string[]): RowMapper {
  const mapping = def.mapping;
  const decimal = def.parse.decimal;
  const width = headerWidth(header);
  const normalisedHeader = header.slice(0, width).map(normaliseName);
  const columnName = (index: number) => (header[index] ?? '').trim() || `kolumn ${index + 1}`;

  // The header was chosen because every referenced column is in it, so these indexes exist.
  const sourceOf = (ref: FieldRef | undefined, dim: Dimension): DimensionSource => {
    if (mapping.layout === 'wide' && mapping.wide.as === dim) return { kind: 'wide' };
    if (ref?.column !== undefined) {
      const index = findColumn(ref.column, header);
      return { kind: 'column', index, name: columnName(index) };
    }
    return { kind: 'value', value: ref?.value ?? 'T' };
  };
  const sources = {
    indicator: sourceOf(mapping.indicator, 'indicator'),
    area: sourceOf(mapping.area, 'area'),
    period: sourceOf(mapping.period, 'period'),
    breakdown: sourceOf(mapping.breakdown, 'breakdown'),
  };
  const valueIndex = mapping.layout === 'long' ? findColumn(mapping.value.column, header) : -1;
  const valueColumnName = columnName(valueIndex);
  const skipRules: SkipRule[] = (mapping.skip_rows ?? []).map((rule, i) => {
    const index = findColumn(rule.column, header);
    return {
      index,
      columnName: columnName(index),
      pattern: new RegExp(rule.matches, 'iu'),
      source: rule.matches,
      path: `mapping.skip_rows[${i}]`,
    };
  });

  // Wide layout: the header cells matching `wide.columns` (other than mapped columns) hold values.
  const used = new Set(
    columnRefs(mapping)
      .map((r) => findColumn(r.ref, header))
      .filter((i) => i >= 0),
  );
  const wideColumns: { index: number; name: string; text: string }[] = [];
  if (mapping.layout === 'wide') {
    const pattern = new RegExp(mapping.wide.columns, 'u');
    const wideMap = mapping.wide.map === undefined ? null : translationMap({ map: mapping.wide.map });
    for (const [index, cell] of header.entries()) {
      if (!used.has(index) && pattern.test(cell.trim())) {
        const text = cell.trim();
        wideColumns.push({ index, name: columnName(index), text: wideMap?.get(normaliseName(text)) ?? text });
      }
    }
  }

  const indicators = indicatorLookup(ctx, translationMap(mapping.indicator));
  const areas = areaLookup(ctx, translationMap(mapping.area));
  const breakdowns = breakdownLookup(translationMap(mapping.breakdown));
  const periods = periodLookup();
  const duplicates = new DuplicateKeys();
  const range = def.validation;

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
        : source.kind === 'value'
          ? source.value
          : (wideCell?.text ?? '');
    const result = resolve(raw);
    if (result.ok) return result;
    const column =
      source.kind === 'column' ? source.name : source.kind === 'wide' ? (wideCell?.name ?? null) : null;
    return { ...result, column, raw };
  }

  const fail = (reason: Reason): Resolved<never> => ({ ok: false, column: null, raw: '', reason });
  // Cached per distinct text like the lookups underneath, so a row allocates no result objects.
  const resolveIndicator = memoise((raw: string): Resolved<string> => {
    const found = indicators(raw);
    return found.key !== undefined
      ? { ok: true, value: found.key }
      : fail(reasons.unknownIndicator(raw, found.mapped));
  });
  const resolveArea = memoise((raw: string): Resolved<string> => {
    const code = areas(raw);
    return code !== undefined ? { ok: true, value: code } : fail(reasons.unknownArea(raw));
  });
  const resolvePeriod = memoise((raw: string): Resolved<Period> => {
    const period = periods(raw);
    return period !== null ? { ok: true, value: period } : fail(reasons.unknownPeriod(raw));
  });
  const resolveBreakdown = memoise((raw: string): Resolved<string> => ({ ok: true, value: breakdowns(raw) }));

  const reject = (
    batch: ReadBatch,
    record: CsvRecord,
    column: string | null,
    raw: string,
    reason: Reason,
  ) => {
    batch.rejections.push({ line: record.line, column, raw: clip(raw), ...reason });
  };

  /** Turns one value cell into a fact or a rejection, given the row's dimensions. */
  function emitValue(
    batch: ReadBatch,
    record: CsvRecord,
    key: { indicatorKey: string; areaCode: string; period: Period; breakdown: string },
    valueColumn: string,
    raw: string,
  ) {
    const parsed = parseSwedishNumber(raw, { decimal });
    if (!parsed.ok) return reject(batch, record, valueColumn, raw, reasons.notANumber(parsed));
    if (parsed.value !== null && range !== undefined) {
      const { min, max } = range;
      if ((min !== undefined && parsed.value < min) || (max !== undefined && parsed.value > max)) {
        return reject(batch, record, valueColumn, raw, reasons.outOfRange(parsed.value, min, max));
      }
    }
    const earlier = duplicates.check(key.indicatorKey, key.areaCode, key.breakdown, key.period, record.line);
    if (earlier !== null) {
      return reject(batch, record, valueColumn, raw, reasons.duplicate(record.line, earlier, key));
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
  }

  const breakdownIndex = sources.breakdown.kind === 'column' ? sources.breakdown.index : -1;
  const indicatorIndex = sources.indicator.kind === 'column' ? sources.indicator.index : -1;

  return {
    classify(record) {
      const fields = record.fields;
      if (record.quoteError !== null) return dataRow; // rejected by `map` with the quote reason
      if (isBlank(fields)) return { kind: 'skip', reason: 'Tom rad' };
      if (isRepeatedHeader(fields, normalisedHeader)) {
        return { kind: 'skip', reason: 'Upprepad rubrikrad' };
      }
      const rule = matchSkipRule(fields, skipRules);
      if (rule !== null) {
        return {
          kind: 'skip',
          reason: `Hoppas över enligt ${rule.path}: kolumnen "${rule.columnName}" matchar /${rule.source}/`,
        };
      }
      if (isFootnote(fields)) return { kind: 'skip', reason: 'Fotnot eller källhänvisning' };
      if (isSummaryRow(fields, breakdownIndex)) {
        // "Totalt antal besök" may be a real indicator the map knows; only unknown sums are skipped.
        const isKnownIndicator =
          indicatorIndex >= 0 && indicators(cell(record, indicatorIndex)).key !== undefined;
        if (!isKnownIndicator) return { kind: 'skip', reason: 'Summeringsrad (Totalt/Summa)' };
      }
      if (fields.length === 1 && width >= 2) return noteRow;
      return dataRow;
    },

    raggedRejection(record) {
      return {
        line: record.line,
        column: null,
        raw: clip(record.fields.join(' ')),
        ...reasons.ragged(record.fields.length, width, record.line, record.lastLine),
      };
    },

    map(record, batch) {
      const fields = record.fields;
      if (record.quoteError !== null) {
        const reason =
          record.quoteError === 'unclosed'
            ? reasons.unclosedQuote(record.line, record.lastLine)
            : reasons.malformedQuote(record.line);
        return reject(batch, record, null, fields.join(' '), reason);
      }
      // Rows may carry trailing empty cells beyond the header (a trailing ";"), not fewer cells.
      let extraFilled = false;
      for (let i = header.length; i < fields.length; i++) {
        if ((fields[i] as string).trim() !== '') extraFilled = true;
      }
      if (fields.length < width || extraFilled) {
        batch.rejections.push(this.raggedRejection(record));
        return;
      }

      const indicator = resolveDim(sources.indicator, record, null, resolveIndicator);
      const area = resolveDim(sources.area, record, null, resolveArea);
      const period = resolveDim(sources.period, record, null, resolvePeriod);
      const breakdown = resolveDim(sources.breakdown, record, null, resolveBreakdown);

      if (mapping.layout === 'long') {
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
        return emitValue(batch, record, key, valueColumnName, cell(record, valueIndex));
      }

      // Wide: the row's own dimensions first (a bad one rejects the row once), then each value cell.
      const as = mapping.wide.as;
      const rowDims = { indicator, area, period, breakdown };
      for (const dim of ['indicator', 'area', 'period', 'breakdown'] as const) {
        const r = rowDims[dim];
        if (dim !== as && !r.ok) return reject(batch, record, r.column, r.raw, r.reason);
      }
      for (const column of wideColumns) {
        const resolver =
          as === 'period' ? resolvePeriod : as === 'indicator' ? resolveIndicator : resolveBreakdown;
        const fromHeader = resolveDim(
          sources[as],
          record,
          column,
          resolver as (raw: string) => Resolved<unknown>,
        );
        if (!fromHeader.ok) {
          reject(batch, record, column.name, cell(record, column.index), fromHeader.reason);
          continue;
        }
        const pick = <T>(dim: Dimension, r: Resolved<T>): T =>
          (dim === as ? fromHeader.value : (r as { value: T }).value) as T;
        const key = {
          indicatorKey: pick('indicator', indicator),
          areaCode: pick('area', area),
          period: pick('period', period),
          breakdown: pick('breakdown', breakdown),
        };
        emitValue(batch, record, key, column.name, cell(record, column.index));
      }
    },
  };
}

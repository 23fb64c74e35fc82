import { isFactDefinition, type CsvSourceDefinition as SourceDefinition } from '../definition.ts';
import { type DecodedText, decodeBytes } from './decode.ts';
import { detectNewline, rankDelimiters } from './dialect.ts';
import { CsvReadError } from './errors.ts';
import { detectHeader, findHeader } from './header.ts';
import { type CsvRecord, type Newline, readRecordBatches, sampleRecords } from './records.ts';
import { createRowMapper } from './row-mapper.ts';
import type { ReadBatch, ReadContext, ReadSummary } from './types.ts';

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
  if (!isFactDefinition(def)) {
    // Its rows are group codes, not values: readClassification (src/classification) reads it.
    throw new CsvReadError(
      'En klassificeringsfil (mapping.layout: classification) ger jämförelsegrupper, inga värden',
      'A classification file (mapping.layout: classification) gives peer groups, not values',
    );
  }
  const batchSize = Math.max(1, opts.batchSize ?? 5_000);
  const decoded = decodeBytes(input, def.parse.encoding);

  // Sample the start of the text for the dialect; the same chunks are then parsed, not read twice.
  const { sample, complete } = await readTextStart(decoded);
  const newline = detectNewline(sample);
  const delimiter =
    def.parse.delimiter === 'auto' ? chooseDelimiter(sample, newline, complete, def) : def.parse.delimiter;

  async function* text(): AsyncGenerator<string> {
    yield sample;
    if (!complete) yield* decoded.chunks;
  }
  const records = readRecordBatches(text(), { delimiter, newline });

  // Buffer the first records to find the header, then go on with the same iterator.
  const { head, recordsDone } = await readHead(records);
  const header = detectHeader(head, def, recordsDone);
  const headerIndex = header.index;
  const headerRecord = head[headerIndex] as CsvRecord;
  // The rows after the header in the head tell the decimal sign when the definition leaves it to the data.
  const mapper = createRowMapper(def, ctx, header, head.slice(headerIndex + 1));

  const summary: ReadSummary = {
    encoding: decoded.encoding(),
    delimiter,
    decimal: mapper.decimal,
    headerLine: headerRecord.line,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    facts: 0,
    rejected: 0,
    skipped: 0,
  };
  let batch: ReadBatch = { facts: [], rejections: [], skips: [], newIndicators: [] };
  let pendingNotes: CsvRecord[] = [];

  const take = (): ReadBatch => {
    const full = batch;
    summary.facts += full.facts.length;
    summary.rejected += full.rejections.length;
    summary.skipped += full.skips.length;
    batch = { facts: [], rejections: [], skips: [], newIndicators: [] };
    return full;
  };
  const size = () => batch.facts.length + batch.rejections.length + batch.skips.length;
  const flushNotesAsRejections = () => {
    // Data follows, so these were no footnotes: a one-field line is a broken row, a line that starts
    // with the delimiter is read as the row it is (and rejected for what it lacks).
    for (const note of pendingNotes) {
      if (note.fields.length === 1) batch.rejections.push(mapper.raggedRejection(note));
      else mapper.map(note, batch);
    }
    summary.rowsRejected += pendingNotes.length;
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
    mapRecord(record);
  };
  // The row's class is read off what mapping it added to the batch (the mapper only maps): a row with
  // a fact is loaded, one with only rejections is rejected, and one that gave neither is skipped.
  const mapRecord = (record: CsvRecord) => {
    const factsBefore = batch.facts.length;
    const rejectionsBefore = batch.rejections.length;
    const skipsBefore = batch.skips.length;
    mapper.map(record, batch);
    if (batch.facts.length > factsBefore) summary.rowsLoaded++;
    else if (batch.rejections.length > rejectionsBefore) summary.rowsRejected++;
    // The mapper skipped it itself (a summary word in the area column): one skip per row.
    else if (batch.skips.length === skipsBefore)
      batch.skips.push({ line: record.line, reason: 'Raden har inga värden att läsa in' });
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

/** The first `sampleChars` of text (or all of it, `complete`); an empty or binary file is refused here. */
async function readTextStart(decoded: DecodedText): Promise<{ sample: string; complete: boolean }> {
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
  return { sample, complete };
}

/** At least `headerSearchRecords` records (whole batches), or all of them (`recordsDone`). */
async function readHead(
  records: AsyncGenerator<CsvRecord[]>,
): Promise<{ head: CsvRecord[]; recordsDone: boolean }> {
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
  return { head, recordsDone };
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
    return findHeader(records, def) !== null;
  });
  return fitting ?? ranked[0] ?? ';';
}

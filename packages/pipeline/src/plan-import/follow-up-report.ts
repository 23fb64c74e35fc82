// From the follow-up tables stewards already have (a verksamhetsplan's uppföljning, pasted into a CSV) to a
// PlanDefinition, plus the values of the "Status" column, plus a line-by-line account of everything that
// was not understood. Pure: the caller reads the file and writes the results; the text is decoded and
// split into rows by packages/sources, as every CSV is.
// The rules are described in docs/status-rules.md, "Importing a follow-up report".

import {
  ACTIVITY_STATUS_LABELS,
  type ActivityDefinition,
  type GoalDefinition,
  type GoalIndicatorLink,
  type IndicatorDefinition,
  isIsoDate,
  type PlanDefinition,
  parseActivityStatus,
  parsePlanDefinition,
  type TargetDefinition,
} from '@malkoll/goals';
import { decodeWholeText, splitTextRows, type TextRow } from '@malkoll/sources';
import { type CellNumber, findReportDate, isEmptyCell, parseCellNumber, slugify } from './swedish-cell.ts';

export interface FollowUpImportOptions {
  /** Plan id; also the prefix of every indicator key ("<id>.antal-medborgarforslag"). */
  planId: string;
  /** Four-digit municipality code. */
  area: string;
  organisation: string;
  /** Default: "Verksamhetsplan 2016" from a line "Uppföljning av verksamhetsplan 2016 per 160430". */
  name?: string;
  /** Default: the baseline date of the first result table, else 1 January of the status date's year. */
  start?: string;
  /** Default: 31 December of the start year. */
  end?: string;
  /** Default: the tertial ends (30 April, 31 August, 31 December) within start–end. */
  followUps?: string[];
  /** The date of the "Status" column. Default: "per 160430" in the text, else the status column header. */
  statusDate?: string;
  /**
   * Indicator keys (with or without the "<planId>." prefix) to load as year-to-date sums. When given, it
   * replaces the label heuristic entirely: every other row is a level.
   */
  ytdKeys?: string[];
}

export type ImportMessageLevel = 'varning' | 'antagande' | 'info';

export interface ImportMessage {
  /** 1-based line in the file; 0 for the file as a whole. */
  line: number;
  level: ImportMessageLevel;
  /** Swedish. */
  text: string;
}

/** A value of the "Status" column: what the report says the indicator was at the status date. */
export interface ImportedObservation {
  indicator: string;
  area: string;
  date: string;
  value: number;
  line: number;
}

export interface FollowUpImport {
  plan: PlanDefinition;
  observations: ImportedObservation[];
  messages: ImportMessage[];
}

/** Raised when the text cannot become a plan at all (no goal found, or the result fails validation). */
export class FollowUpImportError extends Error {
  readonly messages: ImportMessage[];
  constructor(message: string, messages: ImportMessage[]) {
    super(message);
    this.name = 'FollowUpImportError';
    this.messages = messages;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Line patterns

const MUNICIPAL_GOAL = /^(?:kommunmål|kf-mål|fullmäktigemål)\s*:?\s*(.+)$/i;
const COMMITTEE_GOAL = /^(?:nämndsåtagande|nämndåtagande|nämndsmål|nämndmål)\s*:?\s*(.+)$/i;
const SUMMARY_COMMENT = /^sammanfattande\s+kommentar/i;
const ACTIVITY_HEADER = /^aktivitet(?:er|en)?\s*\/\s*prestation(?:er)?/i;
const RESULT_HEADER = /^(?:nyckeltal|mått|resultatmått|indikator(?:er)?)$/i;
/** Headings inside a block that carry nothing to import. */
const HEADINGS = [/^uppföljning$/i, /^aktivitet\w*\s*mått\b/i, /^aktivitetens\s+mått\b/i, /^resultatmått\b/i];
/** Page furniture and the report's framing: they end a summary comment. */
const COMMENT_ENDS = /^(?:datum|diarienummer|handläggare|bakgrund|sammanfattning|ansvarsområde)$/i;
const REPORT_TITLE =
  /^uppföljning av (verksamhetsplan\s+\d{4})\b.*?\bper\s+(\d{6}|\d{8}|\d{4}-\d{2}-\d{2})\b/i;
const NO_NEW_DATA = /^(?:inga\s+nya\s+data|ingen\s+ny\s+mätning|ej\s+mätt)\.?$/i;

/**
 * Rows whose label says the value accumulates over the year. "Antal … år 2016" counts events in the year,
 * "hittills" and "under året" say so outright, bookings and citizen proposals are counted as they come.
 * Things produced or received in the year are flows too: "hektar framtagna verksamhetsmark" (5 ha to be
 * made ready this year, 0 so far), "Integrations/Mottagning" (75 refugees to receive under the year's
 * agreement with Migrationsverket, 38 so far), "nyproducerade bostäder". Read as levels, their targets
 * below last year's figure became "at most" and the row "Uppnått" with nothing done.
 */
const YTD_LABEL = [
  /\bantal\b.*\bår\s+\d{4}\b/i,
  /\bhittills\b/i,
  /\bunder\s+året\b/i,
  /\bbokning(?:ar)?\b/i,
  /medborgarförslag/i,
  /\bframtagn(?:a|en|et)\b/i,
  /\bmottagning\b/i,
  /\bmottagna\b/i,
  /\bnyproducerade?\b/i,
];

/**
 * One cell holding several measures, as the harassment row does: "2% trakasserier, 3% diskriminering,
 * 9% kränkning". Each part is a number with an optional unit and a name.
 */
const MEASURE_PART =
  /^([+\-\u2212]?\d[\d \u00a0]*(?:[,.]\d+)?\s*(?:%|ha|mkr|tkr|kr|st)?)\s+(\p{L}[\p{L} -]*)$/u;

const PEERS = /^bättre\s+än\s+(?:likvärdiga|liknande|jämförbara)\s+kommuner$/i;
const SAME_LEVEL = /samma\s+nivå/i;
const INCREASE = /^(?:ökning|öka|ökad|högre)$/i;
const DECREASE = /^(?:minskning|minska|minskad|lägre)$/i;

// ---------------------------------------------------------------------------------------------------------
// Working state

interface ResultColumns {
  baseline: number;
  target: number;
  status: number;
  baselineDate: string | null;
}

interface ActivityColumns {
  desired: number;
  status: number;
  partners: number;
  comment: number;
}

interface PendingLink {
  line: number;
  goal: GoalDefinition;
  label: string;
  title: string;
  baselineText: string;
  baselineDate: string | null;
  targetText: string;
  statusText: string;
  /** Rows with a "*" somewhere take the footnote that follows the table. */
  marked: boolean;
  note?: string;
  table: number;
  /** Name of one measure of a row that holds several ("trakasserier"), kept whole at the end of the key. */
  part?: string;
}

type Say = (line: number, level: ImportMessageLevel, text: string) => void;

/** A "Sammanfattande kommentar" being read: its lines, in paragraphs split at blank rows. */
interface OpenComment {
  goal: GoalDefinition;
  paragraphs: string[][];
  line: number;
}

interface SummaryComment {
  goal: GoalDefinition;
  text: string;
  line: number;
}

/** Where the reading of the rows is (goal, section, table), and what the rows held so far. */
interface ReportReading {
  say: Say;
  goals: GoalDefinition[];
  goalKeys: Set<string>;
  municipal: GoalDefinition | null;
  /** With the municipal goal, the goal a table or comment belongs to: the committee goal when there is one. */
  committee: GoalDefinition | null;
  section: 'none' | 'activities' | 'results' | 'comment';
  activityColumns: ActivityColumns | null;
  resultColumns: ResultColumns | null;
  /** Counts result tables, so that a footnote finds the rows of the table just above it. */
  tableNumber: number;
  comment: OpenComment | null;
  comments: SummaryComment[];
  /** Result rows; they become indicators once the plan's dates are known. */
  pending: PendingLink[];
  reportName: string | null;
  reportDate: string | null;
  statusHeaderDate: string | null;
  /** Lines that were none of the above, reported as ranges. */
  skipped: number[];
  firstGoalAt: number | null;
}

function normaliseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cellAt(row: TextRow, index: number): string {
  return index < 0 ? '' : normaliseSpaces(row.cells[index] ?? '');
}

function findColumn(header: string[], pattern: RegExp): number {
  return header.findIndex((h) => pattern.test(normaliseSpaces(h)));
}

function lastDayOf(year: number): string {
  return `${year}-12-31`;
}

/** The tertial ends inside [start, end]: when Swedish municipalities follow up. */
function tertialEnds(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
    for (const md of ['04-30', '08-31', '12-31']) {
      const d = `${year}-${md}`;
      if (d >= start && d <= end) dates.push(d);
    }
  }
  return dates;
}

function describeRange(from: number, to: number): string {
  return from === to ? `rad ${from}` : `rad ${from}–${to}`;
}

// ---------------------------------------------------------------------------------------------------------

/** Decodes the bytes (UTF-8 with or without BOM, or Windows-1252) and imports them. */
export async function importFollowUpBytes(
  bytes: Uint8Array,
  options: FollowUpImportOptions,
): Promise<FollowUpImport> {
  const decoded = await decodeWholeText(bytes);
  const result = importFollowUpText(decoded.text, options);
  if (decoded.encoding === 'windows-1252') {
    result.messages.unshift({ line: 0, level: 'info', text: 'filen lästes som Windows-1252 (inte UTF-8)' });
  }
  return result;
}

export function importFollowUpText(text: string, options: FollowUpImportOptions): FollowUpImport {
  // The tables are pasted from Word or a PDF (tabs) or saved by Excel with Swedish settings (semicolons);
  // commas are decimal commas and prose.
  const { rows } = splitTextRows(text, [';', '\t']);
  const messages: ImportMessage[] = [];
  const say: Say = (line, level, message) => {
    messages.push({ line, level, text: message });
  };

  const reading = readReport(rows, say);
  if (reading.goals.length === 0) {
    throw new FollowUpImportError(
      'Hittade inget kommunmål: filen ska ha rader som börjar med "Kommunmål:" följda av "Nämndåtagande:" och tabellerna.',
      messages,
    );
  }
  reportSkippedLines(reading.skipped, reading.firstGoalAt, say);

  // Dates: the plan period from the options, else from the report.
  const statusDate = options.statusDate ?? reading.reportDate ?? reading.statusHeaderDate;
  const start = decidePlanStart(reading.pending, options, statusDate);
  if (start === null) {
    throw new FollowUpImportError(
      'Kunde inte avgöra planens startdatum: ange --start (t.ex. 2016-01-01).',
      messages,
    );
  }
  const end = options.end ?? lastDayOf(Number(start.slice(0, 4)));
  const followUps = decideFollowUps(options, { start, end, statusDate }, say);

  const { indicators, observations } = buildIndicators(
    reading.pending,
    options,
    { start, end, statusDate },
    say,
  );
  attachSummaryComments(reading.comments, statusDate, say);
  if (indicators.length === 0) {
    throw new FollowUpImportError(
      'Hittade ingen resultattabell (rubrikrad "Nyckeltal;Ingångsvärde …;Önskat läge;Status"): en plan behöver minst ett mått.',
      messages,
    );
  }

  const plan = parsePlanDefinition({
    id: options.planId,
    name: options.name ?? reading.reportName ?? `Importerad plan ${options.planId}`,
    organisation: options.organisation,
    area: options.area,
    start,
    end,
    follow_ups: followUps,
    indicators,
    goals: reading.goals,
  });
  messages.sort((a, b) => a.line - b.line);
  return { plan, observations, messages };
}

// ---------------------------------------------------------------------------------------------------------
// Reading the rows, top to bottom

function readReport(rows: readonly TextRow[], say: Say): ReportReading {
  const reading: ReportReading = {
    say,
    goals: [],
    goalKeys: new Set(),
    municipal: null,
    committee: null,
    section: 'none',
    activityColumns: null,
    resultColumns: null,
    tableNumber: 0,
    comment: null,
    comments: [],
    pending: [],
    reportName: null,
    reportDate: null,
    statusHeaderDate: null,
    skipped: [],
    firstGoalAt: null,
  };
  for (const row of rows) readRow(reading, row);
  closeComment(reading);
  return reading;
}

/** One row, by what it is: blank, a line of its own (title, goal, heading, footnote), a table header, or content. */
function readRow(reading: ReportReading, row: TextRow): void {
  const filled = row.cells.map(normaliseSpaces).filter((c) => c !== '');
  if (filled.length === 0) {
    if (reading.section === 'activities' || reading.section === 'results') reading.section = 'none';
    const comment = reading.comment;
    if (comment && (comment.paragraphs.at(-1)?.length ?? 0) > 0) comment.paragraphs.push([]);
    return;
  }
  const whole = filled.join(' ');
  const first = normaliseSpaces(row.cells[0] ?? '');
  if (filled.length === 1 && readLoneCell(reading, row, whole, first)) return;
  if (filled.length >= 3 && ACTIVITY_HEADER.test(first)) {
    startActivityTable(reading, row);
    return;
  }
  if (filled.length >= 3 && RESULT_HEADER.test(first)) {
    startResultTable(reading, row);
    return;
  }
  readContentRow(reading, row, filled.length, whole, first);
}

/** A row with one filled cell that is a title, a goal, a heading or a footnote; false for anything else. */
function readLoneCell(reading: ReportReading, row: TextRow, whole: string, first: string): boolean {
  const title = REPORT_TITLE.exec(whole);
  if (title?.[1] && title[2]) {
    reading.reportName ??= title[1].charAt(0).toUpperCase() + title[1].slice(1).toLowerCase();
    reading.reportDate ??= findReportDate(title[2]);
    return true;
  }
  const municipalMatch = MUNICIPAL_GOAL.exec(whole);
  if (municipalMatch?.[1]) {
    startMunicipalGoal(reading, row, municipalMatch[1].trim());
    return true;
  }
  const committeeMatch = COMMITTEE_GOAL.exec(whole);
  if (committeeMatch?.[1]) {
    startCommitteeGoal(reading, row, committeeMatch[1].trim());
    return true;
  }
  if (HEADINGS.some((h) => h.test(whole))) return true;
  if (COMMENT_ENDS.test(whole.replace(/:$/, ''))) {
    endSection(reading);
    return true;
  }
  if (SUMMARY_COMMENT.test(whole)) {
    startSummaryComment(reading, row);
    return true;
  }
  if (first.startsWith('*')) {
    attachFootnote(reading, row, whole);
    return true;
  }
  return false;
}

/** A table row, a line of a summary comment, or text outside all of them. */
function readContentRow(
  reading: ReportReading,
  row: TextRow,
  filledCount: number,
  whole: string,
  first: string,
): void {
  const goal = reading.committee ?? reading.municipal;
  if (reading.section === 'activities' && filledCount >= 2 && goal && reading.activityColumns) {
    goal.activities.push(readActivity(row, reading.activityColumns, reading.say));
    return;
  }
  if (reading.section === 'results' && filledCount >= 2 && goal && reading.resultColumns) {
    readResultRow(reading, row, goal, reading.resultColumns, first);
    return;
  }
  if (reading.section === 'comment' && reading.comment !== null) {
    reading.comment.paragraphs.at(-1)?.push(whole);
    return;
  }
  if (reading.section === 'activities' || reading.section === 'results') reading.section = 'none';
  reading.skipped.push(row.line);
}

function newGoalKey(reading: ReportReading, title: string, parent: GoalDefinition | null): string {
  const base = slugify(title.split(' ').slice(0, 4).join(' '), 40) || 'mal';
  const prefix = parent ? `${parent.key}.` : '';
  let key = `${prefix}${base}`;
  for (let n = 2; reading.goalKeys.has(key); n++) key = `${prefix}${base}-${n}`;
  reading.goalKeys.add(key);
  return key;
}

function newGoal(
  reading: ReportReading,
  kind: GoalDefinition['kind'],
  title: string,
  parent: GoalDefinition | null,
): GoalDefinition {
  return {
    key: newGoalKey(reading, title, parent),
    kind,
    title,
    activities: [],
    indicators: [],
    comments: [],
    children: [],
  };
}

function startMunicipalGoal(reading: ReportReading, row: TextRow, title: string): void {
  endSection(reading);
  reading.firstGoalAt ??= row.line;
  reading.municipal = newGoal(reading, 'municipal_goal', title, null);
  reading.goals.push(reading.municipal);
  reading.committee = null;
}

function startCommitteeGoal(reading: ReportReading, row: TextRow, title: string): void {
  endSection(reading);
  const committee = newGoal(reading, 'committee_goal', title, reading.municipal);
  reading.committee = committee;
  if (reading.municipal) reading.municipal.children.push(committee);
  else {
    reading.say(row.line, 'varning', 'nämndåtagande utan kommunmål före – lagt som eget mål överst');
    reading.goals.push(committee);
  }
}

function startSummaryComment(reading: ReportReading, row: TextRow): void {
  closeComment(reading);
  const goal = reading.committee ?? reading.municipal;
  if (!goal) {
    reading.say(row.line, 'varning', 'sammanfattande kommentar utan mål före – hoppades över');
    reading.section = 'none';
    return;
  }
  reading.comment = { goal, paragraphs: [[]], line: row.line };
  reading.section = 'comment';
}

function closeComment(reading: ReportReading): void {
  const comment = reading.comment;
  if (comment) {
    const text = comment.paragraphs
      .map((p) => p.join('\n'))
      .filter((p) => p !== '')
      .join('\n\n');
    if (text !== '') reading.comments.push({ goal: comment.goal, text, line: comment.line });
  }
  reading.comment = null;
}

function endSection(reading: ReportReading): void {
  closeComment(reading);
  reading.section = 'none';
}

function startActivityTable(reading: ReportReading, row: TextRow): void {
  closeComment(reading);
  reading.activityColumns = {
    desired: findColumn(row.cells, /^önskat läge/i),
    status: findColumn(row.cells, /^(?:nuläge|status)/i),
    partners: findColumn(row.cells, /^samverkan/i),
    comment: findColumn(row.cells, /^kommentar/i),
  };
  if (reading.activityColumns.status < 0) {
    reading.say(
      row.line,
      'varning',
      'aktivitetstabellen saknar kolumnen "Nuläge" – alla aktiviteter blir "Ej inlett"',
    );
  }
  reading.section = 'activities';
}

function startResultTable(reading: ReportReading, row: TextRow): void {
  closeComment(reading);
  const baselineIndex = findColumn(row.cells, /^ingångsvärde/i);
  const statusIndex = findColumn(row.cells, /^(?:status|utfall|nuläge|resultat)\b/i);
  const columns: ResultColumns = {
    baseline: baselineIndex,
    target: findColumn(row.cells, /^(?:önskat läge|målvärde|mål)\b/i),
    status: statusIndex,
    baselineDate: findReportDate(cellAt(row, baselineIndex)),
  };
  reading.resultColumns = columns;
  reading.statusHeaderDate ??= findReportDate(cellAt(row, statusIndex));
  if (columns.baseline < 0 || columns.target < 0) {
    reading.say(
      row.line,
      'varning',
      'resultattabellen saknar "Ingångsvärde" eller "Önskat läge" – tabellen hoppades över',
    );
    reading.section = 'none';
    return;
  }
  if (columns.baselineDate === null) {
    reading.say(
      row.line,
      'antagande',
      `ingångsvärdets datum står inte i rubriken "${cellAt(row, baselineIndex)}" – planens startdatum används`,
    );
  }
  reading.tableNumber++;
  reading.section = 'results';
}

/** A footnote belongs to the rows of the table just above that carry a "*"; with none marked, to all. */
function attachFootnote(reading: ReportReading, row: TextRow, note: string): void {
  const table = reading.pending.filter((p) => p.table === reading.tableNumber && p.note === undefined);
  const marked = table.filter((p) => p.marked);
  const targets = marked.length > 0 ? marked : table;
  if (targets.length === 0)
    reading.say(row.line, 'varning', `fotnot utan mått att höra till: "${note}" – hoppades över`);
  else if (marked.length === 0) {
    reading.say(
      row.line,
      'antagande',
      `fotnoten "${note}" har ingen markerad rad (*) – kopplad till alla ${table.length} mått i tabellen ovanför`,
    );
  }
  for (const p of targets) p.note = note;
}

function readResultRow(
  reading: ReportReading,
  row: TextRow,
  goal: GoalDefinition,
  columns: ResultColumns,
  label: string,
): void {
  const link: PendingLink = {
    line: row.line,
    goal,
    label,
    title: label
      .replace(/\*+/g, '')
      .replace(/[.\s]+$/, '')
      .trim(),
    baselineText: cellAt(row, columns.baseline),
    baselineDate: columns.baselineDate,
    targetText: cellAt(row, columns.target),
    statusText: cellAt(row, columns.status),
    marked: row.cells.some((c) => c.includes('*')),
    table: reading.tableNumber,
  };
  const parts = splitMeasures(link);
  if (parts.length > 1) {
    reading.say(
      row.line,
      'antagande',
      `ingångsvärdet "${link.baselineText}" har ${parts.length} mått i samma cell – delat i ${parts.length} mått: ${parts.map((p) => `"${p.title}"`).join(', ')}`,
    );
  }
  reading.pending.push(...parts);
}

/**
 * Reports what was passed over, as line ranges, so the steward can check nothing of value was lost; the
 * report's introduction before the first goal as one range.
 */
function reportSkippedLines(skipped: readonly number[], firstGoalAt: number | null, say: Say): void {
  const firstGoalLine = firstGoalAt ?? Number.POSITIVE_INFINITY;
  const intro = skipped.filter((l) => l < firstGoalLine);
  if (intro.length > 0) {
    say(
      intro[0] as number,
      'info',
      `${describeRange(intro[0] as number, intro.at(-1) as number)}: inledning före första kommunmålet – hoppades över`,
    );
  }
  const rest = skipped.slice(intro.length);
  for (let i = 0; i < rest.length; ) {
    let j = i;
    while (j + 1 < rest.length && (rest[j + 1] as number) - (rest[j] as number) <= 3) j++;
    say(
      rest[i] as number,
      'info',
      `${describeRange(rest[i] as number, rest[j] as number)}: text utanför mål, tabeller och kommentarer – hoppades över`,
    );
    i = j + 1;
  }
}

// ---------------------------------------------------------------------------------------------------------
// From what was read to the plan

/** The option, else the first table's baseline date, else 1 January of the status year; null when none is a date. */
function decidePlanStart(
  pending: readonly PendingLink[],
  options: FollowUpImportOptions,
  statusDate: string | null,
): string | null {
  const firstBaselineDate = pending.find((p) => p.baselineDate !== null)?.baselineDate ?? null;
  const start = options.start ?? firstBaselineDate ?? (statusDate ? `${statusDate.slice(0, 4)}-01-01` : null);
  return start !== null && isIsoDate(start) ? start : null;
}

/** The follow-up dates, sorted, with the status date among them when it falls inside the plan. */
function decideFollowUps(
  options: FollowUpImportOptions,
  dates: { start: string; end: string; statusDate: string | null },
  say: Say,
): string[] {
  const { start, end, statusDate } = dates;
  const followUps = new Set(options.followUps ?? tertialEnds(start, end));
  if (statusDate !== null && statusDate >= start && statusDate <= end && !followUps.has(statusDate)) {
    followUps.add(statusDate);
    say(0, 'info', `statusdatumet ${statusDate} lades till bland uppföljningsdatumen`);
  }
  if (statusDate === null) {
    say(
      0,
      'varning',
      'hittade inget statusdatum ("per 160430") – kolumnen Status lästes inte in; ange --status-date',
    );
  } else if (!options.statusDate) {
    say(0, 'info', `kolumnen Status gäller ${statusDate}`);
  }
  return [...followUps].sort();
}

/** One indicator per result row (or measure of a row), linked to its goal, with the Status column's value. */
function buildIndicators(
  pending: readonly PendingLink[],
  options: FollowUpImportOptions,
  dates: { start: string; end: string; statusDate: string | null },
  say: Say,
): { indicators: IndicatorDefinition[]; observations: ImportedObservation[] } {
  const indicators: IndicatorDefinition[] = [];
  const indicatorKeys = new Set<string>();
  const observations: ImportedObservation[] = [];
  const ytdOverride = options.ytdKeys?.map((k) =>
    k.startsWith(`${options.planId}.`) ? k : `${options.planId}.${k}`,
  );
  const usedOverride = new Set<string>();

  for (const p of pending) {
    const key = newIndicatorKey(p, options.planId, indicatorKeys);
    const numbers = {
      baseline: parseCellNumber(p.baselineText),
      target: parseCellNumber(p.targetText),
      status: parseCellNumber(p.statusText),
    };
    let kind = decideKind(p, key, ytdOverride, usedOverride, say);
    reportUnreadBaseline(p, numbers.baseline, say);
    const target = readTarget(p, numbers.target, numbers.baseline, kind, dates.end, options.area, say);
    if (kind === 'ytd_sum' && !['at_least', 'at_most', 'increase', 'decrease'].includes(target.type)) {
      say(
        p.line,
        'varning',
        `"${p.title}" kan inte vara en summa hittills i år med målet "${p.targetText}" – läses som nivå`,
      );
      kind = 'level';
    }
    indicators.push(describeIndicator(p, key, numbers, target));
    const baseline = { number: numbers.baseline, date: p.baselineDate ?? dates.start };
    p.goal.indicators.push(buildLink(p, key, kind, baseline, target, options.area));
    const observation = readStatusValue(p, key, numbers.status, options.area, dates.statusDate, say);
    if (observation) observations.push(observation);
  }
  for (const k of ytdOverride ?? []) {
    if (!usedOverride.has(k)) say(0, 'varning', `--ytd: måttet "${k}" finns inte i filen`);
  }
  return { indicators, observations };
}

/** "<plan>.<slug of the title>", the measure's name last for a row that holds several, unique in the plan. */
function newIndicatorKey(p: PendingLink, planId: string, keys: Set<string>): string {
  const partSlug = p.part ? slugify(p.part, 24) : '';
  const titleSlug = p.part
    ? `${slugify(p.title.slice(0, p.title.length - p.part.length - 3), 32)}-${partSlug}`
    : slugify(p.title);
  const base = `${planId}.${titleSlug || 'matt'}`;
  let key = base;
  for (let n = 2; keys.has(key); n++) key = `${base}-${n}`;
  keys.add(key);
  return key;
}

/** Year-to-date sum or level: the --ytd list when given, else the row's label (YTD_LABEL). */
function decideKind(
  p: PendingLink,
  key: string,
  ytdOverride: readonly string[] | undefined,
  usedOverride: Set<string>,
  say: Say,
): 'level' | 'ytd_sum' {
  if (ytdOverride) {
    const kind = ytdOverride.includes(key) ? 'ytd_sum' : 'level';
    if (kind === 'ytd_sum') usedOverride.add(key);
    return kind;
  }
  const kind = YTD_LABEL.some((r) => r.test(p.label)) ? 'ytd_sum' : 'level';
  if (kind === 'ytd_sum') {
    say(
      p.line,
      'antagande',
      `"${p.title}" räknas som summa hittills i år (ytd_sum) efter radens text; ändra med --ytd`,
    );
  }
  return kind;
}

function reportUnreadBaseline(p: PendingLink, baseline: CellNumber | null, say: Say): void {
  if (baseline || isEmptyCell(p.baselineText)) return;
  const several = (p.baselineText.match(/\d+(?:[,.]\d+)?/g) ?? []).length > 1;
  say(
    p.line,
    several ? 'varning' : 'info',
    several
      ? `ingångsvärdet "${p.baselineText}" har flera värden – sparat som text; dela upp raden i ett mått per värde om de ska följas var för sig`
      : `ingångsvärdet "${p.baselineText}" är inget enskilt tal – sparat som text`,
  );
}

function describeIndicator(
  p: PendingLink,
  key: string,
  cells: { baseline: CellNumber | null; target: CellNumber | null; status: CellNumber | null },
  target: TargetDefinition,
): IndicatorDefinition {
  const direction: 'higher' | 'lower' =
    target.type === 'at_most' || target.type === 'decrease' ? 'lower' : 'higher';
  const numbers = [cells.baseline, cells.target, cells.status].filter((n): n is CellNumber => n !== null);
  const unit =
    numbers.find((n) => n.unit !== '' && n.unit !== 'st')?.unit ??
    (/\(ha\)/i.test(p.label) ? 'ha' : /\(%\)/.test(p.label) ? '%' : '');
  const decimals = Math.min(Math.max(0, ...numbers.map((n) => n.decimals)), 6);
  return { key, title: p.title, unit, direction, decimals };
}

function buildLink(
  p: PendingLink,
  key: string,
  kind: 'level' | 'ytd_sum',
  baseline: { number: CellNumber | null; date: string },
  target: TargetDefinition,
  area: string,
): GoalIndicatorLink {
  return {
    indicator: key,
    label: p.label,
    area,
    breakdown: 'T',
    kind,
    baseline: {
      value: baseline.number?.value ?? null,
      date: baseline.date,
      ...(p.baselineText !== '' ? { text: p.baselineText } : {}),
    },
    target,
    ...(p.note !== undefined ? { note: p.note } : {}),
  };
}

/** The Status column's value at the status date; text such as "Inga nya data" is no value. */
function readStatusValue(
  p: PendingLink,
  key: string,
  status: CellNumber | null,
  area: string,
  statusDate: string | null,
  say: Say,
): ImportedObservation | null {
  if (status && statusDate !== null) {
    return { indicator: key, area, date: statusDate, value: status.value, line: p.line };
  }
  if (!status && !isEmptyCell(p.statusText) && !NO_NEW_DATA.test(p.statusText)) {
    say(p.line, 'varning', `statusvärdet "${p.statusText}" är inget enskilt tal – inte med bland värdena`);
  }
  return null;
}

/** Summary comments belong to the status date, which is a follow-up date by now. */
function attachSummaryComments(
  comments: readonly SummaryComment[],
  statusDate: string | null,
  say: Say,
): void {
  for (const c of comments) {
    if (statusDate === null) {
      say(c.line, 'varning', 'sammanfattande kommentar utan statusdatum – hoppades över');
      continue;
    }
    if (c.goal.comments.some((x) => x.date === statusDate)) {
      const existing = c.goal.comments.find((x) => x.date === statusDate);
      if (existing) existing.text = `${existing.text}\n\n${c.text}`;
    } else c.goal.comments.push({ date: statusDate, text: c.text });
  }
}

function splitParts(text: string): { number: string; name: string }[] | null {
  const pieces = text.split(/\s*(?:[,;]|\boch\b)\s*/).filter((x) => x !== '');
  if (pieces.length < 2) return null;
  const parts: { number: string; name: string }[] = [];
  for (const piece of pieces) {
    const m = MEASURE_PART.exec(piece.trim());
    if (!m?.[1] || !m[2]) return null;
    parts.push({ number: m[1].trim(), name: m[2].trim() });
  }
  return parts;
}

/**
 * A row whose baseline names several measures becomes one link per measure, "<label> – <name>". The
 * target and status cells are split the same way when they name the same measures; a single target or
 * status ("0", "Inga nya data") holds for each part.
 */
function splitMeasures(link: PendingLink): PendingLink[] {
  const baseline = splitParts(link.baselineText);
  if (!baseline) return [link];
  const byName = (text: string) => {
    const parts = splitParts(text);
    return parts ? new Map(parts.map((p) => [p.name.toLowerCase(), p.number])) : null;
  };
  const targets = byName(link.targetText);
  const statuses = byName(link.statusText);
  return baseline.map((part) => ({
    ...link,
    label: `${link.label} – ${part.name}`,
    part: part.name,
    title: `${link.title} – ${part.name}`,
    baselineText: part.number,
    targetText: targets ? (targets.get(part.name.toLowerCase()) ?? '') : link.targetText,
    statusText: statuses ? (statuses.get(part.name.toLowerCase()) ?? '') : link.statusText,
  }));
}

function readActivity(row: TextRow, columns: ActivityColumns, say: Say): ActivityDefinition {
  const title = cellAt(row, 0);
  const statusText = cellAt(row, columns.status);
  let status = parseActivityStatus(statusText);
  if (status === null) {
    say(
      row.line,
      'varning',
      `okänd status "${statusText}" för aktiviteten "${title}" – lagd som "${ACTIVITY_STATUS_LABELS.sv.not_started}" med texten kvar`,
    );
    status = 'not_started';
  }
  const desired = cellAt(row, columns.desired);
  const partners = cellAt(row, columns.partners);
  const comment = cellAt(row, columns.comment);
  return {
    title,
    ...(desired !== '' ? { desired_state: desired } : {}),
    status,
    ...(statusText !== '' ? { status_text: statusText } : {}),
    ...(!isEmptyCell(partners) ? { partners } : {}),
    ...(!isEmptyCell(comment) ? { comment } : {}),
  };
}

function readTarget(
  p: PendingLink,
  targetNumber: CellNumber | null,
  baselineNumber: CellNumber | null,
  kind: 'level' | 'ytd_sum',
  date: string,
  area: string,
  say: Say,
): TargetDefinition {
  const text = p.targetText;
  const withText = text !== '' ? { text } : {};
  if (targetNumber) {
    const value = targetNumber.value;
    // A year-to-date target is compared with last year's total only for ambition, not for direction; an
    // explicit "+" ("+0" in budget in balance) reads as "at least"; otherwise lower than the baseline
    // means lower is better.
    const below =
      kind === 'level' && !targetNumber.plusSign && baselineNumber !== null && value < baselineNumber.value;
    if (below) {
      say(
        p.line,
        'antagande',
        `önskat läge ${text} är lägre än ingångsvärdet ${p.baselineText} – tolkat som "högst ${text}" (lägre är bättre)`,
      );
    }
    if (baselineNumber === null && !targetNumber.plusSign) {
      say(p.line, 'antagande', `ingångsvärdet är inget tal – önskat läge ${text} tolkat som "minst ${text}"`);
    }
    return { type: below ? 'at_most' : 'at_least', value, date, ...withText };
  }
  if (INCREASE.test(text)) return { type: 'increase', date, ...withText };
  if (DECREASE.test(text)) return { type: 'decrease', date, ...withText };
  if (PEERS.test(text))
    return { type: 'better_than_peers', peer_group: `liknande-${area}`, date, ...withText };
  if (SAME_LEVEL.test(text)) return { type: 'same_level', date, ...withText };
  say(
    p.line,
    'varning',
    text === ''
      ? `önskat läge saknas för "${p.title}" – måltyp "ökning" tills vidare; ändra i planfilen`
      : `okänt önskat läge "${text}" – lagt som text, måltyp "ökning" tills vidare; ändra i planfilen`,
  );
  return { type: 'increase', date, ...withText };
}

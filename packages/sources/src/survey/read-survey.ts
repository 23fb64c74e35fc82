import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { chooseEncoding } from '../csv/decode.ts';
import { detectDelimiter, detectNewline } from '../csv/dialect.ts';
import { findColumn, normaliseName } from '../csv/header.ts';
import { parsePeriod } from '../csv/period.ts';
import type { Rejection } from '../csv/types.ts';
import type { SurveySourceDefinition } from '../definition.ts';
import { computeSurvey, type SurveyFact, type SurveyResponse, type SurveySuppression } from './compute.ts';

/**
 * Reads one survey export (one row per respondent) and returns only aggregates. A row whose unit, period
 * or any answer cannot be read is rejected as a whole; its reason names the line and column but never
 * repeats the answer, so a respondent's answers do not end up in the rejected rows either.
 */
export interface SurveyReadResult {
  facts: SurveyFact[];
  suppressed: SurveySuppression[];
  rejections: Rejection[];
  rowsRead: number;
  respondents: number;
  encoding: string;
  delimiter: string;
}

export interface SurveyReadContext {
  /** Unit cell (code or name) → area code. */
  resolveArea(raw: string): string | undefined;
}

function decode(
  bytes: Buffer,
  setting: SurveySourceDefinition['parse']['encoding'],
): { text: string; encoding: string } {
  const encoding = setting === 'auto' ? chooseEncoding(bytes, true) : setting;
  const text = iconv.decode(bytes, encoding === 'utf-8' ? 'utf8' : encoding);
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

export function scaleOf(def: SurveySourceDefinition): { min: number; max: number } {
  return def.scale.type === 'numeric'
    ? { min: def.scale.min, max: def.scale.max }
    : { min: 1, max: def.scale.labels.length };
}

export interface SurveyResponses {
  responses: SurveyResponse[];
  rejections: Rejection[];
  rowsRead: number;
  encoding: string;
  delimiter: string;
}

/** Reads one export into respondents (kept in memory only, to be aggregated) and rejected rows. */
export function readSurveyResponses(
  bytes: Buffer,
  def: SurveySourceDefinition,
  ctx: SurveyReadContext,
): SurveyResponses {
  const { text, encoding } = decode(bytes, def.parse.encoding);
  const newline = detectNewline(text.slice(0, 64 * 1024));
  const delimiter =
    def.parse.delimiter === 'auto'
      ? detectDelimiter(text.slice(0, 64 * 1024), newline, true)
      : def.parse.delimiter;
  const parsed = Papa.parse<string[]>(text, { delimiter, newline, skipEmptyLines: false });
  const records = parsed.data;
  const skip = def.parse.skip_lines ?? 0;
  const headerIndex = def.parse.header_line === 'auto' ? skip : def.parse.header_line - 1;
  const header = (records[headerIndex] ?? []).map((h) => h.trim());
  const column = (ref: string | number, what: string) => {
    const i = findColumn(ref, header);
    if (i < 0)
      throw new Error(
        `Enkätfilen har ingen kolumn ${JSON.stringify(ref)} (${what}); rubrikraden är: ${header.join(', ')}. Rätta kolumnen i källans definition eller exportera filen med den kolumnen`,
      );
    return i;
  };
  const unitCol = def.unit.column === undefined ? null : column(def.unit.column, 'enhet');
  const periodCol = def.period.column === undefined ? null : column(def.period.column, 'period');
  const weightCol = def.weight === undefined ? null : column(def.weight.column, 'vikt');
  const questions = [...new Set(def.measures.flatMap((m) => m.questions))];
  const questionCols = new Map(questions.map((q) => [q, column(q, 'fråga')]));
  const noAnswer = new Set(def.no_answer.map(normaliseName));
  const labelScore =
    def.scale.type === 'labels' ? new Map(def.scale.labels.map((l, i) => [normaliseName(l), i + 1])) : null;
  const { min, max } = scaleOf(def);

  const responses: SurveyResponse[] = [];
  const rejections: Rejection[] = [];
  let rowsRead = 0;
  for (let r = headerIndex + 1; r < records.length; r++) {
    const record = records[r] as string[];
    if (record.every((c) => c.trim() === '')) continue;
    rowsRead++;
    const line = r + 1;
    const reject = (col: string | null, raw: string, sv: string, en: string) =>
      rejections.push({ line, column: col, raw, reasonSv: sv, reasonEn: en });
    const unitRaw = unitCol === null ? (def.unit.value as string) : (record[unitCol] ?? '').trim();
    const unitText = def.unit.map?.[unitRaw] ?? unitRaw;
    const areaCode = ctx.resolveArea(unitText);
    if (areaCode === undefined) {
      reject(
        unitCol === null ? null : (header[unitCol] ?? null),
        unitRaw,
        `Okänd enhet "${unitRaw}"`,
        `Unknown unit "${unitRaw}"`,
      );
      continue;
    }
    const periodRaw = periodCol === null ? (def.period.value as string) : (record[periodCol] ?? '').trim();
    const period = parsePeriod(def.period.map?.[periodRaw] ?? periodRaw);
    if (period === null) {
      reject(
        periodCol === null ? null : (header[periodCol] ?? null),
        periodRaw,
        `Okänd period "${periodRaw}"`,
        `Unknown period "${periodRaw}"`,
      );
      continue;
    }
    let weight = 1;
    if (weightCol !== null) {
      const w = Number((record[weightCol] ?? '').trim().replace(',', '.'));
      if (!Number.isFinite(w) || w <= 0) {
        reject(
          header[weightCol] ?? null,
          (record[weightCol] ?? '').trim(),
          'Vikten är inte ett positivt tal',
          'The weight is not a positive number',
        );
        continue;
      }
      weight = w;
    }
    const answers = new Map<string, number | null>();
    let bad: string | null = null;
    for (const [q, i] of questionCols) {
      const cell = (record[i] ?? '').trim();
      if (cell === '' || noAnswer.has(normaliseName(cell))) {
        answers.set(q, null);
        continue;
      }
      let score: number | undefined;
      if (labelScore !== null) score = labelScore.get(normaliseName(cell));
      else {
        const n = Number(cell.replace(',', '.'));
        score = Number.isInteger(n) && n >= min && n <= max ? n : undefined;
      }
      if (score === undefined) {
        bad = header[i] ?? q;
        break;
      }
      answers.set(q, score);
    }
    if (bad !== null) {
      reject(
        bad,
        '(svaret visas inte)',
        `Svaret i kolumnen "${bad}" finns inte på skalan; raden är inte med (svaret visas inte, av hänsyn till den svarande)`,
        `The answer in column "${bad}" is not on the scale; the row is left out (the answer is not shown, to protect the respondent)`,
      );
      continue;
    }
    responses.push({ line, areaCode, period, weight, answers });
  }
  return { responses, rejections, rowsRead, encoding, delimiter };
}

/** Aggregates the respondents of one or more exports (several files of one survey are one population). */
export function aggregateSurvey(def: SurveySourceDefinition, responses: readonly SurveyResponse[]) {
  return computeSurvey(responses, def.measures, scaleOf(def), {
    minRespondents: def.min_respondents,
    totalArea: def.total_area,
  });
}

/** One export read and aggregated: only the aggregates and the rejected rows (without answers) come out. */
export function readSurvey(
  bytes: Buffer,
  def: SurveySourceDefinition,
  ctx: SurveyReadContext,
): SurveyReadResult {
  const read = readSurveyResponses(bytes, def, ctx);
  const { facts, suppressed } = aggregateSurvey(def, read.responses);
  return {
    facts,
    suppressed,
    rejections: read.rejections,
    rowsRead: read.rowsRead,
    respondents: read.responses.length,
    encoding: read.encoding,
    delimiter: read.delimiter,
  };
}

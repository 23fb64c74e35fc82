import { type Period, parsePeriod } from '../csv/period.ts';
import type { JsonStatCell } from './json-stat.ts';

/**
 * SCB writes Riket "00", counties with two digits ("05") and municipalities with four ("0586"); the
 * warehouse (like Kolada) writes Riket "0000" and regions "00" + the county code ("0005").
 * Null when the code is none of these (e.g. a national area such as "SE1").
 */
export function scbRegionToAreaCode(code: string): string | null {
  const c = code.trim();
  if (/^\d{2}$/.test(c)) return `00${c}`;
  if (/^\d{4}$/.test(c)) return c;
  // Some tables suffix municipality codes with the codelist's letter ("0586K"); the digits are the code.
  const suffixed = /^(\d{4})[A-Z]$/.exec(c);
  return suffixed ? (suffixed[1] as string) : null;
}

export interface ScbMapping {
  regionVariable: string;
  timeVariable: string;
  contentsVariable: string;
  /** Content code → indicator key. */
  indicatorByContents: Record<string, string>;
  breakdown?: { variable: string; map: Record<string, string> } | undefined;
}

export interface ScbValue {
  indicatorKey: string;
  areaCode: string;
  period: Period;
  breakdown: string;
  value: number | null;
  valueNote: 'missing' | 'suppressed' | null;
  status: string | null;
}

export interface ScbProblem {
  raw: string;
  column: string;
  reasonSv: string;
  reasonEn: string;
}

/**
 * Maps json-stat cells to values. SCB's ".." (not available or too uncertain to publish) becomes a
 * suppressed null, "." (cannot occur) and any other empty cell a missing null: never a zero.
 */
export function mapScbCells(
  cells: readonly JsonStatCell[],
  m: ScbMapping,
): { values: ScbValue[]; problems: ScbProblem[] } {
  const values: ScbValue[] = [];
  const problems: ScbProblem[] = [];
  for (const cell of cells) {
    const raw = JSON.stringify(cell);
    const regionCode = cell.codes[m.regionVariable];
    const timeCode = cell.codes[m.timeVariable];
    const contentsCode =
      m.contentsVariable in cell.codes
        ? cell.codes[m.contentsVariable]
        : Object.keys(m.indicatorByContents)[0];
    const fail = (column: string, sv: string, en: string) =>
      problems.push({ raw, column, reasonSv: sv, reasonEn: en });
    if (regionCode === undefined) {
      fail(
        m.regionVariable,
        `Tabellen har ingen variabel ${m.regionVariable}`,
        `The table has no variable ${m.regionVariable}`,
      );
      continue;
    }
    const areaCode = scbRegionToAreaCode(regionCode);
    if (areaCode === null) {
      fail(m.regionVariable, `Okänd regionkod "${regionCode}"`, `Unknown region code "${regionCode}"`);
      continue;
    }
    const period = timeCode === undefined ? null : parsePeriod(timeCode);
    if (period === null) {
      fail(m.timeVariable, `Okänd tidsperiod "${timeCode ?? ''}"`, `Unknown time period "${timeCode ?? ''}"`);
      continue;
    }
    const indicatorKey = contentsCode === undefined ? undefined : m.indicatorByContents[contentsCode];
    if (indicatorKey === undefined) {
      fail(
        m.contentsVariable,
        `Tabellinnehållet "${contentsCode ?? ''}" är inte kopplat till något mått`,
        `Contents "${contentsCode ?? ''}" is not mapped to an indicator`,
      );
      continue;
    }
    let breakdown = 'T';
    if (m.breakdown) {
      const code = cell.codes[m.breakdown.variable];
      const mapped = code === undefined ? undefined : m.breakdown.map[code];
      if (mapped === undefined) {
        fail(
          m.breakdown.variable,
          `Okänd kod "${code ?? ''}" för uppdelningen`,
          `Unknown breakdown code "${code ?? ''}"`,
        );
        continue;
      }
      breakdown = mapped;
    }
    const status = cell.status;
    let value = cell.value;
    let valueNote: ScbValue['valueNote'] = null;
    if (value === null || status === '..' || status === '.') {
      value = null;
      valueNote = status === '..' ? 'suppressed' : 'missing';
    }
    values.push({ indicatorKey, areaCode, period, breakdown, value, valueNote, status });
  }
  return { values, problems };
}

/** Adds T = the sum of the parts for every key whose parts all have values (population by sex → total). */
export function sumAsTotal(values: readonly ScbValue[], parts: readonly string[]): ScbValue[] {
  const groups = new Map<string, ScbValue[]>();
  for (const v of values) {
    if (!parts.includes(v.breakdown)) continue;
    const key = `${v.indicatorKey}|${v.areaCode}|${v.period.type}|${v.period.start}`;
    const list = groups.get(key) ?? [];
    list.push(v);
    groups.set(key, list);
  }
  const totals: ScbValue[] = [];
  for (const list of groups.values()) {
    const first = list[0] as ScbValue;
    const complete = parts.every((p) => list.some((v) => v.breakdown === p && v.value !== null));
    totals.push({
      ...first,
      breakdown: 'T',
      value: complete ? list.reduce((s, v) => s + (v.value ?? 0), 0) : null,
      valueNote: complete ? null : list.some((v) => v.valueNote === 'suppressed') ? 'suppressed' : 'missing',
      status: null,
    });
  }
  return totals;
}

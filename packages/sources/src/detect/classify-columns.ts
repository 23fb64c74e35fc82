/**
 * Which column plays which part: wide headers first (periods or breakdowns over numbers), then the
 * period, area and breakdown columns, then the values and the indicator. Each step takes only columns
 * no earlier step has claimed.
 */
import { normaliseName } from '../csv/header.ts';
import { parsePeriod } from '../csv/period.ts';
import type { CsvRecord } from '../csv/records.ts';
import { breakdownWords, type ColumnStats, isNumeric } from './column-stats.ts';
import { detectProblem } from './explain-problems.ts';
import type { Sample } from './sample.ts';
import type { ColumnRole, DetectedColumn, Detection } from './types.ts';

const areaHint =
  /kommun|region|område|omrade|län|enhet|förvaltning|forvaltning|nämnd|namnd|verksamhet|skola|organisation|kommunkod|^kod$/iu;
const periodHint =
  /^(år|ar|period|månad|manad|datum|tid|tertial|kvartal|halvår|vecka|mätperiod|year|month|date)\b/iu;
const breakdownHint = /^(kön|kon|indelning|sex|grupp)$/iu;
const indicatorHint = /nyckeltal|mått|matt|indikator|kpi|variabel|mätetal|matetal|tabell|innehåll|measure/iu;

export interface ColumnChoice {
  layout: Detection['layout'];
  wideAs: Detection['wideAs'];
  /** Header cells that are periods, when the layout is wide by period. */
  periodHeaders: ColumnStats[];
  /** Header cells that are breakdowns, when the layout is wide by breakdown. */
  breakdownHeaders: ColumnStats[];
  /** The number columns of a long file (the value is the last), or the measures of a wide-by-indicator file. */
  valueColumns: ColumnStats[];
  periodColumn: ColumnStats | undefined;
  areaColumn: ColumnStats | undefined;
  breakdownColumn: ColumnStats | undefined;
  valueColumn: ColumnStats | undefined;
  indicatorColumn: ColumnStats | undefined;
  /**
   * Every label column that names the indicator, in file order: the indicator column and the other label
   * columns that are neither area, period, breakdown nor value (SCB's "kategori" and "energityp"). One
   * indicator per combination of their cells.
   */
  labelColumns: ColumnStats[];
  /** Indicator titles by id, from a name column beside the id column. */
  indicatorTitles: Map<string, string>;
  /** That name column, when there is one. */
  titleColumn: ColumnStats | undefined;
  /** The columns holding values (value or wide), in file order. */
  numericColumns: ColumnStats[];
  /** Every column with its role, in file order. */
  columns: DetectedColumn[];
}

/** The roles given so far; a column gets one role, and steps choose among the columns still free. */
interface Roles {
  assign(s: ColumnStats, role: ColumnRole, why: string): void;
  free(): ColumnStats[];
  has(s: ColumnStats, ...roles: ColumnRole[]): boolean;
  columns(): DetectedColumn[];
}

function createRoles(stats: readonly ColumnStats[]): Roles {
  const roles = new Map<number, DetectedColumn>();
  return {
    assign: (s, role, why) =>
      roles.set(s.index, { index: s.index, name: s.name || `kolumn ${s.index + 1}`, role, why }),
    free: () => stats.filter((s) => !roles.has(s.index)),
    has: (s, ...wanted) => {
      const role = roles.get(s.index)?.role;
      return role !== undefined && wanted.includes(role);
    },
    columns: () => [...roles.values()].sort((a, b) => a.index - b.index),
  };
}

export function classifyColumns(
  stats: readonly ColumnStats[],
  sample: Pick<Sample, 'header' | 'headerLine' | 'dataRows'>,
): ColumnChoice {
  const roles = createRoles(stats);
  const wide = chooseWideHeaders(stats, roles);
  const periodColumn = wide.wideAs !== 'period' ? choosePeriodColumn(roles) : undefined;
  const areaColumn = chooseAreaColumn(roles);
  const breakdownColumn = wide.wideAs !== 'breakdown' ? chooseBreakdownColumn(roles) : undefined;
  const values = chooseValuesAndIndicator(roles, wide.wideAs, sample);
  const { titles: indicatorTitles, column: titleColumn } =
    values.indicatorColumn === undefined
      ? { titles: new Map<string, string>(), column: undefined }
      : findIndicatorTitles(roles, values.indicatorColumn, sample.dataRows);
  const extraLabels =
    values.wideAs === 'indicator'
      ? []
      : chooseLabelColumns(roles, [areaColumn, values.indicatorColumn], sample.dataRows);
  const labelColumns = [
    ...(values.indicatorColumn === undefined ? [] : [values.indicatorColumn]),
    ...extraLabels,
  ].sort((a, b) => a.index - b.index);
  for (const s of roles.free()) roles.assign(s, 'ignored', 'används inte');
  return {
    ...wide,
    ...values,
    labelColumns,
    titleColumn,
    periodColumn,
    areaColumn,
    breakdownColumn,
    indicatorTitles,
    numericColumns: stats.filter((s) => roles.has(s, 'value', 'wide')),
    columns: roles.columns(),
  };
}

/** Wide layouts first: periods or breakdowns as column headers over numbers. */
function chooseWideHeaders(
  stats: readonly ColumnStats[],
  roles: Roles,
): Pick<ColumnChoice, 'wideAs' | 'periodHeaders' | 'breakdownHeaders'> {
  // Period headers over numbers; once one column is such, its siblings are too, even when a bad cell
  // (or a one-row file) leaves one of them without numbers: the bad cell is then rejected, not the column.
  const periodHeaded = stats.filter((s) => s.name !== '' && parsePeriod(s.name) !== null);
  const periodHeaders = periodHeaded.some(isNumeric) ? periodHeaded : [];
  const breakdownHeaders = stats.filter((s) => breakdownWords.has(normaliseName(s.name)) && isNumeric(s));
  let wideAs: Detection['wideAs'] = null;
  if (
    periodHeaders.length >= 1 &&
    !(periodHeaders.length === 1 && periodHint.test(periodHeaders[0]?.name ?? ''))
  ) {
    wideAs = 'period';
    for (const s of periodHeaders)
      roles.assign(s, 'wide', `rubriken "${s.name}" är en period: breda kolumner`);
  } else if (breakdownHeaders.length >= 2) {
    wideAs = 'breakdown';
    for (const s of breakdownHeaders)
      roles.assign(s, 'wide', `rubriken "${s.name}" är en indelning: breda kolumner`);
  }
  return { wideAs, periodHeaders, breakdownHeaders };
}

/** The period column, for files whose headers are not periods. */
function choosePeriodColumn(roles: Roles): ColumnStats | undefined {
  // A named period column may hold a few bad cells (rejected later); an unnamed one must be periods.
  const candidates = roles
    .free()
    .filter((s) => s.nonEmpty > 0 && s.periods / s.nonEmpty >= (periodHint.test(s.name) ? 0.5 : 0.9));
  const periodColumn =
    candidates.find((s) => periodHint.test(s.name)) ??
    candidates.find((s) => !isNumeric(s) || s.distinct.size <= Math.max(3, s.nonEmpty / 2));
  if (periodColumn !== undefined)
    roles.assign(
      periodColumn,
      'period',
      `${periodColumn.periods} av ${periodColumn.nonEmpty} celler är perioder`,
    );
  return periodColumn;
}

/** Area: the column whose cells are known areas (codes beat names), or a unit column by its header. */
function chooseAreaColumn(roles: Roles): ColumnStats | undefined {
  // A plain number column is no area column even when its numbers happen to be codes ("5" is a region).
  const hinted = (s: ColumnStats) => (areaHint.test(s.name) ? 1 : 0);
  const known = roles
    .free()
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
    )[0];
  if (known !== undefined) {
    roles.assign(known, 'area', `${known.areas} av ${known.nonEmpty} celler är kända kommuner eller enheter`);
    return known;
  }
  // "Enhet" may also be a unit of measure ("st", "%", "mkr"): unit names are words of four letters or more.
  const looksLikeNames = (s: ColumnStats) => [...s.distinct.keys()].every((v) => /\p{L}{4}/u.test(v));
  const named = roles
    .free()
    .find((s) => areaHint.test(s.name) && !isNumeric(s) && s.nonEmpty > 0 && looksLikeNames(s));
  if (named !== undefined) roles.assign(named, 'area', `rubriken "${named.name}" namnger en enhet`);
  return named;
}

/** Breakdown column: T/K/M or Totalt/Kvinnor/Män. */
function chooseBreakdownColumn(roles: Roles): ColumnStats | undefined {
  const breakdownColumn = roles
    .free()
    .find(
      (s) =>
        s.nonEmpty > 0 &&
        !isNumeric(s) &&
        (s.breakdowns === s.nonEmpty || (breakdownHint.test(s.name) && s.distinct.size <= 20)),
    );
  if (breakdownColumn !== undefined)
    roles.assign(breakdownColumn, 'breakdown', 'värdena är en indelning (t.ex. kön T/K/M)');
  return breakdownColumn;
}

/**
 * Values and the indicator. Several number columns and no indicator column make a file wide by
 * indicator (one measure per column); otherwise the last number column is the value.
 */
function chooseValuesAndIndicator(
  roles: Roles,
  wideAsSoFar: Detection['wideAs'],
  sample: Pick<Sample, 'header' | 'headerLine'>,
): Pick<ColumnChoice, 'layout' | 'wideAs' | 'valueColumns' | 'valueColumn' | 'indicatorColumn'> {
  let wideAs = wideAsSoFar;
  const valueColumns = wideAs === null ? roles.free().filter(isNumeric) : [];
  const textColumns = roles.free().filter((s) => !isNumeric(s) && s.nonEmpty > 0);
  let indicatorColumn = findIndicatorColumn(textColumns, valueColumns);
  if (wideAs === null && valueColumns.length === 0) {
    throw detectProblem({ kind: 'no_numbers', headerLine: sample.headerLine, header: sample.header });
  }
  let layout: Detection['layout'] = wideAs === null ? 'long' : 'wide';
  if (wideAs === null && valueColumns.length >= 2 && indicatorColumn === undefined) {
    layout = 'wide';
    wideAs = 'indicator';
    for (const s of valueColumns) roles.assign(s, 'wide', `talkolumn "${s.name}": ett nyckeltal per kolumn`);
  }
  let valueColumn: ColumnStats | undefined;
  if (layout === 'long') {
    valueColumn = valueColumns[valueColumns.length - 1] as ColumnStats;
    roles.assign(valueColumn, 'value', `${valueColumn.numbers} av ${valueColumn.nonEmpty} celler är tal`);
  }
  if (indicatorColumn !== undefined && wideAs !== 'indicator') {
    roles.assign(
      indicatorColumn,
      'indicator',
      indicatorHint.test(indicatorColumn.name)
        ? `rubriken "${indicatorColumn.name}" namnger nyckeltalet`
        : 'den enda textkolumnen: nyckeltalets namn',
    );
  } else {
    indicatorColumn = undefined;
  }
  return { layout, wideAs, valueColumns, valueColumn, indicatorColumn };
}

function findIndicatorColumn(
  textColumns: readonly ColumnStats[],
  valueColumns: readonly ColumnStats[],
): ColumnStats | undefined {
  return (
    textColumns.find((s) => indicatorHint.test(s.name)) ??
    // An unnamed text column is an indicator only when its values repeat like names of measures do,
    // not a comment column where every row says something else.
    textColumns.find(
      (s) =>
        textColumns.length === 1 &&
        valueColumns.length <= 1 &&
        s.distinct.size < s.nonEmpty &&
        [...s.distinct.keys()].every((v) => v.length <= 120 && !/[\r\n]/.test(v)),
    )
  );
}

/**
 * Kolada and many systems export an indicator's id and its name side by side ("KPI-id", "KPI"):
 * the id column is the key, and a text column with exactly one name per id gives the titles.
 */
function findIndicatorTitles(
  roles: Roles,
  ids: ColumnStats,
  dataRows: readonly CsvRecord[],
): { titles: Map<string, string>; column: ColumnStats | undefined } {
  const titles = new Map<string, string>();
  const companion = roles.free().find((s) => {
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
    roles.assign(companion, 'ignored', `nyckeltalens namn (till kolumnen "${ids.name}")`);
  }
  return { titles, column: companion };
}

/**
 * The other label columns: text whose values repeat like the names of series do and that varies within
 * one area, so it separates series (SCB's "kategori" and "energityp"; twelve series per municipality,
 * never one). A column with one value per area (its name beside its code, a group it belongs to, a
 * constant "MWh") or per indicator (its unit, its title) separates nothing and stays unused.
 */
function chooseLabelColumns(
  roles: Roles,
  keyColumns: readonly (ColumnStats | undefined)[],
  dataRows: readonly CsvRecord[],
): ColumnStats[] {
  const labels = roles
    .free()
    .filter(
      (s) =>
        !isNumeric(s) &&
        s.nonEmpty > 0 &&
        s.distinct.size >= 2 &&
        s.distinct.size < s.nonEmpty &&
        [...s.distinct.keys()].every((v) => v.length <= 120 && !/[\r\n]/.test(v)) &&
        keyColumns.every((by) => by === undefined || variesWithin(s, by, dataRows)),
    );
  for (const s of labels) {
    roles.assign(
      s,
      'indicator',
      `etikettkolumn med ${s.distinct.size} olika värden som skiljer serierna åt: ett nyckeltal per kombination`,
    );
  }
  return labels;
}

/** Whether `s` takes more than one value for some value of `by` (else it is an attribute of `by`). */
function variesWithin(s: ColumnStats, by: ColumnStats, dataRows: readonly CsvRecord[]): boolean {
  const seen = new Map<string, string>();
  for (const row of dataRows) {
    const key = (row.fields[by.index] ?? '').trim();
    const value = (row.fields[s.index] ?? '').trim();
    const before = seen.get(key);
    if (before === undefined) seen.set(key, value);
    else if (before !== value) return true;
  }
  return false;
}

import type { CsvRecord } from '../csv/records.ts';
import { type ColumnStats, isNumeric } from '../detect/column-stats.ts';
import { idFromFileName, slugify } from '../detect/names.ts';
import type { Sample } from '../detect/sample.ts';
import type { DetectedColumn } from '../detect/types.ts';

/*
 * Recognises a classification file: one row per area, label columns holding group codes (and their
 * names), and no measure at all (SKR's kommungruppsindelning: Grupp B4, Huvudgrupp B, Länskod 05). Such a
 * file is a set of peer groups, never values: detect proposes `mapping.layout: classification` for it.
 */

export interface ClassificationLevel {
  code: ColumnStats;
  name: ColumnStats | undefined;
}

export interface ClassificationProposal {
  area: ColumnStats;
  group: ClassificationLevel;
  main: ClassificationLevel | undefined;
  set: { key: string; label: string; valid_from?: string };
  /** Each group of the sample with its name and how many areas it has, in order of first appearance. */
  groups: { code: string; name: string; areas: number }[];
  columns: DetectedColumn[];
}

const codeValue = /^[\p{L}\p{N}][\p{L}\p{N}.-]{0,7}$/u;
const groupHint = /grupp|group|klass|kategori|typ/iu;
// A municipality's län or region is where it lies, not whom it resembles.
const areaLevelHeader = /län|landsting|region|county/iu;
const yearPattern = /(?<!\d)(19[5-9]\d|20\d\d)(?!\d)/;

/** The proposal, or null when the sample is not a classification (it has a measure, a period, no areas). */
export function proposeClassification(
  stats: readonly ColumnStats[],
  sample: Pick<Sample, 'header' | 'dataRows' | 'titleLines'>,
  fileName: string,
): ClassificationProposal | null {
  const used = stats.filter((s) => s.nonEmpty > 0);
  if (used.some(isNumeric)) return null;
  if (used.some((s) => s.periods / s.nonEmpty >= 0.9)) return null;
  const area = chooseAreaColumn(used);
  if (area === undefined) return null;
  // Other columns that name areas (the area's name, its län code and name) are no peer groups.
  const labels = used.filter(
    (s) => s !== area && s.areas / s.nonEmpty < 0.5 && !areaLevelHeader.test(s.name),
  );
  const candidates = labels.filter(
    (s) =>
      s.distinct.size >= 2 &&
      s.distinct.size <= s.nonEmpty / 2 &&
      s.nonEmpty >= 0.9 * area.nonEmpty &&
      [...s.distinct.keys()].every((v) => codeValue.test(v)),
  );
  const groupCode = [...candidates].sort(
    (a, b) =>
      Number(groupHint.test(b.name)) - Number(groupHint.test(a.name)) ||
      b.distinct.size - a.distinct.size ||
      digitsOnly(a) - digitsOnly(b) ||
      a.index - b.index,
  )[0];
  if (groupCode === undefined) return null;
  const rows = sample.dataRows;
  const group = { code: groupCode, name: nameColumn(groupCode, labels, candidates, rows) };
  const mainCode = candidates
    .filter((s) => s.distinct.size < groupCode.distinct.size && functional(groupCode, s, rows))
    .sort((a, b) => b.distinct.size - a.distinct.size || a.index - b.index)[0];
  const main =
    mainCode === undefined
      ? undefined
      : { code: mainCode, name: nameColumn(mainCode, labels, candidates, rows) };
  return {
    area,
    group,
    main,
    set: proposeSet(sample, fileName),
    groups: groupsOf(group, area, rows),
    columns: describeColumns(stats, area, group, main),
  };
}

const digitsOnly = (s: ColumnStats) => ([...s.distinct.keys()].every((v) => /^\d+$/.test(v)) ? 1 : 0);

const areaHeader = /kommun|region|område|omrade|län|lan\b/iu;

/**
 * Known areas in most rows (four in five), each area once: the rows a classification classifies. A column
 * headed as areas with municipality codes counts too when the register lacks some of them (those rows
 * are then rejected as unknown areas, which the steward sees).
 */
function chooseAreaColumn(stats: readonly ColumnStats[]): ColumnStats | undefined {
  const areaLike = (s: ColumnStats) =>
    s.areas / s.nonEmpty >= 0.8 || (areaHeader.test(s.name) && s.codeLike / s.nonEmpty >= 0.9);
  return stats
    .filter((s) => areaLike(s) && s.distinct.size === s.nonEmpty && s.nonEmpty >= 2)
    .sort((a, b) => b.codeLike - a.codeLike || b.areas - a.areas || a.index - b.index)[0];
}

/** Does every value of `from` go with exactly one value of `to` in the sample rows? */
function functional(from: ColumnStats, to: ColumnStats, rows: readonly CsvRecord[]): boolean {
  const pairs = new Map<string, string>();
  for (const row of rows) {
    const a = (row.fields[from.index] ?? '').trim();
    const b = (row.fields[to.index] ?? '').trim();
    if (a === '') continue;
    if (pairs.has(a) && pairs.get(a) !== b) return false;
    pairs.set(a, b);
  }
  return true;
}

/** The column naming a code column's groups: one longer name per code, and one code per name. */
function nameColumn(
  code: ColumnStats,
  labels: readonly ColumnStats[],
  codes: readonly ColumnStats[],
  rows: readonly CsvRecord[],
): ColumnStats | undefined {
  const codeLength = [...code.distinct.keys()].join('').length;
  return labels.find(
    (s) =>
      !codes.includes(s) &&
      s.distinct.size === code.distinct.size &&
      [...s.distinct.keys()].join('').length > codeLength &&
      functional(code, s, rows) &&
      functional(s, code, rows),
  );
}

/**
 * The set's key and label. SKR's kommungruppsindelning gets the key plans name it by
 * (`skr-kommungrupper-2017`); any other file a key from its name. The year comes from the header
 * ("Kommungrupp 2017 namn"), the title lines or the file name.
 */
function proposeSet(
  sample: Pick<Sample, 'header' | 'titleLines'>,
  fileName: string,
): ClassificationProposal['set'] {
  const texts = [...sample.header, ...sample.titleLines.map((t) => t.text), fileName];
  const year = texts.map((t) => yearPattern.exec(t)?.[1]).find((y) => y !== undefined);
  const skr = texts.some((t) => /kommungrupp/iu.test(t));
  const base = idFromFileName(fileName).replace(/-?(19|20)\d\d(?=-|$)/g, '');
  const key = skr ? 'skr-kommungrupper' : slugify(base) || 'indelning';
  const title = (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]+$/, '');
  const label = skr ? 'SKR:s kommungruppsindelning' : title;
  if (year === undefined) return { key, label };
  return {
    key: `${key}-${year}`,
    label: label.includes(year) ? label : `${label} ${year}`,
    valid_from: `${year}-01-01`,
  };
}

function groupsOf(
  group: ClassificationLevel,
  area: ColumnStats,
  rows: readonly CsvRecord[],
): ClassificationProposal['groups'] {
  const out = new Map<string, { code: string; name: string; areas: number }>();
  for (const row of rows) {
    const code = (row.fields[group.code.index] ?? '').trim();
    if (code === '' || (row.fields[area.index] ?? '').trim() === '') continue;
    const name = group.name === undefined ? code : (row.fields[group.name.index] ?? '').trim() || code;
    const known = out.get(code) ?? { code, name, areas: 0 };
    known.areas++;
    out.set(code, known);
  }
  return [...out.values()];
}

function describeColumns(
  stats: readonly ColumnStats[],
  area: ColumnStats,
  group: ClassificationLevel,
  main: ClassificationLevel | undefined,
): DetectedColumn[] {
  const roles = new Map<ColumnStats, Pick<DetectedColumn, 'role' | 'why'>>([
    [
      area,
      {
        role: 'area',
        why: `${area.areas} av ${area.nonEmpty} celler är kända områden, vart och ett en gång`,
      },
    ],
    [
      group.code,
      { role: 'group', why: `${group.code.distinct.size} gruppkoder (text, inga tal): jämförelsegruppen` },
    ],
  ]);
  if (group.name) roles.set(group.name, { role: 'group_name', why: 'gruppernas namn, ett per kod' });
  if (main) {
    roles.set(main.code, {
      role: 'main_group',
      why: `${main.code.distinct.size} huvudgrupper; varje grupp hör till en av dem`,
    });
    if (main.name) roles.set(main.name, { role: 'main_group_name', why: 'huvudgruppernas namn' });
  }
  return stats.map((s) => {
    const r = roles.get(s) ?? { role: 'ignored' as const, why: 'används inte' };
    return { index: s.index, name: s.name || `kolumn ${s.index + 1}`, ...r };
  });
}

/**
 * The one area resolver: a cell of an export → an area code of the register, however the publisher
 * wrote it. The worker, detect, the preview and the survey reader all use this, so a cell that loads in
 * one loads in all.
 *
 * Forms it understands (table-driven tests in resolve.test.ts):
 * - codes: "0586", "586" (Excel dropped the zero), SCB's two-digit län codes "01" and "00" (→ 0001,
 *   0000: Kolada's region ids are "00" + the län code), a register key ("KLK", "0012-1996");
 * - code and name: "0586 Mjölby", "01 Stockholms län", "0001 Region Stockholm", "15 f.d. Älvsborgs län".
 *   The code decides; the name only chooses between areas that have carried the code ("12 f.d.
 *   Malmöhus län" is not today's 12, Skåne), so "1917 Heby" is the historical Heby and "0331 Heby" today's;
 * - names: exactly, or with or without "kommun"/"stad", "län", "Region", "-regionen", "läns landsting",
 *   a genitive s ("Stockholms län" = "Region Stockholm"), "f.d." in front; case, runs of white space,
 *   soft hyphens (U+00AD), non-breaking spaces, punctuation and hyphens do not matter. A name alone is
 *   today's area when a historical one had the same name (Heby → 0331).
 * A name that could be two areas of the same standing matches neither (it stays an unknown area).
 */

import { memoise } from '../csv/lookups.ts';

export type AreaKind = 'country' | 'region' | 'municipality' | 'aggregate' | 'org_unit';

/** One area as the register knows it (dim.areas; the warehouse's `RegisterAreaRow`). */
export interface RegisterArea {
  code: string;
  name: string;
  /** Inferred from the code when absent: 0000 the country, 00NN a region, NNNN a municipality, else an org unit. */
  type?: AreaKind | undefined;
  /** The code publishers write (null: none known); the key itself when absent and four digits. */
  officialCode?: string | null | undefined;
  aliases?: readonly string[] | undefined;
  /** Last day of a historical area; null or absent for a current one. */
  validTo?: string | null | undefined;
}

export interface AreaResolver {
  /** The area code for a cell, or undefined when the register has no such area. */
  resolve(raw: string): string | undefined;
  /** Every key of the register. */
  codes: ReadonlySet<string>;
}

/** White space of every kind as one space; soft hyphens and zero-width characters dropped; NFC. */
export function cleanAreaText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\u00AD\u200B-\u200D\u2060]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The comparable form of a name: lower case, no "f.d.", no punctuation, hyphens as spaces. */
function canonical(text: string): string {
  return cleanAreaText(text)
    .toLocaleLowerCase('sv')
    .replace(/^(?:f\.? ?d\.?|före detta) /, '')
    .replace(/[()[\]{},.:;'"´`!?*]/g, '')
    .replace(/[-‐‑‒–—]/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

const regionAffixes: readonly RegExp[] = [
  /^region (.+)$/,
  /^landstinget i (.+)$/,
  /^landstinget (.+)$/,
  /^(.+?) ?regionen$/,
  /^(.+?) läns landsting$/,
  /^(.+?) landsting$/,
  /^(.+?) län$/,
];
const municipalityAffix = /^(.+?) (?:kommun|stad|stads?kommun)$/;

const withoutGenitive = (text: string) => (text.length > 2 && text.endsWith('s') ? text.slice(0, -1) : text);

/** "region jönköpings län" → "r:jönköping"; "borås kommun" → "m:borå"; null for a name with no such word. */
function typedStem(canon: string): string | null {
  let inner = canon;
  let region = false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const affix of regionAffixes) {
      const m = affix.exec(inner);
      if (m?.[1] !== undefined) {
        inner = m[1];
        region = changed = true;
      }
    }
  }
  if (region) return `r:${withoutGenitive(inner)}`;
  const m = municipalityAffix.exec(canon);
  return m?.[1] === undefined ? null : `m:${withoutGenitive(m[1])}`;
}

/** A bare name's stems, for "Skåne" (a region, no municipality of that name) or "Gotlands" → Gotland. */
const bareStems = (canon: string) => [`m:${withoutGenitive(canon)}`, `r:${withoutGenitive(canon)}`];

function kindOf(area: RegisterArea): AreaKind {
  if (area.type !== undefined) return area.type;
  if (area.code === '0000') return 'country';
  if (/^00\d\d$/.test(area.code)) return 'region';
  return /^\d{4}$/.test(area.code) ? 'municipality' : 'org_unit';
}

function officialCodeOf(area: RegisterArea): string | null {
  if (area.officialCode !== undefined) return area.officialCode;
  return /^\d{4}$/.test(area.code) ? area.code : null;
}

/** Lower ranks win a name: today's public areas, then org units and aggregates, then historical areas. */
function rankOf(area: RegisterArea): number {
  if (area.validTo !== undefined && area.validTo !== null) return 2;
  const kind = kindOf(area);
  return kind === 'org_unit' || kind === 'aggregate' ? 1 : 0;
}

/** Name → code, where two areas of the same rank under one name make the name ambiguous (null). */
class NameIndex {
  private readonly entries = new Map<string, { code: string | null; rank: number }>();

  add(key: string, code: string, rank: number): void {
    if (key === '' || key === 'm:' || key === 'r:') return;
    const seen = this.entries.get(key);
    if (seen === undefined || rank < seen.rank) this.entries.set(key, { code, rank });
    else if (rank === seen.rank && seen.code !== code) seen.code = null;
  }

  get(key: string): string | null | undefined {
    return this.entries.get(key)?.code;
  }
}

interface Indexes {
  byCode: Map<string, RegisterArea>;
  /** Keys in lower case, for "klk" when the unit's key is "KLK". */
  byLowerCode: NameIndex;
  byOfficialCode: Map<string, RegisterArea[]>;
  names: NameIndex;
  stems: NameIndex;
}

function buildIndexes(areas: readonly RegisterArea[]): Indexes {
  const byCode = new Map<string, RegisterArea>();
  const byLowerCode = new NameIndex();
  const byOfficialCode = new Map<string, RegisterArea[]>();
  const names = new NameIndex();
  const stems = new NameIndex();
  for (const area of areas) {
    byCode.set(area.code, area);
    byLowerCode.add(area.code.toLocaleLowerCase('sv'), area.code, 0);
    const official = officialCodeOf(area);
    if (official !== null) byOfficialCode.set(official, [...(byOfficialCode.get(official) ?? []), area]);
    const rank = rankOf(area);
    const kind = kindOf(area);
    for (const name of [area.name, ...(area.aliases ?? [])]) {
      const canon = canonical(name);
      names.add(canon, area.code, rank);
      if (kind !== 'region' && kind !== 'municipality') continue;
      const typed = typedStem(canon);
      // A region's bare name ("Skåne") and a municipality's ("Borås") stand for their typed stem.
      stems.add(typed ?? `${kind === 'region' ? 'r' : 'm'}:${withoutGenitive(canon)}`, area.code, rank);
    }
  }
  // Today's area first among those that carried a code.
  for (const list of byOfficialCode.values()) list.sort((a, b) => rankOf(a) - rankOf(b));
  return { byCode, byLowerCode, byOfficialCode, names, stems };
}

function resolveName(ix: Indexes, text: string): string | undefined {
  const canon = canonical(text);
  if (canon === '') return undefined;
  const exact = ix.names.get(canon);
  if (exact !== undefined) return exact ?? undefined;
  const typed = typedStem(canon);
  for (const key of typed === null ? bareStems(canon) : [typed]) {
    const code = ix.stems.get(key);
    if (code !== undefined) return code ?? undefined;
  }
  return undefined;
}

const codeAndName = /^(\d{1,4})(?: ?[-–:] ?| )(\p{L}.*)$/u;

function resolveCode(ix: Indexes, code: string, name: string | undefined): string | undefined {
  const carried = ix.byOfficialCode.get(code.padStart(4, '0'));
  const byName = name === undefined ? undefined : resolveName(ix, name);
  if (carried === undefined) {
    // A code we do not know: the name may still name an area whose code no source gives
    // ("11 f.d. Kristianstads län"), never one whose code is known (that would be a different area).
    const area = byName === undefined ? undefined : ix.byCode.get(byName);
    return area !== undefined && officialCodeOf(area) === null ? area.code : undefined;
  }
  if (byName !== undefined && carried.some((a) => a.code === byName)) return byName;
  return carried[0]?.code;
}

/**
 * The resolver over a register, memoised per distinct text (the survey reader calls it per row), so its
 * cost is paid once per distinct cell. The CSV reader's `areaLookup` keeps its own cache in front, which
 * is what a row hits.
 */
export function createAreaResolver(areas: readonly RegisterArea[]): AreaResolver {
  const ix = buildIndexes(areas);
  return {
    codes: new Set(ix.byCode.keys()),
    resolve: memoise((raw: string): string | undefined => {
      const text = cleanAreaText(raw);
      if (text === '') return undefined;
      if (ix.byCode.has(text)) return text;
      const key = ix.byLowerCode.get(text.toLocaleLowerCase('sv'));
      if (typeof key === 'string') return key;
      if (/^\d{1,4}$/.test(text)) return resolveCode(ix, text, undefined);
      const m = codeAndName.exec(text);
      if (m?.[1] !== undefined) return resolveCode(ix, m[1], m[2]);
      return resolveName(ix, text);
    }),
  };
}

// The words of a summary row ("Totalt", "Summa", "Samtliga") in an area column: the sum of the rows above,
// skipped by the reader, never an area and never proposed as an org unit.
const summaryWords = /^(?:totalt|total|summa|totalsumma|delsumma|samtliga)(?![\p{L}\p{N}])/u;

export function isAreaSummaryText(raw: string): boolean {
  return summaryWords.test(cleanAreaText(raw).toLocaleLowerCase('sv'));
}

// Names of public areas by their form: a län, a region or landsting, a municipality, Riket, an unweighted
// mean. One the register does not know is an unknown area, never an internal unit.
const publicAreaForms: readonly RegExp[] = [
  /(?:^| )län$/,
  /^region /,
  /regionen$/,
  /landsting/,
  / kommun$/,
  /ovägt medel/,
  /^riket(?: |$)/,
  /^hela (?:riket|landet)$/,
  /^sverige$/,
];

export function isPublicAreaName(raw: string): boolean {
  const canon = canonical(raw);
  return publicAreaForms.some((form) => form.test(canon));
}

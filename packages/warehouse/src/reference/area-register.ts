/**
 * The area register as data: Riket, the län, the municipalities, their historical predecessors and the
 * aggregates publishers report, read from the files in packages/warehouse/data/areas (their origin is
 * named in that folder's README). `malkoll migrate` writes this into dim.areas and dim.area_changes
 * (queries/areas.ts `syncReferenceAreas`).
 *
 * Codes are the ones Kolada and the warehouse use: 0000 Riket, 00NN for län NN (Kolada's region ids),
 * NNNN for municipalities. A historical area keeps the code it was published with when no other area
 * carries it ("1917" Heby, "0015" Älvsborgs län); when a later area took the code over (Skåne län kept
 * Malmöhus län's 12) the historical one is "<code>-<last year>" ("0012-1996"), and one whose code no source
 * gives is "<name>-<last year>" ("kristianstads-lan-1996"). `officialCode` is the code as published
 * (null when unknown), which is what a file's "12 f.d. Malmöhus län" is matched on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseDataCsv } from './csv.ts';

export type ReferenceAreaType = 'country' | 'region' | 'municipality' | 'aggregate';

export interface ReferenceArea {
  code: string;
  name: string;
  type: ReferenceAreaType;
  /** The code publishers use for it (4 digits, län as 00NN); null when no source gives it. */
  officialCode: string | null;
  parentCode: string | null;
  /** First day of the area; null when it predates every change the data records. */
  validFrom: string | null;
  /** Last day of the area; null for a current one. */
  validTo: string | null;
  /** Other names it is published under ("Stockholms län" for Region Stockholm, "Malung" for 2023). */
  aliases: string[];
}

/**
 * How one area led to another: `recoded` is the same territory under a new code (Heby 1917 → 0331),
 * `merged` an area that became part of a new one (Älvsborgs län → Västra Götalands län), `split` a new
 * area broken out of one that continues (Knivsta out of Uppsala).
 */
export type AreaChangeKind = 'recoded' | 'merged' | 'split';

export interface ReferenceAreaChange {
  fromCode: string;
  toCode: string;
  effectiveDate: string;
  kind: AreaChangeKind;
  sourceUrl: string;
}

export interface ReferenceRegister {
  areas: ReferenceArea[];
  changes: ReferenceAreaChange[];
}

// Found through the package's own name rather than relative to this file: bundled into an app's dist/
// (infra/scripts/build-app.mjs) this code no longer sits in packages/warehouse/src/reference.
export const AREA_DATA_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@malkoll/warehouse/package.json')),
  'data/areas/',
);

let cached: ReferenceRegister | null = null;

/** The register from the bundled data files (read once per process). */
export function referenceRegister(): ReferenceRegister {
  cached ??= loadReferenceRegister(AREA_DATA_DIR);
  return cached;
}

/** The reference areas; current and historical, with aggregates. */
export function referenceAreas(): readonly ReferenceArea[] {
  return referenceRegister().areas;
}

/** The 290 municipalities as they are today. */
export function currentMunicipalities(): ReferenceArea[] {
  return referenceAreas().filter((a) => a.type === 'municipality' && a.validTo === null);
}

export function loadReferenceRegister(dir: string): ReferenceRegister {
  const read = (file: string) => parseDataCsv(readFileSync(`${dir}/${file}`, 'utf8'), file);
  const builder = new RegisterBuilder();
  builder.addCurrent(read('scb-lan-och-kommuner-2025.csv'), read('kolada-regions.csv'));
  builder.addAggregates(read('aggregates.csv'));
  builder.addAliases(read('aliases.csv'));
  builder.applyChanges(read('changes.csv'));
  return { areas: builder.areas, changes: builder.changes };
}

type Row = Record<string, string>;

const lanCode = (twoDigits: string) => `00${twoDigits}`;

/** A year-precision date ("1992": the source names only the year) is read as its first day. */
function dateOf(row: Row): string {
  const date = row.effective_date ?? '';
  if (row.date_precision === 'year' && /^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  throw new Error(`changes.csv: change ${row.change_id} has the date "${date}"`);
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const validAt = (a: ReferenceArea, date: string) =>
  (a.validFrom === null || a.validFrom <= date) && (a.validTo === null || a.validTo >= date);

class RegisterBuilder {
  readonly areas: ReferenceArea[] = [];
  readonly changes: ReferenceAreaChange[] = [];
  private readonly byCode = new Map<string, ReferenceArea>();

  private add(area: ReferenceArea): ReferenceArea {
    if (this.byCode.has(area.code)) throw new Error(`area register: code ${area.code} twice`);
    this.byCode.set(area.code, area);
    this.areas.push(area);
    return area;
  }

  private get(code: string, what: string): ReferenceArea {
    const area = this.byCode.get(code);
    if (area === undefined) throw new Error(`area register: ${what} names the unknown code ${code}`);
    return area;
  }

  /** SCB's list of län and municipalities, with Kolada's region ids and titles (Riket is Kolada's 0000). */
  addCurrent(scb: Row[], kolada: Row[]): void {
    const koladaByScb = new Map(kolada.map((k) => [k.scb_code as string, k]));
    const riket = koladaByScb.get('00');
    this.add(area({ code: '0000', name: riket?.kolada_title ?? 'Riket', type: 'country' }));
    for (const row of scb) {
      const scbCode = row.code as string;
      const name = row.name as string;
      if (/^\d{2}$/.test(scbCode)) {
        const title = koladaByScb.get(scbCode)?.kolada_title;
        const code = lanCode(scbCode);
        const aliases = title !== undefined && title !== name ? [name] : [];
        this.add(area({ code, name: title ?? name, type: 'region', parentCode: '0000', aliases }));
      } else if (/^\d{4}$/.test(scbCode)) {
        const parentCode = lanCode(scbCode.slice(0, 2));
        this.get(parentCode, `municipality ${scbCode}`);
        this.add(area({ code: scbCode, name, type: 'municipality', parentCode }));
      } else throw new Error(`scb-lan-och-kommuner-2025.csv: the code "${scbCode}"`);
    }
    for (const k of kolada) this.get(lanCode(k.scb_code as string), `kolada-regions.csv ${k.kolada_id}`);
  }

  addAggregates(rows: Row[]): void {
    for (const row of rows) {
      this.add({
        ...area({ code: row.code as string, name: row.name as string, type: 'aggregate' }),
        officialCode: null,
      });
    }
  }

  addAliases(rows: Row[]): void {
    for (const row of rows) this.get(row.code as string, 'aliases.csv').aliases.push(row.alias as string);
  }

  /** Län first (a recoded municipality hangs under its old län), then recodes, then splits (from an old code). */
  applyChanges(rows: Row[]): void {
    const order = (row: Row) => (row.entity === 'län' ? 0 : row.change_type === 'municipality_split' ? 2 : 1);
    for (const row of [...rows].sort((a, b) => order(a) - order(b))) this.applyChange(row);
  }

  private applyChange(row: Row): void {
    const date = dateOf(row);
    const newCode = row.entity === 'län' ? lanCode(row.new_code as string) : (row.new_code as string);
    const target = this.get(newCode, `changes.csv ${row.change_id}`);
    switch (row.change_type) {
      case 'lan_merger':
      case 'lan_transfer_and_code_change': {
        const old = this.addHistorical(row, dayBefore(date));
        this.startsOn(target, date);
        const kind = row.change_type === 'lan_merger' ? 'merged' : 'recoded';
        this.changes.push(change(old.code, target.code, date, kind, row));
        return;
      }
      case 'municipality_split': {
        const from = this.areaAt(row.from_code as string, date, `changes.csv ${row.change_id}`);
        this.startsOn(target, date);
        this.changes.push(change(from.code, target.code, date, 'split', row));
        return;
      }
      case 'rename':
        if (row.old_name !== '' && row.old_name !== target.name) target.aliases.push(row.old_name as string);
        return;
      case 'lan_transfer':
        // A municipality that moved län without a code change we know (Habo, Mullsjö 1998): the area is
        // the same one, under its current län; without the old code there is nothing to tell apart.
        return;
      default:
        throw new Error(`changes.csv ${row.change_id}: unknown change_type "${row.change_type}"`);
    }
  }

  private addHistorical(row: Row, validTo: string): ReferenceArea {
    const isLan = row.entity === 'län';
    const raw = row.old_code ?? '';
    const officialCode = raw === '' ? null : isLan ? lanCode(raw) : raw;
    const name = row.old_name as string;
    const year = validTo.slice(0, 4);
    const code =
      officialCode === null
        ? `${slug(name)}-${year}`
        : this.byCode.has(officialCode)
          ? `${officialCode}-${year}`
          : officialCode;
    const parentCode = isLan
      ? '0000'
      : this.areaAt(lanCode(row.old_lan_code as string), validTo, `changes.csv ${row.change_id}`).code;
    const type = isLan ? 'region' : 'municipality';
    return this.add({ ...area({ code, name, type, parentCode }), officialCode, validTo });
  }

  private startsOn(target: ReferenceArea, date: string): void {
    if (target.validFrom === null || target.validFrom < date) target.validFrom = date;
  }

  /**
   * The area that carried `officialCode` on `date`: the area with that code, or the one it was recoded
   * from (Bollebygd split from Borås in 1995, when Borås was 1583, not yet 1490).
   */
  private areaAt(officialCode: string, date: string, what: string): ReferenceArea {
    const withCode = this.areas.filter((a) => a.officialCode === officialCode);
    const direct = withCode.find((a) => validAt(a, date));
    if (direct !== undefined) return direct;
    for (const a of withCode) {
      for (const c of this.changes) {
        if (c.toCode === a.code && c.kind === 'recoded') {
          const from = this.get(c.fromCode, what);
          if (validAt(from, date)) return from;
        }
      }
    }
    throw new Error(`area register: ${what} names ${officialCode}, which no area carried on ${date}`);
  }
}

function area(fields: {
  code: string;
  name: string;
  type: ReferenceAreaType;
  parentCode?: string;
  aliases?: string[];
}): ReferenceArea {
  return {
    code: fields.code,
    name: fields.name,
    type: fields.type,
    officialCode: fields.code,
    parentCode: fields.parentCode ?? null,
    validFrom: null,
    validTo: null,
    aliases: fields.aliases ?? [],
  };
}

function change(
  fromCode: string,
  toCode: string,
  effectiveDate: string,
  kind: AreaChangeKind,
  row: Row,
): ReferenceAreaChange {
  return { fromCode, toCode, effectiveDate, kind, sourceUrl: row.source_url as string };
}

import { type Period, yearPeriod } from '../csv/period.ts';
import type { KoladaKpi } from './client.ts';

/** One Kolada value on its way to a fact, before area and indicator ids are resolved. */
export interface KoladaValue {
  kpi: string;
  /** Municipality id or organisational unit id: the warehouse's area code. */
  unit: string;
  period: Period;
  breakdown: 'T' | 'K' | 'M';
  value: number | null;
  valueNote: 'missing' | null;
  /** Kolada's status flag as given ("" when none, "Missing", …). */
  status: string;
}

export interface KoladaRowProblem {
  kpi: string;
  unit: string;
  period: string;
  raw: string;
  reasonSv: string;
  reasonEn: string;
}

export interface MappedKoladaRow {
  values: KoladaValue[];
  problems: KoladaRowProblem[];
  /** Values Kolada marks deleted (isdeleted, answered to changed-since requests): left out. */
  deleted: number;
}

const genders = new Set(['T', 'K', 'M']);

/**
 * Maps one Kolada data row (a KPI × unit × year with its gender values) to values: gender T/K/M becomes
 * the breakdown, `status: "Missing"` or a null value becomes a null value noted `missing`, and the status
 * flag is kept beside the value.
 */
export function mapKoladaRow(row: {
  kpi: string;
  unit: string;
  period: number;
  values: {
    gender: string;
    status?: string | null | undefined;
    value: number | null;
    isdeleted?: boolean | undefined;
  }[];
}): MappedKoladaRow {
  const out: MappedKoladaRow = { values: [], problems: [], deleted: 0 };
  const period = yearPeriod(row.period);
  for (const v of row.values) {
    const raw = JSON.stringify({ kpi: row.kpi, unit: row.unit, period: row.period, ...v });
    if (period === null) {
      out.problems.push({
        kpi: row.kpi,
        unit: row.unit,
        period: String(row.period),
        raw,
        reasonSv: `Ogiltigt år ${row.period}`,
        reasonEn: `Invalid year ${row.period}`,
      });
      continue;
    }
    if (v.isdeleted === true) {
      out.deleted++;
      continue;
    }
    if (!genders.has(v.gender)) {
      out.problems.push({
        kpi: row.kpi,
        unit: row.unit,
        period: String(row.period),
        raw,
        reasonSv: `Okänt kön "${v.gender}" (väntade T, K eller M)`,
        reasonEn: `Unknown gender "${v.gender}" (expected T, K or M)`,
      });
      continue;
    }
    const status = v.status ?? '';
    const missing = v.value === null || status.toLowerCase() === 'missing' || !Number.isFinite(v.value);
    out.values.push({
      kpi: row.kpi,
      unit: row.unit,
      period,
      breakdown: v.gender as 'T' | 'K' | 'M',
      value: missing ? null : v.value,
      valueNote: missing ? 'missing' : null,
      status,
    });
  }
  return out;
}

export interface KoladaIndicatorOverrides {
  key?: string | undefined;
  title?: string | undefined;
  unit?: string | undefined;
  direction?: 'higher' | 'lower' | undefined;
  decimals?: number | undefined;
}

export interface KoladaIndicator {
  key: string;
  title: string;
  unit: string;
  direction: 'higher' | 'lower';
  decimals: number;
  description: string | null;
  externalIds: Record<string, string>;
  sourceMetadata: Record<string, unknown>;
}

/**
 * Kolada gives no unit field; its titles end in the unit by convention ("…, antal", "…, andel (%)",
 * "… - Index", "…, kr/inv"), so the unit is read from the title unless the definition gives one.
 */
export function unitFromKoladaTitle(title: string): { unit: string; decimals: number } {
  const t = title.toLowerCase();
  if (/andel \(%\)|\(%\)|procent\s*$/.test(t)) return { unit: '%', decimals: 1 };
  if (/index/.test(t)) return { unit: 'index', decimals: 0 };
  if (/kr\/inv/.test(t)) return { unit: 'kr/inv', decimals: 0 };
  if (/,\s*kr\s*$/.test(t)) return { unit: 'kr', decimals: 0 };
  if (/,\s*antal\s*$/.test(t)) return { unit: 'antal', decimals: 0 };
  return { unit: '', decimals: 1 };
}

export function koladaIndicatorKey(prefix: string, kpiId: string): string {
  return `${prefix}.${kpiId.toLowerCase()}`;
}

/** KPI metadata → an indicator for the dimension (title, unit, description, publication date, OU data). */
export function koladaIndicator(
  kpi: KoladaKpi,
  prefix: string,
  overrides: KoladaIndicatorOverrides = {},
): KoladaIndicator {
  const derived = unitFromKoladaTitle(kpi.title);
  return {
    key: overrides.key ?? koladaIndicatorKey(prefix, kpi.id),
    title: overrides.title ?? kpi.title,
    unit: overrides.unit ?? derived.unit,
    direction: overrides.direction ?? 'higher',
    decimals: overrides.decimals ?? derived.decimals,
    description: kpi.description ? `${kpi.description} (Kolada ${kpi.id})` : `Kolada ${kpi.id}`,
    externalIds: { kolada: kpi.id },
    sourceMetadata: {
      kolada: {
        id: kpi.id,
        publication_date: kpi.publication_date ?? null,
        prel_publication_date: kpi.prel_publication_date ?? null,
        publ_period: kpi.publ_period ?? null,
        has_ou_data: kpi.has_ou_data ?? false,
        is_divided_by_gender: kpi.is_divided_by_gender ?? null,
        operating_area: kpi.operating_area ?? null,
      },
    },
  };
}

/** Years to ask for: the whole range on a first run, only the latest ones on an incremental refresh. */
export function koladaYears(
  range: { from: number; to?: number | undefined },
  currentYear: number,
  incremental: { recentYears: number } | null,
): number[] {
  const to = range.to ?? currentYear;
  const from = incremental === null ? range.from : Math.max(range.from, to - incremental.recentYears + 1);
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return years;
}

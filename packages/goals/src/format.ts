// How numbers and dates are shown to users: the way Swedes write them ("26 602", "14,5 %", "−3,2 mkr"),
// with English for the places that ask for it. Shared by the status engine and the React dashboard, so it
// must stay free of Node APIs.

import { isFirstDayOfMonth, isLastDayOfMonth, isLastDayOfYear } from './dates.ts';
import { MONTH_NAMES } from './vocabulary.ts';

export type Locale = 'sv' | 'en';

/** No-break space: the Swedish group separator, and the glue between a number and its unit. */
export const NBSP = '\u00a0';
/** The real minus sign, which Intl's sv-SE emits and Swedish typography uses. */
export const MINUS = '\u2212';
/** Shown instead of a number that is missing (null, NaN, ±Infinity): an en dash, as in printed tables. */
export const MISSING_VALUE = '–';

export interface FormatValueOptions {
  unit?: string;
  decimals?: number;
  locale?: Locale;
  /** Show "+" on positive values and "±" on zero, as in budget deviations ("+7,2 mkr"). */
  signed?: boolean;
}

const INTL_LOCALE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };
const formatterCache = new Map<string, Intl.NumberFormat>();

function getNumberFormatter(locale: Locale, decimals: number, signed: boolean): Intl.NumberFormat {
  const key = `${locale}|${decimals}|${signed}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(INTL_LOCALE[locale], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
      // Both settings judge the sign after rounding, so -0.04 at one decimal never shows as "−0,0".
      signDisplay: signed ? 'exceptZero' : 'negative',
    });
    formatterCache.set(key, formatter);
  }
  return formatter;
}

function normaliseDecimals(decimals: number | undefined): number {
  if (decimals === undefined || !Number.isFinite(decimals)) return 0;
  return Math.min(Math.max(Math.trunc(decimals), 0), 10);
}

/**
 * Rounds half away from zero at `decimals`, the way the formatted number reads, so that comparisons made
 * on "the number the user sees" agree with what is printed (26 899,6 at 0 decimals compares as 26 900).
 */
export function roundTo(value: number, decimals = 0): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** normaliseDecimals(decimals);
  // toPrecision(15) removes binary noise first, so 1.005 rounds to 1.01 as Intl prints it, not to 1.00.
  const rounded = Math.round(Number((Math.abs(value) * factor).toPrecision(15))) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** A number without unit: "26 602", "14,5", "−3"; "–" when missing. */
export function formatNumber(
  value: number | null | undefined,
  opts: { decimals?: number; locale?: Locale; signed?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_VALUE;
  const locale = opts.locale ?? 'sv';
  const decimals = normaliseDecimals(opts.decimals);
  let text = getNumberFormatter(locale, decimals, opts.signed === true).format(value);
  // Pin the characters rather than trusting every ICU build: older ones use "-" or U+202F.
  text = text.replace(/[\u202f ]/g, NBSP);
  if (locale === 'sv') text = text.replace('-', MINUS);
  if (opts.signed === true && !/^[+\-\u2212]/.test(text)) text = `±${text}`;
  return text;
}

/**
 * A number with its unit, as users write it: sv "26 602", "14,5 %", "1,4 ha", "+7,2 mkr", "−2 st";
 * en "26,602", "14.5 %". The unit follows after a no-break space; an empty unit adds nothing. Missing
 * values give "–" without unit.
 */
export function formatValue(value: number | null | undefined, opts: FormatValueOptions = {}): string {
  const number = formatNumber(value, opts);
  if (number === MISSING_VALUE) return MISSING_VALUE;
  const unit = (opts.unit ?? '').trim();
  return unit === '' ? number : `${number}${NBSP}${unit}`;
}

/** A difference between two percentages: "+2,0 procentenheter", en "+2.0 percentage points". */
export function formatPercentPoints(
  value: number | null | undefined,
  opts: { decimals?: number; locale?: Locale; signed?: boolean } = {},
): string {
  const locale = opts.locale ?? 'sv';
  const number = formatNumber(value, { decimals: opts.decimals ?? 1, locale, signed: opts.signed ?? true });
  if (number === MISSING_VALUE) return MISSING_VALUE;
  return `${number}${NBSP}${locale === 'sv' ? 'procentenheter' : 'percentage points'}`;
}

/** A difference in the indicator's own unit; for "%" that is percentage points, not percent. */
export function formatDifference(value: number | null | undefined, opts: FormatValueOptions = {}): string {
  if ((opts.unit ?? '').trim() === '%')
    return formatPercentPoints(value, { ...opts, signed: opts.signed ?? true });
  return formatValue(value, { ...opts, signed: opts.signed ?? true });
}

const UNIT_TRANSLATIONS: Record<string, string> = {
  invånare: 'inhabitants',
  st: '',
  'st.': '',
  stycken: '',
  personer: 'people',
  deltagare: 'participants',
  företag: 'businesses',
  bostäder: 'dwellings',
  kr: 'SEK',
  tkr: 'kSEK',
  mkr: 'MSEK',
  år: 'years',
  dagar: 'days',
  timmar: 'hours',
  poäng: 'points',
  bokningar: 'bookings',
  procent: '%',
};

/** The unit as shown in `locale`: English explanations say "inhabitants" and "MSEK", not "invånare". */
export function translateUnit(unit: string, locale: Locale): string {
  const trimmed = unit.trim();
  if (locale === 'sv') return trimmed;
  return UNIT_TRANSLATIONS[trimmed.toLowerCase()] ?? trimmed;
}

function splitIso(iso: string): { year: string; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new Error(`Not an ISO date: ${JSON.stringify(iso)}`);
  return { year: match[1] ?? '', month: Number(match[2]), day: Number(match[3]) };
}

/** The month's name (1–12) as a date is written: sv "april", en "April". */
export function monthName(month: number, locale: Locale): string {
  return MONTH_NAMES[locale][month - 1] ?? String(month);
}

/** sv "30 april 2016", en "30 April 2016". Accepts "YYYY-MM-DD" (a longer ISO timestamp is cut to its date). */
export function formatDate(iso: string, locale: Locale = 'sv'): string {
  const { year, month, day } = splitIso(iso);
  return `${day} ${monthName(month, locale)} ${year}`;
}

/** sv "30 april", en "30 April": a date whose year the sentence already makes clear. */
export function formatDayMonth(iso: string, locale: Locale = 'sv'): string {
  const { month, day } = splitIso(iso);
  return `${day} ${monthName(month, locale)}`;
}

/** sv "april 2016", en "April 2016". */
export function formatMonthYear(iso: string, locale: Locale = 'sv'): string {
  const { year, month } = splitIso(iso);
  return `${monthName(month, locale)} ${year}`;
}

/**
 * A period from its first and last day: "2016", "april 2016", "januari–april 2016",
 * "september 2015–april 2016", "30 april 2016", else "1 januari 2016–15 april 2016".
 */
export function formatPeriod(start: string, end: string, locale: Locale = 'sv'): string {
  if (start === end) return formatDate(start, locale);
  const s = splitIso(start);
  const e = splitIso(end);
  if (isFirstDayOfMonth(start) && isLastDayOfMonth(end)) {
    if (s.year === e.year) {
      if (s.month === 1 && isLastDayOfYear(end)) return s.year;
      if (s.month === e.month) return formatMonthYear(start, locale);
      return `${monthName(s.month, locale)}–${monthName(e.month, locale)} ${e.year}`;
    }
    return `${formatMonthYear(start, locale)}–${formatMonthYear(end, locale)}`;
  }
  return `${formatDate(start, locale)}–${formatDate(end, locale)}`;
}

/**
 * Count nouns ("invånare", "st", "bokningar") are written once, on the measured value, as the reports do;
 * short measure units ("%", "ha", "mkr": three characters or fewer, except "st") go on every number,
 * because "målet är 18,5" alone would not say percent.
 */
export function unitRepeats(unit: string): boolean {
  const u = unit.trim();
  return u !== '' && u.length <= 3 && u.toLowerCase() !== 'st';
}

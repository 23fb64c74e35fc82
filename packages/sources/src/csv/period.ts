import { MONTH_NAMES } from '@malkoll/goals/vocabulary';

export type PeriodType = 'year' | 'half_year' | 'tertial' | 'quarter' | 'month' | 'day';

export interface Period {
  type: PeriodType;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
  /** Swedish label: "2016", "H1 2016", "T1 2016", "kv1 2016", "april 2016", "30 april 2016". */
  label: string;
}

// Swedish names and abbreviations, plus the English ones that differ, since some systems export English.
const monthByName = new Map<string, number>();
MONTH_NAMES.sv.forEach((name, i) => {
  monthByName.set(name, i + 1);
  monthByName.set(name.slice(0, 3), i + 1);
});
for (const [name, month] of [
  ['sept', 9],
  ['january', 1],
  ['february', 2],
  ['march', 3],
  ['may', 5],
  ['june', 6],
  ['july', 7],
  ['august', 8],
  ['oct', 10],
  ['october', 10],
] as const) {
  monthByName.set(name, month);
}

const minYear = 1900;
const maxYear = 2100;

/*
 * Two-digit years (the plans' "160430" style) use the POSIX strptime pivot: 00–68 are 2000–2068 and
 * 69–99 are 1969–1999. It is fixed rather than relative to today so a file reads the same every year.
 */
function expandTwoDigitYear(yy: number): number {
  return yy <= 68 ? 2000 + yy : 1900 + yy;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const validYear = (y: number) => Number.isInteger(y) && y >= minYear && y <= maxYear;

function monthSpan(
  type: PeriodType,
  year: number,
  firstMonth: number,
  months: number,
  label: string,
): Period {
  const lastMonth = firstMonth + months - 1;
  return {
    type,
    start: isoDate(year, firstMonth, 1),
    end: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
    label,
  };
}

export function yearPeriod(year: number): Period | null {
  return validYear(year) ? monthSpan('year', year, 1, 12, String(year)) : null;
}

export function halfYearPeriod(year: number, half: number): Period | null {
  if (!validYear(year) || half < 1 || half > 2) return null;
  return monthSpan('half_year', year, half * 6 - 5, 6, `H${half} ${year}`);
}

export function tertialPeriod(year: number, tertial: number): Period | null {
  if (!validYear(year) || tertial < 1 || tertial > 3) return null;
  return monthSpan('tertial', year, tertial * 4 - 3, 4, `T${tertial} ${year}`);
}

export function quarterPeriod(year: number, quarter: number): Period | null {
  if (!validYear(year) || quarter < 1 || quarter > 4) return null;
  return monthSpan('quarter', year, quarter * 3 - 2, 3, `kv${quarter} ${year}`);
}

export function monthPeriod(year: number, month: number): Period | null {
  if (!validYear(year) || month < 1 || month > 12) return null;
  return monthSpan('month', year, month, 1, `${MONTH_NAMES.sv[month - 1]} ${year}`);
}

export function dayPeriod(year: number, month: number, day: number): Period | null {
  if (!validYear(year) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const date = isoDate(year, month, day);
  return { type: 'day', start: date, end: date, label: `${day} ${MONTH_NAMES.sv[month - 1]} ${year}` };
}

type Rule = [RegExp, (m: RegExpExecArray) => Period | null];
const n = (s: string | undefined) => Number(s);

// Order matters only where patterns overlap (six digits: YYYYMM before YYMMDD, see below).
const rules: Rule[] = [
  [/^(\d{4})$/, (m) => yearPeriod(n(m[1]))],
  // Months: 2016-04, 2016/04, 2016M04 (SCB), 201604.
  [/^(\d{4})\s*[-/.mM]\s*(\d{1,2})$/, (m) => monthPeriod(n(m[1]), n(m[2]))],
  [/^(\d{4})(\d{2})$/, (m) => monthPeriod(n(m[1]), n(m[2])) ?? yymmdd(m[0])],
  // Days: 2016-04-30, 20160430, 30/4/2016, 30.4.2016, 30-4-2016.
  [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (m) => dayPeriod(n(m[1]), n(m[2]), n(m[3]))],
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => dayPeriod(n(m[1]), n(m[2]), n(m[3]))],
  [/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, (m) => dayPeriod(n(m[3]), n(m[2]), n(m[1]))],
  // Tertials: T1 2016, tertial 1 2016, 2016T1, 2016-T1, T1-2016.
  [/^(?:t|tertial)\s*([1-3])[\s-]*(\d{4})$/i, (m) => tertialPeriod(n(m[2]), n(m[1]))],
  [/^(\d{4})[\s-]*(?:t|tertial\s*)([1-3])$/i, (m) => tertialPeriod(n(m[1]), n(m[2]))],
  // Quarters: Q1 2016, kv1 2016, kv 1 2016, kvartal 1 2016, K1 2016, 2016K1, 2016Q1, 2016-Q1.
  [/^(?:q|k|kv|kvartal)\s*([1-4])[\s-]*(\d{4})$/i, (m) => quarterPeriod(n(m[2]), n(m[1]))],
  [/^(\d{4})[\s-]*(?:q|k|kv|kvartal\s*)([1-4])$/i, (m) => quarterPeriod(n(m[1]), n(m[2]))],
  // Half years: H1 2016, halvår 1 2016, 2016H1, 2016-H1.
  [/^(?:h|halvår)\s*([12])[\s-]*(\d{4})$/iu, (m) => halfYearPeriod(n(m[2]), n(m[1]))],
  [/^(\d{4})[\s-]*(?:h|halvår\s*)([12])$/iu, (m) => halfYearPeriod(n(m[1]), n(m[2]))],
  // Month names: april 2016, apr 2016, apr. 2016, april-2016, 2016 april; and "30 april 2016".
  [/^(\p{L}+)\.?[\s-]*(\d{4})$/u, (m) => namedMonth(m[1], m[2])],
  [/^(\d{4})[\s-]+(\p{L}+)\.?$/u, (m) => namedMonth(m[2], m[1])],
  [
    /^(\d{1,2})\s+(\p{L}+)\.?\s+(\d{4})$/u,
    (m) => {
      const month = monthByName.get((m[2] ?? '').toLocaleLowerCase('sv'));
      return month === undefined ? null : dayPeriod(n(m[3]), month, n(m[1]));
    },
  ],
];

function namedMonth(name: string | undefined, year: string | undefined): Period | null {
  const month = monthByName.get((name ?? '').toLocaleLowerCase('sv'));
  return month === undefined ? null : monthPeriod(n(year), month);
}

/*
 * Six digits are YYYYMM when that is a valid month from 1900 on ("201604"), otherwise YYMMDD ("160430",
 * the way the follow-up reports write dates). "200104" therefore reads as April 2001, not 4 January 2020.
 */
function yymmdd(digits: string): Period | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(digits);
  if (!m) return null;
  return dayPeriod(expandTwoDigitYear(n(m[1])), n(m[2]), n(m[3]));
}

/** Reads a period as Swedish sources write it; null when the text is not a period we know. */
export function parsePeriod(text: string): Period | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return null;
  for (const [pattern, build] of rules) {
    const match = pattern.exec(trimmed);
    if (match) {
      const period = build(match);
      if (period) return period;
    }
  }
  return null;
}

import { monthPeriod, type Period, quarterPeriod, tertialPeriod, yearPeriod } from './csv/period.ts';
import type { SourceDefinition } from './definition.ts';

export type FreshnessRule = NonNullable<SourceDefinition['freshness']>;

/** Months after a period's last month that its data is due, when the definition does not say. */
const DEFAULT_DUE_MONTHS: Record<FreshnessRule['cadence'], number> = {
  monthly: 1,
  quarterly: 1,
  tertial: 1,
  yearly: 3,
};
const DEFAULT_DUE_DAY = 15;

export interface ExpectedPeriod {
  /** The period the source should deliver next. */
  period: Period;
  /** YYYY-MM-DD: by the end of this day it should be loaded. */
  due: string;
}

export type FreshnessState = 'fresh' | 'stale' | 'no_data' | 'no_rule';

export interface Freshness {
  state: FreshnessState;
  expected: ExpectedPeriod | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period of the cadence that starts the month after `lastEnd` (YYYY-MM-DD; periods are month-aligned). */
function periodAfter(cadence: FreshnessRule['cadence'], lastEnd: string): Period | null {
  let year = Number(lastEnd.slice(0, 4));
  let month = Number(lastEnd.slice(5, 7)) + 1;
  if (month > 12) {
    month = 1;
    year += 1;
  }
  switch (cadence) {
    case 'monthly':
      return monthPeriod(year, month);
    case 'quarterly':
      return quarterPeriod(year, Math.ceil(month / 3));
    case 'tertial':
      return tertialPeriod(year, Math.ceil(month / 4));
    case 'yearly':
      return yearPeriod(year);
  }
}

/**
 * When a period's data is due: day `due_day` (default 15, or the month's last day when shorter) of the
 * month that is `due_month` months after the period's last month (default 1; yearly 3, so a year is
 * due on 15 March the year after). So `{ cadence: yearly, due_month: 4, due_day: 30 }` reads "the
 * year's figures by 30 April the next year".
 */
export function dueDate(rule: FreshnessRule, period: Period): string {
  const endYear = Number(period.end.slice(0, 4));
  const endMonth = Number(period.end.slice(5, 7));
  const offset = rule.due_month ?? DEFAULT_DUE_MONTHS[rule.cadence];
  const index = endYear * 12 + (endMonth - 1) + offset;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(rule.due_day ?? DEFAULT_DUE_DAY, daysInMonth(year, month));
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Whether a source is up to date: the period after the latest one it loaded is expected by its due
 * date; once `today` (YYYY-MM-DD, Swedish date) is past that date without it, the source is stale.
 */
export function assessFreshness(
  rule: FreshnessRule | undefined,
  lastPeriodEnd: string | null,
  today: string,
): Freshness {
  if (!rule) return { state: 'no_rule', expected: null };
  if (lastPeriodEnd === null) return { state: 'no_data', expected: null };
  const period = periodAfter(rule.cadence, lastPeriodEnd);
  if (!period) return { state: 'no_rule', expected: null };
  const due = dueDate(rule, period);
  return { state: today > due ? 'stale' : 'fresh', expected: { period, due } };
}

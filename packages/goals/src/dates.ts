// Calendar arithmetic on ISO dates ("YYYY-MM-DD") as whole UTC days. Local time never enters: a day is a
// day even when Sweden changes to summer time, so day counts cannot drift by an hour.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * True for a real calendar date written as YYYY-MM-DD (2016-02-29 yes, 2015-02-29 no). Arithmetic rather
 * than a Date round trip: the engine checks every observation's dates, and a full recompute checks
 * hundreds of thousands.
 */
export function isIsoDate(value: string): boolean {
  if (KNOWN_DAY_NUMBERS.has(value)) return true;
  if (!isRealDate(value)) return false;
  toDayNumber(value);
  return true;
}

function isRealDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const last = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  return day <= last;
}

/** Throws when `value` is not a real YYYY-MM-DD date; `what` names the field in the message. */
export function assertIsoDate(value: string, what: string): void {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new Error(`${what}: expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
}

/**
 * Valid dates seen before, with their day numbers. A recompute meets the same few hundred period ends
 * hundreds of thousands of times; bounded so a long-running worker cannot grow it without end.
 */
const KNOWN_DAY_NUMBERS = new Map<string, number>();
const KNOWN_DAY_NUMBERS_LIMIT = 20_000;

/** Days since 1970-01-01 for an ISO date (the day itself, independent of time zone). */
export function toDayNumber(iso: string): number {
  const known = KNOWN_DAY_NUMBERS.get(iso);
  if (known !== undefined) return known;
  const match = ISO_DATE.exec(iso);
  if (!match) throw new Error(`Not an ISO date: ${JSON.stringify(iso)}`);
  const [, y, m, d] = match;
  const dayNumber = Date.UTC(Number(y), Number(m) - 1, Number(d)) / MS_PER_DAY;
  // Only real dates are remembered (Date.UTC would roll 2015-02-29 over to 1 March).
  if (isRealDate(iso)) {
    if (KNOWN_DAY_NUMBERS.size >= KNOWN_DAY_NUMBERS_LIMIT) KNOWN_DAY_NUMBERS.clear();
    KNOWN_DAY_NUMBERS.set(iso, dayNumber);
  }
  return dayNumber;
}

/** The ISO date `dayNumber` days after 1970-01-01. */
export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Number of days from `from` to `to`, both days counted (2016-01-01..2016-04-30 is 121). */
export function countDaysInclusive(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from) + 1;
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

export function startOfYear(iso: string): string {
  return `${iso.slice(0, 4)}-01-01`;
}

export function isLastDayOfYear(iso: string): boolean {
  return iso.slice(5) === '12-31';
}

export function isFirstDayOfMonth(iso: string): boolean {
  return iso.slice(8) === '01';
}

export function isLastDayOfMonth(iso: string): boolean {
  return fromDayNumber(toDayNumber(iso) + 1).slice(8) === '01';
}

/**
 * Share of the span from `from` (start of that day) to `to` (end of that day) that has passed at the end of
 * `at`, clamped to 0..1. Counting whole days makes 2016-04-30 in 2016 exactly 121/366.
 */
export function elapsedShare(
  from: string,
  to: string,
  at: string,
): { elapsedDays: number; totalDays: number; share: number } {
  const totalDays = countDaysInclusive(from, to);
  const rawElapsed = countDaysInclusive(from, at);
  const elapsedDays = Math.min(Math.max(rawElapsed, 0), totalDays);
  return { elapsedDays, totalDays, share: totalDays > 0 ? elapsedDays / totalDays : 1 };
}

/** Today's date in Sweden (ISO), whatever the server's clock zone. */
export function todayInSweden(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);
}

/**
 * The follow-up date to open when none is asked for (dashboard and `malkoll status`): the latest one
 * that has passed, unless no data arrived after an earlier one: then the follow-up that covers the
 * newest data, so leadership lands on the latest follow-up with results rather than on an empty one (a
 * finished plan opens where its data ends).
 */
export function defaultAsOf(followUps: readonly string[], today: string, latestData: string | null): string {
  const passed = followUps.filter((d) => d <= today);
  const lastPassed = passed.at(-1);
  if (!lastPassed) return followUps[0] ?? today;
  const covering = latestData === null ? undefined : followUps.find((d) => d >= latestData);
  return covering !== undefined && covering < lastPassed ? covering : lastPassed;
}

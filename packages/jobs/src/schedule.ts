import { CronExpressionParser } from 'cron-parser';

/** The time zone schedules are read in when a definition names none. */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

/**
 * The next `count` fire times of a cron expression after `from`, in the given time zone. Uses
 * cron-parser, the library BullMQ's job schedulers use for `{ pattern, tz }`, so what we show is what
 * BullMQ will do. Across DST: a wall-clock time that does not exist (02:30 on the spring night) fires
 * at the same offset after the gap (03:30 summer time); one that happens twice (02:30 on the autumn
 * night) fires once, at the first (summer-time) occurrence.
 */
export function nextFireTimes(
  pattern: string,
  options: { from: Date; count?: number; tz?: string | null | undefined },
): Date[] {
  const interval = CronExpressionParser.parse(pattern, {
    currentDate: options.from,
    tz: options.tz ?? DEFAULT_TIME_ZONE,
  });
  const out: Date[] = [];
  for (let i = 0; i < (options.count ?? 1); i++) out.push(interval.next().toDate());
  return out;
}

/**
 * The latest fire time of a cron expression at or before `at` (a tick exactly at `at` counts), as
 * BullMQ would have fired it. cron-parser's `prev()` does not agree with its `next()` on the autumn
 * night (it returns the second, winter-time 02:30, while `next()` and so BullMQ fire at the first), so
 * `prev()` only finds a starting point two ticks back and `next()` walks forward from there.
 */
export function previousFireTime(
  pattern: string,
  options: { at: Date; tz?: string | null | undefined },
): Date {
  const tz = options.tz ?? DEFAULT_TIME_ZONE;
  const limit = options.at.getTime();
  const back = CronExpressionParser.parse(pattern, { currentDate: new Date(limit + 1), tz });
  back.prev();
  const start = back.prev().toDate();
  const forward = CronExpressionParser.parse(pattern, { currentDate: new Date(start.getTime() - 1), tz });
  let latest = start;
  for (let i = 0; i < 10_000; i++) {
    const next = forward.next().toDate();
    if (next.getTime() > limit) break;
    latest = next;
  }
  return latest;
}

/** "2027-03-28 03:30" in the zone, for display and logs. */
export function formatZoned(date: Date, tz: string = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/**
 * A night of refreshes runs from 18:00 the evening before to 18:00 on its date, in Swedish time, so
 * the 02:00 runs, their retries and a morning catch-up belong to the same night (and one alert).
 */
const NIGHT_BOUNDARY = '0 18 * * *';

/** The night (YYYY-MM-DD) a moment belongs to. */
export function nightOf(at: Date): string {
  const end = nextFireTimes(NIGHT_BOUNDARY, { from: at, tz: DEFAULT_TIME_ZONE })[0] as Date;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: DEFAULT_TIME_ZONE }).format(end);
}

/** The moments a night (YYYY-MM-DD) spans: [from, to). */
export function nightWindow(night: string): { from: Date; to: Date } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(night))
    throw new Error(`Natten anges som ett datum, ÅÅÅÅ-MM-DD (fick "${night}")`);
  // Midday UTC of that date is well inside the night in Swedish time, whatever the offset.
  const noon = new Date(`${night}T12:00:00Z`);
  const to = nextFireTimes(NIGHT_BOUNDARY, { from: noon, tz: DEFAULT_TIME_ZONE })[0] as Date;
  const from = previousFireTime(NIGHT_BOUNDARY, { at: noon, tz: DEFAULT_TIME_ZONE });
  return { from, to };
}

// Numbers and calendar dates come from @malkoll/goals/format, shared with the status engine so the UI and
// the explanation sentences write "26 611" the same way. Only what the dashboard alone needs lives here.

export { formatDate, formatValue, translateUnit } from '@malkoll/goals/format';

/** "22 nov 02:13" in Swedish time: when the data were last refreshed. */
export function formatTimestamp(iso: string, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/Stockholm',
  }).formatToParts(new Date(iso));
  // sv-SE writes short months as "nov." — the dot is noise in a status line.
  return parts
    .map((p) => (p.type === 'month' ? p.value.replace(/\.$/, '') : p.value))
    .join('')
    .replace(/,/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Today's date in Stockholm as YYYY-MM-DD (sv-SE formats dates in ISO order). */
export function todayInStockholm(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'Europe/Stockholm',
  }).format(now);
}

/** The follow-up to open first: the latest on or before today, else the first (as the server defaults). */
export function pickDefaultFollowUp(followUps: readonly string[], today: string): string | null {
  const passed = followUps.filter((d) => d <= today);
  return passed.at(-1) ?? followUps[0] ?? null;
}

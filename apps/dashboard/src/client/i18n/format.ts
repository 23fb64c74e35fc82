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

/** A moment's calendar day ("2026-12-06"), clock time ("02:13") and hour in Swedish time, whatever the device says. */
export function partsInSweden(date: Date): { day: string; time: string; hour: number } {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
    hour: Number(get('hour')),
  };
}

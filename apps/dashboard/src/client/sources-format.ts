import type { SourceRunView } from '../shared/sources-api.ts';
import { formatDate, formatValue, partsInSweden } from './i18n/format.ts';
import type { Language } from './i18n/i18n.tsx';
import type { SourcesMessages } from './i18n/sources-messages.ts';
import { translate } from './i18n/translate.ts';

// How the Sources pages (the list, a run's page) write a moment, a saved schedule and a run's result:
// one date format across them (the shared formatDate, plus the time in Swedish time), the schedule as
// it was saved, and a success that rejected something as the warning it is.

const pad = (n: number) => String(n).padStart(2, '0');

/** "7 december 2026 kl. 02.00" (sv), "7 December 2026 at 02:00" (en): an instant, in Swedish time. */
export function formatInstant(iso: string, language: Language, words: Pick<SourcesMessages, 'at'>): string {
  const { day, time } = partsInSweden(new Date(iso));
  const separator = language === 'sv' ? '.' : ':';
  return `${formatDate(day, language)} ${words.at} ${time.replace(':', separator)}`;
}

const NUMBER = /^\d+$/;

/**
 * A cron expression as it was saved, in words when it is one of the plain shapes ("Varje dag kl. 02.00",
 * "Vardagar kl. 06.30", "Varje måndag kl. 02.00", "Den 1:e varje månad kl. 02.00"); else the expression.
 */
export function scheduleInWords(
  cron: string,
  language: Language,
  words: SourcesMessages['schedule'],
): string {
  const fields = cron.trim().split(/\s+/);
  const [minute = '', hour = '', dayOfMonth = '', month = '', weekday = ''] = fields;
  if (fields.length !== 5 || !NUMBER.test(minute) || !NUMBER.test(hour) || month !== '*') {
    return translate(words.cron, { cron });
  }
  const time = `${pad(Number(hour))}${language === 'sv' ? '.' : ':'}${pad(Number(minute))}`;
  if (dayOfMonth === '*' && weekday === '*') return translate(words.daily, { time });
  if (dayOfMonth === '*' && weekday === '1-5') return translate(words.weekdays, { time });
  if (dayOfMonth === '*' && /^[0-7]$/.test(weekday)) {
    const day = words.weekdayNames[Number(weekday) % 7] ?? weekday;
    return translate(words.weekly, { day, time });
  }
  if (NUMBER.test(dayOfMonth) && weekday === '*') return translate(words.monthly, { day: dayOfMonth, time });
  return translate(words.cron, { cron });
}

/**
 * A run's result: a success that rejected rows (or only values) says how many, as a warning; else the
 * status word. `warning` tells the caller to show it as one.
 */
export function runResult(
  run: Pick<SourceRunView, 'status' | 'rowsRejected' | 'rejected' | 'warning'>,
  words: Pick<SourcesMessages, 'succeededWithRejections' | 'succeededWithWarning' | 'runStatus'>,
): { text: string; warning: boolean } {
  const r = words.succeededWithRejections;
  const count = (n: number) => formatValue(n, { decimals: 0 });
  if (run.status === 'succeeded' && run.rowsRejected > 0) {
    const text =
      run.rowsRejected === 1 ? r.rowOne : translate(r.rowsMany, { count: count(run.rowsRejected) });
    return { text, warning: true };
  }
  if (run.status === 'succeeded' && run.rejected > 0) {
    const text = run.rejected === 1 ? r.valueOne : translate(r.valuesMany, { count: count(run.rejected) });
    return { text, warning: true };
  }
  if (run.status === 'succeeded' && run.warning) return { text: words.succeededWithWarning, warning: true };
  return { text: words.runStatus[run.status] ?? run.status, warning: false };
}

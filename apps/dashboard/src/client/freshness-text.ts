import { monthName } from '@malkoll/goals/format';
import type { Freshness } from '../shared/api-types.ts';
import { partsInSweden } from './i18n/format.ts';
import type { Language } from './i18n/messages.ts';
import type { PageMessages } from './i18n/page-messages.ts';
import { translate } from './i18n/translate.ts';

// The freshness line every page carries: "Uppdaterad 02:13 i natt · inga nya data sedan mars". Pure, so
// the wording is tested without a browser; times are read in Swedish time whatever the device says.

function previousDay(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** No change for this long counts as "no new data since <month>". */
const STALE_DAYS = 30;

export function describeFreshness(
  freshness: Freshness,
  now: Date,
  language: Language,
  messages: Pick<PageMessages, 'freshness'>,
  formatDate: (iso: string) => string,
): string[] {
  const words = messages.freshness;
  const lines: string[] = [];
  if (freshness.lastSuccessAt) {
    const at = partsInSweden(new Date(freshness.lastSuccessAt));
    const today = partsInSweden(now).day;
    if (at.day === today) {
      lines.push(translate(at.hour < 6 ? words.updatedTonight : words.updatedToday, { time: at.time }));
    } else if (at.day === previousDay(today)) {
      lines.push(translate(at.hour >= 20 ? words.updatedTonight : words.updatedYesterday, { time: at.time }));
    } else {
      lines.push(translate(words.updatedOn, { date: `${formatDate(at.day)} ${at.time}` }));
    }
  }
  if (freshness.lastChangeAt) {
    const changed = new Date(freshness.lastChangeAt);
    if (now.getTime() - changed.getTime() > STALE_DAYS * 86_400_000) {
      const p = partsInSweden(changed);
      const month = monthName(Number(p.day.slice(5, 7)), language);
      const sameYear = p.day.slice(0, 4) === partsInSweden(now).day.slice(0, 4);
      lines.push(
        translate(words.noNewDataSince, { month: sameYear ? month : `${month} ${p.day.slice(0, 4)}` }),
      );
    }
  }
  if (freshness.latestPeriodEnd) {
    const template = freshness.planScoped ? words.latestPlanPeriod : words.latestPeriod;
    lines.push(translate(template, { date: formatDate(freshness.latestPeriodEnd) }));
  }
  return lines;
}

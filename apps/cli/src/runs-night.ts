// `malkoll runs --night [date]`: what the night's refresh did, source by source, in Swedish.
import { nightOf } from '@malkoll/jobs';
import { formatNightSummary, type NightSummary, summariseNight } from '@malkoll/pipeline';
import type { Warehouse } from '@malkoll/warehouse';

/**
 * The summary of one night (YYYY-MM-DD, the date the night ends on; 18:00 to 18:00 Swedish time). With
 * `true` (the flag without a date) or nothing: the latest night, the one now is in.
 */
export async function loadNightSummary(
  db: Warehouse,
  night: string | boolean | undefined,
  now: Date = new Date(),
): Promise<NightSummary> {
  const date = typeof night === 'string' ? night : nightOf(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    throw new Error(`Natten anges som ett datum, ÅÅÅÅ-MM-DD (fick "${date}").`);
  }
  return summariseNight(db, date, now);
}

export function printNightSummary(summary: NightSummary, json: boolean): void {
  console.log(json ? JSON.stringify(summary, null, 2) : formatNightSummary(summary));
}

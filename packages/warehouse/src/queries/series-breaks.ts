import type { Warehouse } from '../client.ts';

// Declared breaks in an indicator's series (issue 17): from `date` on, readings are not comparable with
// those before (Kolada replaced U07451 with U07453 in 2024, Insikt's new method). Trend, forecast and
// trajectory are drawn only from the latest break on; charts draw the break; the why-dialog names it.

export interface SeriesBreak {
  indicatorKey: string;
  date: string;
  reason: string;
  successorKey: string | null;
  declaredBy: string;
}

/**
 * Declares (or restates) a break and returns the indicator's id (whose links' status depends on it); throws
 * in Swedish when the indicator or its successor does not exist.
 */
export async function declareSeriesBreak(db: Warehouse, b: SeriesBreak): Promise<number> {
  const ids = await db
    .selectFrom('dim.indicators')
    .select(['id', 'key'])
    .where('key', 'in', b.successorKey ? [b.indicatorKey, b.successorKey] : [b.indicatorKey])
    .execute();
  const idOf = (key: string) => ids.find((r) => r.key === key)?.id;
  const indicatorId = idOf(b.indicatorKey);
  if (indicatorId === undefined) throw new Error(`Nyckeltalet ${b.indicatorKey} finns inte.`);
  const successorId = b.successorKey === null ? null : idOf(b.successorKey);
  if (successorId === undefined) throw new Error(`Nyckeltalet ${b.successorKey} (efterföljare) finns inte.`);
  if (b.reason.trim() === '') throw new Error('Skriv varför serien bryts (ny metod, ny definition …).');
  const values = {
    reason: b.reason.trim(),
    successor_indicator_id: successorId,
    declared_by: b.declaredBy,
    declared_at: new Date(),
  };
  await db
    .insertInto('dim.series_breaks')
    .values({ indicator_id: indicatorId, break_date: b.date, ...values })
    .onConflict((oc) => oc.columns(['indicator_id', 'break_date']).doUpdateSet(values))
    .execute();
  return indicatorId;
}

/** Removes a declared break; returns the indicator's id, or null when there was no such break. */
export async function removeSeriesBreak(
  db: Warehouse,
  indicatorKey: string,
  date: string,
): Promise<number | null> {
  const r = await db
    .deleteFrom('dim.series_breaks')
    .where('break_date', '=', date)
    .where('indicator_id', '=', (eb) =>
      eb.selectFrom('dim.indicators').select('id').where('key', '=', indicatorKey),
    )
    .returning('indicator_id')
    .executeTakeFirst();
  return r ? Number(r.indicator_id) : null;
}

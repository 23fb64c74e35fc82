import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

export interface IndicatorInput {
  key: string;
  title: string;
  unit: string;
  direction: 'higher' | 'lower';
  decimals: number;
  description?: string | null | undefined;
  externalIds?: Record<string, string>;
}

/** An indicator as a dim.indicators row (the columns every writer of indicators sets). */
export const indicatorRow = (i: IndicatorInput) => ({
  key: i.key,
  title: i.title,
  unit: i.unit,
  direction: i.direction,
  decimals: i.decimals,
  description: i.description ?? null,
  external_ids: JSON.stringify(i.externalIds ?? {}),
});

export async function upsertIndicators(db: Warehouse, indicators: readonly IndicatorInput[]): Promise<void> {
  if (indicators.length === 0) return;
  await db
    .insertInto('dim.indicators')
    .values(indicators.map(indicatorRow))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        title: sql`excluded.title`,
        unit: sql`excluded.unit`,
        direction: sql`excluded.direction`,
        decimals: sql`excluded.decimals`,
        description: sql`excluded.description`,
        external_ids: sql`dim.indicators.external_ids || excluded.external_ids`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

export async function loadIndicatorIds(db: Warehouse): Promise<Map<string, number>> {
  const rows = await db.selectFrom('dim.indicators').select(['id', 'key']).execute();
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function listIndicatorTitles(db: Warehouse): Promise<{ key: string; title: string }[]> {
  return db.selectFrom('dim.indicators').select(['key', 'title']).orderBy('key').execute();
}

/**
 * Creates the indicators a source declares, when their key is new. An existing indicator keeps its
 * title, unit and direction: a plan or another source may have defined it. Returns the keys created.
 */
export async function ensureIndicators(
  db: Warehouse,
  indicators: readonly IndicatorInput[],
): Promise<string[]> {
  if (indicators.length === 0) return [];
  const rows = await db
    .insertInto('dim.indicators')
    .values(indicators.map(indicatorRow))
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return rows.map((r) => r.key);
}

import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

// The indicator explorer: any indicator for any set of areas, every breakdown the data has.

export async function listIndicatorsForExplorer(db: Warehouse) {
  return db
    .selectFrom('dim.indicators')
    .select(['key', 'title', 'unit', 'decimals', 'direction', 'description'])
    .orderBy('title')
    .execute();
}

export async function listAreasForExplorer(db: Warehouse) {
  // A historical area says until when it existed: 1917 Heby and 0331 Heby are both "Heby".
  return db
    .selectFrom('dim.areas')
    .select([
      'code',
      sql<string>`case when valid_to is null then name else name || ' (t.o.m. ' || extract(year from valid_to) || ')' end`.as(
        'name',
      ),
      'type',
    ])
    .orderBy('type')
    .orderBy('name')
    .execute();
}

export async function listPeerGroups(db: Warehouse) {
  const result = await sql<{ id: string; title: string; codes: string[] }>`
    select g.id, g.title, coalesce(array_agg(a.code order by a.name) filter (where a.code is not null), '{}') as codes
    from dim.peer_groups g
    left join dim.peer_group_members m on m.group_id = g.id
    left join dim.areas a on a.id = m.area_id
    group by g.id, g.title
    order by g.title`.execute(db);
  return result.rows;
}

export interface ExplorerRow {
  area_code: string;
  area_name: string;
  breakdown: string;
  period_type: string;
  end_date: string;
  label: string;
  value: number | null;
  value_note: string | null;
}

/**
 * All values of one indicator for the given areas (at most 50), oldest period first. Served by the facts'
 * primary key (indicator_id, area_id, …): one index range per area.
 */
export async function loadExplorerSeries(
  db: Warehouse,
  indicatorKey: string,
  areaCodes: readonly string[],
): Promise<{
  indicator: { key: string; title: string; unit: string; decimals: number } | null;
  rows: ExplorerRow[];
}> {
  const indicator = await db
    .selectFrom('dim.indicators')
    .select(['id', 'key', 'title', 'unit', 'decimals'])
    .where('key', '=', indicatorKey)
    .executeTakeFirst();
  if (!indicator || areaCodes.length === 0) return { indicator: indicator ?? null, rows: [] };
  const rows = await db
    .selectFrom('fact.indicator_values as f')
    .innerJoin('dim.areas as a', 'a.id', 'f.area_id')
    .innerJoin('dim.periods as p', 'p.id', 'f.period_id')
    .select([
      'a.code as area_code',
      'a.name as area_name',
      'f.breakdown',
      'p.type as period_type',
      'p.end_date',
      'p.label',
      'f.value',
      'f.value_note',
    ])
    .where('f.indicator_id', '=', indicator.id)
    .where('a.code', 'in', areaCodes.slice(0, 50))
    .orderBy('p.end_date')
    .orderBy('a.code')
    .orderBy('f.breakdown')
    .execute();
  const { id: _id, ...rest } = indicator;
  return { indicator: rest, rows };
}

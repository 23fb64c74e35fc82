import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';
import { SWEDISH_AREAS } from '../reference/areas.ts';

/** Upserts Riket, regions and municipalities from the bundled reference list (idempotent). */
export async function syncReferenceAreas(db: Warehouse): Promise<number> {
  const rows = SWEDISH_AREAS.map((a) => ({ code: a.code, name: a.name, type: a.type }));
  await db
    .insertInto('dim.areas')
    .values(rows)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: sql`excluded.name`, type: sql`excluded.type` }))
    .execute();
  // Parents second: they reference ids that exist only after the first pass.
  const parents = SWEDISH_AREAS.filter((a) => a.parentCode !== null);
  await sql`
    update dim.areas child set parent_id = parent.id
    from (select * from unnest(${parents.map((a) => a.code)}::text[], ${parents.map((a) => a.parentCode)}::text[]) as t(code, parent_code)) link
    join dim.areas parent on parent.code = link.parent_code
    where child.code = link.code and child.parent_id is distinct from parent.id`.execute(db);
  return rows.length;
}

export interface AreaLookup {
  idByCode: Map<string, number>;
  /** Lower-cased name → code, for cells such as "Mjölby" or an org unit's name. */
  codeByName: Map<string, string>;
}

export async function loadAreaLookup(db: Warehouse): Promise<AreaLookup> {
  const rows = await db.selectFrom('dim.areas').select(['id', 'code', 'name']).execute();
  const idByCode = new Map<string, number>();
  const codeByName = new Map<string, string>();
  for (const r of rows) {
    idByCode.set(r.code, r.id);
    codeByName.set(r.name.toLocaleLowerCase('sv'), r.code);
  }
  return { idByCode, codeByName };
}

/** Every area's code and name (municipalities, regions, Riket and org units), for matching file cells. */
export async function listAreaNames(db: Warehouse): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('dim.areas').select(['code', 'name']).orderBy('code').execute();
}

/**
 * Creates the org units a source declares, when their code is new; an existing area is never changed
 * (its name may be in use elsewhere). Returns the codes created.
 */
export async function ensureOrgUnits(
  db: Warehouse,
  units: readonly { code: string; name: string; level: 'namnd' | 'forvaltning' | 'enhet' }[],
): Promise<string[]> {
  if (units.length === 0) return [];
  const rows = await db
    .insertInto('dim.areas')
    .values(units.map((u) => ({ code: u.code, name: u.name, type: 'org_unit', org_level: u.level })))
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();
  return rows.map((r) => r.code);
}

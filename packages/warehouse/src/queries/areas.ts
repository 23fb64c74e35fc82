import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';
import { type ReferenceRegister, referenceRegister } from '../reference/area-register.ts';

/**
 * Writes the bundled area register (data/areas) into dim.areas and dim.area_changes; idempotent, run by
 * `malkoll migrate`. An area that is no longer in the data stays (facts may refer to it). A row with a
 * register code that a steward once created as an org unit (detect used to propose "Alla kommuner (ovägt
 * medel)" as one) becomes the register's area, keeping its facts.
 */
export async function syncReferenceAreas(
  db: Warehouse,
  register: ReferenceRegister = referenceRegister(),
): Promise<number> {
  const rows = register.areas.map((a) => ({
    code: a.code,
    name: a.name,
    type: a.type,
    org_level: null,
    official_code: a.officialCode,
    valid_from: a.validFrom,
    valid_to: a.validTo,
    aliases: a.aliases,
  }));
  await db
    .insertInto('dim.areas')
    .values(rows)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({
        name: sql`excluded.name`,
        type: sql`excluded.type`,
        org_level: null,
        official_code: sql`excluded.official_code`,
        valid_from: sql`excluded.valid_from`,
        valid_to: sql`excluded.valid_to`,
        aliases: sql`excluded.aliases`,
      }),
    )
    .execute();
  // Parents second: they reference ids that exist only after the first pass.
  const parents = register.areas.filter((a) => a.parentCode !== null);
  await sql`
    update dim.areas child set parent_id = parent.id
    from (select * from unnest(${parents.map((a) => a.code)}::text[], ${parents.map((a) => a.parentCode)}::text[]) as t(code, parent_code)) link
    join dim.areas parent on parent.code = link.parent_code
    where child.code = link.code and child.parent_id is distinct from parent.id`.execute(db);
  await syncAreaChanges(db, register);
  return rows.length;
}

async function syncAreaChanges(db: Warehouse, register: ReferenceRegister): Promise<void> {
  const c = register.changes;
  if (c.length === 0) return;
  await sql`
    insert into dim.area_changes (from_area_id, to_area_id, effective_date, kind, source_url)
    select f.id, t.id, link.effective_date, link.kind, link.source_url
    from unnest(${c.map((x) => x.fromCode)}::text[], ${c.map((x) => x.toCode)}::text[],
                ${c.map((x) => x.effectiveDate)}::date[], ${c.map((x) => x.kind)}::text[],
                ${c.map((x) => x.sourceUrl)}::text[])
      as link(from_code, to_code, effective_date, kind, source_url)
    join dim.areas f on f.code = link.from_code
    join dim.areas t on t.code = link.to_code
    on conflict (from_area_id, to_area_id) do update set
      effective_date = excluded.effective_date, kind = excluded.kind, source_url = excluded.source_url`.execute(
    db,
  );
}

/**
 * One area as cells are matched against it: what packages/sources' area resolver takes (its
 * `RegisterArea`), read from dim.areas.
 */
export interface RegisterAreaRow {
  code: string;
  name: string;
  type: 'country' | 'region' | 'municipality' | 'aggregate' | 'org_unit';
  officialCode: string | null;
  aliases: string[];
  validTo: string | null;
}

export interface AreaLookup {
  idByCode: Map<string, number>;
  /** Every area with its names, for the area resolver (`createAreaResolver` in @malkoll/sources). */
  register: RegisterAreaRow[];
}

export async function loadAreaLookup(db: Warehouse): Promise<AreaLookup> {
  const rows = await selectRegister(db).select('id').execute();
  const idByCode = new Map<string, number>();
  for (const r of rows) idByCode.set(r.code, r.id);
  return { idByCode, register: rows.map(toRegisterArea) };
}

/** Every area (municipalities, län, Riket, aggregates, historical areas and org units), for matching file cells. */
export async function listRegisterAreas(db: Warehouse): Promise<RegisterAreaRow[]> {
  const rows = await selectRegister(db).execute();
  return rows.map(toRegisterArea);
}

function selectRegister(db: Warehouse) {
  return db
    .selectFrom('dim.areas')
    .select(['code', 'name', 'type', 'official_code', 'aliases', 'valid_to'])
    .orderBy('code');
}

function toRegisterArea(r: {
  code: string;
  name: string;
  type: string;
  official_code: string | null;
  aliases: string[];
  valid_to: string | null;
}): RegisterAreaRow {
  return {
    code: r.code,
    name: r.name,
    type: r.type as RegisterAreaRow['type'],
    officialCode: r.official_code,
    aliases: r.aliases,
    validTo: r.valid_to,
  };
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

export interface AreaLineageLink {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  /** The day the change took effect. */
  effectiveDate: string;
  kind: 'recoded' | 'merged' | 'split';
  /** 1 for a direct predecessor or successor, 2 for one before or after that, … */
  depth: number;
}

export interface AreaLineage {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  /** Areas this one came from, nearest first. */
  predecessors: AreaLineageLink[];
  /** Areas that came from this one, nearest first. */
  successors: AreaLineageLink[];
}

/**
 * Where an area came from and what it became, across every recorded change (transitively): 1917 Heby's
 * successor is 0331 Heby from 2007-01-01, 0331's predecessor is 1917. A series follows `recoded` links
 * (the same territory under a new code); `merged` and `split` change the territory. Null for an unknown
 * code.
 */
export async function areaLineage(db: Warehouse, code: string): Promise<AreaLineage | null> {
  const area = await db
    .selectFrom('dim.areas')
    .select(['id', 'code', 'name', 'valid_from', 'valid_to'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (area === undefined) return null;
  const [predecessors, successors] = await Promise.all([
    lineageLinks(db, area.id, 'predecessors'),
    lineageLinks(db, area.id, 'successors'),
  ]);
  return {
    code: area.code,
    name: area.name,
    validFrom: area.valid_from,
    validTo: area.valid_to,
    predecessors,
    successors,
  };
}

async function lineageLinks(
  db: Warehouse,
  areaId: number,
  direction: 'predecessors' | 'successors',
): Promise<AreaLineageLink[]> {
  // Walk from_area_id → to_area_id forwards for successors, backwards for predecessors. The depth bound
  // only guards against a cycle someone might put in the data.
  const [near, far] =
    direction === 'successors'
      ? [sql.ref('to_area_id'), sql.ref('from_area_id')]
      : [sql.ref('from_area_id'), sql.ref('to_area_id')];
  const result = await sql<{
    code: string;
    name: string;
    valid_from: string | null;
    valid_to: string | null;
    effective_date: string;
    kind: AreaLineageLink['kind'];
    depth: number;
  }>`
    with recursive walk(area_id, effective_date, kind, depth) as (
      select c.${near}, c.effective_date, c.kind, 1 from dim.area_changes c where c.${far} = ${areaId}
      union all
      select c.${near}, c.effective_date, c.kind, w.depth + 1
      from dim.area_changes c join walk w on c.${far} = w.area_id
      where w.depth < 20
    )
    select a.code, a.name, a.valid_from, a.valid_to, w.effective_date, w.kind, w.depth
    from walk w join dim.areas a on a.id = w.area_id
    order by w.depth, w.effective_date, a.code`.execute(db);
  return result.rows.map((r) => ({
    code: r.code,
    name: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    effectiveDate: r.effective_date,
    kind: r.kind,
    depth: r.depth,
  }));
}

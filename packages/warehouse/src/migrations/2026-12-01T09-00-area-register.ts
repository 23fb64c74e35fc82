import { type Kysely, sql } from 'kysely';

/**
 * The area register as data (packages/warehouse/data/areas, loaded by `syncReferenceAreas`): areas get
 * a validity (historical municipalities and län such as 1917 Heby, Älvsborgs län), the code publishers
 * use for them, the other names they are published under, and a kind of their own for aggregates
 * ("Alla kommuner (ovägt medel)"), which are neither Riket nor an org unit. `dim.area_changes` records
 * how one area led to another, so a series can be followed across a change (`areaLineage`).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table dim.areas drop constraint areas_type_check;
alter table dim.areas add constraint areas_type_check
  check (type in ('country', 'region', 'municipality', 'aggregate', 'org_unit'));
alter table dim.areas
  add column official_code text,
  add column valid_from date,
  add column valid_to date,
  add column aliases text[] not null default '{}',
  add constraint areas_validity check (valid_from is null or valid_to is null or valid_from <= valid_to);
update dim.areas set official_code = code where type in ('country', 'region', 'municipality');
comment on column dim.areas.code is 'Our key: 0000 Riket, 00NN län, NNNN municipalities; a historical area whose code a later area took is <code>-<last year> (0012-1996 Malmöhus län); org units and aggregates use their own codes.';
comment on column dim.areas.official_code is 'The code publishers use (SCB/Kolada, län as 00NN); null when unknown or not a public area.';
comment on column dim.areas.valid_from is 'First day of the area; null when it predates every change the register records.';
comment on column dim.areas.valid_to is 'Last day of a historical area; null for a current one.';
comment on column dim.areas.aliases is 'Other names the area is published under (Stockholms län, Malung).';

create table dim.area_changes (
  from_area_id integer not null references dim.areas (id),
  to_area_id integer not null references dim.areas (id),
  effective_date date not null,
  kind text not null check (kind in ('recoded', 'merged', 'split')),
  source_url text,
  primary key (from_area_id, to_area_id),
  check (from_area_id <> to_area_id)
);
create index area_changes_to on dim.area_changes (to_area_id);
comment on table dim.area_changes is 'How one area led to another: recoded (same territory, new code: Heby 1917 → 0331), merged (into a new area), split (a new area broken out of one that continues). From the register data (packages/warehouse/data/areas).';
`.execute(db);
}

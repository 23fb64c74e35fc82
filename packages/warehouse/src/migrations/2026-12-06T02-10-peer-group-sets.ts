import { type Kysely, sql } from 'kysely';

/**
 * Versioned sets of peer groups, loaded from classification files (SKR's kommungruppsindelning 2017):
 * each set is one classification of the areas, each of its groups a dim.peer_groups row with the code
 * the file gives (`B4`, text). A plan names a set (`peer_group: skr-kommungrupper-2017`) and is compared
 * with the group its own area belongs to in that set: `dim.peer_group_for(area, set)`.
 *
 * Groups outside any set (manual ones, Kolada's "liknande kommuner") keep set_key null, as before.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table dim.peer_group_sets (
  key text primary key check (key ~ '^[a-z0-9][a-z0-9-]*$'),
  label text not null,
  source text not null,
  valid_from date,
  updated_at timestamptz not null default now()
);
comment on table dim.peer_group_sets is 'Versioned classifications of areas into peer groups (SKR kommungruppsindelning 2017); each group is a dim.peer_groups row.';
comment on column dim.peer_group_sets.source is 'The source (ops.sources.id) whose classification file loaded the set.';

alter table dim.peer_groups
  add column set_key text references dim.peer_group_sets (key) on delete cascade,
  add column code text,
  add column level text check (level in ('group', 'main_group')),
  add column parent_code text,
  add constraint peer_groups_set_code check ((set_key is null) = (code is null) and (set_key is null) = (level is null));
create unique index peer_groups_set_level_code on dim.peer_groups (set_key, level, code) where set_key is not null;
comment on column dim.peer_groups.code is 'The group''s code in its set, as the file writes it (B4: text, never a number).';
comment on column dim.peer_groups.level is 'group: the finest level, an area''s peer group; main_group: a coarser level (SKR''s huvudgrupp).';

create function dim.peer_group_for(p_area_id integer, p_set_key text) returns text
language sql stable as $$
  select g.id
  from dim.peer_groups g
  join dim.peer_group_members m on m.group_id = g.id
  where g.set_key = p_set_key and g.level = 'group' and m.area_id = p_area_id
  limit 1
$$;
comment on function dim.peer_group_for(integer, text) is 'The group (dim.peer_groups.id) an area belongs to in a set, or null.';
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
drop function dim.peer_group_for(integer, text);
delete from dim.peer_groups where set_key is not null;
alter table dim.peer_groups drop column set_key, drop column code, drop column level, drop column parent_code;
drop table dim.peer_group_sets;
`.execute(db);
}

import type pg from 'pg';
import type { Warehouse } from '../client.ts';

/*
 * Versioned peer-group sets from classification files (dim.peer_group_sets). Loading a set makes the
 * warehouse hold exactly the file's classification: its groups (with their codes as text), each area in
 * its group, groups the file no longer names removed. Loading the same file again changes nothing.
 */

export interface PeerGroupSetLoad {
  set: { key: string; label: string; source: string; validFrom: string | null };
  groups: readonly {
    code: string;
    title: string;
    level: 'group' | 'main_group';
    parentCode: string | null;
  }[];
  /** Area codes (dim.areas.code) with the code of their group and main group. */
  members: readonly { areaCode: string; groupCode: string; mainGroupCode: string | null }[];
}

/** Areas of the set compared with before the load: new, moved to another group or renamed group, same, gone. */
export interface PeerGroupSetCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  retired: number;
}

/** The id a set's group gets in dim.peer_groups: `skr-kommungrupper-2017:B4`, main groups `…:huvudgrupp:B`. */
export function peerGroupId(setKey: string, level: 'group' | 'main_group', code: string): string {
  return level === 'group' ? `${setKey}:${code}` : `${setKey}:huvudgrupp:${code}`;
}

/**
 * Loads a set inside the caller's transaction (the ingest run's), so the set and the run's record
 * commit together. Returns how the set's areas changed.
 */
export async function loadPeerGroupSet(
  client: pg.ClientBase,
  load: PeerGroupSetLoad,
): Promise<PeerGroupSetCounts> {
  const { set } = load;
  const before = await areaGroups(client, set.key);
  await client.query(
    `insert into dim.peer_group_sets (key, label, source, valid_from) values ($1, $2, $3, $4)
     on conflict (key) do update set label = excluded.label, source = excluded.source,
       valid_from = excluded.valid_from, updated_at = now()
     where (dim.peer_group_sets.label, dim.peer_group_sets.source, dim.peer_group_sets.valid_from)
       is distinct from (excluded.label, excluded.source, excluded.valid_from)`,
    [set.key, set.label, set.source, set.validFrom],
  );
  const ids = load.groups.map((g) => peerGroupId(set.key, g.level, g.code));
  await client.query(`delete from dim.peer_groups where set_key = $1 and id <> all($2::text[])`, [
    set.key,
    ids,
  ]);
  await client.query(
    `insert into dim.peer_groups (id, title, source, set_key, code, level, parent_code)
     select g.id, g.title, $1, $2, g.code, g.level, g.parent_code
     from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as g(id, title, code, level, parent_code)
     on conflict (id) do update set title = excluded.title, source = excluded.source, set_key = excluded.set_key,
       code = excluded.code, level = excluded.level, parent_code = excluded.parent_code, updated_at = now()
     where (dim.peer_groups.title, dim.peer_groups.source, dim.peer_groups.set_key, dim.peer_groups.code,
            dim.peer_groups.level, dim.peer_groups.parent_code)
       is distinct from (excluded.title, excluded.source, excluded.set_key, excluded.code, excluded.level,
            excluded.parent_code)`,
    [
      set.source,
      set.key,
      ids,
      load.groups.map((g) => g.title),
      load.groups.map((g) => g.code),
      load.groups.map((g) => g.level),
      load.groups.map((g) => g.parentCode),
    ],
  );
  await replaceMembers(client, load);
  const after = await areaGroups(client, set.key);
  return compareAreaGroups(before, after);
}

/** Every membership of the set as the file gives it; memberships it no longer gives are removed. */
async function replaceMembers(client: pg.ClientBase, load: PeerGroupSetLoad): Promise<void> {
  const key = load.set.key;
  const groupIds: string[] = [];
  const areaCodes: string[] = [];
  for (const m of load.members) {
    groupIds.push(peerGroupId(key, 'group', m.groupCode));
    areaCodes.push(m.areaCode);
    if (m.mainGroupCode !== null) {
      groupIds.push(peerGroupId(key, 'main_group', m.mainGroupCode));
      areaCodes.push(m.areaCode);
    }
  }
  await client.query(
    `with wanted as (
       select w.group_id, a.id as area_id
       from unnest($2::text[], $3::text[]) as w(group_id, area_code)
       join dim.areas a on a.code = w.area_code
     ), removed as (
       delete from dim.peer_group_members m
       using dim.peer_groups g
       where g.id = m.group_id and g.set_key = $1
         and not exists (select 1 from wanted w where w.group_id = m.group_id and w.area_id = m.area_id)
     )
     insert into dim.peer_group_members (group_id, area_id)
     select group_id, area_id from wanted
     on conflict do nothing`,
    [key, groupIds, areaCodes],
  );
}

/** Area code -> its group's code and title in the set (finest level). */
async function areaGroups(client: pg.ClientBase, setKey: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ area: string; code: string; title: string }>(
    `select a.code as area, g.code, g.title
     from dim.peer_groups g
     join dim.peer_group_members m on m.group_id = g.id
     join dim.areas a on a.id = m.area_id
     where g.set_key = $1 and g.level = 'group'`,
    [setKey],
  );
  return new Map(rows.map((r) => [r.area, `${r.code}\u0000${r.title}`]));
}

function compareAreaGroups(before: Map<string, string>, after: Map<string, string>): PeerGroupSetCounts {
  const counts: PeerGroupSetCounts = { inserted: 0, updated: 0, unchanged: 0, retired: 0 };
  for (const [area, group] of after) {
    const was = before.get(area);
    if (was === undefined) counts.inserted++;
    else if (was === group) counts.unchanged++;
    else counts.updated++;
  }
  for (const area of before.keys()) if (!after.has(area)) counts.retired++;
  return counts;
}

export interface AreaPeerGroup {
  setKey: string;
  groupId: string;
  code: string;
  title: string;
  mainGroup: { code: string; title: string } | null;
}

/** The group an area belongs to in a set (by area code), with its main group; undefined when none. */
export async function peerGroupForArea(
  db: Warehouse,
  areaCode: string,
  setKey: string,
): Promise<AreaPeerGroup | undefined> {
  const row = await db
    .selectFrom('dim.areas as a')
    .innerJoin('dim.peer_group_members as m', 'm.area_id', 'a.id')
    .innerJoin('dim.peer_groups as g', 'g.id', 'm.group_id')
    .leftJoin('dim.peer_groups as p', (join) =>
      join
        .onRef('p.set_key', '=', 'g.set_key')
        .onRef('p.code', '=', 'g.parent_code')
        .on('p.level', '=', 'main_group'),
    )
    .select(['g.id', 'g.code', 'g.title', 'p.code as mainCode', 'p.title as mainTitle'])
    .where('a.code', '=', areaCode)
    .where('g.set_key', '=', setKey)
    .where('g.level', '=', 'group')
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    setKey,
    groupId: row.id,
    code: row.code ?? '',
    title: row.title,
    mainGroup: row.mainCode === null ? null : { code: row.mainCode, title: row.mainTitle ?? row.mainCode },
  };
}

/** Indicators of plan links compared with the set (or one of its groups): their status follows the set. */
export async function indicatorsComparedWithSet(client: pg.ClientBase, setKey: string): Promise<number[]> {
  const { rows } = await client.query<{ indicator_id: number }>(
    `select distinct gi.indicator_id from plan.goal_indicators gi
     where gi.peer_group_id = $1 or gi.peer_group_id in (select id from dim.peer_groups where set_key = $1)
     order by 1`,
    [setKey],
  );
  return rows.map((r) => r.indicator_id);
}

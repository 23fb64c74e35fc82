import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

/**
 * Creates or replaces a peer group (e.g. Kolada's "liknande kommuner") and its members by area code.
 * Members not listed are removed. Unknown codes are an error naming them.
 */
export async function upsertPeerGroup(
  db: Warehouse,
  group: { id: string; title: string; source?: string; areaCodes: readonly string[] },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('dim.peer_groups')
      .values({ id: group.id, title: group.title, source: group.source ?? 'manual' })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ title: group.title, source: group.source ?? 'manual' }),
      )
      .execute();
    const areas = await trx
      .selectFrom('dim.areas')
      .select(['id', 'code'])
      .where('code', 'in', group.areaCodes.length > 0 ? [...group.areaCodes] : [''])
      .execute();
    const unknown = group.areaCodes.filter((c) => !areas.some((a) => a.code === c));
    if (unknown.length > 0)
      throw new Error(`Jämförelsegruppen ${group.id}: okända områdeskoder ${unknown.join(', ')}`);
    await trx.deleteFrom('dim.peer_group_members').where('group_id', '=', group.id).execute();
    if (areas.length > 0) {
      await sql`insert into dim.peer_group_members (group_id, area_id)
        select ${group.id}, unnest(${areas.map((a) => a.id)}::int[])`.execute(trx);
    }
    return areas.length;
  });
}

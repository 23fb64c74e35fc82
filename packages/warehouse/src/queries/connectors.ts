import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';
import { indicatorRow } from './indicators.ts';

/*
 * Dimension writes for the API and survey connectors. They run before a source's fact transaction and
 * are idempotent upserts on natural keys: a run that fails afterwards leaves the dimensions described
 * (a title, a group's members), never facts.
 */

export interface ConnectorIndicator {
  key: string;
  title: string;
  unit: string;
  direction: 'higher' | 'lower';
  decimals: number;
  description: string | null;
  externalIds: Record<string, string>;
  /** Merged into dim.indicators.source_metadata under its top-level keys (e.g. { kolada: {...} }). */
  sourceMetadata: Record<string, unknown>;
}

/**
 * Creates or refreshes indicators from an API's metadata. An indicator that already exists (a plan
 * declared it, or an earlier run created it) keeps its title, unit, direction, decimals and description
 * (the steward's words win); external ids and source metadata (publication dates …) are always merged in.
 */
export async function upsertConnectorIndicators(
  db: Warehouse,
  indicators: readonly ConnectorIndicator[],
  options: { overwriteLabels: boolean } = { overwriteLabels: false },
): Promise<Map<string, number>> {
  if (indicators.length === 0) return new Map();
  const rows = await db
    .insertInto('dim.indicators')
    .values(
      indicators.map((i) => ({ ...indicatorRow(i), source_metadata: JSON.stringify(i.sourceMetadata) })),
    )
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        ...(options.overwriteLabels
          ? {
              title: sql`excluded.title`,
              unit: sql`excluded.unit`,
              direction: sql`excluded.direction`,
              decimals: sql`excluded.decimals`,
            }
          : {}),
        description: sql`coalesce(dim.indicators.description, excluded.description)`,
        external_ids: sql`dim.indicators.external_ids || excluded.external_ids`,
        source_metadata: sql`dim.indicators.source_metadata || excluded.source_metadata`,
        updated_at: sql`now()`,
      }),
    )
    .returning(['id', 'key'])
    .execute();
  return new Map(rows.map((r) => [r.key, r.id]));
}

export interface ConnectorOrgUnit {
  code: string;
  name: string;
  level: 'namnd' | 'forvaltning' | 'enhet';
  /** Area code of the municipality (or unit) it belongs to. */
  parentCode: string | null;
}

/** Creates or renames org units (Kolada's organisational units, a survey's förvaltningar). */
export async function upsertOrgUnits(db: Warehouse, units: readonly ConnectorOrgUnit[]): Promise<void> {
  if (units.length === 0) return;
  const parents = await db
    .selectFrom('dim.areas')
    .select(['id', 'code'])
    .where(
      'code',
      'in',
      units.map((u) => u.parentCode ?? ''),
    )
    .execute();
  const parentId = new Map(parents.map((p) => [p.code, p.id]));
  await db
    .insertInto('dim.areas')
    .values(
      units.map((u) => ({
        code: u.code,
        name: u.name,
        type: 'org_unit',
        org_level: u.level,
        parent_id: u.parentCode === null ? null : (parentId.get(u.parentCode) ?? null),
      })),
    )
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet({
          name: sql`excluded.name`,
          org_level: sql`excluded.org_level`,
          parent_id: sql`coalesce(excluded.parent_id, dim.areas.parent_id)`,
        })
        // A municipality's code is never turned into an org unit by a survey that names it.
        .where('dim.areas.type', '=', 'org_unit'),
    )
    .execute();
}

export interface ConnectorPeerGroup {
  id: string;
  title: string;
  source: string;
  memberCodes: string[];
}

/** Replaces each group's members with the ones given (a group's membership is the API's to decide). */
export async function replacePeerGroups(db: Warehouse, groups: readonly ConnectorPeerGroup[]): Promise<void> {
  if (groups.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const g of groups) {
      await trx
        .insertInto('dim.peer_groups')
        .values({ id: g.id, title: g.title, source: g.source })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            title: sql`excluded.title`,
            source: sql`excluded.source`,
            updated_at: sql`now()`,
          }),
        )
        .execute();
      await trx.deleteFrom('dim.peer_group_members').where('group_id', '=', g.id).execute();
      if (g.memberCodes.length === 0) continue;
      await sql`
        insert into dim.peer_group_members (group_id, area_id)
        select ${g.id}, a.id from dim.areas a where a.code = any(${g.memberCodes}::text[])
        on conflict do nothing`.execute(trx);
    }
  });
}

export async function listPeerGroupMembers(db: Warehouse, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('dim.peer_group_members as m')
    .innerJoin('dim.areas as a', 'a.id', 'm.area_id')
    .select('a.code')
    .where('m.group_id', '=', groupId)
    .orderBy('a.code')
    .execute();
  return rows.map((r) => r.code);
}

/** When the source's latest successful run started; incremental refreshes ask only for what can have changed since. */
export async function lastSucceededRunStart(db: Warehouse, sourceId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('ops.runs')
    .select('started_at')
    .where('source_id', '=', sourceId)
    .where('status', '=', 'succeeded')
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.started_at ?? null;
}

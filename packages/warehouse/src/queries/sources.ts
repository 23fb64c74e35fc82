import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Warehouse } from '../client.ts';
import type { OpsSources } from '../db.generated.ts';

export type SourceRow = Selectable<OpsSources>;

export interface SourceInput {
  id: string;
  title: string;
  kind: string;
  definition: unknown;
  schedule: { cron: string; timezone: string } | null;
}

function hashDefinition(definition: unknown): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 16);
}

/** Stores a validated definition; returns whether it was new, changed or unchanged. */
export async function upsertSource(
  db: Warehouse,
  source: SourceInput,
): Promise<'created' | 'updated' | 'unchanged'> {
  const hash = hashDefinition(source.definition);
  const existing = await db
    .selectFrom('ops.sources')
    .select(['definition_hash', 'removed_at'])
    .where('id', '=', source.id)
    .executeTakeFirst();
  if (existing && existing.definition_hash === hash && existing.removed_at === null) return 'unchanged';
  const values = {
    title: source.title,
    kind: source.kind,
    definition: JSON.stringify(source.definition),
    definition_hash: hash,
    schedule_cron: source.schedule?.cron ?? null,
    schedule_tz: source.schedule?.timezone ?? null,
    updated_at: new Date(),
    removed_at: null,
  };
  await db
    .insertInto('ops.sources')
    .values({ id: source.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  return existing ? 'updated' : 'created';
}

/** Soft delete: the run history and lineage of loaded facts keep pointing at it. */
export async function removeSource(db: Warehouse, id: string): Promise<boolean> {
  const result = await db
    .updateTable('ops.sources')
    .set({ removed_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function getSource(db: Warehouse, id: string): Promise<SourceRow | undefined> {
  return db
    .selectFrom('ops.sources')
    .selectAll()
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export async function listSources(db: Warehouse): Promise<SourceRow[]> {
  return db.selectFrom('ops.sources').selectAll().where('removed_at', 'is', null).orderBy('id').execute();
}

import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

// Prepared dashboard answers (mart.answers), keyed by the data version of the snapshot they were composed
// in (mart.data_changes, see the 2026-12-06 prepared-answers migration).

/** The data version this transaction's snapshot sees: how many changing transactions have committed. */
export async function loadAnswerVersion(db: Warehouse): Promise<number> {
  const result = await sql<{ v: string }>`select count(*) as v from mart.data_changes`.execute(db);
  return Number(result.rows[0]?.v ?? 0);
}

/**
 * The stored answer's text if it was composed at the current data version, else null. One round trip:
 * the version is counted in the same statement.
 */
export async function loadPreparedAnswer(db: Warehouse, kind: string, key: string): Promise<string | null> {
  const result = await sql<{ body: string }>`
    select a.body::text as body from mart.answers a
    where a.kind = ${kind} and a.key = ${key}
      and a.data_version = (select count(*) from mart.data_changes)`.execute(db);
  return result.rows[0]?.body ?? null;
}

export interface PreparedAnswer {
  kind: string;
  key: string;
  /** The JSON text as it is served. */
  body: string;
}

/**
 * Stores answers composed at `version`. An answer already stored at a newer version is kept: a slow
 * preparation that started before a change never overwrites one composed after it.
 */
export async function storePreparedAnswers(
  db: Warehouse,
  version: number,
  answers: readonly PreparedAnswer[],
): Promise<void> {
  if (answers.length === 0) return;
  await sql`
    insert into mart.answers (kind, key, data_version, body)
    select kind, key, ${version}, body::json
    from unnest(${answers.map((a) => a.kind)}::text[], ${answers.map((a) => a.key)}::text[],
                ${answers.map((a) => a.body)}::text[]) as t(kind, key, body)
    on conflict (kind, key) do update
      set data_version = excluded.data_version, body = excluded.body, prepared_at = now()
      where mart.answers.data_version <= excluded.data_version`.execute(db);
}

/** Drops answers composed before `version` (they can never be served again); returns how many. */
export async function pruneStaleAnswers(db: Warehouse, version: number): Promise<number> {
  const result = await db.deleteFrom('mart.answers').where('data_version', '<', version).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many answers are stored at `version` for one kind (bounds what on-demand composing may add). */
export async function countPreparedAnswers(db: Warehouse, kind: string, version: number): Promise<number> {
  const row = await db
    .selectFrom('mart.answers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kind', '=', kind)
    .where('data_version', '=', version)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether any answer is stored at all (a dashboard has served or prepared since the last change). */
export async function hasPreparedAnswers(db: Warehouse): Promise<boolean> {
  const row = await db.selectFrom('mart.answers').select('kind').limit(1).executeTakeFirst();
  return row !== undefined;
}

// Derived indicators: an indicator defined as a formula over others (per 1 000 inhabitants, a share a/b,
// a sum over org units, the change since the year before). Their values live in fact.indicator_values like
// any other, so the status engine, the mart views and the dashboard need nothing new. They are computed in
// the transaction that changed an input (runIngestTransaction calls recomputeDerivedValues), so a derived
// value is never older than its newest input; its lineage (source, run, loaded_at) is that of its newest
// input, and its origin names the formula ("derived:per_1000(bench.a,bench.b)").
import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Warehouse } from '../client.ts';
import { upsertIndicators } from './indicators.ts';

export type DerivedFormula = 'per_1000' | 'share' | 'sum_units' | 'change';

export interface DerivedIndicatorInput {
  key: string;
  title: string;
  unit: string;
  direction: 'higher' | 'lower';
  decimals: number;
  description?: string | null | undefined;
  formula: DerivedFormula;
  /** Indicator key: the numerator (per_1000, share) or the value summed / compared (sum_units, change). */
  a: string;
  /** Indicator key of the denominator (per_1000, share); absent otherwise. */
  b?: string | undefined;
}

type Run = (
  text: string,
  params?: unknown[],
) => Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;

function onClient(client: pg.PoolClient): Run {
  return async (text, params = []) => {
    const r = await client.query(text, params);
    return { rows: r.rows, rowCount: r.rowCount ?? 0 };
  };
}

function onWarehouse(db: Warehouse): Run {
  return async (text, params = []) => {
    const r = await db.executeQuery(CompiledQuery.raw(text, params));
    return {
      rows: r.rows as Record<string, unknown>[],
      rowCount: Number(r.numAffectedRows ?? r.rows.length),
    };
  };
}

/** The SELECT that computes one derived indicator's values, with the lineage of the newest input. */
const FORMULA_SQL: Record<DerivedFormula, string> = {
  // 1000 · a / b and 100 · a / b, same area, period and breakdown; no value where b is 0 or missing.
  per_1000: ratioSql(1000),
  share: ratioSql(100),
  // Sum of a over the org units directly under an area; null when none of them has a value.
  sum_units: `
    select d.indicator_id, u.parent_id as area_id, a.period_id, a.breakdown,
           sum(a.value) as value, case when count(a.value) = 0 then 'missing' end as value_note,
           (array_agg(a.source_id order by a.loaded_at desc))[1] as source_id,
           (array_agg(a.run_id order by a.loaded_at desc))[1] as run_id,
           max(a.loaded_at) as loaded_at
    from dim.derived_indicators d
    join fact.indicator_values a on a.indicator_id = d.input_a
    join dim.areas u on u.id = a.area_id and u.type = 'org_unit' and u.parent_id is not null
    where d.indicator_id = $1
    group by d.indicator_id, u.parent_id, a.period_id, a.breakdown`,
  // a minus a for the same kind of period one year earlier (2016 − 2015, April 2016 − April 2015).
  change: `
    select d.indicator_id, a.area_id, a.period_id, a.breakdown,
           a.value - p.value as value,
           case when a.value is null or p.value is null then 'missing' end as value_note,
           case when a.loaded_at >= p.loaded_at then a.source_id else p.source_id end as source_id,
           case when a.loaded_at >= p.loaded_at then a.run_id else p.run_id end as run_id,
           greatest(a.loaded_at, p.loaded_at) as loaded_at
    from dim.derived_indicators d
    join fact.indicator_values a on a.indicator_id = d.input_a
    join dim.periods pa on pa.id = a.period_id
    join dim.periods pp on pp.type = pa.type and pp.start_date = (pa.start_date - interval '1 year')::date
    join fact.indicator_values p
      on p.indicator_id = d.input_a and p.area_id = a.area_id and p.period_id = pp.id and p.breakdown = a.breakdown
    where d.indicator_id = $1`,
};

function ratioSql(scale: number): string {
  return `
    select d.indicator_id, a.area_id, a.period_id, a.breakdown,
           case when a.value is null or b.value is null or b.value = 0 then null
                else a.value * ${scale} / b.value end as value,
           case when a.value is null or b.value is null or b.value = 0 then 'missing' end as value_note,
           case when a.loaded_at >= b.loaded_at then a.source_id else b.source_id end as source_id,
           case when a.loaded_at >= b.loaded_at then a.run_id else b.run_id end as run_id,
           greatest(a.loaded_at, b.loaded_at) as loaded_at
    from dim.derived_indicators d
    join fact.indicator_values a on a.indicator_id = d.input_a
    join fact.indicator_values b
      on b.indicator_id = d.input_b and b.area_id = a.area_id and b.period_id = a.period_id and b.breakdown = a.breakdown
    where d.indicator_id = $1`;
}

/** Writes one derived indicator's values: new and changed rows only; predecessors kept; vanished rows retired. */
async function refreshOne(
  run: Run,
  derived: { indicator_id: number; formula: DerivedFormula; origin: string },
) {
  await run('drop table if exists derived_new');
  await run(`create temp table derived_new as ${FORMULA_SQL[derived.formula]}`, [derived.indicator_id]);
  const key = `f.indicator_id = d.indicator_id and f.area_id = d.area_id and f.period_id = d.period_id and f.breakdown = d.breakdown`;
  const differs = `(f.value, f.value_note) is distinct from (d.value, d.value_note)`;
  await run(
    `insert into fact.indicator_value_history
       (indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at, replaced_by_run_id)
     select f.indicator_id, f.area_id, f.period_id, f.breakdown, f.value, f.value_note, f.source_id, f.run_id, f.origin, f.loaded_at, d.run_id
     from fact.indicator_values f join derived_new d on ${key}
     where ${differs}`,
  );
  // Also rows whose value is the same but whose inputs are newer: a derived value is never older than
  // its newest input, so it takes that input's lineage.
  const updated = await run(
    `update fact.indicator_values f
     set value = d.value, value_note = d.value_note, source_id = d.source_id, run_id = d.run_id,
         origin = $1, loaded_at = d.loaded_at
     from derived_new d
     where ${key} and (${differs} or f.loaded_at < d.loaded_at)`,
    [derived.origin],
  );
  const inserted = await run(
    `insert into fact.indicator_values
       (indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at)
     select d.indicator_id, d.area_id, d.period_id, d.breakdown, d.value, d.value_note, d.source_id, d.run_id, $1, d.loaded_at
     from derived_new d
     where not exists (select 1 from fact.indicator_values f where ${key})`,
    [derived.origin],
  );
  const retired = await run(
    `delete from fact.indicator_values f
     where f.indicator_id = $1
       and not exists (select 1 from derived_new d where ${key})`,
    [derived.indicator_id],
  );
  await run('drop table derived_new');
  return updated.rowCount + inserted.rowCount + retired.rowCount;
}

async function recompute(run: Run, changedIndicatorIds: readonly number[] | null): Promise<number[]> {
  const definitions = (
    await run(`
      select d.indicator_id, d.formula, d.input_a, d.input_b,
             'derived:' || d.formula || '(' || ia.key || coalesce(',' || ib.key, '') || ')' as origin
      from dim.derived_indicators d
      join dim.indicators ia on ia.id = d.input_a
      left join dim.indicators ib on ib.id = d.input_b
      order by d.indicator_id`)
  ).rows as {
    indicator_id: number;
    formula: DerivedFormula;
    input_a: number;
    input_b: number | null;
    origin: string;
  }[];
  if (definitions.length === 0) return [];
  // Concurrent runs that change inputs of the same derived indicator take turns; the later one reads the
  // earlier one's committed inputs after the lock.
  await run(`select pg_advisory_xact_lock(hashtext('derived-indicators'))`);
  const changed = new Set<number>(changedIndicatorIds ?? []);
  const done = new Set<number>();
  const result: number[] = [];
  // Derived of derived: repeat until nothing new changes (bounded: a cycle cannot loop for ever).
  for (let round = 0; round < 10; round++) {
    const due = definitions.filter(
      (d) =>
        !done.has(d.indicator_id) &&
        (changedIndicatorIds === null ||
          changed.has(d.input_a) ||
          (d.input_b !== null && changed.has(d.input_b))),
    );
    if (due.length === 0) break;
    for (const d of due) {
      done.add(d.indicator_id);
      if ((await refreshOne(run, d)) > 0) {
        changed.add(d.indicator_id);
        result.push(d.indicator_id);
      }
    }
    if (changedIndicatorIds === null) break;
  }
  return result.sort((x, y) => x - y);
}

/**
 * Recomputes the derived indicators whose inputs are among `changedIndicatorIds` (and those derived from
 * them), inside the caller's transaction. Returns the derived indicators whose values changed.
 */
export function recomputeDerivedValues(
  client: pg.PoolClient,
  changedIndicatorIds: readonly number[],
): Promise<number[]> {
  if (changedIndicatorIds.length === 0) return Promise.resolve([]);
  return recompute(onClient(client), changedIndicatorIds);
}

/** A derived indicator that cannot be defined; `field` names the part of the definition at fault. */
export class DerivedIndicatorError extends Error {
  readonly key: string;
  readonly field: 'key' | 'a' | 'b';
  constructor(key: string, field: 'key' | 'a' | 'b', message: string) {
    super(message);
    this.name = 'DerivedIndicatorError';
    this.key = key;
    this.field = field;
  }
}

/**
 * Creates or redefines derived indicators and computes their values from the inputs already loaded, in
 * the caller's transaction: the one code path behind `malkoll indicators derive` and a plan file's
 * `derived_indicators` (the definitions are validated by @malkoll/goals/derived-indicator first). An
 * input may be another indicator of the same call. A definition that is already stored as given is not
 * rewritten, and only values that differ are written, so defining the same thing again changes nothing.
 * Returns the derived indicators whose values changed. Throws DerivedIndicatorError (Swedish) for an
 * unknown input or a key that already holds values from a source; the caller's transaction then rolls
 * back.
 */
export async function defineDerivedIndicators(
  trx: Warehouse,
  definitions: readonly DerivedIndicatorInput[],
): Promise<number[]> {
  if (definitions.length === 0) return [];
  // Inputs first, so a derived indicator built on another of this call gets the higher id and is
  // refreshed after it (recompute goes by id).
  const pending = [...definitions];
  const ordered: DerivedIndicatorInput[] = [];
  while (pending.length > 0) {
    const ready = pending.findIndex((d) => !pending.some((p) => p !== d && (p.key === d.a || p.key === d.b)));
    ordered.push(...pending.splice(Math.max(ready, 0), 1));
  }
  const defs = ordered;
  for (const def of defs) {
    const needsB = def.formula === 'per_1000' || def.formula === 'share';
    if (needsB !== (def.b !== undefined)) {
      throw new DerivedIndicatorError(
        def.key,
        'b',
        `Härlett mått ${def.key}: formeln ${def.formula} ${needsB ? 'behöver' : 'tar inte'} en nämnare (b)`,
      );
    }
  }
  const ownKeys = defs.map((d) => d.key);
  const stored = await trx
    .selectFrom('dim.indicators as i')
    .leftJoin('dim.derived_indicators as d', 'd.indicator_id', 'i.id')
    .select([
      'i.id',
      'i.key',
      'i.title',
      'i.unit',
      'i.direction',
      'i.decimals',
      'i.description',
      'd.indicator_id as derived_id',
    ])
    .where('i.key', 'in', ownKeys)
    .execute();
  // A key that already holds a source's values is not turned into a derived one: computing it would
  // retire those values.
  const notDerived = stored.filter((r) => r.derived_id === null).map((r) => r.id);
  if (notDerived.length > 0) {
    const withFacts = await trx
      .selectFrom('fact.indicator_values')
      .select('indicator_id')
      .where('indicator_id', 'in', notDerived)
      .limit(1)
      .executeTakeFirst();
    const key = stored.find((r) => r.id === withFacts?.indicator_id)?.key;
    if (key !== undefined) {
      throw new DerivedIndicatorError(
        key,
        'key',
        `Måttet "${key}" har redan värden från en källa och kan inte bli ett härlett mått; välj en egen nyckel`,
      );
    }
  }
  const metadata = (d: DerivedIndicatorInput) => ({
    key: d.key,
    title: d.title,
    unit: d.unit,
    direction: d.direction,
    decimals: d.decimals,
    description: d.description ?? null,
  });
  const changedMetadata = defs.map(metadata).filter((m) => {
    const row = stored.find((r) => r.key === m.key);
    return (
      row === undefined ||
      row.title !== m.title ||
      row.unit !== m.unit ||
      row.direction !== m.direction ||
      row.decimals !== m.decimals ||
      row.description !== m.description
    );
  });
  await upsertIndicators(trx, changedMetadata);

  const keys = [...new Set(defs.flatMap((d) => [d.key, d.a, ...(d.b === undefined ? [] : [d.b])]))];
  const ids = new Map(
    (await trx.selectFrom('dim.indicators').select(['id', 'key']).where('key', 'in', keys).execute()).map(
      (r) => [r.key, r.id],
    ),
  );
  const id = (def: DerivedIndicatorInput, field: 'key' | 'a' | 'b'): number => {
    const key = field === 'key' ? def.key : field === 'a' ? def.a : (def.b as string);
    const found = ids.get(key);
    if (found === undefined) {
      throw new DerivedIndicatorError(
        def.key,
        field,
        `Härlett mått ${def.key}: grundmåttet "${key}" (${field}) finns inte; definiera det i en plan, som härlett mått eller i en källa först`,
      );
    }
    return found;
  };
  const rows = defs.map((def) => ({
    indicator_id: id(def, 'key'),
    formula: def.formula,
    input_a: id(def, 'a'),
    input_b: def.b === undefined ? null : id(def, 'b'),
  }));
  const storedRows = await trx
    .selectFrom('dim.derived_indicators')
    .selectAll()
    .where(
      'indicator_id',
      'in',
      rows.map((r) => r.indicator_id),
    )
    .execute();
  for (const row of rows) {
    const before = storedRows.find((r) => r.indicator_id === row.indicator_id);
    if (before?.formula === row.formula && before.input_a === row.input_a && before.input_b === row.input_b) {
      continue;
    }
    await trx
      .insertInto('dim.derived_indicators')
      .values(row)
      .onConflict((oc) => oc.column('indicator_id').doUpdateSet(row))
      .execute();
  }
  // Refresh what depends on these inputs (these indicators, and what is derived from them); values
  // that are already right are not written.
  return recompute(
    onWarehouse(trx),
    rows.flatMap((r) => [r.input_a, ...(r.input_b === null ? [] : [r.input_b])]),
  );
}

/**
 * Creates or redefines one derived indicator and computes all its values, in a transaction of its own
 * (`malkoll indicators derive`). Returns the derived indicators whose values changed.
 */
export function upsertDerivedIndicator(db: Warehouse, def: DerivedIndicatorInput): Promise<number[]> {
  return db.transaction().execute((trx) => defineDerivedIndicators(trx, [def]));
}

/** Derived facts older than their newest input (should be none: they are refreshed in the same transaction). */
export async function countStaleDerivedValues(db: Warehouse): Promise<number> {
  const run = onWarehouse(db);
  let stale = 0;
  const defs = (await run('select indicator_id, formula from dim.derived_indicators')).rows as {
    indicator_id: number;
    formula: DerivedFormula;
  }[];
  for (const d of defs) {
    const r = await run(
      `select count(*)::int as n from (${FORMULA_SQL[d.formula]}) d
       join fact.indicator_values f
         on f.indicator_id = d.indicator_id and f.area_id = d.area_id and f.period_id = d.period_id and f.breakdown = d.breakdown
       where f.loaded_at < d.loaded_at or (f.value, f.value_note) is distinct from (d.value, d.value_note)`,
      [d.indicator_id],
    );
    stale += Number((r.rows[0] as { n: number }).n);
  }
  return stale;
}

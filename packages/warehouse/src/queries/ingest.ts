import type pg from 'pg';
import { CopyChannel, copyField, copyText } from './copy.ts';
import { recomputeDerivedValues } from './derived.ts';
import { type IndicatorInput, indicatorRow } from './indicators.ts';

/** A parsed value on its way into the warehouse, already resolved to dimension ids. */
export interface StagedFact {
  indicatorId: number;
  areaId: number;
  periodType: string;
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  breakdown: string;
  value: number | null;
  valueNote: string | null;
}

export interface StagedRejection {
  /** The file (or request) the line belongs to, when a run reads several. */
  origin: string | null;
  line: number;
  column: string | null;
  raw: string;
  reasonSv: string;
  reasonEn: string;
}

export interface IngestWriter {
  /**
   * Queues rows for staging. The promise resolves once the rows are handed to the connection (with
   * backpressure), not when Postgres has stored them, so the caller can parse the next batch meanwhile.
   */
  writeFacts(rows: readonly StagedFact[]): Promise<void>;
  writeRejections(rows: readonly StagedRejection[]): Promise<void>;
  /**
   * Creates indicators a run met for the first time (a source's open-ended labels) inside the run's
   * transaction, so they exist exactly when the run's facts do. An existing key is left as it is.
   * Returns the id of every key asked for; `created` counts the ones this call inserted.
   */
  createIndicators(
    indicators: readonly IndicatorInput[],
  ): Promise<{ ids: Map<string, number>; created: number }>;
}

export interface IngestTarget {
  runId: number;
  sourceId: string;
  origin: string;
  /** upsert: add and revise; snapshot: also retire this source's facts that the input no longer has. */
  mode: 'upsert' | 'snapshot';
  /**
   * Whether the staged facts may repeat a key (several files in one run). Then the run fails on a repeat,
   * as it always has; a single file's reader already rejects repeated keys, so the check is skipped.
   * (Facts of indicators without stored facts go straight into the table, whose primary key fails the
   * run on a repeat either way.)
   */
  mayRepeatKeys?: boolean;
}

export interface IngestCounts {
  staged: number;
  inserted: number;
  updated: number;
  unchanged: number;
  retired: number;
  /** Indicators this run read or retired values of. */
  touchedIndicatorIds: number[];
  /** Seconds spent in each phase of the run (staging, merge steps), for logs and the benchmark. */
  phases?: Record<string, number>;
  /**
   * Indicators this run inserted, revised or retired a value of: only their links' goal status can have
   * moved, so only they are recomputed after the run.
   */
  changedIndicatorIds: number[];
}

/**
 * A run whose input is known to be identical to an earlier successful run's: nothing is staged or
 * merged, the earlier run's rejected rows are copied to this run, and its counts are reported.
 */
export interface ReusedRun<T> {
  /** The earlier run whose input this one repeats; its rejected rows are copied to this run. */
  fromRunId: number;
  produced: T;
  counts: IngestCounts;
}

/** Rejected rows waiting for the facts COPY to pause; bounded so a file of rejects stays small in memory. */
const maxPendingRejections = 2_000;

/**
 * Runs one ingest as a single transaction: everything `produce` writes is copied into Postgres while
 * `produce` goes on (COPY with backpressure, so reading and Postgres keep both cores busy). Facts of an
 * indicator that has no stored fact yet cannot collide with one: they are copied straight into
 * fact.indicator_values. The others are staged and merged set-based: unchanged values are left alone,
 * revised ones keep their predecessor in the history table, new ones are inserted in key order. Rejected
 * rows are stored, and `finish` records the run's outcome inside the same transaction. Either all of it
 * commits or nothing does. A per-source advisory lock makes a second run of the same source wait.
 *
 * `reuse`, called once the lock is held, may declare the input identical to an earlier run's; then
 * `produce` is not called and nothing is merged.
 */
export async function runIngestTransaction<T>(
  pool: pg.Pool,
  target: IngestTarget,
  produce: (writer: IngestWriter) => Promise<T>,
  finish: (client: pg.PoolClient, counts: IngestCounts, produced: T, reused: boolean) => Promise<void>,
  reuse?: (client: pg.PoolClient) => Promise<ReusedRun<T> | null>,
): Promise<{ counts: IngestCounts; produced: T; reused: boolean }> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The pool listens for errors on idle clients only: a socket error on this one (EPIPE when the backend
  // is terminated mid-COPY) would be an unhandled 'error' event and crash the process. The same error
  // fails the query or COPY in progress, which rolls the run back and lets the job retry.
  const onClientError = (error: Error) => {
    broken ??= error;
  };
  client.on('error', onClientError);
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`ingest:${target.sourceId}`]);
    const reused = reuse ? await reuse(client) : null;
    if (reused !== null) {
      await client.query(
        `insert into ops.rejected_rows (run_id, origin, line, column_name, raw, reason_sv, reason_en)
         select $1, origin, line, column_name, raw, reason_sv, reason_en from ops.rejected_rows
         where run_id = $2`,
        [target.runId, reused.fromRunId],
      );
      await finish(client, reused.counts, reused.produced, true);
      await client.query('commit');
      return { counts: reused.counts, produced: reused.produced, reused: true };
    }
    // Dimension ids only: periods are resolved here from a small cache, not joined per row.
    await client.query(`
      create temp table staging_facts (
        indicator_id integer not null, area_id integer not null, period_id integer not null,
        breakdown text not null, value numeric, value_note text
      ) on commit drop`);
    const clock = new PhaseClock();
    const stager = new Stager(client, target);
    await stager.init();
    const produced = await produce(stager);
    await stager.close();
    clock.lap('read and stage');
    const counts = await mergeStaged(client, target, stager, clock);
    // Derived indicators over what changed, in this transaction: never older than their newest input.
    const derived = await recomputeDerivedValues(client, counts.changedIndicatorIds);
    if (derived.length > 0) {
      counts.changedIndicatorIds = [...new Set([...counts.changedIndicatorIds, ...derived])].sort(
        (a, b) => a - b,
      );
    }
    clock.lap('derived indicators');
    await finish(client, counts, produced, false);
    await client.query('commit');
    return { counts, produced, reused: false };
  } catch (error) {
    // A COPY may still be open: dropping the connection is the one sure way to abort and roll back.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off('error', onClientError);
    client.release(broken);
  }
}

const periodKey = (type: string, start: string) => `${type}|${start}`;

/** Where a fact goes: the staging table (to be compared and merged) or straight into the facts. */
type Destination = 'staging' | 'direct';

const copyStatements: Record<Destination, string> = {
  staging: 'copy staging_facts from stdin',
  // loaded_at defaults to now(), the transaction's start: the same value the merge writes.
  direct: `copy fact.indicator_values
    (indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin)
    from stdin`,
};

class Stager implements IngestWriter {
  private open: { to: Destination; channel: CopyChannel } | null = null;
  private pendingRejections: StagedRejection[] = [];
  private readonly periodIds = new Map<string, number>();
  /** Indicators with facts when the run began; the rest cannot collide with a stored fact. */
  private knownIndicatorIds = new Set<number>();
  /** Lineage columns of a fact written straight in, in COPY text: source, run, origin. */
  private lineage = '';
  readonly indicatorIds = new Set<number>();
  readonly areaIds = new Set<number>();
  /** Facts written: staged for the merge plus those copied straight into fact.indicator_values. */
  staged = 0;
  /** Facts of indicators without any stored fact, copied straight in: all new, nothing to compare. */
  direct = 0;
  /**
   * Whether the staged rows came in key order as far as the index cares (indicator, area, period; the
   * breakdown only varies within one index page). Exports are usually written that way; then the insert
   * can go in file order and skip sorting millions of staged rows.
   */
  inKeyOrder = true;
  private last = { indicator: -1, area: -1, period: -1 };

  constructor(
    private readonly client: pg.PoolClient,
    private readonly target: IngestTarget,
  ) {}

  /** Learns which indicators already have facts, and the run's lineage for facts written straight in. */
  async init(): Promise<void> {
    const known = await this.client.query<{ id: number }>(
      `select i.id from dim.indicators i
       where exists (select 1 from fact.indicator_values f where f.indicator_id = i.id)`,
    );
    this.knownIndicatorIds = new Set(known.rows.map((r) => r.id));
    const t = this.target;
    this.lineage = `\t${copyText(t.sourceId)}\t${t.runId}\t${copyText(t.origin)}\n`;
  }

  /** Indicators whose facts went straight in: they had no stored fact before this run. */
  directIndicatorIds(): number[] {
    return [...this.indicatorIds].filter((id) => !this.knownIndicatorIds.has(id));
  }

  async writeFacts(rows: readonly StagedFact[]): Promise<void> {
    if (rows.length === 0) return;
    const missing = new Map<string, StagedFact>();
    for (const r of rows) {
      const key = periodKey(r.periodType, r.periodStart);
      if (!this.periodIds.has(key) && !missing.has(key)) missing.set(key, r);
    }
    // New periods are rare (a handful per file): pause the COPY, add them, go on.
    if (missing.size > 0) {
      await this.pauseCopy();
      await this.resolvePeriods([...missing.values()]);
    }
    let staging = '';
    let direct = '';
    let directRows = 0;
    const last = this.last;
    let inOrder = this.inKeyOrder;
    const known = this.knownIndicatorIds;
    const lineage = this.lineage;
    for (const r of rows) {
      const periodId = this.periodIds.get(periodKey(r.periodType, r.periodStart)) as number;
      if (r.indicatorId !== last.indicator) {
        this.indicatorIds.add(r.indicatorId);
        if (r.indicatorId < last.indicator) inOrder = false;
        last.indicator = r.indicatorId;
        last.area = -1;
      }
      if (r.areaId !== last.area) {
        this.areaIds.add(r.areaId);
        if (r.areaId < last.area) inOrder = false;
        last.area = r.areaId;
        last.period = -1;
      }
      if (periodId < last.period) inOrder = false;
      last.period = periodId;
      const line = `${r.indicatorId}\t${r.areaId}\t${periodId}\t${copyText(r.breakdown)}\t${r.value === null ? '\\N' : r.value}\t${r.valueNote === null ? '\\N' : copyText(r.valueNote)}`;
      if (known.has(r.indicatorId)) {
        staging += `${line}\n`;
      } else {
        direct += line + lineage;
        directRows++;
      }
    }
    this.inKeyOrder = inOrder;
    this.staged += rows.length;
    this.direct += directRows;
    if (staging !== '') await this.copy('staging', staging);
    if (direct !== '') await this.copy('direct', direct);
  }

  /** One COPY at a time per connection: switching destination ends the other one. */
  private async copy(to: Destination, chunk: string): Promise<void> {
    if (this.open?.to !== to) {
      await this.pauseCopy();
      this.open = { to, channel: new CopyChannel(this.client, copyStatements[to]) };
    }
    await this.open.channel.write(chunk);
  }

  async createIndicators(
    indicators: readonly IndicatorInput[],
  ): Promise<{ ids: Map<string, number>; created: number }> {
    const ids = new Map<string, number>();
    if (indicators.length === 0) return { ids, created: 0 };
    // New indicators are rare (once per label over a source's life): pause the COPY, add them, go on.
    await this.pauseCopy();
    const rows = indicators.map(indicatorRow);
    const inserted = await this.client.query<{ id: number; key: string }>(
      `insert into dim.indicators (key, title, unit, direction, decimals, description, external_ids)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::jsonb[])
       on conflict (key) do nothing
       returning id, key`,
      [
        rows.map((r) => r.key),
        rows.map((r) => r.title),
        rows.map((r) => r.unit),
        rows.map((r) => r.direction),
        rows.map((r) => r.decimals),
        rows.map((r) => r.description),
        rows.map((r) => r.external_ids),
      ],
    );
    const found = await this.client.query<{ id: number; key: string }>(
      'select id, key from dim.indicators where key = any($1::text[])',
      [rows.map((r) => r.key)],
    );
    for (const row of found.rows) ids.set(row.key, row.id);
    return { ids, created: inserted.rowCount ?? 0 };
  }

  async writeRejections(rows: readonly StagedRejection[]): Promise<void> {
    if (rows.length === 0) return;
    this.pendingRejections.push(...rows);
    if (this.pendingRejections.length >= maxPendingRejections) {
      await this.pauseCopy();
      await this.flushRejections();
    }
  }

  async close(): Promise<void> {
    await this.pauseCopy();
    await this.flushRejections();
  }

  /** The distinct period ids the staged facts use. */
  stagedPeriodIds(): number[] {
    return [...new Set(this.periodIds.values())];
  }

  private async pauseCopy(): Promise<void> {
    const open = this.open;
    this.open = null;
    if (open !== null) await open.channel.end();
  }

  private async resolvePeriods(periods: StagedFact[]): Promise<void> {
    const types = periods.map((p) => p.periodType);
    const starts = periods.map((p) => p.periodStart);
    const ends = periods.map((p) => p.periodEnd);
    const labels = periods.map((p) => p.periodLabel);
    await this.client.query(
      `insert into dim.periods (type, start_date, end_date, label)
       select * from unnest($1::text[], $2::date[], $3::date[], $4::text[])
       on conflict (type, start_date) do nothing`,
      [types, starts, ends, labels],
    );
    const found = await this.client.query<{ id: number; type: string; start: string }>(
      `select p.id, p.type, to_char(p.start_date, 'YYYY-MM-DD') as start
       from dim.periods p join unnest($1::text[], $2::date[]) as w(type, start_date)
         on p.type = w.type and p.start_date = w.start_date`,
      [types, starts],
    );
    for (const row of found.rows) this.periodIds.set(periodKey(row.type, row.start), row.id);
  }

  private async flushRejections(): Promise<void> {
    const rows = this.pendingRejections;
    if (rows.length === 0) return;
    this.pendingRejections = [];
    const channel = new CopyChannel(
      this.client,
      'copy ops.rejected_rows (run_id, origin, line, column_name, raw, reason_sv, reason_en) from stdin',
    );
    let chunk = '';
    for (const r of rows) {
      chunk += `${[this.target.runId, r.origin, r.line, r.column, r.raw, r.reasonSv, r.reasonEn].map(copyField).join('\t')}\n`;
    }
    await channel.write(chunk);
    await channel.end();
  }
}

/** Wall-clock seconds per named phase, in the order they ran. */
class PhaseClock {
  readonly phases: Record<string, number> = {};
  private at = process.hrtime.bigint();

  lap(name: string): void {
    const now = process.hrtime.bigint();
    this.phases[name] = (this.phases[name] ?? 0) + Number(now - this.at) / 1e9;
    this.at = now;
  }
}

/**
 * Checks, as a set, what the dropped foreign keys checked per row (migration 2026-11-30T11-00): every
 * dimension id, the source and the run exist. The rows are locked FOR KEY SHARE, the lock a foreign key
 * check takes, so none of them can be deleted before this transaction ends.
 */
async function lockReferences(client: pg.PoolClient, target: IngestTarget, stager: Stager): Promise<void> {
  const checks: [string, string, readonly (number | string)[]][] = [
    ['dim.indicators', 'integer', [...stager.indicatorIds]],
    ['dim.areas', 'integer', [...stager.areaIds]],
    ['dim.periods', 'integer', stager.stagedPeriodIds()],
    ['ops.sources', 'text', [target.sourceId]],
    ['ops.runs', 'bigint', [target.runId]],
  ];
  for (const [table, type, ids] of checks) {
    if (ids.length === 0) continue;
    const found = await client.query<{ id: number | string }>(
      `select id from ${table} where id = any($1::${type}[]) for key share`,
      [ids],
    );
    if (found.rowCount !== ids.length) {
      const present = new Set(found.rows.map((r) => String(r.id)));
      const missing = ids.filter((id) => !present.has(String(id)));
      throw new Error(
        `Körningen hänvisar till id i ${table} som inte finns: ${missing.slice(0, 10).join(', ')}; inget lästes in`,
      );
    }
  }
}

async function mergeStaged(
  client: pg.PoolClient,
  target: IngestTarget,
  stager: Stager,
  clock: PhaseClock,
): Promise<IngestCounts> {
  // The comparison hashes every stored fact of the staged keys: about 60 MB per million, so 5 million
  // fit in one batch at 512 MB, where the default 4 MB would spill them to disk in hundreds.
  await client.query(`set local work_mem = '512MB'`);
  if (target.mayRepeatKeys !== false) {
    // Fails the run on a key staged twice (two files with the same value), as a unique violation.
    await client.query('create unique index on staging_facts (indicator_id, area_id, period_id, breakdown)');
    clock.lap('duplicate check');
  }
  await lockReferences(client, target, stager);
  clock.lap('reference check');
  const params = [target.sourceId, target.runId, target.origin];
  // Facts of indicators that had none went straight in while the file was read.
  let inserted = stager.direct;
  // Indicators whose facts went straight in had none before: every one of them changed.
  const changedIndicatorIds = new Set<number>(stager.directIndicatorIds());
  let updated = 0;
  if (stager.staged > stager.direct) {
    await client.query('analyze staging_facts');
    // Only new and changed values go on: unchanged ones keep their lineage and are never rewritten.
    const delta = await client.query(`
      create temp table staging_delta on commit drop as
      select s.indicator_id, s.area_id, s.period_id, s.breakdown, s.value, s.value_note,
             f.indicator_id is null as is_new
      from staging_facts s
      left join fact.indicator_values f
        on f.indicator_id = s.indicator_id and f.area_id = s.area_id
       and f.period_id = s.period_id and f.breakdown = s.breakdown
      where f.indicator_id is null or (f.value, f.value_note) is distinct from (s.value, s.value_note)`);
    clock.lap('compare');
    if ((delta.rowCount ?? 0) > 0) {
      const ids = await client.query<{ indicator_id: number }>(
        'select distinct indicator_id from staging_delta',
      );
      for (const r of ids.rows) changedIndicatorIds.add(r.indicator_id);
      await client.query('analyze staging_delta');
      // Predecessors of the values this run revises.
      const history = await client.query(
        `insert into fact.indicator_value_history
           (indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at, replaced_by_run_id)
         select f.indicator_id, f.area_id, f.period_id, f.breakdown, f.value, f.value_note, f.source_id, f.run_id, f.origin, f.loaded_at, $1
         from fact.indicator_values f
         join staging_delta d
           on d.indicator_id = f.indicator_id and d.area_id = f.area_id
          and d.period_id = f.period_id and d.breakdown = f.breakdown
         where not d.is_new`,
        [target.runId],
      );
      const update = await client.query(
        `update fact.indicator_values f
         set value = d.value, value_note = d.value_note, source_id = $1, run_id = $2, origin = $3, loaded_at = now()
         from staging_delta d
         where d.indicator_id = f.indicator_id and d.area_id = f.area_id
           and d.period_id = f.period_id and d.breakdown = f.breakdown and not d.is_new`,
        params,
      );
      updated = update.rowCount ?? 0;
      if (updated !== (history.rowCount ?? 0)) {
        throw new Error(
          `Revisionshistoriken stämmer inte: ${history.rowCount} sparade, ${updated} ändrade (internt fel); inget lästes in`,
        );
      }
      clock.lap('revise');
      // Key order keeps the primary-key index writes local; rows staged in key order already are.
      const insert = await client.query(
        `insert into fact.indicator_values
           (indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at)
         select indicator_id, area_id, period_id, breakdown, value, value_note, $1, $2, $3, now()
         from staging_delta where is_new
         ${stager.inKeyOrder ? '' : 'order by indicator_id, area_id, period_id, breakdown'}`,
        params,
      );
      inserted += insert.rowCount ?? 0;
      clock.lap('insert new');
    }
  }

  let retired = 0;
  const touched = new Set(stager.indicatorIds);
  if (target.mode === 'snapshot') {
    const gone = await client.query<{ indicator_id: number }>(
      `with gone as (
         delete from fact.indicator_values f
         where f.source_id = $1
           and f.run_id <> $2 -- written by this run: straight in, revised, or staged and merged just now
           and not exists (select 1 from staging_facts r
                           where r.indicator_id = f.indicator_id and r.area_id = f.area_id
                             and r.period_id = f.period_id and r.breakdown = f.breakdown)
         returning f.*
       ), kept as (
         insert into fact.indicator_value_history
           (indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at, replaced_by_run_id)
         select indicator_id, area_id, period_id, breakdown, value, value_note, source_id, run_id, origin, loaded_at, $2 from gone
       )
       select indicator_id from gone`,
      [target.sourceId, target.runId],
    );
    retired = gone.rowCount ?? 0;
    for (const r of gone.rows) {
      touched.add(r.indicator_id);
      changedIndicatorIds.add(r.indicator_id);
    }
    clock.lap('retire');
  }
  const staged = stager.staged;
  return {
    staged,
    inserted,
    updated,
    unchanged: staged - inserted - updated,
    retired,
    touchedIndicatorIds: [...touched].sort((a, b) => a - b),
    changedIndicatorIds: [...changedIndicatorIds].sort((a, b) => a - b),
    phases: clock.phases,
  };
}

/** What an earlier successful run recorded, enough to repeat its outcome for identical input. */
export interface SucceededRunRecord {
  id: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  warning: string | null;
  details: { files?: Record<string, unknown>[]; fingerprint?: unknown; indicator_ids?: number[] };
}

/**
 * The source's latest successful run other than `runId`, read on the ingest transaction's connection
 * (inside the source's lock, so a run still going cannot be the answer).
 */
export async function latestSucceededRunInLock(
  client: pg.PoolClient,
  sourceId: string,
  runId: number,
): Promise<SucceededRunRecord | undefined> {
  const result = await client.query<SucceededRunRecord>(
    `select id, rows_read, rows_loaded, rows_rejected, inserted, updated, unchanged, skipped, rejected, warning,
       details from ops.runs
     where source_id = $1 and status = 'succeeded' and id <> $2
     order by finished_at desc nulls last, id desc limit 1`,
    [sourceId, runId],
  );
  return result.rows[0];
}

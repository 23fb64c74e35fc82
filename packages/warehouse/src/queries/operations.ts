import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

/** One source as the Sources page and the freshness check see it. */
export interface SourceOperationsRow {
  id: string;
  title: string;
  definition: unknown;
  schedule_cron: string | null;
  schedule_tz: string | null;
  last_success_at: Date | null;
  last_run_id: number | null;
  last_run_status: string | null;
  last_run_trigger: string | null;
  last_run_at: Date | null;
  last_run_error: string | null;
  /** Set when the latest run succeeded but rejected something. */
  last_run_warning: string | null;
  /** End (YYYY-MM-DD) of the latest period the source has values for. */
  last_period_end: string | null;
  last_period_label: string | null;
  /** When a run last inserted values (a new period, area or indicator arrived). */
  last_new_data_at: Date | null;
}

export async function listSourceOperations(db: Warehouse): Promise<SourceOperationsRow[]> {
  const result = await sql<SourceOperationsRow>`
    select s.id, s.title, s.definition, s.schedule_cron, s.schedule_tz,
      (select max(r.finished_at) from ops.runs r where r.source_id = s.id and r.status = 'succeeded') as last_success_at,
      last.id::int as last_run_id, last.status as last_run_status, last.trigger as last_run_trigger,
      coalesce(last.finished_at, last.started_at, last.queued_at) as last_run_at, last.error as last_run_error,
      last.warning as last_run_warning,
      latest.end_date::text as last_period_end, latest.label as last_period_label,
      (select max(r.finished_at) from ops.runs r
        where r.source_id = s.id and r.status = 'succeeded' and r.inserted > 0) as last_new_data_at
    from ops.sources s
    left join lateral (
      select r.id, r.status, r.trigger, r.queued_at, r.started_at, r.finished_at, r.error, r.warning
      from ops.runs r where r.source_id = s.id order by r.id desc limit 1
    ) last on true
    left join lateral (
      select p.end_date, p.label
      from fact.indicator_values v join dim.periods p on p.id = v.period_id
      where v.source_id = s.id and v.value is not null
      order by p.end_date desc, p.start_date desc limit 1
    ) latest on true
    where s.removed_at is null
    order by s.id`.execute(db);
  return result.rows;
}

export interface RunHistoryRow {
  id: number;
  source_id: string;
  trigger: string;
  status: string;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** rows_loaded + skipped + rows_rejected. */
  rows_read: number;
  rows_loaded: number;
  /** Rows skipped by rule. */
  skipped: number;
  rows_rejected: number;
  /** Values. */
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rejected values. */
  rejected: number;
  /** A succeeded run that rejected something; null for a plain success. */
  warning: string | null;
  error: string | null;
}

const historyColumns = [
  'id',
  'source_id',
  'trigger',
  'status',
  'queued_at',
  'started_at',
  'finished_at',
  'rows_read',
  'rows_loaded',
  'rows_rejected',
  'inserted',
  'updated',
  'unchanged',
  'skipped',
  'rejected',
  'warning',
  'error',
] as const;

/** The latest runs, newest first; of one source when `sourceId` is given. */
export async function listRunHistory(
  db: Warehouse,
  options: { sourceId?: string; limit?: number } = {},
): Promise<RunHistoryRow[]> {
  let q = db
    .selectFrom('ops.runs')
    .select(historyColumns)
    .orderBy('id', 'desc')
    .limit(options.limit ?? 20);
  if (options.sourceId !== undefined) q = q.where('source_id', '=', options.sourceId);
  return (await q.execute()).map((r) => ({ ...r, id: Number(r.id) })) as RunHistoryRow[];
}

/** Every run queued in [from, to), oldest first. */
export async function listRunsQueuedBetween(db: Warehouse, from: Date, to: Date): Promise<RunHistoryRow[]> {
  const rows = await db
    .selectFrom('ops.runs')
    .select(historyColumns)
    .where('queued_at', '>=', from)
    .where('queued_at', '<', to)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) })) as RunHistoryRow[];
}

export interface AlertClaim {
  sourceId: string;
  night: string;
  kind: 'failure' | 'stale' | 'warning';
  runId: number | null;
  message: string;
}

/**
 * Takes the source's one alert of the night: returns its id when this call is the first for that
 * source and night (then the caller sends it), undefined when one was already taken, by this process
 * or any other. A warning (a run that loaded with rejections) never stands in the way of worse news:
 * a failure or staleness alert later that night takes over its row and is sent as well.
 */
export async function claimAlert(db: Warehouse, alert: AlertClaim): Promise<number | undefined> {
  const row = await db
    .insertInto('ops.alerts')
    .values({
      source_id: alert.sourceId,
      night: alert.night,
      kind: alert.kind,
      run_id: alert.runId,
      message: alert.message,
    })
    .onConflict((oc) =>
      alert.kind === 'warning'
        ? oc.columns(['source_id', 'night']).doNothing()
        : oc
            .columns(['source_id', 'night'])
            .doUpdateSet({
              kind: alert.kind,
              run_id: alert.runId,
              message: alert.message,
              sent_at: null,
              channels: [],
              delivery_error: null,
            })
            .where('ops.alerts.kind', '=', 'warning'),
    )
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : undefined;
}

export async function recordAlertDelivery(
  db: Warehouse,
  alertId: number,
  delivery: { channels: string[]; error: string | null },
): Promise<void> {
  await db
    .updateTable('ops.alerts')
    .set({
      sent_at: delivery.channels.length > 0 ? new Date() : null,
      channels: delivery.channels,
      delivery_error: delivery.error,
    })
    .where('id', '=', alertId)
    .execute();
}

export async function listAlerts(db: Warehouse, options: { night?: string; sourceId?: string } = {}) {
  let q = db
    .selectFrom('ops.alerts')
    .select([
      'id',
      'source_id',
      'night',
      'kind',
      'run_id',
      'message',
      'sent_at',
      'channels',
      'delivery_error',
    ])
    .orderBy('id');
  if (options.night !== undefined) q = q.where('night', '=', options.night);
  if (options.sourceId !== undefined) q = q.where('source_id', '=', options.sourceId);
  return q.execute();
}

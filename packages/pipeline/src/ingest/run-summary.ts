import { formatNumber } from '@malkoll/goals';
import type { IngestCounts } from '@malkoll/warehouse';

/**
 * What a run did, as the job returns it and the CLI prints it (one builder: buildRunSummary).
 *
 * Rows and values are counted apart. Every data row is exactly one of loaded, skipped or rejected, so
 * `rows_read = rows_loaded + rows_skipped + rows_rejected` (a wide row with some bad cells is loaded);
 * values are inserted, updated or unchanged when stored, or rejected (one per rejected-row record).
 */
export interface RunSummary extends RunCounts {
  run_id: number;
  source_id: string;
  /** `succeeded` also when it loaded with rejections: then `warning` says so. A failure throws instead. */
  status: 'succeeded' | 'failed';
  /** Set when the run loaded but rejected rows or values (Swedish); null for a plain success. */
  warning: string | null;
  /** Values staged: inserted + updated + unchanged (kept under its old name for scripts). */
  loaded: number;
  /** Same as values_inserted, values_updated, values_unchanged (the names before rows and values were apart). */
  inserted: number;
  updated: number;
  unchanged: number;
  /** Same as rows_skipped. */
  skipped: number;
  /** Same as values_rejected. */
  rejected: number;
  files: string[];
  error: string | null;
  touched_indicator_ids: number[];
  /** Indicators with an inserted, revised or retired value: the goal status to recompute. */
  changed_indicator_ids: number[];
  /** Set when the input was identical to that earlier run's, so nothing was staged or merged. */
  identical_to_run: number | null;
  /** Indicators the run created for labels it met first (`mapping.indicator.create`); 0 otherwise. */
  indicators_created: number;
  /** Folder inbox: where the files went after the run (`processed/…` or `failed/…`). */
  moved_to?: string[];
  /** Seconds per phase of the transaction (reading and staging, each merge step). */
  phases?: Record<string, number>;
  /** A classification run: the peer-group set it loaded (its "values" are the set's areas). */
  peer_group_set?: { key: string; label: string; groups: number };
}

/** A run's row and value counts, as the CLI, the night summary and alerts print them. */
export interface RunCounts {
  rows_read: number;
  rows_loaded: number;
  rows_skipped: number;
  rows_rejected: number;
  values_inserted: number;
  values_updated: number;
  values_unchanged: number;
  values_rejected: number;
}

/** What the reader or a connector produced, beside what the merge counted. */
export interface ProducedCounts {
  rowsRead: number;
  rowsLoaded: number;
  /** Rows skipped by rule. */
  skipped: number;
  rowsRejected: number;
  /** Rejected values. */
  rejected: number;
}

export interface SucceededRun {
  runId: number;
  sourceId: string;
  /** Inbox files relative to the inbox root, or the note that names a recording. */
  files: string[];
  /** Null for a run that found nothing to read (an empty folder inbox). */
  counts: IngestCounts | null;
  produced: ProducedCounts | null;
  identicalToRun?: number | null;
  warning?: string | null;
}

const nothingProduced: ProducedCounts = {
  rowsRead: 0,
  rowsLoaded: 0,
  skipped: 0,
  rowsRejected: 0,
  rejected: 0,
};

/** The summary of a run that committed. */
export function buildRunSummary(run: SucceededRun): RunSummary {
  const produced = run.produced ?? nothingProduced;
  const counts = run.counts;
  return {
    run_id: run.runId,
    source_id: run.sourceId,
    status: 'succeeded',
    warning: run.warning ?? null,
    rows_read: produced.rowsRead,
    rows_loaded: produced.rowsLoaded,
    rows_skipped: produced.skipped,
    rows_rejected: produced.rowsRejected,
    values_inserted: counts?.inserted ?? 0,
    values_updated: counts?.updated ?? 0,
    values_unchanged: counts?.unchanged ?? 0,
    values_rejected: produced.rejected,
    loaded: counts?.staged ?? 0,
    inserted: counts?.inserted ?? 0,
    updated: counts?.updated ?? 0,
    unchanged: counts?.unchanged ?? 0,
    skipped: produced.skipped,
    rejected: produced.rejected,
    files: run.files,
    error: null,
    touched_indicator_ids: counts?.touchedIndicatorIds ?? [],
    changed_indicator_ids: counts?.changedIndicatorIds ?? [],
    identical_to_run: run.identicalToRun ?? null,
    indicators_created: 0,
    ...(counts?.phases === undefined ? {} : { phases: counts.phases }),
  };
}

const n = (v: number) => formatNumber(v);
/** A share as a Swedish percentage with at most one decimal: "37,5 %", "50 %". */
export const formatShare = (x: number) => `${(Math.round(x * 1000) / 10).toString().replace('.', ',')} %`;

/**
 * "Rader: 7 lästa = 4 inlästa + 3 överhoppade + 0 avvisade · Värden: 12 nya, 0 ändrade, 0 oförändrade,
 * 0 avvisade": the one line every place that reports a run uses (CLI, night summary, alerts).
 */
export function formatRunCounts(c: RunCounts): string {
  return (
    `Rader: ${n(c.rows_read)} lästa = ${n(c.rows_loaded)} inlästa + ${n(c.rows_skipped)} överhoppade + ` +
    `${n(c.rows_rejected)} avvisade · Värden: ${n(c.values_inserted)} nya, ${n(c.values_updated)} ändrade, ` +
    `${n(c.values_unchanged)} oförändrade, ${n(c.values_rejected)} avvisade`
  );
}

/**
 * The warning of a run that loaded but rejected something, or null when it rejected nothing: "Lyckades
 * med 3 avvisade rader (10 % av värdena avvisades; över 50 % misslyckas körningen)". A wide file may
 * reject cells of rows that loaded; then the values are named.
 */
export function rejectionWarning(
  produced: ProducedCounts,
  values: { staged: number },
  limit: number | null,
): string | null {
  if (produced.rejected === 0 && produced.rowsRejected === 0) return null;
  const rows = produced.rowsRejected;
  const rejectedValues = produced.rejected;
  const head =
    rows > 0
      ? `${n(rows)} ${rows === 1 ? 'avvisad rad' : 'avvisade rader'}`
      : `${n(rejectedValues)} ${rejectedValues === 1 ? 'avvisat värde' : 'avvisade värden'} i inlästa rader`;
  const total = values.staged + rejectedValues;
  const detail = [
    ...(rows > 0 && rejectedValues !== rows ? [`${n(rejectedValues)} avvisade värden`] : []),
    ...(total > 0 ? [`${formatShare(rejectedValues / total)} av värdena avvisades`] : []),
    ...(limit === null ? [] : [`över ${formatShare(limit)} misslyckas körningen`]),
  ];
  return `Lyckades med ${head}${detail.length > 0 ? ` (${detail.join('; ')})` : ''}`;
}

import type { IngestCounts } from '@malkoll/warehouse';

/** What a run did, as the job returns it and the CLI prints it (one builder: buildRunSummary). */
export interface RunSummary {
  run_id: number;
  source_id: string;
  status: 'succeeded' | 'failed';
  rows_read: number;
  loaded: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  files: string[];
  error: string | null;
  touched_indicator_ids: number[];
  /** Indicators with an inserted, revised or retired value: the goal status to recompute. */
  changed_indicator_ids: number[];
  /** Set when the input was identical to that earlier run's, so nothing was staged or merged. */
  identical_to_run: number | null;
  /** Folder inbox: where the files went after the run (`processed/…` or `failed/…`). */
  moved_to?: string[];
  /** Seconds per phase of the transaction (reading and staging, each merge step). */
  phases?: Record<string, number>;
}

/** What the reader or a connector produced, beside what the merge counted. */
export interface ProducedCounts {
  rowsRead: number;
  skipped: number;
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
}

const nothingProduced: ProducedCounts = { rowsRead: 0, skipped: 0, rejected: 0 };

/** The summary of a run that committed. */
export function buildRunSummary(run: SucceededRun): RunSummary {
  const produced = run.produced ?? nothingProduced;
  const counts = run.counts;
  return {
    run_id: run.runId,
    source_id: run.sourceId,
    status: 'succeeded',
    rows_read: produced.rowsRead,
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
    ...(counts?.phases === undefined ? {} : { phases: counts.phases }),
  };
}

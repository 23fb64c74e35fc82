// The contract of /api/sources: each source's state, freshness and recent runs, and the latest night.
// Plain types only: the browser bundle imports this file.

/** `warning`: the latest run loaded but rejected rows or values. */
export type SourceState = 'ok' | 'running' | 'failing' | 'stale' | 'warning' | 'no_data';
export type FreshnessState = 'fresh' | 'stale' | 'no_data' | 'no_rule';
export type NightOutcome = 'loaded' | 'unchanged' | 'failed' | 'running' | 'missed';

export interface SourceRunView {
  id: number;
  trigger: string;
  status: string;
  queuedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** Rows: rowsRead = rowsLoaded + skipped + rowsRejected. */
  rowsRead: number;
  rowsLoaded: number;
  skipped: number;
  rowsRejected: number;
  /** Values: inserted, updated, unchanged, and rejected values. */
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** A succeeded run that rejected something (Swedish); null for a plain success. */
  warning: string | null;
  error: string | null;
}

export interface SourceView {
  id: string;
  title: string;
  state: SourceState;
  /** The state in Swedish words, with the dates that explain it. */
  stateText: string;
  schedule: { cron: string; timeZone: string; nextRunAt: string | null; nextRunLabel: string | null } | null;
  /** Runs when a new file arrives in its inbox folder. */
  onFileArrival: boolean;
  lastSuccessAt: string | null;
  lastNewDataAt: string | null;
  lastPeriod: { end: string; label: string } | null;
  freshness: {
    state: FreshnessState;
    cadence: string | null;
    expectedPeriod: string | null;
    due: string | null;
  };
  runs: SourceRunView[];
}

export interface NightView {
  night: string;
  from: string;
  to: string;
  counts: Record<NightOutcome, number>;
  sources: {
    sourceId: string;
    title: string;
    outcome: NightOutcome;
    runs: number;
    error: string | null;
    /** The last run of the night loaded with rejections. */
    warning: string | null;
  }[];
}

export interface SourcesResponse {
  generatedAt: string;
  sources: SourceView[];
  night: NightView;
}

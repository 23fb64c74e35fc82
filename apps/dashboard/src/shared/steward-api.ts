// The contract of the steward's source actions: detect, preview, save, run now, upload, run detail.
// Plain types only: the browser bundle imports this file.

// The roles detect gives a column (a type only: erased from the browser bundle).
export type { ColumnRole } from '@malkoll/sources';

import type { ColumnRole } from '@malkoll/sources';

/** One problem with an edited definition: the field (`mapping.area.column`) and what is wrong, in Swedish. */
export interface DefinitionProblemView {
  field: string;
  message: string;
}

export interface PreviewFactView {
  line: number;
  indicatorKey: string;
  /** The indicator's name: as the definition declares it, else as the warehouse has it, else the key. */
  indicatorTitle: string;
  areaCode: string;
  /** The area's name (the register's, or the definition's org_units); the code when neither knows it. */
  areaName: string;
  period: string;
  breakdown: string;
  value: number | null;
  /** The indicator's decimals, so every value of one indicator is written alike ("1 198,00"). */
  decimals: number;
  /** Why the value is empty; null with a value. */
  note: 'missing' | 'suppressed' | 'no_new_data' | null;
}

export interface RejectionView {
  line: number;
  column: string | null;
  raw: string;
  /** Swedish, as the reader words it. */
  reason: string;
  reasonEn: string;
}

/** What a definition makes of the sample: nothing is written anywhere. */
export interface PreviewView {
  /** Set when the file cannot be read at all (then nothing else is). */
  error: { reason: string; reasonEn: string } | null;
  counts: { rowsRead: number; facts: number; skipped: number; rejected: number } | null;
  /** The first values, in file order. */
  facts: PreviewFactView[];
  rejections: RejectionView[];
  skips: { line: number; reason: string }[];
}

export interface DetectResponse {
  fileName: string;
  /** The proposed definition: the same JSON `malkoll sources apply` accepts. */
  definition: Record<string, unknown>;
  settings: {
    encoding: string;
    delimiter: string;
    newline: string;
    decimal: ',' | '.';
    headerLine: number;
    titleLines: { line: number; text: string }[];
    footnoteLines: number[];
  };
  layout: 'long' | 'wide' | 'classification';
  wideAs: 'period' | 'indicator' | 'breakdown' | null;
  columns: { index: number; name: string; role: ColumnRole; why: string }[];
  constants: { dimension: string; value: string; why: string }[];
  newIndicators: { key: string; title: string }[];
  newOrgUnits: { code: string; name: string; level: string }[];
  /** The publisher the file looks like ("SCB PxWeb-export", "Skolverket", …) and the cue; null: none known. */
  profile: { name: string; why: string } | null;
  /** Guesses the steward should check, in Swedish. */
  notes: string[];
  preview: PreviewView;
}

/** The 422 of a detect that could not propose: Swedish, and the fields the wizard should ask for. */
export interface DetectFailure {
  error: string;
  /** `area`: the file names no area the steward agrees with; `period`: the file has no period. */
  needs: ('area' | 'period')[];
}

export type PreviewResponse =
  | { ok: true; preview: PreviewView }
  | { ok: false; problems: DefinitionProblemView[] };

export interface SaveSourceResponse {
  id: string;
  outcome: 'created' | 'updated' | 'unchanged';
  /** Where the sample was put (relative to the inbox root) when it was asked for. */
  stagedFile: string | null;
}

export interface RunStartedResponse {
  jobId: string | null;
  /** The run's id once the worker has started it (the answer waits a few seconds for that); else null. */
  runId: number | null;
  /** The uploaded file's place in the inbox (upload only). */
  stagedFile?: string;
  message: string;
}

export interface RunDetail {
  id: number;
  sourceId: string;
  sourceTitle: string | null;
  trigger: string;
  status: string;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  origin: string | null;
  files: string[];
  /**
   * Rows (read = rowsLoaded + skipped + rowsRejected) and values (inserted, updated, unchanged,
   * rejected). A failed run keeps what its file gave, though nothing of it was stored.
   */
  counts: {
    read: number;
    rowsLoaded: number;
    skipped: number;
    rowsRejected: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
  };
  /** A succeeded run that rejected something (Swedish); null for a plain success. */
  warning: string | null;
  error: string | null;
  /** The first rejected rows (all of them are in rejected.csv). */
  rejectedRows: RejectionView[];
  rejectedShown: number;
  /** The indicators the source has values of, for links to the explorer. */
  indicators: { key: string; title: string }[];
}

import type { RegisterArea } from '../areas/resolve.ts';
import type { Newline } from '../csv/records.ts';
import type { CsvSourceDefinition as SourceDefinition } from '../definition.ts';

/** What the warehouse already knows, for matching cells against it. */
export interface DetectRegister {
  /** Every area: municipalities, regions, Riket, aggregates, historical areas and org units. */
  areas: readonly RegisterArea[];
  indicators: readonly { key: string; title: string }[];
}

export interface DetectOptions {
  fileName: string;
  /** Source id; derived from the file name when absent. */
  id?: string | undefined;
  /** Area code for files that name none (a unit's own export). */
  area?: string | undefined;
  /** Rows looked at per column; a sample file is small, a big one is judged by its start. */
  maxRows?: number;
}

export type ColumnRole =
  | 'area'
  | 'period'
  | 'indicator'
  | 'breakdown'
  | 'value'
  | 'wide'
  | 'ignored'
  // A classification file's columns (layout classification).
  | 'group'
  | 'group_name'
  | 'main_group'
  | 'main_group_name';

export interface DetectedColumn {
  index: number;
  name: string;
  role: ColumnRole;
  /** Why, in Swedish, for the human summary. */
  why: string;
}

export interface Detection {
  /** The definition as plain JSON, exactly what `detect --json` prints. */
  definition: Record<string, unknown>;
  /** The same, parsed (defaults filled in), for previewing it. */
  parsed: SourceDefinition;
  settings: {
    encoding: string;
    delimiter: string;
    newline: Newline;
    headerLine: number;
    /** The super-header row over the header (two header rows), or null. */
    superHeaderLine: number | null;
    titleLines: { line: number; text: string }[];
    footnoteLines: number[];
    decimal: ',' | '.';
  };
  layout: 'long' | 'wide' | 'classification';
  wideAs: 'period' | 'indicator' | 'breakdown' | null;
  columns: DetectedColumn[];
  constants: { dimension: 'indicator' | 'area' | 'period' | 'breakdown'; value: string; why: string }[];
  newIndicators: { key: string; title: string }[];
  newOrgUnits: { code: string; name: string; level: string }[];
  /** Swedish remarks the steward should read (guesses that may be wrong). */
  notes: string[];
  /** Set for a classification file: the peer-group set it proposes and the sample's groups. */
  classification?: {
    set: { key: string; label: string; valid_from?: string };
    groups: { code: string; name: string; areas: number }[];
  };
}

export class DetectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DetectError';
  }
}

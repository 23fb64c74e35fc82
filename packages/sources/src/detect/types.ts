import type { RegisterArea } from '../areas/resolve.ts';
import type { Newline } from '../csv/records.ts';
import type { ProfileName, CsvSourceDefinition as SourceDefinition } from '../definition.ts';

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
  /**
   * The area of a file with no area column (`--area`, the wizard's "Område"): a code or a name the area
   * register knows. Without it such a file is Riket's (a national table), or the area its title names.
   */
  area?: string | undefined;
  /** The period of a file with no period column (`--period`, the wizard's "Period"): 2024, 2016K1, 2014M03. */
  period?: string | undefined;
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
  /** `unit` when the header or label named one ("Kostnad (tkr)"); else the file's guess applies. */
  newIndicators: { key: string; title: string; unit?: string }[];
  newOrgUnits: { code: string; name: string; level: string }[];
  /** The publisher the file looks like (`parse.profile`), with the cue; null when none was recognised. */
  profile: { name: ProfileName; why: string } | null;
  /** Swedish remarks the steward should read (guesses that may be wrong). */
  notes: string[];
  /** Set for a classification file: the peer-group set it proposes and the sample's groups. */
  classification?: {
    set: { key: string; label: string; valid_from?: string };
    groups: { code: string; name: string; areas: number }[];
  };
}

/** What the steward can add to a detect that failed: `--area`/`--period`, the wizard's fields of those names. */
export type DetectNeed = 'area' | 'period';

/**
 * Detect could not propose a definition. `message` is Swedish and says what was not found and which
 * option or wizard field supplies it (explain-problems.ts words every kind); `needs` names the fields
 * the wizard should ask for.
 */
export class DetectError extends Error {
  constructor(
    message: string,
    readonly kind: string = 'other',
    readonly needs: readonly DetectNeed[] = [],
  ) {
    super(message);
    this.name = 'DetectError';
  }
}

import { createAreaResolver, type RegisterArea } from '../areas/resolve.ts';
import {
  type ClassificationPreview,
  previewClassification,
} from '../classification/preview-classification.ts';
import { CsvReadError } from '../csv/errors.ts';
import { readCsv } from '../csv/read-csv.ts';
import type { Fact, ReadContext, ReadSummary, Rejection, Skip } from '../csv/types.ts';
import type { CsvSourceDefinition as SourceDefinition } from '../definition.ts';
import { type Collapse, explainCollapse } from './collapse.ts';

/** What a definition makes of a sample file: nothing is written anywhere. */
export interface Preview {
  /** Null when the file could not be read at all (then `error` says why). */
  summary: ReadSummary | null;
  /** The first facts, in file order. */
  facts: Fact[];
  factCount: number;
  /** Every rejection, in file order. */
  rejections: Rejection[];
  skips: Skip[];
  error: { reasonSv: string; reasonEn: string } | null;
  /** A classification file's groups (mapping.layout: classification); it gives no facts. */
  classification?: ClassificationPreview;
  /** Rows that repeat a key, and the unread column that would keep their series apart (`explainCollapse`). */
  collapse: Collapse | null;
}

/** A preview before anything is read: the start of every preview, filled as the file is read. */
export function emptyPreview(): Preview {
  return { summary: null, facts: [], factCount: 0, rejections: [], skips: [], error: null, collapse: null };
}

export async function previewCsv(
  bytes: Uint8Array,
  def: SourceDefinition,
  ctx: ReadContext,
  options: { factLimit?: number } = {},
): Promise<Preview> {
  if (def.mapping.layout === 'classification') return previewClassification(bytes, def, ctx);
  const limit = options.factLimit ?? 10;
  const out = emptyPreview();
  const reader = readCsv(
    (async function* () {
      yield bytes;
    })(),
    def,
    ctx,
  );
  try {
    for (;;) {
      const next = await reader.next();
      if (next.done) {
        out.summary = next.value;
        out.collapse = await explainCollapse(bytes, def, next.value, out.rejections);
        return out;
      }
      for (const fact of next.value.facts) if (out.facts.length < limit) out.facts.push(fact);
      out.factCount += next.value.facts.length;
      // One at a time: a batch can hold millions, past what a spread passes as arguments (RangeError).
      for (const rejection of next.value.rejections) out.rejections.push(rejection);
      for (const skip of next.value.skips) out.skips.push(skip);
    }
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    out.error = { reasonSv: error.reasonSv, reasonEn: error.reasonEn };
    return out;
  }
}

/**
 * The lookups a definition is previewed with: the warehouse's areas and indicators plus what the
 * definition itself declares (`org_units`, `indicators`), which `sources apply` would create. Areas
 * resolve through the same resolver the worker uses.
 */
export function previewContext(
  register: { areas: readonly RegisterArea[]; indicators: readonly { key: string }[] },
  def: SourceDefinition,
): ReadContext {
  const known = new Set(register.areas.map((a) => a.code));
  const declared = (def.org_units ?? [])
    .filter((unit) => !known.has(unit.code))
    .map(
      (unit): RegisterArea => ({ code: unit.code, name: unit.name, type: 'org_unit', officialCode: null }),
    );
  const areas = createAreaResolver([...register.areas, ...declared]);
  const keys = new Set(register.indicators.map((i) => i.key));
  for (const i of def.indicators ?? []) keys.add(i.key);
  return {
    resolveArea: areas.resolve,
    resolveIndicator: (raw) => (keys.has(raw) ? raw : undefined),
  };
}

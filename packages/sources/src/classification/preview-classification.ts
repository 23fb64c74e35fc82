import { CsvReadError } from '../csv/errors.ts';
import type { ReadContext } from '../csv/types.ts';
import type { CsvSourceDefinition } from '../definition.ts';
import { emptyPreview, type Preview } from '../detect/preview.ts';
import { readClassification } from './read-classification.ts';

/** What a classification file would load: its groups with their areas, written nowhere. */
export interface ClassificationPreview {
  set: { key: string; label: string; valid_from?: string | undefined };
  groups: {
    code: string;
    name: string;
    level: 'group' | 'main_group';
    /** Area codes in file order. */
    areas: string[];
  }[];
}

/**
 * The preview of a classification definition: rows counted as a run counts them, no facts, and the
 * groups in `classification`. A file the reader cannot read is an `error`, as for a fact file.
 */
export async function previewClassification(
  bytes: Uint8Array,
  def: CsvSourceDefinition,
  ctx: Pick<ReadContext, 'resolveArea'>,
): Promise<Preview> {
  const out = emptyPreview();
  try {
    const read = await readClassification(bytes, def, ctx.resolveArea);
    out.summary = {
      encoding: read.encoding,
      delimiter: read.delimiter,
      decimal: ',',
      headerLine: read.headerLine,
      rowsRead: read.rowsRead,
      rowsLoaded: read.rowsLoaded,
      rowsRejected: read.rowsRejected,
      facts: 0,
      rejected: read.rejections.length,
      skipped: read.skips.length,
    };
    out.rejections = read.rejections;
    out.skips = read.skips;
    out.classification = {
      set: read.set,
      groups: read.groups.map((g) => ({
        code: g.code,
        name: g.name,
        level: g.level,
        areas: read.members
          .filter((m) => (g.level === 'group' ? m.groupCode : m.mainGroupCode) === g.code)
          .map((m) => m.areaCode),
      })),
    };
    return out;
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    out.error = { reasonSv: error.reasonSv, reasonEn: error.reasonEn };
    return out;
  }
}

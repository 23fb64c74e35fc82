import {
  applyFileConstants,
  type CsvSourceDefinition,
  type Detection,
  type DetectOptions,
  type DetectRegister,
  detectDefinition,
  type FileConstants,
  findOversizedLine,
  judgeRejections,
  type Preview,
  previewContext,
  previewCsv,
  type RejectionVerdict,
} from '@malkoll/sources';
import type { Warehouse } from '@malkoll/warehouse';
import { loadDetectRegister } from './steward.ts';

// A steward's sample file against the warehouse's register, read exactly as a run would and written
// nowhere: what `sources detect`/`sources check` and the dashboard's "Ny källa" show.

export interface SampleCheck {
  /** The definition the sample was read with: the given one, with `--area`/`--period` applied. */
  definition: CsvSourceDefinition;
  preview: Preview;
  /** Null when the file could not be read at all (`preview.error` says why). */
  verdict: RejectionVerdict | null;
}

export interface SampleDetection<P extends Preview | null = Preview> {
  detection: Detection;
  preview: P;
  register: DetectRegister & { fromWarehouse: boolean };
}

/**
 * A line longer than a run would read, or wider than a preview shows, is refused before the sample is
 * read at all (CsvReadError, as the worker's): the preview reads the whole file from one buffer.
 */
function refuseOversizedSample(bytes: Uint8Array): void {
  const oversized = findOversizedLine(bytes);
  if (oversized !== null) throw oversized;
}

/**
 * Proposes a complete definition for a sample and, unless `factLimit` is null, previews it with the
 * proposal (detect's DetectError passes through; an oversized sample throws CsvReadError).
 */
export async function detectSample<L extends number | null>(
  db: Warehouse | null,
  bytes: Uint8Array,
  options: DetectOptions,
  factLimit: L,
): Promise<SampleDetection<L extends number ? Preview : null>> {
  refuseOversizedSample(bytes);
  const register = await loadDetectRegister(db);
  const detection = await detectDefinition(bytes, register, options);
  const preview =
    factLimit === null
      ? null
      : await previewCsv(bytes, detection.parsed, previewContext(register, detection.parsed), { factLimit });
  return { detection, preview: preview as L extends number ? Preview : null, register };
}

/**
 * Reads a sample with a CSV definition and judges its rejections against the definition's limit (an
 * oversized sample throws CsvReadError). `constants` (`--area`, `--period`) read the whole sample as one
 * area or period; a value the register or the period parser does not know throws DetectError.
 */
export async function checkSample(
  db: Warehouse | null,
  bytes: Uint8Array,
  given: CsvSourceDefinition,
  factLimit: number,
  constants: FileConstants = {},
): Promise<SampleCheck> {
  refuseOversizedSample(bytes);
  const register = await loadDetectRegister(db);
  const definition = applyFileConstants(given, constants, register.areas);
  const preview = await previewCsv(bytes, definition, previewContext(register, definition), { factLimit });
  const verdict =
    preview.summary === null
      ? null
      : judgeRejections(definition, preview.factCount, preview.rejections.length);
  return { definition, preview, verdict };
}

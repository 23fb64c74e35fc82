// A Kolada-shaped long file (KPI × municipality × year × T/K/M; semicolons, decimal commas), sorted by
// KPI as Kolada exports are, streamed to disk so memory stays flat whatever the row count. Used by
// `pnpm bench:ingest`, `pnpm bench:detect` and the open-ended ingest test.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { currentMunicipalities } from '@malkoll/warehouse';

export interface KoladaFileShape {
  rows: number;
  /** KPI ids in file order (default: 500 of them, N00000 …). */
  indicators?: readonly string[];
  /** Every n-th value (offset 7) is changed a little: a later delivery that revises 1/n of the values. */
  changeEvery?: number | null;
  /** Municipalities to write (default: all current ones). */
  areas?: readonly { code: string; name: string }[];
}

export const defaultKoladaIndicators = Array.from(
  { length: 500 },
  (_, i) => `N${String(i).padStart(5, '0')}`,
);
const sexes = ['T', 'K', 'M'] as const;

/** How the rows are spread: the years each KPI × municipality × sex gets so the file reaches `rows`. */
export function koladaFileLayout(shape: KoladaFileShape) {
  const indicators = shape.indicators ?? defaultKoladaIndicators;
  const areas = shape.areas ?? currentMunicipalities();
  const perYear = indicators.length * areas.length * sexes.length;
  return { indicators, areas, years: Math.max(1, Math.ceil(shape.rows / perYear)) };
}

/** Writes the file in chunks with backpressure; returns the rows written. */
export async function writeKoladaFile(file: string, shape: KoladaFileShape): Promise<number> {
  const { indicators, areas, years } = koladaFileLayout(shape);
  const changeEvery = shape.changeEvery ?? null;
  const out = createWriteStream(file);
  let chunk = 'Kommun;Nyckeltal;År;Kön;Värde\r\n';
  let rows = 0;
  outer: for (const kpi of indicators) {
    for (const area of areas) {
      for (let y = 0; y < years; y++) {
        for (const [s, sex] of sexes.entries()) {
          if (rows === shape.rows) break outer;
          const seed = (rows * 2_654_435_761) >>> 0;
          let tenths = (seed % 1_000_000) + s;
          if (changeEvery !== null && rows % changeEvery === 7) tenths += 3;
          const value = seed % 97 === 0 ? '' : `${Math.floor(tenths / 10)},${tenths % 10}`;
          chunk += `${area.code} ${area.name};${kpi};${2010 + y};${sex};${value}\r\n`;
          rows++;
          if (chunk.length > 256 * 1024) {
            if (!out.write(chunk)) await once(out, 'drain');
            chunk = '';
          }
        }
      }
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return rows;
}

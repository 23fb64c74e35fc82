import { z } from 'zod';
import { formatSwedishNumber } from '../csv/errors.ts';

/*
 * JSON-stat 2.0 datasets (https://json-stat.org/full/): `value` is row-major over the dimensions in `id`
 * order (the last dimension changes fastest); `value` and `status` may be arrays or sparse objects keyed
 * by the flat index, and `status` may be one string for every cell.
 */

const categorySchema = z.object({
  index: z.union([z.array(z.string()), z.record(z.string(), z.number().int().nonnegative())]).optional(),
  label: z.record(z.string(), z.string()).optional(),
});

const datasetSchema = z.object({
  class: z.literal('dataset').optional(),
  id: z.array(z.string()).min(1),
  size: z.array(z.number().int().nonnegative()).min(1),
  dimension: z.record(z.string(), z.object({ label: z.string().optional(), category: categorySchema })),
  value: z.union([z.array(z.number().nullable()), z.record(z.string(), z.number().nullable())]),
  status: z
    .union([z.array(z.string().nullable()), z.record(z.string(), z.string()), z.string()])
    .nullable()
    .optional(),
  updated: z.string().optional(),
});

export interface JsonStatCell {
  /** Category code per dimension id. */
  codes: Record<string, string>;
  value: number | null;
  status: string | null;
}

export interface JsonStatDataset {
  ids: string[];
  labels: Record<string, Record<string, string>>;
  updated: string | null;
  cells: JsonStatCell[];
}

function categoryCodes(category: z.output<typeof categorySchema>, size: number, dim: string): string[] {
  const index = category.index;
  if (index === undefined) {
    const labels = Object.keys(category.label ?? {});
    if (labels.length === size) return labels;
    throw new Error(`dimensionen ${dim} saknar kategoriindex`);
  }
  if (Array.isArray(index)) return index;
  const codes: string[] = new Array(size);
  for (const [code, i] of Object.entries(index)) codes[i] = code;
  return codes;
}

/** Reads a json-stat2 dataset into cells; throws with the reason when the answer is not one. */
export function parseJsonStat2(raw: unknown): JsonStatDataset {
  const parsed = datasetSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `svaret är ingen json-stat2-datamängd (${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(hela svaret)'}: ${i.message}`)
        .join('; ')})`,
    );
  }
  const d = parsed.data;
  if (d.id.length !== d.size.length)
    throw new Error(`id har ${d.id.length} dimensioner men size har ${d.size.length}`);
  const codes = d.id.map((dim, i) => {
    const def = d.dimension[dim];
    if (def === undefined) throw new Error(`dimensionen ${dim} finns i id men beskrivs inte`);
    const list = categoryCodes(def.category, d.size[i] as number, dim);
    if (list.length !== d.size[i])
      throw new Error(`dimensionen ${dim} har ${list.length} kategorier, size säger ${d.size[i]}`);
    return list;
  });
  const total = d.size.reduce((a, b) => a * b, 1);
  if (Array.isArray(d.value) && d.value.length !== total) {
    throw new Error(
      `value har ${formatSwedishNumber(d.value.length)} celler, dimensionerna ger ${formatSwedishNumber(total)}`,
    );
  }
  const valueAt = (i: number): number | null =>
    Array.isArray(d.value) ? (d.value[i] ?? null) : (d.value[String(i)] ?? null);
  const statusAt = (i: number): string | null => {
    const s = d.status;
    if (s === undefined || s === null) return null;
    if (typeof s === 'string') return s;
    if (Array.isArray(s)) return s[i] ?? null;
    return s[String(i)] ?? null;
  };
  const cells: JsonStatCell[] = [];
  const position = new Array<number>(d.id.length).fill(0);
  for (let i = 0; i < total; i++) {
    const cellCodes: Record<string, string> = {};
    d.id.forEach((dim, k) => {
      cellCodes[dim] = (codes[k] as string[])[position[k] as number] as string;
    });
    cells.push({ codes: cellCodes, value: valueAt(i), status: statusAt(i) });
    // Row-major: increment the last dimension first.
    for (let k = d.id.length - 1; k >= 0; k--) {
      position[k] = (position[k] as number) + 1;
      if ((position[k] as number) < (d.size[k] as number)) break;
      position[k] = 0;
    }
  }
  const labels: Record<string, Record<string, string>> = {};
  for (const dim of d.id) labels[dim] = d.dimension[dim]?.category.label ?? {};
  return { ids: d.id, labels, updated: d.updated ?? null, cells };
}

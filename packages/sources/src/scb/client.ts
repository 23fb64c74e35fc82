import { z } from 'zod';
import { formatSwedishNumber } from '../csv/errors.ts';
import type { ScbSourceDefinition } from '../definition.ts';
import { type JsonTransport, Politeness } from '../http/transport.ts';

/*
 * SCB's PxWebApi 2.0 (https://statistikdatabasen.scb.se/api/v2). Limits are read from /config, never
 * hard-coded: maxDataCells per request, and maxCallsPerTimeWindow per timeWindow seconds. A selection
 * with more cells than allowed is split along its largest variable.
 */

export const SCB_BASE_URL = 'https://statistikdatabasen.scb.se/api/v2';

const configSchema = z.object({
  apiVersion: z.string().optional(),
  maxDataCells: z.number().int().positive(),
  maxCallsPerTimeWindow: z.number().int().positive(),
  timeWindow: z.number().positive(),
});
export type ScbConfig = z.output<typeof configSchema>;

export interface ScbSelection {
  variableCode: string;
  codeList?: string | undefined;
  valueCodes: string[];
}

/** How many values a selection entry stands for; an expression such as TOP(3) counts as its number. */
function valueCount(entry: ScbSelection): number {
  let count = 0;
  for (const v of entry.valueCodes) {
    const top = /^(?:TOP|BOTTOM)\((\d+)(?:,\s*\d+)?\)$/i.exec(v);
    count += top ? Number(top[1]) : 1;
  }
  return Math.max(1, count);
}

export function selectionCells(selection: readonly ScbSelection[]): number {
  return selection.reduce((n, s) => n * valueCount(s), 1);
}

/**
 * Splits a selection into parts of at most `maxCells` cells by cutting the variable with the most plain
 * values (usually the regions) into slices.
 */
export function splitSelection(selection: readonly ScbSelection[], maxCells: number): ScbSelection[][] {
  if (selectionCells(selection) <= maxCells) return [selection.map((s) => ({ ...s }))];
  const splittable = selection
    .map((s, i) => ({
      i,
      plain: s.valueCodes.filter((v) => !/\(/.test(v)).length === s.valueCodes.length,
      n: s.valueCodes.length,
    }))
    .filter((s) => s.plain && s.n > 1)
    .sort((a, b) => b.n - a.n)[0];
  if (splittable === undefined) {
    throw new Error(
      `Urvalet ger ${formatSwedishNumber(selectionCells(selection))} celler, fler än SCB tillåter per fråga (${formatSwedishNumber(maxCells)}), och ingen variabel går att dela upp; gör urvalet mindre i källans definition (selection)`,
    );
  }
  const target = selection[splittable.i] as ScbSelection;
  const others = selectionCells(selection) / valueCount(target);
  const perPart = Math.max(1, Math.floor(maxCells / others));
  const parts: ScbSelection[][] = [];
  for (let i = 0; i < target.valueCodes.length; i += perPart) {
    const part = selection.map((s, j) =>
      j === splittable.i ? { ...s, valueCodes: target.valueCodes.slice(i, i + perPart) } : { ...s },
    );
    parts.push(...splitSelection(part, maxCells));
  }
  return parts;
}

export class ScbClient {
  requests = 0;
  private politeness: Politeness | null = null;
  config: ScbConfig | null = null;

  constructor(readonly transport: JsonTransport) {}

  async readConfig(): Promise<ScbConfig> {
    this.requests++;
    const raw = await this.transport.get('/config');
    const parsed = configSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `SCB:s svar på /config saknar gränserna (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}); försök igen senare`,
      );
    }
    this.config = parsed.data;
    // Stay a little under the allowed rate: other users of the same address count too.
    this.politeness = new Politeness(
      Math.ceil((parsed.data.timeWindow * 1000) / parsed.data.maxCallsPerTimeWindow) + 10,
    );
    return parsed.data;
  }

  /** The table's values for a selection, as json-stat2 answers (one per part when the selection is split). */
  async *tableData(
    table: string,
    selection: readonly ScbSelection[],
    language: string,
  ): AsyncGenerator<{ path: string; part: number; parts: number; data: unknown }> {
    const config = this.config ?? (await this.readConfig());
    const parts = splitSelection(selection, config.maxDataCells);
    const path = `/tables/${encodeURIComponent(table)}/data?lang=${language}&outputFormat=json-stat2`;
    for (const [i, part] of parts.entries()) {
      await this.politeness?.wait();
      this.requests++;
      const body = {
        selection: part.map((s) => ({
          variableCode: s.variableCode,
          ...(s.codeList ? { codeList: s.codeList } : {}),
          valueCodes: s.valueCodes,
        })),
      };
      yield { path, part: i + 1, parts: parts.length, data: await this.transport.post(path, body) };
    }
  }
}

/** The selection to send: the definition's, with the time variable cut to the latest periods when incremental. */
export function scbSelection(def: ScbSourceDefinition, incremental: boolean): ScbSelection[] {
  const selection: ScbSelection[] = def.selection.map((s) => ({
    variableCode: s.variable,
    codeList: s.codelist,
    valueCodes: s.values,
  }));
  if (!incremental) return selection;
  const top = `TOP(${def.incremental.recent_periods})`;
  const time = selection.find((s) => s.variableCode === def.time_variable);
  if (time) time.valueCodes = [top];
  else selection.push({ variableCode: def.time_variable, valueCodes: [top] });
  return selection;
}

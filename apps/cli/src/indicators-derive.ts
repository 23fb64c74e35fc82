// `malkoll indicators derive <key> --formula <f> --a <key> [--b <key>]`: defines (or redefines) a derived
// indicator and computes its values from what is loaded; docs/status-rules.md, "Derived indicators".
// The options are validated by the schema a plan file's `derived_indicators` uses, and stored by the same
// warehouse function (defineDerivedIndicators).
import { safeParseDerivedIndicator } from '@malkoll/goals/derived-indicator';
import { defineDerivedIndicatorAndRecompute } from '@malkoll/pipeline';
import type { Warehouse } from '@malkoll/warehouse';

export interface DeriveOptions {
  formula: string;
  a: string;
  b?: string;
  title?: string;
  unit?: string;
  decimals?: string;
  direction?: string;
}

/** "--decimals 2" arrives as text: a number when it reads as one, else the text (so the error quotes it). */
function numberOption(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

export async function runIndicatorsDerive(db: Warehouse, key: string, opts: DeriveOptions): Promise<string> {
  const parsed = safeParseDerivedIndicator({
    key,
    formula: opts.formula,
    a: opts.a,
    b: opts.b,
    title: opts.title,
    unit: opts.unit,
    decimals: numberOption(opts.decimals),
    direction: opts.direction,
  });
  if (!parsed.success) {
    throw new Error(
      parsed.issues
        .map((i) => `${i.path === 'key' ? `<key> "${key}"` : `--${i.path}`} ${i.message}.`)
        .join('\n'),
    );
  }
  const def = parsed.data;
  const { changed, status } = await defineDerivedIndicatorAndRecompute(db, def);
  return `${key}: ${def.formula}(${def.a}${def.b ? `, ${def.b}` : ''}); ${changed.length} derived indicators changed${status ? `, ${status.links} linked goal statuses recomputed` : ''}`;
}

// `malkoll indicators derive <key> --formula <f> --a <key> [--b <key>]`: defines (or redefines) a derived
// indicator and computes its values from what is loaded; docs/status-rules.md, "Derived indicators".
import { type DerivedFormula, upsertDerivedIndicator, type Warehouse } from '@malkoll/warehouse';
import { recomputeStatus } from '@malkoll/worker';

const FORMULAS: readonly DerivedFormula[] = ['per_1000', 'share', 'sum_units', 'change'];

export interface DeriveOptions {
  formula: string;
  a: string;
  b?: string;
  title?: string;
  unit?: string;
  decimals?: string;
  direction?: string;
}

export async function runIndicatorsDerive(db: Warehouse, key: string, opts: DeriveOptions): Promise<string> {
  if (!FORMULAS.includes(opts.formula as DerivedFormula)) {
    throw new Error(`--formula ska vara ${FORMULAS.join(', ')}; fick "${opts.formula}".`);
  }
  const decimals = opts.decimals === undefined ? 1 : Number(opts.decimals);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new Error(`--decimals ska vara ett heltal 0–6; fick "${opts.decimals}".`);
  }
  if (opts.direction !== undefined && opts.direction !== 'higher' && opts.direction !== 'lower') {
    throw new Error(`--direction ska vara higher eller lower; fick "${opts.direction}".`);
  }
  const changed = await upsertDerivedIndicator(db, {
    key,
    title: opts.title ?? key,
    unit: opts.unit ?? (opts.formula === 'share' ? '%' : ''),
    direction: (opts.direction ?? 'higher') as 'higher' | 'lower',
    decimals,
    formula: opts.formula as DerivedFormula,
    a: opts.a,
    ...(opts.b !== undefined ? { b: opts.b } : {}),
  });
  const status = changed.length > 0 ? await recomputeStatus(db, { indicatorIds: changed }) : null;
  return `${key}: ${opts.formula}(${opts.a}${opts.b ? `, ${opts.b}` : ''}); ${changed.length} derived indicators changed${status ? `, ${status.links} linked goal statuses recomputed` : ''}`;
}

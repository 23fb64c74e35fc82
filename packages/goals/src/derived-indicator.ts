// A derived indicator's definition: an indicator computed from others (per 1 000 inhabitants, a share, a
// sum over org units, the change since the year before). One schema for both places a steward defines
// one, `malkoll indicators derive` and a plan file's `derived_indicators`, so both accept and reject the
// same things with the same Swedish messages. The warehouse computes the values
// (@malkoll/warehouse, defineDerivedIndicators); docs/status-rules.md, "Derived indicators".

import { z } from 'zod';
import {
  type DefinitionIssue,
  describe,
  keySchema,
  swedishErrors,
  textSchema,
  toIssues,
} from './definition-fields.ts';

export const DERIVED_FORMULAS = ['per_1000', 'share', 'sum_units', 'change'] as const;
export type DerivedFormulaName = (typeof DERIVED_FORMULAS)[number];

/** Formulas with a denominator `b` (the others take `a` only). */
export const FORMULAS_WITH_DENOMINATOR: readonly DerivedFormulaName[] = ['per_1000', 'share'];

export interface DerivedIndicatorDefinition {
  key: string;
  /** The key when left out. */
  title: string;
  formula: DerivedFormulaName;
  /** The numerator (per_1000, share) or the indicator summed / compared (sum_units, change). */
  a: string;
  /** The denominator (per_1000, share); absent otherwise. */
  b?: string | undefined;
  /** "%" for share and "" otherwise when left out. */
  unit: string;
  /** 1 when left out. */
  decimals: number;
  /** "higher" when left out. */
  direction: 'higher' | 'lower';
  description?: string | undefined;
}

export const derivedIndicatorSchema = z
  .strictObject({
    key: keySchema,
    title: textSchema.optional(),
    formula: z.enum(DERIVED_FORMULAS, {
      error: (issue) =>
        `ska vara ${DERIVED_FORMULAS.join(', ')}; fick ${issue.input === undefined ? 'ingenting' : describe(issue.input)}`,
    }),
    a: keySchema,
    b: keySchema.optional(),
    unit: z.string().trim().optional(),
    decimals: z.number().int('ska vara ett heltal 0–6').min(0).max(6).default(1),
    direction: z.enum(['higher', 'lower']).default('higher'),
    description: z.string().optional(),
  })
  .superRefine((d, ctx) => {
    const needsB = FORMULAS_WITH_DENOMINATOR.includes(d.formula);
    if (needsB && d.b === undefined) {
      ctx.addIssue({ code: 'custom', path: ['b'], message: `krävs för formeln ${d.formula} (nämnaren)` });
    } else if (!needsB && d.b !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['b'],
        message: `används inte av formeln ${d.formula}; bara per_1000 och share har en nämnare`,
      });
    }
    for (const field of ['a', 'b'] as const) {
      if (d[field] === d.key) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'kan inte vara det härledda måttet självt' });
      }
    }
  })
  .transform(
    (d): DerivedIndicatorDefinition => ({
      ...d,
      title: d.title ?? d.key,
      unit: d.unit ?? (d.formula === 'share' ? '%' : ''),
    }),
  );

/** Validates one derived indicator's definition (the CLI's options as an object). */
export function safeParseDerivedIndicator(
  input: unknown,
): { success: true; data: DerivedIndicatorDefinition } | { success: false; issues: DefinitionIssue[] } {
  const result = derivedIndicatorSchema.safeParse(input, { error: swedishErrors });
  return result.success
    ? { success: true, data: result.data }
    : { success: false, issues: toIssues(result.error) };
}

// The plan file: a municipality's goals, their indicators, baselines and targets, as a data steward writes
// it in YAML (the caller parses the YAML; this module validates the resulting object). Every error names
// the field path ("goals.0.children.0.indicators.0.target.value: …") so the steward can find the line.

import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import {
  type DefinitionIssue,
  describe,
  keySchema,
  swedishErrors,
  textSchema,
  toIssues,
} from './definition-fields.ts';
import { type DerivedIndicatorDefinition, derivedIndicatorSchema } from './derived-indicator.ts';
import {
  ACTIVITY_STATUSES,
  type ActivityStatus,
  GOAL_KINDS,
  type GoalKind,
  TARGET_TYPES,
  type TargetType,
} from './vocabulary.ts';

// ---------------------------------------------------------------------------------------------------------
// Output types: the file's own snake_case keys, with every default filled in.

export interface IndicatorDefinition {
  key: string;
  title: string;
  unit: string;
  direction: 'higher' | 'lower';
  decimals: number;
  description?: string | undefined;
}

export interface ActivityDefinition {
  title: string;
  desired_state?: string | undefined;
  status: ActivityStatus;
  status_text?: string | undefined;
  partners?: string | undefined;
  comment?: string | undefined;
}

export interface TargetDefinition {
  type: TargetType;
  value?: number | null | undefined;
  min?: number | null | undefined;
  max?: number | null | undefined;
  date: string;
  text?: string | undefined;
  peer_group?: string | undefined;
  milestones?: { date: string; value: number }[] | undefined;
}

export interface GoalIndicatorLink {
  indicator: string;
  label: string;
  /** Filled with the plan's area when the file leaves it out. */
  area: string;
  /** Filled with "T" (total) when the file leaves it out. */
  breakdown: string;
  kind: 'level' | 'ytd_sum';
  baseline: { value: number | null; date: string; text?: string | undefined };
  target: TargetDefinition;
  note?: string | undefined;
  tolerance?: number | undefined;
}

export interface GoalComment {
  date: string;
  text: string;
}

export interface GoalDefinition {
  key: string;
  kind: GoalKind;
  title: string;
  description?: string | undefined;
  responsible?: string | undefined;
  activities: ActivityDefinition[];
  indicators: GoalIndicatorLink[];
  comments: GoalComment[];
  children: GoalDefinition[];
}

export interface PlanStatusRule {
  tolerance: number;
  rollup: 'worst' | 'share_on_track';
  share_threshold: number;
  /**
   * Days after a follow-up date when its status snapshot freezes (the report is decided); see
   * docs/status-rules.md, "Snapshots".
   */
  freeze_after_days: number;
}

export interface PlanDefinition {
  id: string;
  name: string;
  organisation: string;
  area: string;
  start: string;
  end: string;
  /** Sorted ascending. */
  follow_ups: string[];
  demo_note?: string | undefined;
  status_rule: PlanStatusRule;
  indicators: IndicatorDefinition[];
  /**
   * Indicators computed from others (per 1 000 inhabitants, share, sum over units, change), defined when
   * the plan is applied; goals may link to them like to `indicators`. Absent when the file has none.
   */
  derived_indicators?: DerivedIndicatorDefinition[] | undefined;
  goals: GoalDefinition[];
}

export const DEFAULT_PLAN_STATUS_RULE: PlanStatusRule = {
  tolerance: 0.1,
  rollup: 'worst',
  share_threshold: 0.75,
  freeze_after_days: 30,
};
export const DEFAULT_BREAKDOWN = 'T';

// ---------------------------------------------------------------------------------------------------------
// Field schemas

const PLAN_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const optionalText = z.string().optional();

/** YAML gives either a string or (YAML 1.1 timestamps) a Date at UTC midnight; both become "YYYY-MM-DD". */
const isoDateSchema = z.unknown().transform((input, ctx): string => {
  let text: string | null = null;
  if (input instanceof Date) text = Number.isNaN(input.getTime()) ? null : input.toISOString().slice(0, 10);
  else if (typeof input === 'string') text = input.trim();
  if (text === null || !isIsoDate(text)) {
    ctx.addIssue({
      code: 'custom',
      message:
        input === undefined
          ? 'saknas (obligatoriskt fält)'
          : `ska vara ett datum som ÅÅÅÅ-MM-DD, fick ${describe(input)}`,
    });
    return z.NEVER;
  }
  return text;
});

/** An area code. An unquoted 0586 in YAML arrives as the number 586: the lost leading zero is restored. */
function areaCodeSchema(exactlyFourDigits: boolean) {
  return z.unknown().transform((input, ctx): string => {
    let text: string | null = null;
    if (typeof input === 'number' && Number.isInteger(input) && input >= 0 && input < 10_000) {
      text = String(input).padStart(4, '0');
    } else if (typeof input === 'string') text = input.trim();
    const valid =
      text !== null && (exactlyFourDigits ? /^\d{4}$/.test(text) : /^[0-9A-Za-z._-]+$/.test(text));
    if (!valid || text === null) {
      ctx.addIssue({
        code: 'custom',
        message:
          input === undefined
            ? 'saknas (obligatoriskt fält)'
            : exactlyFourDigits
              ? `ska vara en kommunkod med fyra siffror inom citattecken, t.ex. "0586", fick ${describe(input)}`
              : `ska vara en områdeskod, t.ex. "0586", fick ${describe(input)}`,
      });
      return z.NEVER;
    }
    return text;
  });
}

const indicatorSchema = z.strictObject({
  key: keySchema,
  title: textSchema,
  unit: z.string().trim(),
  direction: z.enum(['higher', 'lower']),
  decimals: z.number().int('ska vara ett heltal').min(0).max(6).default(0),
  description: optionalText,
});

const activitySchema = z.strictObject({
  title: textSchema,
  desired_state: optionalText,
  status: z.enum(ACTIVITY_STATUSES),
  status_text: optionalText,
  partners: optionalText,
  comment: optionalText,
});

const targetSchema = z.strictObject({
  type: z.enum(TARGET_TYPES),
  value: z.number().nullable().optional(),
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  date: isoDateSchema,
  text: optionalText,
  peer_group: z.string().trim().min(1, 'får inte vara tom').optional(),
  milestones: z.array(z.strictObject({ date: isoDateSchema, value: z.number() })).optional(),
});

const linkSchema = z
  .strictObject({
    indicator: keySchema,
    label: textSchema,
    area: areaCodeSchema(false).optional(),
    breakdown: z.string().trim().min(1, 'får inte vara tom').optional(),
    kind: z.enum(['level', 'ytd_sum']),
    baseline: z.strictObject({
      value: z.number().nullable().default(null),
      date: isoDateSchema,
      text: optionalText,
    }),
    target: targetSchema,
    note: optionalText,
    tolerance: z.number().min(0).max(1).optional(),
  })
  .superRefine((link, ctx) => checkTarget(link, ctx));

const commentSchema = z.strictObject({ date: isoDateSchema, text: textSchema });

type LinkInput = z.output<typeof linkSchema>;

interface GoalParsed {
  key: string;
  kind: GoalKind;
  title: string;
  description?: string | undefined;
  responsible?: string | undefined;
  activities: ActivityDefinition[];
  indicators: LinkInput[];
  comments: GoalComment[];
  children: GoalParsed[];
}

const goalSchema: z.ZodType<GoalParsed> = z.lazy(() =>
  z.strictObject({
    key: keySchema,
    kind: z.enum(GOAL_KINDS),
    title: textSchema,
    description: optionalText,
    responsible: optionalText,
    activities: z.array(activitySchema).default([]),
    indicators: z.array(linkSchema).default([]),
    comments: z.array(commentSchema).default([]),
    children: z.array(goalSchema).default([]),
  }),
);

const statusRuleSchema = z.strictObject({
  tolerance: z.number().min(0).max(1).optional(),
  rollup: z.enum(['worst', 'share_on_track']).optional(),
  share_threshold: z.number().gt(0, 'ska vara större än 0').max(1).optional(),
  freeze_after_days: z.number().int().min(0).max(366).optional(),
});

const planShape = z.strictObject({
  id: z
    .string()
    .regex(PLAN_ID_PATTERN, 'får bara innehålla a–z, 0–9 och bindestreck och ska börja med a–z eller 0–9'),
  name: textSchema,
  organisation: textSchema,
  area: areaCodeSchema(true),
  start: isoDateSchema,
  end: isoDateSchema,
  follow_ups: z.array(isoDateSchema).min(1, 'behöver minst ett uppföljningsdatum'),
  demo_note: optionalText,
  status_rule: statusRuleSchema.optional(),
  indicators: z.array(indicatorSchema).min(1, 'behöver minst ett mått'),
  derived_indicators: z.array(derivedIndicatorSchema).optional(),
  goals: z.array(goalSchema).min(1, 'behöver minst ett mål'),
});

/** The plan file schema: validates the parsed YAML and returns a PlanDefinition with defaults filled in. */
export const planDefinitionSchema = planShape
  .superRefine((plan, ctx) => checkPlan(plan, ctx))
  .transform((plan): PlanDefinition => fillDefaults(plan));

// ---------------------------------------------------------------------------------------------------------
// Cross-field checks

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

function addIssue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

const NEEDS_VALUE = new Set(['at_least', 'at_most']);

function checkTarget(link: z.output<typeof linkSchema>, ctx: Ctx): void {
  const { target, baseline } = link;
  const hasValue = target.value !== undefined && target.value !== null;
  if (NEEDS_VALUE.has(target.type)) {
    if (!hasValue) addIssue(ctx, ['target', 'value'], `krävs för måltypen ${target.type}`);
  } else if (hasValue) {
    addIssue(ctx, ['target', 'value'], `används inte av måltypen ${target.type}; ta bort det eller byt typ`);
  }
  if (target.type === 'range') {
    if (target.min === undefined || target.min === null)
      addIssue(ctx, ['target', 'min'], 'krävs för måltypen range');
    if (target.max === undefined || target.max === null)
      addIssue(ctx, ['target', 'max'], 'krävs för måltypen range');
    if (typeof target.min === 'number' && typeof target.max === 'number' && !(target.min < target.max)) {
      addIssue(ctx, ['target', 'max'], `ska vara större än min (${target.min})`);
    }
  } else {
    for (const field of ['min', 'max'] as const) {
      if (target[field] !== undefined && target[field] !== null) {
        addIssue(ctx, ['target', field], `används bara av måltypen range`);
      }
    }
  }
  if (target.type === 'better_than_peers') {
    if (target.peer_group === undefined)
      addIssue(ctx, ['target', 'peer_group'], 'krävs för måltypen better_than_peers');
  } else if (target.peer_group !== undefined) {
    addIssue(ctx, ['target', 'peer_group'], 'används bara av måltypen better_than_peers');
  }
  if (link.kind === 'ytd_sum' && !['at_least', 'at_most', 'increase', 'decrease'].includes(target.type)) {
    addIssue(
      ctx,
      ['kind'],
      `ytd_sum går bara med måltyperna at_least, at_most, increase och decrease, inte ${target.type}`,
    );
  }
  if (target.date < baseline.date) {
    addIssue(ctx, ['target', 'date'], `ligger före ingångsvärdets datum ${baseline.date}`);
  }
  if (target.milestones !== undefined) {
    if (!NEEDS_VALUE.has(target.type)) {
      addIssue(ctx, ['target', 'milestones'], 'delmål går bara med måltyperna at_least och at_most');
    }
    let previous: string | null = null;
    for (const [i, milestone] of target.milestones.entries()) {
      if (milestone.date <= baseline.date || milestone.date >= target.date) {
        addIssue(
          ctx,
          ['target', 'milestones', i, 'date'],
          `ska ligga efter ingångsvärdets datum ${baseline.date} och före måldatumet ${target.date}`,
        );
      } else if (previous !== null && milestone.date <= previous) {
        addIssue(ctx, ['target', 'milestones', i, 'date'], `ska komma efter föregående delmål (${previous})`);
      }
      previous = milestone.date;
    }
  }
}

const KIND_RANK: Record<GoalKind, number> = { vision: 0, municipal_goal: 1, committee_goal: 2 };

function checkPlan(plan: z.output<typeof planShape>, ctx: Ctx): void {
  if (plan.end < plan.start) addIssue(ctx, ['end'], `ligger före start (${plan.start})`);

  const seenFollowUps = new Set<string>();
  for (const [i, date] of plan.follow_ups.entries()) {
    if (date < plan.start || date > plan.end) {
      addIssue(ctx, ['follow_ups', i], `${date} ligger utanför planperioden ${plan.start}–${plan.end}`);
    }
    if (seenFollowUps.has(date)) addIssue(ctx, ['follow_ups', i], `${date} finns redan`);
    seenFollowUps.add(date);
  }

  const indicatorKeys = new Map<string, number>();
  for (const [i, indicator] of plan.indicators.entries()) {
    const first = indicatorKeys.get(indicator.key);
    if (first !== undefined) {
      addIssue(ctx, ['indicators', i, 'key'], `"${indicator.key}" finns redan (indicators.${first}.key)`);
    } else indicatorKeys.set(indicator.key, i);
  }
  checkDerived(plan, ctx, indicatorKeys);

  const derivedKeys = new Set((plan.derived_indicators ?? []).map((d) => d.key));
  const goalKeys = new Map<string, string>();
  const visit = (goal: GoalParsed, path: Path, parentKind: GoalKind | null): void => {
    const where = path.join('.');
    const first = goalKeys.get(goal.key);
    if (first !== undefined) addIssue(ctx, [...path, 'key'], `"${goal.key}" används redan av ${first}.key`);
    else goalKeys.set(goal.key, where);

    if (parentKind !== null && KIND_RANK[goal.kind] < KIND_RANK[parentKind]) {
      addIssue(ctx, [...path, 'kind'], `${goal.kind} kan inte ligga under ${parentKind}`);
    }

    const linkKeys = new Set<string>();
    for (const [j, link] of goal.indicators.entries()) {
      if (!indicatorKeys.has(link.indicator) && !derivedKeys.has(link.indicator)) {
        addIssue(
          ctx,
          [...path, 'indicators', j, 'indicator'],
          `måttet "${link.indicator}" finns inte under indicators eller derived_indicators`,
        );
      }
      const linkKey = `${link.indicator}|${link.area ?? plan.area}|${link.breakdown ?? DEFAULT_BREAKDOWN}`;
      if (linkKeys.has(linkKey)) {
        addIssue(
          ctx,
          [...path, 'indicators', j],
          `måttet "${link.indicator}" är redan kopplat till målet för samma område`,
        );
      }
      linkKeys.add(linkKey);
    }

    const commentDates = new Set<string>();
    for (const [j, comment] of goal.comments.entries()) {
      if (!seenFollowUps.has(comment.date)) {
        addIssue(
          ctx,
          [...path, 'comments', j, 'date'],
          `${comment.date} är inte ett av planens uppföljningsdatum (follow_ups)`,
        );
      }
      if (commentDates.has(comment.date)) {
        addIssue(ctx, [...path, 'comments', j, 'date'], `det finns redan en kommentar för ${comment.date}`);
      }
      commentDates.add(comment.date);
    }

    for (const [j, child] of goal.children.entries()) visit(child, [...path, 'children', j], goal.kind);
  };
  for (const [i, goal] of plan.goals.entries()) visit(goal, ['goals', i], null);
}

/**
 * Derived indicators: keys unique across both lists, and no cycle among the file's own (a derived
 * indicator may build on another; the inputs may also be indicators the warehouse already has, which
 * only applying can check).
 */
function checkDerived(plan: z.output<typeof planShape>, ctx: Ctx, indicatorKeys: Map<string, number>): void {
  const derived = plan.derived_indicators ?? [];
  const derivedIndex = new Map<string, number>();
  for (const [i, d] of derived.entries()) {
    const asIndicator = indicatorKeys.get(d.key);
    const first = derivedIndex.get(d.key);
    if (asIndicator !== undefined) {
      addIssue(
        ctx,
        ['derived_indicators', i, 'key'],
        `"${d.key}" finns redan (indicators.${asIndicator}.key); ett härlett mått behöver en egen nyckel`,
      );
    } else if (first !== undefined) {
      addIssue(
        ctx,
        ['derived_indicators', i, 'key'],
        `"${d.key}" finns redan (derived_indicators.${first}.key)`,
      );
    } else derivedIndex.set(d.key, i);
  }
  const inputs = (d: DerivedIndicatorDefinition) => [d.a, ...(d.b === undefined ? [] : [d.b])];
  for (const [i, d] of derived.entries()) {
    if (derivedIndex.get(d.key) !== i) continue;
    // Depth-first along the file's own derived inputs; a path back to d is a cycle.
    const walk = (key: string, trail: string[]): string[] | null => {
      const j = derivedIndex.get(key);
      const next = j === undefined ? undefined : derived[j];
      if (next === undefined) return null;
      for (const input of inputs(next)) {
        if (input === d.key) return [...trail, input];
        if (trail.includes(input)) continue;
        const found = walk(input, [...trail, input]);
        if (found) return found;
      }
      return null;
    };
    const cycle = walk(d.key, [d.key]);
    if (cycle) {
      addIssue(ctx, ['derived_indicators', i, 'a'], `bildar en cirkel: ${cycle.join(' → ')}`);
    }
  }
}

function fillDefaults(plan: z.output<typeof planShape>): PlanDefinition {
  const fillGoal = (goal: GoalParsed): GoalDefinition => ({
    ...goal,
    indicators: goal.indicators.map((link) => ({
      ...link,
      area: link.area ?? plan.area,
      breakdown: link.breakdown ?? DEFAULT_BREAKDOWN,
    })),
    children: goal.children.map(fillGoal),
  });
  return {
    ...plan,
    follow_ups: [...plan.follow_ups].sort(),
    status_rule: {
      tolerance: plan.status_rule?.tolerance ?? DEFAULT_PLAN_STATUS_RULE.tolerance,
      rollup: plan.status_rule?.rollup ?? DEFAULT_PLAN_STATUS_RULE.rollup,
      share_threshold: plan.status_rule?.share_threshold ?? DEFAULT_PLAN_STATUS_RULE.share_threshold,
      freeze_after_days: plan.status_rule?.freeze_after_days ?? DEFAULT_PLAN_STATUS_RULE.freeze_after_days,
    },
    goals: plan.goals.map(fillGoal),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Errors

/** An error's field path ("goals.0.children.0.indicators.0.target.value"; "" for the root) and Swedish message. */
export type PlanDefinitionIssue = DefinitionIssue;

export class PlanDefinitionError extends Error {
  readonly issues: PlanDefinitionIssue[];
  constructor(issues: PlanDefinitionIssue[]) {
    const lines = issues.map((issue) => `  ${issue.path === '' ? '(roten)' : issue.path}: ${issue.message}`);
    super(`Ogiltig plandefinition (${issues.length} fel):\n${lines.join('\n')}`);
    this.name = 'PlanDefinitionError';
    this.issues = issues;
  }
}

/** Validates a parsed plan file. Throws PlanDefinitionError listing every issue as "path: message". */
export function parsePlanDefinition(input: unknown): PlanDefinition {
  const result = planDefinitionSchema.safeParse(input, { error: swedishErrors });
  if (!result.success) throw new PlanDefinitionError(toIssues(result.error));
  return result.data;
}

/** Like parsePlanDefinition, without throwing. */
export function safeParsePlanDefinition(
  input: unknown,
): { success: true; data: PlanDefinition } | { success: false; issues: PlanDefinitionIssue[] } {
  const result = planDefinitionSchema.safeParse(input, { error: swedishErrors });
  return result.success
    ? { success: true, data: result.data }
    : { success: false, issues: toIssues(result.error) };
}

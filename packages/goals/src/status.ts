// The goal-status engine: from a link's baseline, target and observations to one status with a one-sentence
// explanation in Swedish and English. Pure and deterministic: the same input gives the same result, so a
// stored snapshot can always be explained again. docs/status-rules.md describes every rule in prose.

import { assertIsoDate, elapsedShare, isLastDayOfYear, startOfYear, toDayNumber, yearOf } from './dates.ts';
import { computeForecast, type Forecast, type ForecastInput, latestBreak } from './forecast.ts';
import {
  formatDate,
  formatDayMonth,
  formatDifference,
  formatNumber,
  formatPeriod,
  formatValue,
  type Locale,
  roundTo,
  translateUnit,
  unitRepeats,
} from './format.ts';
import { computeTrajectory, type Trajectory } from './trajectory.ts';
import type { GoalStatus, TargetType } from './vocabulary.ts';

export { unitRepeats };

export type IndicatorKind = 'level' | 'ytd_sum';
export type Direction = 'higher' | 'lower';

export interface Observation {
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  value: number | null;
}

export interface Milestone {
  date: string;
  value: number;
}

export interface StatusTarget {
  type: TargetType;
  value?: number | null;
  min?: number | null;
  max?: number | null;
  date: string;
  milestones?: Milestone[];
  peerGroup?: string | null;
}

export interface StatusInput {
  /** YYYY-MM-DD; the status is computed as of the end of that day. */
  asOf: string;
  kind: IndicatorKind;
  direction: Direction;
  unit: string;
  decimals: number;
  /** `date` is the start of that day ("Ingångsvärde 160101" is the value at 2016-01-01 00:00). */
  baseline: { value: number | null; date: string };
  target: StatusTarget;
  /** Observations of this indicator/area/breakdown, in any order and of any periods. */
  observations: Observation[];
  /** Median of the peer group per period (better_than_peers). */
  peerMedians?: { periodEnd: string; value: number }[];
  /** Latest value per organisational unit (same_level). */
  unitValues?: { unit: string; value: number }[];
  /** In progress units (0.1 = ten percentage points of the way from baseline to target). */
  tolerance?: number;
  /** Dates of declared series breaks (dim.series_breaks): trend, forecast and trajectory start after the latest. */
  seriesBreaks?: readonly string[];
  /** Accepted for callers' convenience; both languages are always produced. */
  locale?: Locale;
}

export interface StatusResult {
  status: GoalStatus;
  current: { value: number; periodEnd: string; periodLabel: string } | null;
  expectedValue: number | null;
  progress: number | null;
  expectedProgress: number | null;
  /** Swedish, one sentence, numbers as Swedes write them. */
  explanation: string;
  /** The same in English. */
  explanationEn: string;
  /** Id of the rule that decided, e.g. "at_least.progress_vs_time"; listed in docs/status-rules.md. */
  rule: string;
  /** What the status was computed from (JSON-serialisable), for "why is this red?". */
  inputs: Record<string, unknown>;
  /**
   * Theil–Sen projection of a level indicator to the target date (forecast.ts); null for year-to-date
   * sums, same_level, and with fewer than three readings. Never part of the verdict.
   */
  forecast: Forecast | null;
  /**
   * The pace needed to reach an at_least / at_most target by its date against the pace observed
   * (trajectory.ts); null for other targets and once the target date is measured. Not yet part of the
   * verdict: shown beside it.
   */
  trajectory: Trajectory | null;
}

export interface StatusOptions {
  /** Tolerance when the input has none. Default 0.1. */
  defaultTolerance?: number;
}

export const DEFAULT_TOLERANCE = 0.1;

/** Slack for floating-point noise so that boundaries stated in the docs are inclusive in practice. */
const EPSILON = 1e-9;

interface SelectedObservation {
  value: number;
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
}

/** What a rule decides; computeStatus adds `current` and the shared inputs. */
interface Verdict {
  status: GoalStatus;
  rule: string;
  sv: string;
  en: string;
  expectedValue?: number | null;
  progress?: number | null;
  expectedProgress?: number | null;
  details?: Record<string, unknown>;
}

interface Context {
  input: StatusInput;
  tolerance: number;
  current: SelectedObservation | null;
  /** Observations count only from this day on (baseline date, or 1 January of the target year for ytd). */
  windowStart: string;
  /** Whether the status date has reached the target date. */
  deadlinePassed: boolean;
  /** The measured value: always with its unit ("26 611 invånare", "14,5 %"). */
  fmt: (value: number | null | undefined, locale: Locale) => string;
  /** Targets, expectations, references: with the unit only when it is a short measure unit (see unitRepeats). */
  fmtRef: (value: number | null | undefined, locale: Locale) => string;
  fmtBare: (value: number | null | undefined, locale: Locale) => string;
}

export function computeStatus(input: StatusInput, options: StatusOptions = {}): StatusResult {
  validateInput(input);
  const tolerance = input.tolerance ?? options.defaultTolerance ?? DEFAULT_TOLERANCE;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new Error(`tolerance: expected a number >= 0, got ${String(tolerance)}`);
  }

  const windowStart =
    input.kind === 'ytd_sum'
      ? maxDate(input.baseline.date, startOfYear(input.target.date))
      : input.baseline.date;
  // A year-to-date sum restarts each year, so only the target year's running sums are comparable with the
  // year's target; a level carries on and is judged on the latest value.
  const windowEnd = input.kind === 'ytd_sum' ? minDate(input.asOf, input.target.date) : input.asOf;
  const current = selectCurrent(input.observations, windowStart, windowEnd, input.kind);

  const ctx: Context = {
    input,
    tolerance,
    current,
    windowStart,
    deadlinePassed: input.asOf >= input.target.date,
    fmt: (value, locale) =>
      formatValue(value, { unit: translateUnit(input.unit, locale), decimals: input.decimals, locale }),
    fmtRef: (value, locale) =>
      formatValue(value, {
        unit: unitRepeats(input.unit) ? translateUnit(input.unit, locale) : '',
        decimals: input.decimals,
        locale,
      }),
    fmtBare: (value, locale) => formatNumber(value, { decimals: input.decimals, locale }),
  };

  const verdict = decide(ctx);
  const trend = trendInput(input);
  const forecast = trend ? computeForecast(trend) : null;
  const trajectory = trend && trend.targetValue !== null ? computeTrajectory(trend) : null;
  const seriesBreak = latestBreak(input.seriesBreaks, input.asOf);

  return {
    status: verdict.status,
    current: current
      ? { value: current.value, periodEnd: current.periodEnd, periodLabel: current.periodLabel }
      : null,
    expectedValue: verdict.expectedValue ?? null,
    progress: verdict.progress ?? null,
    expectedProgress: verdict.expectedProgress ?? null,
    explanation: verdict.sv,
    explanationEn: verdict.en,
    rule: verdict.rule,
    inputs: {
      asOf: input.asOf,
      kind: input.kind,
      direction: input.direction,
      unit: input.unit,
      decimals: input.decimals,
      tolerance,
      baseline: { value: input.baseline.value, date: input.baseline.date },
      target: {
        type: input.target.type,
        value: input.target.value ?? null,
        min: input.target.min ?? null,
        max: input.target.max ?? null,
        date: input.target.date,
        milestones: input.target.milestones ?? [],
        peerGroup: input.target.peerGroup ?? null,
      },
      window: { from: windowStart, to: windowEnd },
      observationsGiven: input.observations.length,
      current: current ?? null,
      // The break the trend starts after, when one is in force at asOf: the why-dialog names it.
      ...(seriesBreak === null ? {} : { seriesBreak }),
      ...verdict.details,
    },
    forecast,
    trajectory,
  };
}

/**
 * What forecast and trajectory are drawn from. A running year-to-date sum restarts every January, so a
 * line through its readings mixes years; the same-level rule has no series of its own. Everything else
 * gets a forecast when it has enough readings.
 */
function trendInput(input: StatusInput): ForecastInput | null {
  if (input.kind !== 'level' || input.target.type === 'same_level') return null;
  const hasValue = input.target.type === 'at_least' || input.target.type === 'at_most';
  const value = hasValue ? (input.target.value ?? null) : null;
  return {
    asOf: input.asOf,
    observations: input.observations,
    targetDate: input.target.date,
    targetValue: value !== null && Number.isFinite(value) ? value : null,
    direction:
      input.target.type === 'at_most'
        ? 'lower'
        : input.target.type === 'at_least'
          ? 'higher'
          : input.direction,
    unit: input.unit,
    decimals: input.decimals,
    ...(input.seriesBreaks ? { seriesBreaks: input.seriesBreaks } : {}),
  };
}

function decide(ctx: Context): Verdict {
  const { input } = ctx;
  switch (input.target.type) {
    case 'at_least':
    case 'at_most':
      return input.kind === 'ytd_sum' ? decideYtdThreshold(ctx) : decideLevelThreshold(ctx);
    case 'increase':
    case 'decrease':
      return decideDirection(ctx);
    case 'range':
      return decideRange(ctx);
    case 'better_than_peers':
      return decidePeers(ctx);
    case 'same_level':
      return decideSameLevel(ctx);
    default: {
      const unknownType: never = input.target.type;
      throw new Error(`target.type: unknown target type ${JSON.stringify(unknownType)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Input checks and observation selection

function validateInput(input: StatusInput): void {
  assertIsoDate(input.asOf, 'asOf');
  assertIsoDate(input.baseline.date, 'baseline.date');
  assertIsoDate(input.target.date, 'target.date');
  for (const [i, m] of (input.target.milestones ?? []).entries()) {
    assertIsoDate(m.date, `target.milestones.${i}.date`);
  }
  for (const [i, o] of input.observations.entries()) {
    assertIsoDate(o.periodStart, `observations.${i}.periodStart`);
    assertIsoDate(o.periodEnd, `observations.${i}.periodEnd`);
  }
  for (const [i, p] of (input.peerMedians ?? []).entries()) {
    assertIsoDate(p.periodEnd, `peerMedians.${i}.periodEnd`);
  }
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * The latest observation with a value whose period ends on or after the window start (the baseline is the
 * start of its day, a period ends at the end of its last day) and on or before the window end. On equal end
 * dates a level prefers the shortest period (the freshest reading); a year-to-date sum the longest (the
 * running sum from 1 January rather than one month's count).
 */
function selectCurrent(
  observations: Observation[],
  from: string,
  to: string,
  kind: IndicatorKind,
): SelectedObservation | null {
  let best: SelectedObservation | null = null;
  for (const o of observations) {
    if (o.value === null || !Number.isFinite(o.value)) continue;
    if (o.periodEnd < from || o.periodEnd > to) continue;
    const candidate: SelectedObservation = {
      value: o.value,
      periodStart: o.periodStart,
      periodEnd: o.periodEnd,
      periodLabel: o.periodLabel,
    };
    if (!best || isPreferred(candidate, best, kind)) best = candidate;
  }
  return best;
}

function isPreferred(a: SelectedObservation, b: SelectedObservation, kind: IndicatorKind): boolean {
  if (a.periodEnd !== b.periodEnd) return a.periodEnd > b.periodEnd;
  if (a.periodStart !== b.periodStart) {
    return kind === 'ytd_sum' ? a.periodStart < b.periodStart : a.periodStart > b.periodStart;
  }
  return a.periodLabel < b.periodLabel;
}

// ---------------------------------------------------------------------------------------------------------
// Sentence parts

function periodLabel(obs: SelectedObservation, locale: Locale): string {
  if (locale === 'sv' && obs.periodLabel.trim() !== '') return obs.periodLabel.trim();
  return formatPeriod(obs.periodStart, obs.periodEnd, locale);
}

/** "vid årets slut" when the target is 31 December of the status year, else "vid utgången av 2019" / a date. */
function targetWhen(targetDate: string, asOf: string, locale: Locale): string {
  if (isLastDayOfYear(targetDate)) {
    if (yearOf(targetDate) === yearOf(asOf))
      return locale === 'sv' ? 'vid årets slut' : 'by the end of the year';
    return locale === 'sv' ? `vid utgången av ${yearOf(targetDate)}` : `by the end of ${yearOf(targetDate)}`;
  }
  return locale === 'sv' ? `den ${formatDate(targetDate, 'sv')}` : `by ${formatDate(targetDate, 'en')}`;
}

/** "30 april", with the year only when it differs from the target's year. */
function expectedAt(date: string, targetDate: string, locale: Locale): string {
  return yearOf(date) === yearOf(targetDate) ? formatDayMonth(date, locale) : formatDate(date, locale);
}

/** The latest measured value before the window: what leadership last saw ("66 index, 2015"). */
function previousObservation(ctx: Context): Observation | undefined {
  return ctx.input.observations
    .filter((o) => o.value !== null && o.periodEnd < ctx.windowStart)
    .reduce<Observation | undefined>(
      (latest, o) => (!latest || o.periodEnd > latest.periodEnd ? o : latest),
      undefined,
    );
}

function noObservation(ctx: Context, rule = 'no_data.no_observation'): Verdict {
  const previous = previousObservation(ctx);
  const since = (locale: Locale) =>
    previous
      ? `${locale === 'sv' ? 'senaste värde' : 'latest value'} ${ctx.fmt(previous.value, locale)} (${previous.periodLabel})`
      : formatDate(ctx.windowStart, locale);
  return {
    status: 'no_data',
    rule,
    sv: previous ? `Inga nya data; ${since('sv')}.` : `Inga nya data sedan ${since('sv')}.`,
    en: previous ? `No new data; ${since('en')}.` : `No new data since ${since('en')}.`,
  };
}

function missingTarget(what: string): Verdict {
  return {
    status: 'no_data',
    rule: 'config.missing_target',
    sv: 'Planen saknar målvärde för det här måttet, så status kan inte beräknas.',
    en: 'The plan has no target value for this indicator, so no status can be computed.',
    details: { missing: what },
  };
}

/** The status from progress against expected progress, boundaries inclusive. */
function gradeProgress(
  progress: number,
  expectedProgress: number,
  tolerance: number,
  movedRightWay: boolean,
): Exclude<GoalStatus, 'achieved' | 'no_data'> {
  if (progress >= expectedProgress - tolerance - EPSILON) return 'on_track';
  if (progress >= expectedProgress - 2 * tolerance - EPSILON && movedRightWay) return 'at_risk';
  return 'off_track';
}

/** After the target date, with the final figure not yet in, "on track" would promise too much. */
function capAfterDeadline<S extends GoalStatus>(status: S, ctx: Context): GoalStatus {
  if (ctx.deadlinePassed && status === 'on_track') return 'at_risk';
  return status;
}

// ---------------------------------------------------------------------------------------------------------
// at_least / at_most on a level

function decideLevelThreshold(ctx: Context): Verdict {
  const { input, current, tolerance } = ctx;
  const type = input.target.type as 'at_least' | 'at_most';
  const target = input.target.value;
  if (target === null || target === undefined || !Number.isFinite(target))
    return missingTarget('target.value');
  if (!current) return noObservation(ctx);

  const sign = type === 'at_least' ? 1 : -1;
  const shown = roundTo(current.value, input.decimals);
  const met = sign * (shown - target) >= -EPSILON;
  const cur = { sv: ctx.fmt(current.value, 'sv'), en: ctx.fmt(current.value, 'en') };
  const tgt = { sv: ctx.fmtRef(target, 'sv'), en: ctx.fmtRef(target, 'en') };
  const when = {
    sv: targetWhen(input.target.date, input.asOf, 'sv'),
    en: targetWhen(input.target.date, input.asOf, 'en'),
  };
  const label = { sv: periodLabel(current, 'sv'), en: periodLabel(current, 'en') };
  const baseline = input.baseline.value;

  if (met) {
    return {
      status: 'achieved',
      rule: `${type}.target_met`,
      sv: `${cur.sv} (${label.sv}); målet ${tgt.sv} ${when.sv} är uppnått.`,
      en: `${cur.en} (${label.en}); the target of ${tgt.en} ${when.en} has been reached.`,
      progress:
        baseline !== null && target !== baseline ? (current.value - baseline) / (target - baseline) : null,
    };
  }

  if (current.periodEnd >= input.target.date) {
    return {
      status: 'off_track',
      rule: `${type}.target_missed`,
      sv: `${cur.sv} (${label.sv}); målet ${tgt.sv} ${when.sv} nåddes inte.`,
      en: `${cur.en} (${label.en}); the target of ${tgt.en} ${when.en} was not reached.`,
      progress:
        baseline !== null && target !== baseline ? (current.value - baseline) / (target - baseline) : null,
    };
  }

  // Without a path from baseline to target the pace cannot be judged: compare with the target only.
  if (baseline === null || !Number.isFinite(baseline) || sign * (target - baseline) <= 0) {
    const gap = Math.abs(target - current.value);
    const close = gap <= tolerance * Math.abs(target) + EPSILON;
    const status = capAfterDeadline(close ? 'on_track' : 'at_risk', ctx);
    const noBaseline = baseline === null || !Number.isFinite(baseline);
    const base = { sv: ctx.fmtRef(baseline, 'sv'), en: ctx.fmtRef(baseline, 'en') };
    return {
      status,
      rule: noBaseline ? `${type}.no_baseline` : `${type}.baseline_met`,
      sv: noBaseline
        ? `${cur.sv} (${label.sv}); målet är ${tgt.sv} ${when.sv}; ingångsvärde saknas, så takten kan inte bedömas.`
        : `${cur.sv} (${label.sv}); målet är ${tgt.sv} ${when.sv}; ingångsvärdet ${base.sv} nådde redan målet.`,
      en: noBaseline
        ? `${cur.en} (${label.en}); the target is ${tgt.en} ${when.en}; there is no baseline, so the pace cannot be judged.`
        : `${cur.en} (${label.en}); the target is ${tgt.en} ${when.en}; the baseline of ${base.en} already met it.`,
      details: { gapToTarget: gap, closeToTarget: close, deadlinePassed: ctx.deadlinePassed },
    };
  }

  const milestones = input.target.milestones ?? [];
  const expectation =
    milestones.length > 0
      ? interpolateMilestones(
          input.baseline.date,
          baseline,
          input.target.date,
          target,
          milestones,
          input.asOf,
        )
      : linearExpectation(input.baseline.date, baseline, input.target.date, target, input.asOf);
  const expectedValue = expectation.value;
  const progress = (current.value - baseline) / (target - baseline);
  const expectedProgress = (expectedValue - baseline) / (target - baseline);
  const movedRightWay = sign * (current.value - baseline) >= 0;
  const status = capAfterDeadline(gradeProgress(progress, expectedProgress, tolerance, movedRightWay), ctx);
  const exp = { sv: ctx.fmtRef(expectedValue, 'sv'), en: ctx.fmtRef(expectedValue, 'en') };
  const at = {
    sv: expectedAt(input.asOf, input.target.date, 'sv'),
    en: expectedAt(input.asOf, input.target.date, 'en'),
  };
  return {
    status,
    rule: milestones.length > 0 ? `${type}.progress_vs_milestones` : `${type}.progress_vs_time`,
    sv: `${cur.sv} (${label.sv}); målet är ${tgt.sv} ${when.sv}; väntat vid ${at.sv} var ${exp.sv}.`,
    en: `${cur.en} (${label.en}); the target is ${tgt.en} ${when.en}; expected by ${at.en} was ${exp.en}.`,
    expectedValue,
    progress,
    expectedProgress,
    details: { ...expectation.details, movedRightWay, deadlinePassed: ctx.deadlinePassed },
  };
}

/** Straight line from the baseline (start of its day) to the target (end of its day), in whole days. */
function linearExpectation(
  baselineDate: string,
  baseline: number,
  targetDate: string,
  target: number,
  asOf: string,
): { value: number; details: Record<string, unknown> } {
  const { elapsedDays, totalDays, share } = elapsedShare(baselineDate, targetDate, asOf);
  return {
    value: baseline + (target - baseline) * share,
    details: { elapsedDays, totalDays, elapsedShare: share },
  };
}

/**
 * Piecewise straight lines through baseline, milestones and target. Positions are "end of day" boundaries
 * counted in days from the baseline's start, so a plan without milestones gives the same line as
 * linearExpectation.
 */
function interpolateMilestones(
  baselineDate: string,
  baseline: number,
  targetDate: string,
  target: number,
  milestones: Milestone[],
  asOf: string,
): { value: number; details: Record<string, unknown> } {
  const origin = toDayNumber(baselineDate);
  const position = (date: string, endOfDay: boolean) => toDayNumber(date) - origin + (endOfDay ? 1 : 0);
  const points = [
    { at: 0, value: baseline },
    ...[...milestones]
      .filter((m) => m.date > baselineDate && m.date < targetDate && Number.isFinite(m.value))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((m) => ({ at: position(m.date, true), value: m.value })),
    { at: position(targetDate, true), value: target },
  ];
  const now = position(asOf, true);
  let value = target;
  if (now <= 0) value = baseline;
  else {
    for (let i = 1; i < points.length; i++) {
      const prev = points[i - 1];
      const next = points[i];
      if (!prev || !next) continue;
      if (now <= next.at) {
        const span = next.at - prev.at;
        value = span > 0 ? prev.value + ((next.value - prev.value) * (now - prev.at)) / span : next.value;
        break;
      }
    }
  }
  return { value, details: { daysSinceBaseline: Math.max(now, 0), path: points } };
}

// ---------------------------------------------------------------------------------------------------------
// at_least / at_most on a year-to-date sum

function decideYtdThreshold(ctx: Context): Verdict {
  const { input, current, tolerance } = ctx;
  const type = input.target.type as 'at_least' | 'at_most';
  const target = input.target.value;
  if (target === null || target === undefined || !Number.isFinite(target))
    return missingTarget('target.value');
  if (!current) return noObservation(ctx);

  const yearStart = startOfYear(input.target.date);
  // The running sum covers 1 January to its period end, so that is the point its pace is judged at.
  const { elapsedDays, totalDays, share } = elapsedShare(yearStart, input.target.date, current.periodEnd);
  const expectedValue = target * share;
  const progress = target !== 0 ? current.value / target : null;
  const shown = roundTo(current.value, input.decimals);
  const finalFigure = current.periodEnd >= input.target.date;
  const forYear = isLastDayOfYear(input.target.date)
    ? { sv: 'för året', en: 'for the year' }
    : {
        sv: targetWhen(input.target.date, input.asOf, 'sv'),
        en: targetWhen(input.target.date, input.asOf, 'en'),
      };
  const cur = { sv: ctx.fmt(current.value, 'sv'), en: ctx.fmt(current.value, 'en') };
  const tgt = { sv: ctx.fmtRef(target, 'sv'), en: ctx.fmtRef(target, 'en') };
  const exp = { sv: ctx.fmtRef(expectedValue, 'sv'), en: ctx.fmtRef(expectedValue, 'en') };
  const label = { sv: periodLabel(current, 'sv'), en: periodLabel(current, 'en') };
  const at = {
    sv: expectedAt(current.periodEnd, input.target.date, 'sv'),
    en: expectedAt(current.periodEnd, input.target.date, 'en'),
  };
  const base = {
    progress,
    expectedValue,
    expectedProgress: share,
    details: {
      yearStart,
      judgedAt: current.periodEnd,
      elapsedDays,
      totalDays,
      elapsedShare: share,
      finalFigure,
      deadlinePassed: ctx.deadlinePassed,
      lastYearTotal: input.baseline.value,
    },
  };

  if (type === 'at_least') {
    if (shown >= target - EPSILON) {
      return {
        ...base,
        status: 'achieved',
        rule: 'ytd_sum.at_least.target_met',
        sv: `${cur.sv} hittills i år (${label.sv}); målet ${tgt.sv} ${forYear.sv} är uppnått.`,
        en: `${cur.en} so far this year (${label.en}); the target of ${tgt.en} ${forYear.en} has been reached.`,
      };
    }
    if (finalFigure) {
      return {
        ...base,
        status: 'off_track',
        rule: 'ytd_sum.at_least.target_missed',
        sv: `${cur.sv} (${label.sv}); målet ${tgt.sv} ${forYear.sv} nåddes inte.`,
        en: `${cur.en} (${label.en}); the target of ${tgt.en} ${forYear.en} was not reached.`,
      };
    }
    const status = capAfterDeadline(gradeProgress(progress ?? 0, share, tolerance, current.value >= 0), ctx);
    return {
      ...base,
      status,
      rule: 'ytd_sum.at_least.pace_vs_time',
      sv: `${cur.sv} hittills i år (${label.sv}); målet är ${tgt.sv} ${forYear.sv}; väntat vid ${at.sv} var ${exp.sv}.`,
      en: `${cur.en} so far this year (${label.en}); the target is ${tgt.en} ${forYear.en}; expected by ${at.en} was ${exp.en}.`,
    };
  }

  // at_most: a cap on the year's sum (costs, incidents). Passing it is final; staying under it is only
  // an achievement once the period is over.
  if (shown > target + EPSILON) {
    return {
      ...base,
      status: 'off_track',
      rule: 'ytd_sum.at_most.cap_exceeded',
      sv: `${cur.sv} hittills i år (${label.sv}); taket ${tgt.sv} ${forYear.sv} är överskridet.`,
      en: `${cur.en} so far this year (${label.en}); the cap of ${tgt.en} ${forYear.en} has been exceeded.`,
    };
  }
  if (finalFigure) {
    return {
      ...base,
      status: 'achieved',
      rule: 'ytd_sum.at_most.within_cap',
      sv: `${cur.sv} (${label.sv}); taket ${tgt.sv} ${forYear.sv} hölls.`,
      en: `${cur.en} (${label.en}); the cap of ${tgt.en} ${forYear.en} was kept.`,
    };
  }
  const used = progress ?? 0;
  let paceStatus: GoalStatus = 'off_track';
  if (used <= share + tolerance + EPSILON) paceStatus = 'on_track';
  else if (used <= share + 2 * tolerance + EPSILON) paceStatus = 'at_risk';
  return {
    ...base,
    status: capAfterDeadline(paceStatus, ctx),
    rule: 'ytd_sum.at_most.pace_vs_time',
    sv: `${cur.sv} hittills i år (${label.sv}); taket är ${tgt.sv} ${forYear.sv}; väntat vid ${at.sv} var högst ${exp.sv}.`,
    en: `${cur.en} so far this year (${label.en}); the cap is ${tgt.en} ${forYear.en}; expected by ${at.en} was at most ${exp.en}.`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// increase / decrease

function decideDirection(ctx: Context): Verdict {
  const { input, current } = ctx;
  const type = input.target.type as 'increase' | 'decrease';
  if (!current) return noObservation(ctx);
  const sign = type === 'increase' ? 1 : -1;
  const cur = { sv: ctx.fmt(current.value, 'sv'), en: ctx.fmt(current.value, 'en') };
  const label = { sv: periodLabel(current, 'sv'), en: periodLabel(current, 'en') };
  const aim =
    type === 'increase' ? { sv: 'en ökning', en: 'an increase' } : { sv: 'en minskning', en: 'a decrease' };

  let reference: number;
  let rule: string;
  let refText: { sv: string; en: string };
  const details: Record<string, unknown> = {};
  const baseline = input.baseline.value;

  if (input.kind === 'ytd_sum') {
    if (baseline === null || !Number.isFinite(baseline)) return noReference(ctx, current, type);
    // Last year's total, pro rata to the same day: the pace to beat.
    const { share, elapsedDays, totalDays } = elapsedShare(
      startOfYear(input.target.date),
      input.target.date,
      current.periodEnd,
    );
    reference = baseline * share;
    rule = `ytd_sum.${type}.vs_last_year_pace`;
    refText = {
      sv: `jämfört med ${ctx.fmtRef(reference, 'sv')} vid samma tid i fjol`,
      en: `compared with ${ctx.fmtRef(reference, 'en')} at the same point last year`,
    };
    Object.assign(details, { lastYearTotal: baseline, elapsedDays, totalDays, elapsedShare: share });
  } else if (baseline !== null && Number.isFinite(baseline)) {
    reference = baseline;
    rule = `${type}.vs_baseline`;
    refText = movementText(ctx, current.value, baseline, 'vid ingången', 'at the baseline');
  } else {
    // No baseline: the first reading since the plan started is the reference, if there is an earlier one.
    const first = selectFirst(input.observations, ctx.windowStart, current);
    if (!first) return noReference(ctx, current, type);
    reference = first.value;
    rule = `${type}.vs_first_observation`;
    refText = movementText(
      ctx,
      current.value,
      first.value,
      `(${periodLabel(first, 'sv')})`,
      `(${periodLabel(first, 'en')})`,
    );
    details.firstObservation = first;
  }

  const diff = roundTo(current.value, input.decimals) - roundTo(reference, input.decimals);
  const better = sign * diff > EPSILON;
  const equal = Math.abs(diff) <= EPSILON;
  let status: GoalStatus;
  if (better) status = ctx.deadlinePassed ? 'achieved' : 'on_track';
  else status = equal ? 'at_risk' : 'off_track';

  const lead =
    input.kind === 'ytd_sum' ? { sv: `${cur.sv} hittills i år`, en: `${cur.en} so far this year` } : cur;
  const tail =
    status === 'achieved'
      ? { sv: `målet om ${aim.sv} är uppnått`, en: `the targeted ${type} has been achieved` }
      : { sv: `målet är ${aim.sv}`, en: `the target is ${aim.en}` };
  return {
    status,
    rule,
    sv: `${lead.sv} (${label.sv}), ${refText.sv}; ${tail.sv}.`,
    en: `${lead.en} (${label.en}), ${refText.en}; ${tail.en}.`,
    expectedValue: reference,
    details: { ...details, reference, difference: diff, deadlinePassed: ctx.deadlinePassed },
  };
}

function movementText(
  ctx: Context,
  value: number,
  reference: number,
  refSv: string,
  refEn: string,
): { sv: string; en: string } {
  const diff = roundTo(value, ctx.input.decimals) - roundTo(reference, ctx.input.decimals);
  const ref = { sv: ctx.fmtRef(reference, 'sv'), en: ctx.fmtRef(reference, 'en') };
  if (Math.abs(diff) <= EPSILON)
    return { sv: `oförändrat från ${ref.sv} ${refSv}`, en: `unchanged from ${ref.en} ${refEn}` };
  if (diff > 0) return { sv: `upp från ${ref.sv} ${refSv}`, en: `up from ${ref.en} ${refEn}` };
  return { sv: `ned från ${ref.sv} ${refSv}`, en: `down from ${ref.en} ${refEn}` };
}

function selectFirst(
  observations: Observation[],
  from: string,
  current: SelectedObservation,
): SelectedObservation | null {
  let first: SelectedObservation | null = null;
  for (const o of observations) {
    if (o.value === null || !Number.isFinite(o.value)) continue;
    if (o.periodEnd < from || o.periodEnd >= current.periodEnd) continue;
    if (!first || o.periodEnd < first.periodEnd) {
      first = {
        value: o.value,
        periodStart: o.periodStart,
        periodEnd: o.periodEnd,
        periodLabel: o.periodLabel,
      };
    }
  }
  return first;
}

function noReference(ctx: Context, current: SelectedObservation, type: string): Verdict {
  const cur = { sv: ctx.fmt(current.value, 'sv'), en: ctx.fmt(current.value, 'en') };
  return {
    status: 'no_data',
    rule: `${type}.no_reference`,
    sv: `${cur.sv} (${periodLabel(current, 'sv')}); ingångsvärde saknas, så förändringen kan inte bedömas ännu.`,
    en: `${cur.en} (${periodLabel(current, 'en')}); there is no baseline, so the change cannot be judged yet.`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// range

function decideRange(ctx: Context): Verdict {
  const { input, current, tolerance } = ctx;
  const { min, max } = input.target;
  if (min === null || min === undefined || max === null || max === undefined || !(min < max)) {
    return missingTarget('target.min/target.max');
  }
  if (!current) return noObservation(ctx);
  const shown = roundTo(current.value, input.decimals);
  const width = max - min;
  const distance = shown < min ? min - shown : shown > max ? shown - max : 0;
  const cur = { sv: ctx.fmt(current.value, 'sv'), en: ctx.fmt(current.value, 'en') };
  const label = { sv: periodLabel(current, 'sv'), en: periodLabel(current, 'en') };
  const span = {
    sv: `${ctx.fmtBare(min, 'sv')}–${ctx.fmtRef(max, 'sv')}`,
    en: `${ctx.fmtBare(min, 'en')}–${ctx.fmtRef(max, 'en')}`,
  };
  const details = { distanceOutside: distance, rangeWidth: width, nearLimit: tolerance * width };
  if (distance <= EPSILON) {
    return {
      status: 'achieved',
      rule: 'range.within',
      sv: `${cur.sv} (${label.sv}) ligger inom målintervallet ${span.sv}.`,
      en: `${cur.en} (${label.en}) is within the target range of ${span.en}.`,
      details,
    };
  }
  if (distance <= tolerance * width + EPSILON) {
    return {
      status: 'at_risk',
      rule: 'range.near',
      sv: `${cur.sv} (${label.sv}) ligger strax utanför målintervallet ${span.sv}.`,
      en: `${cur.en} (${label.en}) is just outside the target range of ${span.en}.`,
      details,
    };
  }
  return {
    status: 'off_track',
    rule: 'range.outside',
    sv: `${cur.sv} (${label.sv}) ligger utanför målintervallet ${span.sv}.`,
    en: `${cur.en} (${label.en}) is outside the target range of ${span.en}.`,
    details,
  };
}

// ---------------------------------------------------------------------------------------------------------
// better_than_peers

function decidePeers(ctx: Context): Verdict {
  const { input, current, tolerance } = ctx;
  if (!current) return noObservation(ctx);
  const cur = { sv: ctx.fmt(current.value, 'sv'), en: ctx.fmt(current.value, 'en') };
  const label = { sv: periodLabel(current, 'sv'), en: periodLabel(current, 'en') };
  const peer = (input.peerMedians ?? []).find(
    (p) => p.periodEnd === current.periodEnd && Number.isFinite(p.value),
  );
  if (!peer) {
    return {
      status: 'no_data',
      rule: 'better_than_peers.no_peer_data',
      sv: `Jämförelsedata för likvärdiga kommuner saknas för ${label.sv} (eget värde ${cur.sv}).`,
      en: `Comparison data for similar municipalities is missing for ${label.en} (own value ${cur.en}).`,
      details: { peerGroup: input.target.peerGroup ?? null, peerMedian: null },
    };
  }
  const sign = input.direction === 'higher' ? 1 : -1;
  const gap = sign * (roundTo(current.value, input.decimals) - roundTo(peer.value, input.decimals));
  const margin = tolerance * Math.abs(peer.value);
  const med = { sv: ctx.fmtRef(peer.value, 'sv'), en: ctx.fmtRef(peer.value, 'en') };
  const details = { peerGroup: input.target.peerGroup ?? null, peerMedian: peer, advantage: gap, margin };
  if (gap > EPSILON) {
    return {
      status: 'achieved',
      rule: 'better_than_peers.better',
      sv: `${cur.sv} (${label.sv}) är bättre än medianen för likvärdiga kommuner, ${med.sv}.`,
      en: `${cur.en} (${label.en}) is better than the median of similar municipalities, ${med.en}.`,
      expectedValue: peer.value,
      details,
    };
  }
  if (-gap <= margin + EPSILON) {
    return {
      status: 'at_risk',
      rule: 'better_than_peers.near',
      sv: `${cur.sv} (${label.sv}) är nära men inte bättre än medianen för likvärdiga kommuner, ${med.sv}.`,
      en: `${cur.en} (${label.en}) is close to but not better than the median of similar municipalities, ${med.en}.`,
      expectedValue: peer.value,
      details,
    };
  }
  return {
    status: 'off_track',
    rule: 'better_than_peers.worse',
    sv: `${cur.sv} (${label.sv}) är sämre än medianen för likvärdiga kommuner, ${med.sv}.`,
    en: `${cur.en} (${label.en}) is worse than the median of similar municipalities, ${med.en}.`,
    expectedValue: peer.value,
    details,
  };
}

// ---------------------------------------------------------------------------------------------------------
// same_level

function decideSameLevel(ctx: Context): Verdict {
  const { input, tolerance } = ctx;
  const values = (input.unitValues ?? []).filter((u) => Number.isFinite(u.value));
  if (values.length === 0) return noObservation(ctx, 'same_level.no_unit_values');
  if (values.length === 1) {
    return {
      status: 'no_data',
      rule: 'same_level.too_few_units',
      sv: 'Värden för minst två förvaltningar behövs för att jämföra nivåerna (1 finns).',
      en: 'Values for at least two departments are needed to compare levels (1 available).',
      details: { unitValues: values },
    };
  }
  const sorted = [...values].sort((a, b) => a.value - b.value || (a.unit < b.unit ? -1 : 1));
  const lowest = sorted[0] as { unit: string; value: number };
  const highest = sorted[sorted.length - 1] as { unit: string; value: number };
  const spread = highest.value - lowest.value;
  const mean = values.reduce((sum, u) => sum + u.value, 0) / values.length;
  const relativeSpread = mean !== 0 ? spread / Math.abs(mean) : spread === 0 ? 0 : Number.POSITIVE_INFINITY;
  const within = relativeSpread <= tolerance + EPSILON;
  const tol = {
    sv: formatValue(tolerance * 100, {
      unit: '%',
      decimals: tolerance * 100 === Math.round(tolerance * 100) ? 0 : 1,
    }),
    en: formatValue(tolerance * 100, {
      unit: '%',
      decimals: tolerance * 100 === Math.round(tolerance * 100) ? 0 : 1,
      locale: 'en',
    }),
  };
  const s = (locale: Locale) => ({
    spread: formatDifference(spread, {
      unit: translateUnit(input.unit, locale),
      decimals: input.decimals,
      locale,
      signed: false,
    }),
    low: `${lowest.unit} ${ctx.fmtRef(lowest.value, locale)}`,
    high: `${highest.unit} ${ctx.fmtRef(highest.value, locale)}`,
    mean: ctx.fmtRef(mean, locale),
  });
  const sv = s('sv');
  const en = s('en');
  const details = {
    unitValues: values,
    spread,
    mean,
    relativeSpread: Number.isFinite(relativeSpread) ? relativeSpread : null,
  };
  if (within) {
    return {
      status: 'achieved',
      rule: 'same_level.within_tolerance',
      sv: `Spridningen mellan förvaltningarna är ${sv.spread} (lägst ${sv.low}, högst ${sv.high}), högst ${tol.sv} av medelvärdet ${sv.mean}.`,
      en: `The spread between departments is ${en.spread} (lowest ${en.low}, highest ${en.high}), at most ${tol.en} of the mean ${en.mean}.`,
      details,
    };
  }
  return {
    status: 'off_track',
    rule: 'same_level.spread_too_wide',
    sv: `Spridningen mellan förvaltningarna är ${sv.spread} (lägst ${sv.low}, högst ${sv.high}), mer än ${tol.sv} av medelvärdet ${sv.mean}.`,
    en: `The spread between departments is ${en.spread} (lowest ${en.low}, highest ${en.high}), more than ${tol.en} of the mean ${en.mean}.`,
    details,
  };
}

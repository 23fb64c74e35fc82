// "Will we make it by 2027?": the rate a level indicator must move at, from its latest reading to the
// target by the target date, beside the rate it has moved at (the forecast's robust Theil–Sen trend), their
// ratio, and one sentence a board reads. Open SDG's progress measure compares the growth needed with the
// growth observed; the thresholds below start from its 95 % / 60 % / 0. Rules in docs/status-rules.md,
// "Trajectory".

import { toDayNumber } from './dates.ts';
import { type ForecastInput, selectForecastPoints, theilSen } from './forecast.ts';
import { formatDate, formatNumber, formatValue, type Locale, translateUnit, unitRepeats } from './format.ts';
import type { GoalStatus } from './vocabulary.ts';

/** Observed / needed at or above this: on pace (Open SDG: "substantial progress"). */
export const TRAJECTORY_ON_PACE = 0.95;
/** At or above this but below on pace: too slow, at risk (Open SDG: "fair progress"). */
export const TRAJECTORY_FAIR = 0.6;
/** Fewer readings than this give no observed rate: the same minimum as the forecast. */
export const TRAJECTORY_MIN_POINTS = 3;
/**
 * A percentage target this close to 100 (or to 0 for lower-is-better) is judged on the distance to that
 * limit, shrinking by a share per year: going from 96 to 98 % halves what is left, and a linear rate would
 * ask a ceiling-bound series for a pace it cannot keep.
 */
export const NEAR_LIMIT_POINTS = 10;

const DAYS_PER_YEAR = 365.25;

export type TrajectoryVerdict =
  | 'reached'
  | 'on_pace'
  | 'too_slow'
  | 'far_too_slow'
  | 'wrong_way'
  | 'no_trend';

export interface Trajectory {
  /** The reading the needed rate starts from: the latest at or before the as-of date. */
  from: { periodEnd: string; value: number };
  targetValue: number;
  targetDate: string;
  /** Years from the end of the latest reading's period to the end of the target date. */
  yearsLeft: number;
  /**
   * linear: rates in the indicator's unit per year. shortfall: rates as the yearly relative change of the
   * distance to the natural limit (100 % or 0 %), −0.2 = a fifth of what is left closes each year.
   */
  scale: 'linear' | 'shortfall';
  /** Signed rate per year needed to reach the target on its date; 0 when already reached. */
  neededPerYear: number;
  /** Signed rate per year observed (Theil–Sen through the forecast's readings); null with too few. */
  observedPerYear: number | null;
  /** The first reading the observed rate is drawn through. */
  observedSince: string | null;
  /** observed / needed; null when already reached or without an observed rate. */
  ratio: number | null;
  verdict: TrajectoryVerdict;
  /** What the verdict means for a status; null when it says nothing (reached, no trend). */
  status: Extract<GoalStatus, 'on_track' | 'at_risk' | 'off_track'> | null;
  /** Swedish, one sentence. */
  text: string;
  textEn: string;
}

/** The limit a percentage target is near, if any (see NEAR_LIMIT_POINTS). */
export function naturalLimit(unit: string, direction: 'higher' | 'lower', target: number): number | null {
  if (unit.trim() !== '%') return null;
  if (direction === 'higher' && target >= 100 - NEAR_LIMIT_POINTS && target < 100) return 100;
  if (direction === 'lower' && target <= NEAR_LIMIT_POINTS && target > 0) return 0;
  return null;
}

/** The verdict of a ratio of observed to needed rate (both in the direction of the target). */
export function gradeRatio(ratio: number): Exclude<TrajectoryVerdict, 'reached' | 'no_trend'> {
  if (ratio >= TRAJECTORY_ON_PACE - 1e-9) return 'on_pace';
  if (ratio >= TRAJECTORY_FAIR - 1e-9) return 'too_slow';
  if (ratio >= 0) return 'far_too_slow';
  return 'wrong_way';
}

const STATUS_OF: Record<TrajectoryVerdict, Trajectory['status']> = {
  reached: null,
  no_trend: null,
  on_pace: 'on_track',
  too_slow: 'at_risk',
  far_too_slow: 'off_track',
  wrong_way: 'off_track',
};

/**
 * The trajectory of a level indicator with a target value whose date lies beyond its latest reading; null
 * otherwise (no target value, no reading, or the target date already measured).
 */
export function computeTrajectory(input: ForecastInput): Trajectory | null {
  const target = input.targetValue;
  if (target === null || !Number.isFinite(target)) return null;
  const points = selectForecastPoints(input.observations, input.asOf, input.seriesBreaks);
  const latest = points.at(-1);
  if (!latest || latest.periodEnd >= input.targetDate) return null;
  const yearsLeft = (toDayNumber(input.targetDate) - toDayNumber(latest.periodEnd)) / DAYS_PER_YEAR;
  const sign = input.direction === 'higher' ? 1 : -1;
  const reached = sign * (latest.value - target) >= -1e-9;

  const limit = naturalLimit(input.unit, input.direction, target);
  // On the shortfall scale every reading must lie short of the limit (a logarithm of zero has no rate).
  const shortfall = limit !== null && points.every((p) => sign * (limit - p.value) > 0);
  const scale: Trajectory['scale'] = shortfall ? 'shortfall' : 'linear';
  const y = (v: number) => (shortfall ? Math.log(Math.abs((limit as number) - v)) : v);

  const neededPerYear = reached ? 0 : (y(target) - y(latest.value)) / yearsLeft;
  let observedPerYear: number | null = null;
  let observedSince: string | null = null;
  if (points.length >= TRAJECTORY_MIN_POINTS) {
    const fit = theilSen(points.map((p) => ({ x: toDayNumber(p.periodEnd) / DAYS_PER_YEAR, y: y(p.value) })));
    observedPerYear = fit.slope;
    observedSince = points[0]?.periodEnd ?? null;
  }
  let ratio: number | null = null;
  let verdict: TrajectoryVerdict;
  if (reached) verdict = 'reached';
  else if (observedPerYear === null) verdict = 'no_trend';
  else {
    ratio = observedPerYear / neededPerYear;
    verdict = gradeRatio(ratio);
  }
  // Shortfall rates are relative changes per year: e^rate − 1 (−0.2 = the distance shrinks by a fifth).
  const shown = (rate: number) => (shortfall ? Math.expm1(rate) : rate);
  const trajectory = {
    from: latest,
    targetValue: target,
    targetDate: input.targetDate,
    yearsLeft,
    scale,
    neededPerYear: shown(neededPerYear),
    observedPerYear: observedPerYear === null ? null : shown(observedPerYear),
    observedSince,
    ratio,
    verdict,
    status: STATUS_OF[verdict],
  };
  return {
    ...trajectory,
    text: trajectorySentence(trajectory, input, 'sv'),
    textEn: trajectorySentence(trajectory, input, 'en'),
  };
}

type TrajectoryFacts = Omit<Trajectory, 'text' | 'textEn'>;

/** "till 2027" when the target is a year's end, else "till 31 mars 2027". */
function byDate(date: string, locale: Locale): string {
  const word = locale === 'sv' ? 'till' : 'by';
  return date.endsWith('-12-31') ? `${word} ${date.slice(0, 4)}` : `${word} ${formatDate(date, locale)}`;
}

/** Decimals for a rate: the indicator's, one more for small rates, so 0,4 never shows as 0. */
function rateDecimals(rate: number, decimals: number): number {
  return Math.abs(rate) < 10 ? Math.min(Math.max(decimals, 0) + 1, 3) : decimals;
}

const WORDS = {
  sv: {
    up: 'öka',
    down: 'minska',
    upPast: 'ökat',
    downPast: 'minskat',
    flatPast: 'legat stilla',
    needs: 'Behöver',
    has: 'har',
    perYear: 'per år',
    since: 'sedan',
    pp: 'procentenheter',
    ofPace: 'av den takt som krävs',
    reached: 'Målvärdet {target} är redan nått ({value}, {period}).',
    noTrend: 'för få mätpunkter för att säga hur snabbt det går',
    distance: 'avståndet till {limit}',
  },
  en: {
    up: 'increase',
    down: 'decrease',
    upPast: 'increased',
    downPast: 'decreased',
    flatPast: 'stood still',
    needs: 'Needs to',
    has: 'has',
    perYear: 'a year',
    since: 'since',
    pp: 'percentage points',
    ofPace: 'of the pace needed',
    reached: 'The target {target} is already reached ({value}, {period}).',
    noTrend: 'too few readings to say how fast it is moving',
    distance: 'the distance to {limit}',
  },
} as const;

function trajectorySentence(t: TrajectoryFacts, input: ForecastInput, locale: Locale): string {
  const w = WORDS[locale];
  const unit = translateUnit(input.unit, locale);
  const value = (v: number, decimals = input.decimals) => formatValue(v, { unit, decimals, locale });
  if (t.verdict === 'reached') {
    const ref = formatValue(t.targetValue, {
      unit: unitRepeats(input.unit) ? unit : '',
      decimals: input.decimals,
      locale,
    });
    return w.reached
      .replace('{target}', ref)
      .replace('{value}', value(t.from.value))
      .replace('{period}', formatDate(t.from.periodEnd, locale));
  }
  const verb = (rate: number, past: boolean) =>
    rate > 0 ? (past ? w.upPast : w.up) : rate < 0 ? (past ? w.downPast : w.down) : w.flatPast;
  const sinceYear = t.observedSince ? ` ${w.since} ${t.observedSince.slice(0, 4)}` : '';
  let needed: string;
  let observed: string;
  if (t.scale === 'shortfall') {
    // "minska avståndet till 100 % med 18 % per år": relative shrink of what is left.
    const limit = formatValue(input.direction === 'higher' ? 100 : 0, { unit: '%', locale });
    const pct = (r: number) => formatValue(Math.abs(r) * 100, { unit: '%', decimals: 0, locale });
    const distance = w.distance.replace('{limit}', limit);
    needed = `${w.needs} ${w.down} ${distance} ${locale === 'sv' ? 'med' : 'by'} ${pct(t.neededPerYear)} ${w.perYear}`;
    observed =
      t.observedPerYear === null
        ? w.noTrend
        : t.observedPerYear === 0
          ? `${w.has} ${w.flatPast}${sinceYear}`
          : `${w.has} ${verb(t.observedPerYear, true)} ${locale === 'sv' ? 'det med' : 'it by'} ${pct(t.observedPerYear)} ${w.perYear}${sinceYear}`;
  } else {
    const percent = input.unit.trim() === '%';
    const amount = (rate: number, withUnit: boolean) => {
      const decimals = rateDecimals(rate, input.decimals);
      if (percent)
        return `${formatNumber(Math.abs(rate), { decimals, locale })}${withUnit ? ` ${w.pp}` : ''}`;
      return withUnit || unitRepeats(input.unit)
        ? value(Math.abs(rate), decimals)
        : formatNumber(Math.abs(rate), { decimals, locale });
    };
    needed = `${w.needs} ${verb(t.neededPerYear, false)} ${locale === 'sv' ? 'med' : 'by'} ${amount(t.neededPerYear, true)} ${w.perYear}`;
    observed =
      t.observedPerYear === null
        ? w.noTrend
        : t.observedPerYear === 0
          ? `${w.has} ${w.flatPast}${sinceYear}`
          : `${w.has} ${verb(t.observedPerYear, true)} ${locale === 'sv' ? 'med' : 'by'} ${amount(t.observedPerYear, false)} ${w.perYear}${sinceYear}`;
  }
  const share =
    t.ratio !== null && t.ratio > 0 && t.verdict !== 'on_pace'
      ? ` (${formatValue(Math.round(t.ratio * 100), { unit: '%', locale })} ${w.ofPace})`
      : '';
  return `${needed} ${byDate(t.targetDate, locale)}; ${observed}${share}.`;
}

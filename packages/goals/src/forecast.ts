// A robust straight-line forecast of a level indicator: where the Theil–Sen line through its recent
// readings is at the target date, and on which day it meets the target. A forecast is never data: it is
// stored and shown apart from the measured value, with the points it was drawn through.
// Rules in docs/status-rules.md, "Forecast".

import { fromDayNumber, toDayNumber } from './dates.ts';
import { formatDate, formatValue, type Locale, roundTo, translateUnit, unitRepeats } from './format.ts';
import type { Observation } from './status.ts';

/** Fewer points than this give no forecast: two points are a line through noise, not a trend. */
export const FORECAST_MIN_POINTS = 3;
/** Readings older than this many years before the as-of date do not count: a trend is recent. */
export const FORECAST_WINDOW_YEARS = 5;
/** A meeting day further than this past the target date is no forecast anyone should act on. */
const FORECAST_HORIZON_YEARS = 50;

export interface ForecastPoint {
  periodEnd: string;
  value: number;
}

export interface ForecastInput {
  asOf: string;
  observations: Observation[];
  /** The forecast is made for the end of this day. */
  targetDate: string;
  /** The value to reach (at_least / at_most); null for targets without one. */
  targetValue: number | null;
  /** higher: reached when the line is at or above the target; lower: at or below. */
  direction: 'higher' | 'lower';
  unit: string;
  decimals: number;
  /**
   * Dates from which the series is not comparable with what came before (dim.series_breaks): the trend is
   * drawn only through readings whose period starts on or after the latest break on or before asOf.
   */
  seriesBreaks?: readonly string[];
}

export interface Forecast {
  method: 'theil_sen';
  /** The readings the line is drawn through, oldest first. */
  points: ForecastPoint[];
  /** Change per 365 days. */
  slopePerYear: number;
  /** The line's value at the end of the target date. */
  value: number;
  targetDate: string;
  /**
   * The first day, on or after the as-of date, on which the line meets the target; null when there is no
   * target value, when the line moves away from it or stays flat, or when that day is decades away.
   */
  reachesTargetOn: string | null;
  /** Swedish, one sentence, says it is a forecast. */
  text: string;
  textEn: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The latest series break on or before `asOf`, or null: readings before it do not join a trend. */
export function latestBreak(seriesBreaks: readonly string[] | undefined, asOf: string): string | null {
  let latest: string | null = null;
  for (const b of seriesBreaks ?? []) if (b <= asOf && (latest === null || b > latest)) latest = b;
  return latest;
}

/**
 * The readings a forecast uses: values (not nulls) whose period ends within FORECAST_WINDOW_YEARS before
 * the as-of date and not after it, and starts on or after the latest series break. One point per period
 * end; on equal ends the shortest period (the freshest reading), as the status engine picks the current
 * value.
 */
export function selectForecastPoints(
  observations: Observation[],
  asOf: string,
  seriesBreaks?: readonly string[],
): ForecastPoint[] {
  const from = `${Number(asOf.slice(0, 4)) - FORECAST_WINDOW_YEARS}${asOf.slice(4)}`;
  const since = latestBreak(seriesBreaks, asOf);
  const byEnd = new Map<string, Observation>();
  for (const o of observations) {
    if (o.value === null || !Number.isFinite(o.value)) continue;
    if (o.periodEnd <= from || o.periodEnd > asOf) continue;
    if (since !== null && o.periodStart < since) continue;
    const seen = byEnd.get(o.periodEnd);
    if (!seen || o.periodStart > seen.periodStart) byEnd.set(o.periodEnd, o);
  }
  return [...byEnd.values()]
    .map((o) => ({ periodEnd: o.periodEnd, value: o.value as number }))
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : 1));
}

/** Theil–Sen: the median of the slopes between every pair of points, the median intercept through it. */
export function theilSen(points: { x: number; y: number }[]): { slope: number; intercept: number } {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i] as { x: number; y: number };
      const b = points[j] as { x: number; y: number };
      if (b.x !== a.x) slopes.push((b.y - a.y) / (b.x - a.x));
    }
  }
  if (slopes.length === 0) throw new Error('theilSen: needs at least two distinct x values');
  const slope = median(slopes);
  const intercept = median(points.map((p) => p.y - slope * p.x));
  return { slope, intercept };
}

export function computeForecast(input: ForecastInput): Forecast | null {
  const points = selectForecastPoints(input.observations, input.asOf, input.seriesBreaks);
  if (points.length < FORECAST_MIN_POINTS) return null;
  // x in days, each reading at the end of its period's last day (day number + 1), as the engine counts.
  const xy = points.map((p) => ({ x: toDayNumber(p.periodEnd) + 1, y: p.value }));
  const { slope, intercept } = theilSen(xy);
  const at = (x: number) => intercept + slope * x;
  const targetX = toDayNumber(input.targetDate) + 1;
  const value = at(targetX);

  let reachesTargetOn: string | null = null;
  const target = input.targetValue;
  if (target !== null && Number.isFinite(target)) {
    const sign = input.direction === 'higher' ? 1 : -1;
    const asOfX = toDayNumber(input.asOf) + 1;
    const meets = (x: number) => sign * (roundTo(at(x), input.decimals) - target) >= -1e-9;
    if (meets(asOfX)) reachesTargetOn = input.asOf;
    else if (sign * slope > 0) {
      // The line crosses the target at x*; the day whose end is first at or past it.
      const crossing = Math.ceil((target - intercept) / slope - 1e-9);
      const horizon = targetX + FORECAST_HORIZON_YEARS * 366;
      if (crossing <= horizon) reachesTargetOn = fromDayNumber(Math.max(crossing - 1, asOfX - 1));
    }
  }

  const fmt = (v: number, locale: Locale) =>
    formatValue(v, { unit: translateUnit(input.unit, locale), decimals: input.decimals, locale });
  const when = { sv: formatDate(input.targetDate, 'sv'), en: formatDate(input.targetDate, 'en') };
  const n = points.length;
  let reachSv = '';
  let reachEn = '';
  if (target !== null && Number.isFinite(target)) {
    // Count nouns are written once, on the forecast value, as the status sentences do.
    const ref = (v: number, locale: Locale) =>
      formatValue(v, {
        unit: unitRepeats(input.unit) ? translateUnit(input.unit, locale) : '',
        decimals: input.decimals,
        locale,
      });
    const tgt = { sv: ref(target, 'sv'), en: ref(target, 'en') };
    if (reachesTargetOn === null) {
      reachSv = `; med den takten nås inte ${tgt.sv}`;
      reachEn = `; at that pace ${tgt.en} is not reached`;
    } else {
      reachSv = `; ${tgt.sv} nås ${formatDate(reachesTargetOn, 'sv')}`;
      reachEn = `; ${tgt.en} is reached on ${formatDate(reachesTargetOn, 'en')}`;
    }
  }
  return {
    method: 'theil_sen',
    points,
    slopePerYear: slope * 365,
    value,
    targetDate: input.targetDate,
    reachesTargetOn,
    text: `Prognos (trend genom ${n} mätpunkter): ${fmt(value, 'sv')} den ${when.sv}${reachSv}.`,
    textEn: `Forecast (trend through ${n} readings): ${fmt(value, 'en')} on ${when.en}${reachEn}.`,
  };
}

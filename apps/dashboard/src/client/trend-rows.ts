import type { IndicatorLinkView } from '../shared/api-types.ts';
import type { TrendSeriesKey } from './theme.ts';

// Turns an indicator's series into the rows a trend chart draws. Pure and library-free, so the chart
// wrapper only has to draw, and a change of chart library does not touch the meaning of the lines.

export interface TrendRow {
  /** The x-axis label: the period as the source names it ("april 2016", "2015"). */
  label: string;
  periodEnd: string;
  /** Absent keys are gaps (a missing or suppressed value), never zero. */
  values: Partial<Record<TrendSeriesKey, number>>;
  note: string | null;
}

export interface TrendData {
  rows: TrendRow[];
  series: TrendSeriesKey[];
  /** Levels are read against their neighbours; year-to-date sums grow from zero. */
  startAtZero: boolean;
}

const TARGET_LINE_TYPES = new Set(['at_least', 'at_most', 'range']);

function dayOfYearFraction(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const day = Date.UTC(year, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) + 86_400_000;
  return (day - start) / (end - start);
}

export function buildTrendData(indicator: IndicatorLinkView): TrendData {
  const { target, baseline, kind } = indicator;
  const hasTargetValue = target.value !== null && TARGET_LINE_TYPES.has(target.type);
  const targetYear = target.date.slice(0, 4);
  const series: TrendSeriesKey[] = ['value'];
  const rows: TrendRow[] = indicator.series.map((p) => {
    const values: Partial<Record<TrendSeriesKey, number>> = {};
    if (p.value !== null) values.value = p.value;
    if (hasTargetValue && target.value !== null) {
      if (kind === 'ytd_sum') {
        // A year's sum is judged against how far into the year we are: draw that pace, not the year's total.
        if (p.periodEnd.slice(0, 4) === targetYear) {
          values.pace = Math.round(target.value * dayOfYearFraction(p.periodEnd) * 100) / 100;
        }
      } else {
        values.target = target.value;
      }
    }
    if (kind === 'level' && baseline.value !== null) values.baseline = baseline.value;
    return { label: p.periodLabel, periodEnd: p.periodEnd, values, note: p.note };
  });
  if (rows.some((r) => r.values.target !== undefined)) series.push('target');
  if (rows.some((r) => r.values.pace !== undefined)) series.push('pace');
  if (rows.some((r) => r.values.baseline !== undefined)) series.push('baseline');
  return { rows, series, startAtZero: kind === 'ytd_sum' };
}

/** True when there is at least one measured value to draw; flat reference lines alone say nothing. */
export function hasMeasuredValues(data: TrendData): boolean {
  return data.rows.some((r) => r.values.value !== undefined);
}

// The arithmetic of the plain-SVG charts (time-chart.tsx, sparkline.tsx): which dates and values a plot
// spans, where they land in the drawing, which ticks label them. Pure, so the components only draw.
//
// The time chart is laid out in CSS pixels at the width its box measures (ResizeObserver in
// time-chart.tsx), never scaled by a viewBox: a 640-unit drawing squeezed into a 350 px phone column
// shrank 11 px tick labels to about 6 px.

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

/** Tick labels' font size in CSS pixels; the drawing is never scaled, so this is what a reader sees. */
export const TICK_FONT_PX = 12;

/** Room around the plot for the axis labels; `left` grows with the widest value label (plotPadding). */
export const PLOT_PADDING = { left: 64, right: 12, top: 10, bottom: 26 };

/** Room inside the plot at both ends of the x axis, so the first and last dots are not cut by its edge. */
const X_INSET_PX = 8;

/** A year label ("2016") takes about this much room, with the gap to its neighbour. */
const YEAR_LABEL_PX = 44;
/** A month label ("apr 2016") likewise. */
const MONTH_LABEL_PX = 72;

/** An ISO date (a date-time counts as its date) as milliseconds at UTC midnight. */
export const dateMs = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

/**
 * A round tick step, 1, 2 or 5 times a power of ten, giving about `count` steps over `range`: readers
 * count in those (56, 63, 70 … is a 7-step nobody reads at a glance).
 */
export function niceStep(range: number, count: number): number {
  if (!(range > 0) || !(count > 0)) return 1;
  const raw = range / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

/** Decimals a tick label needs to show its step: none when the step is whole ("1 400", not "1 400,00"). */
export function stepDecimals(step: number): number {
  if (Number.isInteger(step)) return 0;
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

export interface ValueTicks {
  y0: number;
  y1: number;
  step: number;
  ticks: number[];
  /** Decimals every tick label needs (stepDecimals of the step). */
  decimals: number;
}

/** The values the y axis spans, widened to whole nice steps (and down to zero when asked), and its ticks. */
export function niceValueTicks(values: readonly number[], startAtZero: boolean, count = 4): ValueTicks {
  let y0 = values.length > 0 ? Math.min(...values) : 0;
  let y1 = values.length > 0 ? Math.max(...values) : 1;
  if (startAtZero) y0 = Math.min(0, y0);
  if (y1 === y0) {
    const pad = Math.abs(y0) * 0.1 || 1;
    y0 -= pad;
    y1 += pad;
  }
  const step = niceStep(y1 - y0, count);
  // toFixed trims the binary noise of multiples (0.1 * 3) before floor/ceil pick the wrong step.
  const lo = Math.floor(Number((y0 / step).toFixed(9))) * step;
  const hi = Math.ceil(Number((y1 / step).toFixed(9))) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step / 2; i++) ticks.push(Number((lo + i * step).toFixed(10)));
  return { y0: lo, y1: hi, step, ticks, decimals: stepDecimals(step) };
}

/**
 * The times (ms) the x axis spans: exactly the first and last of those given, which the caller chooses
 * (the data, the target date, the forecast), so no empty years at either end. A single date gets half a
 * year each way.
 */
export function timeDomain(times: readonly number[]): [number, number] | null {
  if (times.length === 0) return null;
  const x0 = Math.min(...times);
  const x1 = Math.max(...times);
  return x1 === x0 ? [x0 - DAY_MS * 182, x1 + DAY_MS * 183] : [x0, x1];
}

/**
 * 1 January of the years inside [x0, x1], every 1, 2 or 5 (or 10) years, as many as fit in `plotWidth`
 * pixels. Short spans get months instead (every 1, 3 or 6 months).
 */
export function listTimeTicks(x0: number, x1: number, plotWidth: number): string[] {
  const spanYears = (x1 - x0) / YEAR_MS;
  const firstYear = new Date(x0).getUTCFullYear();
  const lastYear = new Date(x1).getUTCFullYear();
  const inside = (iso: string) => dateMs(iso) >= x0 && dateMs(iso) <= x1;
  if (spanYears >= 2) {
    const room = Math.max(1, Math.floor(plotWidth / YEAR_LABEL_PX));
    const every = Math.max(1, niceStep(spanYears, room));
    const ticks: string[] = [];
    for (let y = Math.ceil(firstYear / every) * every; y <= lastYear; y += every) {
      if (inside(`${y}-01-01`)) ticks.push(`${y}-01-01`);
    }
    return ticks;
  }
  const room = Math.max(1, Math.floor(plotWidth / MONTH_LABEL_PX));
  const months = spanYears * 12;
  const every = [1, 3, 6, 12].find((m) => months / m <= room) ?? 12;
  const ticks: string[] = [];
  for (let y = firstYear; y <= lastYear; y++) {
    for (let m = 1; m <= 12; m += every) {
      const iso = `${y}-${String(m).padStart(2, '0')}-01`;
      if (inside(iso)) ticks.push(iso);
    }
  }
  return ticks;
}

/** An SVG path through the points; a null lifts the pen, so a missing value is a gap, not a zero. */
export function linePath(points: readonly ({ x: number; y: number } | null)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

export interface TimeScale {
  width: number;
  height: number;
  padding: typeof PLOT_PADDING;
  /** First and last time (ms) of the x axis. */
  domain: [number, number];
  /** Drawing x of a time (ms). */
  sx: (t: number) => number;
  /** Drawing y of a value. */
  sy: (v: number) => number;
  yTicks: number[];
  /** Decimals the y tick labels need. */
  yDecimals: number;
  /** ISO dates of the x ticks. */
  xTicks: string[];
  /** Years the x axis spans; the tick labels get coarser as it grows. */
  spanYears: number;
}

/** Left room for value labels of up to `chars` characters at the tick font size. */
export function plotPadding(chars: number): typeof PLOT_PADDING {
  return { ...PLOT_PADDING, left: Math.max(32, Math.ceil(chars * TICK_FONT_PX * 0.62) + 10) };
}

/**
 * The scale of a time chart, `width` CSS pixels wide, spanning `times` (ms) and `values`; null when
 * there is nothing to show. `labelChars` is the longest value label's length (see plotPadding).
 */
export function buildTimeScale({
  times,
  values,
  width,
  height,
  startAtZero,
  padding = PLOT_PADDING,
}: {
  times: readonly number[];
  values: readonly number[];
  width: number;
  height: number;
  startAtZero: boolean;
  padding?: typeof PLOT_PADDING;
}): TimeScale | null {
  const domain = timeDomain(times);
  if (!domain) return null;
  const [x0, x1] = domain;
  const y = niceValueTicks(values, startAtZero);
  const left = padding.left + X_INSET_PX;
  const plotWidth = Math.max(1, width - left - padding.right - X_INSET_PX);
  return {
    width,
    height,
    padding,
    domain,
    sx: (t) => left + ((t - x0) / (x1 - x0)) * plotWidth,
    sy: (v) => padding.top + (1 - (v - y.y0) / (y.y1 - y.y0)) * (height - padding.top - padding.bottom),
    yTicks: y.ticks,
    yDecimals: y.decimals,
    xTicks: listTimeTicks(x0, x1, plotWidth),
    spanYears: (x1 - x0) / YEAR_MS,
  };
}

/**
 * A y domain of exactly four nice steps covering the values, for a chart library that divides its axis
 * into five evenly spaced ticks (Recharts' default under Tremor): 0, 20 000, 40 000 …, not 11 000, 22 000.
 */
export function fourStepDomain(values: readonly number[]): { min: number; max: number; step: number } {
  const lo = values.length > 0 ? Math.min(...values) : 0;
  const hi = values.length > 0 ? Math.max(...values) : 1;
  let step = niceStep(hi - lo || Math.abs(hi) || 1, 4);
  for (let i = 0; i < 10; i++) {
    const min = Math.floor(Number((lo / step).toFixed(9))) * step;
    if (min + 4 * step >= hi) return { min, max: Number((min + 4 * step).toFixed(10)), step };
    step = niceStep(step * 1.01, 1);
  }
  return { min: lo, max: hi, step: (hi - lo) / 4 };
}

// The arithmetic of the plain-SVG charts (time-chart.tsx, sparkline.tsx): which dates and values a plot
// spans, where they land in the drawing, which ticks label them. Pure, so the components only draw.

const DAY_MS = 86_400_000;

/** The time chart's drawing width; it scales to its box (viewBox), so this sets proportions only. */
const TIME_CHART_WIDTH = 640;
/** Room around the plot for the axis labels. */
export const PLOT_PADDING = { left: 64, right: 12, top: 10, bottom: 26 };

/** An ISO date (a date-time counts as its date) as milliseconds at UTC midnight. */
export const dateMs = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

/** A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about `count` steps over `range`. */
function niceStep(range: number, count: number): number {
  const raw = range / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
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
  /** Drawing x of a time (ms). */
  sx: (t: number) => number;
  /** Drawing y of a value. */
  sy: (v: number) => number;
  yTicks: number[];
  /** ISO dates of the x ticks. */
  xTicks: string[];
  /** Years the x axis spans; the tick labels get coarser as it grows. */
  spanYears: number;
}

/** The times the x axis spans; a single date gets half a year each way. */
function spanTimes(times: readonly number[]): [number, number] {
  let x0 = Math.min(...times);
  let x1 = Math.max(...times);
  if (x1 === x0) {
    x0 -= DAY_MS * 180;
    x1 += DAY_MS * 180;
  }
  // A little room at both ends, so the first and last dots are not cut by the plot's edge.
  const xPad = (x1 - x0) * 0.02;
  return [x0 - xPad, x1 + xPad];
}

/** The values the y axis spans, widened to whole tick steps (and down to zero when asked). */
function spanValues(
  values: readonly number[],
  startAtZero: boolean,
): { y0: number; y1: number; step: number } {
  let y0 = Math.min(...values);
  let y1 = Math.max(...values);
  if (startAtZero) y0 = Math.min(0, y0);
  if (y1 === y0) {
    const pad = Math.abs(y0) * 0.1 || 1;
    y0 -= pad;
    y1 += pad;
  }
  const step = niceStep(y1 - y0, 4);
  return { y0: Math.floor(y0 / step) * step, y1: Math.ceil(y1 / step) * step, step };
}

function listValueTicks(y0: number, y1: number, step: number): number[] {
  const ticks: number[] = [];
  for (let v = y0; v <= y1 + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/** Years for a span of two years or more (about six of them), else half-years or quarters. */
function listTimeTicks(x0: number, x1: number, spanYears: number): string[] {
  const ticks: string[] = [];
  const firstYear = new Date(x0).getUTCFullYear();
  const lastYear = new Date(x1).getUTCFullYear();
  if (spanYears >= 2) {
    const every = Math.max(1, Math.ceil((lastYear - firstYear) / 6));
    for (let y = firstYear + 1; y <= lastYear; y += every) ticks.push(`${y}-01-01`);
    return ticks;
  }
  for (let y = firstYear; y <= lastYear; y++) {
    for (const m of spanYears > 1 ? ['01', '07'] : ['01', '04', '07', '10']) {
      const iso = `${y}-${m}-01`;
      if (dateMs(iso) >= x0 && dateMs(iso) <= x1) ticks.push(iso);
    }
  }
  return ticks;
}

/** The scale of a time chart showing these times (ms) and values; null when there is nothing to show. */
export function buildTimeScale(
  times: readonly number[],
  values: readonly number[],
  height: number,
  startAtZero: boolean,
): TimeScale | null {
  if (times.length === 0) return null;
  const [x0, x1] = spanTimes(times);
  const { y0, y1, step } = spanValues(values, startAtZero);
  const width = TIME_CHART_WIDTH;
  const spanYears = (x1 - x0) / (365.25 * DAY_MS);
  return {
    width,
    height,
    sx: (t) => PLOT_PADDING.left + ((t - x0) / (x1 - x0)) * (width - PLOT_PADDING.left - PLOT_PADDING.right),
    sy: (v) =>
      PLOT_PADDING.top + (1 - (v - y0) / (y1 - y0)) * (height - PLOT_PADDING.top - PLOT_PADDING.bottom),
    yTicks: listValueTicks(y0, y1, step),
    xTicks: listTimeTicks(x0, x1, spanYears),
    spanYears,
  };
}

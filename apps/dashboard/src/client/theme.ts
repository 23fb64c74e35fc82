import type { ActivityStatus, GoalStatus } from '../shared/api-types.ts';

// The one palette of the dashboard. Tailwind finds classes by scanning source text, so every class here is
// written out in full; tailwind.config.ts also reads CHART_COLOURS to safelist the classes Tremor builds at
// run time (without them the charts render grey).

/** Tailwind colour families Tremor may be asked to draw with. */
export type ChartColour = 'blue' | 'emerald' | 'slate' | 'amber' | 'violet' | 'rose' | 'cyan' | 'fuchsia';

export const CHART_COLOURS: readonly ChartColour[] = [
  'blue',
  'emerald',
  'slate',
  'amber',
  'violet',
  'rose',
  'cyan',
  'fuchsia',
];

/**
 * Explorer lines, one colour per area × breakdown in this order (then repeated). Tremor draws the 500
 * shade: the first five reach WCAG 1.4.11's 3:1 against white (blue 3.7, violet 4.2, rose 3.7, slate 4.8,
 * fuchsia 3.4); amber, emerald and cyan do not, so they come only after five lines, and the table
 * under the chart carries every number in text.
 */
export const EXPLORER_COLOURS: readonly ChartColour[] = [
  'blue',
  'violet',
  'rose',
  'slate',
  'fuchsia',
  'amber',
  'emerald',
  'cyan',
];

/** Legend swatch of a Tremor line: the same shade (500) Tremor strokes the line with. */
export const CHART_SWATCHES: Record<ChartColour, string> = {
  blue: 'bg-blue-500',
  emerald: 'bg-emerald-500',
  slate: 'bg-slate-500',
  amber: 'bg-amber-500',
  violet: 'bg-violet-500',
  rose: 'bg-rose-500',
  cyan: 'bg-cyan-500',
  fuchsia: 'bg-fuchsia-500',
};

/**
 * Colours of the charts drawn as plain SVG (components/time-chart.tsx), which take colour values, not
 * Tailwind classes. The series shades keep WCAG 1.4.11's 3:1 for graphics against white; the axis text
 * (slate-600) keeps 4.5:1 for small text.
 */
export const SVG_CHART_COLOURS = {
  /** blue-700: measured values, their forecast (dashed) and a card's sparkline. */
  value: '#1d4ed8',
  /** slate-600 */
  baseline: '#475569',
  /** emerald-700: the target line and its milestones. */
  target: '#047857',
  /** violet-700: the peer group's band and median. */
  peer: '#6d28d9',
  /** slate-200: horizontal grid lines. */
  grid: '#e2e8f0',
  /** slate-600: tick labels. */
  axisText: '#475569',
  /** The plot's background, which hollow markers are filled with. */
  background: 'white',
} as const;

/** A colour an SVG chart may draw with: only the palette's. */
export type SvgChartColour = (typeof SVG_CHART_COLOURS)[keyof typeof SVG_CHART_COLOURS];

export interface StatusStyle {
  /** Badge: dark text on a pale tint keeps WCAG AA (>= 4.5:1) for small text. */
  badge: string;
  /** Left rule of a card, so status also reads at a glance without colour-only meaning. */
  accent: string;
  dot: string;
}

export const STATUS_STYLES: Record<GoalStatus, StatusStyle> = {
  // Achieved is the only solid badge: "done" should stand out from "on the way" within the same green.
  achieved: {
    badge: 'bg-emerald-700 text-white ring-emerald-700',
    accent: 'border-l-emerald-700',
    dot: 'bg-emerald-700',
  },
  on_track: {
    badge: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30',
    accent: 'border-l-emerald-400',
    dot: 'bg-emerald-400',
  },
  at_risk: {
    badge: 'bg-amber-50 text-amber-900 ring-amber-600/40',
    accent: 'border-l-amber-500',
    dot: 'bg-amber-500',
  },
  off_track: {
    badge: 'bg-red-50 text-red-800 ring-red-600/30',
    accent: 'border-l-red-600',
    dot: 'bg-red-600',
  },
  no_data: {
    badge: 'bg-slate-100 text-slate-700 ring-slate-500/30',
    accent: 'border-l-slate-300',
    dot: 'bg-slate-400',
  },
};

/** Worst first: the order leadership reads a goal's indicators in. */
export const STATUS_ORDER: readonly GoalStatus[] = [
  'off_track',
  'at_risk',
  'on_track',
  'achieved',
  'no_data',
];

/** Activity states are plain facts (not judged), so they stay quiet next to the goal statuses. */
export const ACTIVITY_STATUS_STYLES: Record<ActivityStatus, string> = {
  not_started: 'bg-slate-100 text-slate-700',
  in_progress: 'bg-sky-50 text-sky-800',
  done: 'bg-emerald-50 text-emerald-800',
};

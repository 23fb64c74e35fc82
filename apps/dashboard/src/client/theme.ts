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

/** Stable series ids of a trend chart; labels come from i18n, never from these keys. */
export type TrendSeriesKey = 'value' | 'target' | 'baseline' | 'pace';

export interface SeriesStyle {
  colour: ChartColour;
  /** Legend swatch, same shade (500) as Tremor's line stroke. */
  swatch: string;
  dashed: boolean;
}

export const SERIES_STYLES: Record<TrendSeriesKey, SeriesStyle> = {
  value: { colour: 'blue', swatch: 'bg-blue-500', dashed: false },
  target: { colour: 'emerald', swatch: 'bg-emerald-500', dashed: true },
  pace: { colour: 'amber', swatch: 'bg-amber-500', dashed: true },
  baseline: { colour: 'slate', swatch: 'bg-slate-500', dashed: true },
};

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

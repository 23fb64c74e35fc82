import type { ExplorerResult, ExplorerSeries, SeriesPoint } from '../shared/api-types.ts';
import type { MultiLineSeries } from './components/multi-line-chart.tsx';
import { EXPLORER_COLOURS } from './theme.ts';

// The explorer's choices (kept in the address, so a view can be shared as a link) and what the answer
// for them shows: which breakdowns, which series with which colours, which periods.

export interface ExplorerState {
  indicator: string | null;
  areas: string[];
  breakdowns: string[];
}

export function readExplorerState(search: string): ExplorerState {
  const p = new URLSearchParams(search);
  const list = (k: string) => (p.get(k) ?? '').split(',').filter(Boolean);
  return { indicator: p.get('indicator'), areas: list('areas'), breakdowns: list('bd') };
}

export function writeExplorerState(s: ExplorerState): void {
  const p = new URLSearchParams();
  if (s.indicator) p.set('indicator', s.indicator);
  if (s.areas.length) p.set('areas', s.areas.join(','));
  if (s.breakdowns.length) p.set('bd', s.breakdowns.join(','));
  window.history.replaceState(null, '', `/explorer?${p.toString()}`);
}

export interface ExplorerView {
  /** The breakdowns the indicator has values in. */
  available: string[];
  /** The ones shown: those chosen that it has, else the total, else the first. */
  breakdowns: string[];
  visible: ExplorerSeries[];
  /** One per visible series, in the same order: a stable key (area:breakdown), label and colour. */
  lines: MultiLineSeries[];
  /** Every period of the visible series, [end date, label], oldest first. */
  periods: (readonly [string, string])[];
  /** The point of a line (by key) at a period's end date. */
  pointAt: (lineKey: string, periodEnd: string) => SeriesPoint | undefined;
}

/** What an answer shows for the chosen breakdowns; `data` is null until the chosen indicator's answer is in. */
export function buildExplorerView(
  data: ExplorerResult | null,
  chosenBreakdowns: readonly string[],
  breakdownLabel: (breakdown: string) => string,
): ExplorerView {
  const available = data?.breakdowns ?? [];
  const chosen = chosenBreakdowns.filter((b) => available.includes(b));
  const breakdowns = chosen.length > 0 ? chosen : available.includes('T') ? ['T'] : available.slice(0, 1);
  const visible = (data?.series ?? []).filter((s) => breakdowns.includes(s.breakdown));
  const lines: MultiLineSeries[] = visible.map((s, i) => ({
    key: `${s.areaCode}:${s.breakdown}`,
    label: `${s.areaName}${available.length > 1 ? ` – ${breakdownLabel(s.breakdown)}` : ''}`,
    colour: EXPLORER_COLOURS[i % EXPLORER_COLOURS.length] ?? 'blue',
  }));
  const periods = [
    ...new Map(visible.flatMap((s) => s.points.map((p) => [p.periodEnd, p.periodLabel] as const))).entries(),
  ].sort(([a], [b]) => a.localeCompare(b));
  const cell = new Map<string, SeriesPoint>(
    visible.flatMap((s) => s.points.map((p) => [`${s.areaCode}:${s.breakdown}|${p.periodEnd}`, p] as const)),
  );
  return {
    available,
    breakdowns,
    visible,
    lines,
    periods,
    pointAt: (lineKey, periodEnd) => cell.get(`${lineKey}|${periodEnd}`),
  };
}

import type { ExplorerResult } from '../../shared/api-types.ts';
import type { ExplorerView } from '../explorer-view.ts';
import { translateUnit } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import type { ChartColour } from '../theme.ts';
import { MultiLineChart, type MultiLineSeries } from './multi-line-chart.tsx';

/** The chosen indicator over time, one line per area and breakdown, with the areas that have no values. */
export function ExplorerChartPanel({
  indicator,
  description,
  missingAreaNames,
  view,
  formatValue,
  ownArea,
}: {
  indicator: ExplorerResult['indicator'];
  description: string | null | undefined;
  missingAreaNames: string[];
  view: ExplorerView;
  formatValue: (v: number) => string;
  ownArea: string | null;
}) {
  const { messages, language } = useI18n();
  const e = messages.explorer;
  const unit = translateUnit(indicator.unit, language);
  const showUnit = titleLacksUnit(indicator.title, indicator.unit, unit);
  const series = emphasiseOwnArea(view.lines, ownArea);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="explorer-title">
      <h2 id="explorer-title" className="text-base font-semibold text-slate-900">
        {indicator.title}
        {showUnit ? <span className="font-normal text-slate-700"> ({unit})</span> : null}
      </h2>
      {missingAreaNames.length > 0 && (
        <p className="mt-1 text-sm text-slate-700">
          {translate(e.noValuesFor, { areas: missingAreaNames.join(', ') })}
        </p>
      )}
      {description && <p className="mt-1 max-w-prose text-sm text-slate-700">{description}</p>}
      <div className="mt-3">
        <MultiLineChart
          rows={view.periods.map(([end, label]) => ({
            label,
            values: Object.fromEntries(
              view.lines.map((s) => [s.key, view.pointAt(s.key, end)?.value ?? undefined]),
            ),
          }))}
          series={series}
          formatValue={formatValue}
          description={translate(messages.chartLabel, { label: indicator.title })}
        />
      </div>
    </section>
  );
}

/** Peers' colours: none of them blue (the own municipality's), neighbours far apart in hue. */
const PEER_COLOURS: readonly ChartColour[] = [
  'rose',
  'violet',
  'slate',
  'amber',
  'fuchsia',
  'emerald',
  'cyan',
];

/**
 * The own municipality's lines first (first in the legend), blue and emphasised (drawn thicker); the
 * peers after it, each in a colour of its own. Without the own area among the lines, nothing changes.
 */
export function emphasiseOwnArea(lines: MultiLineSeries[], ownArea: string | null): MultiLineSeries[] {
  const isOwn = (l: MultiLineSeries) => ownArea !== null && l.key.startsWith(`${ownArea}:`);
  const own = lines.filter(isOwn);
  if (own.length === 0) return lines;
  const peers = lines.filter((l) => !isOwn(l));
  return [
    ...own.map((l, i) => ({
      ...l,
      colour: i === 0 ? ('blue' as const) : (PEER_COLOURS[PEER_COLOURS.length - i] ?? 'cyan'),
      emphasis: true,
    })),
    ...peers.map((l, i) => ({ ...l, colour: PEER_COLOURS[i % PEER_COLOURS.length] ?? 'slate' })),
  ];
}

/** Whether the heading should add "(unit)": not when the title already ends in it ("Kostnad (tkr)"). */
export function titleLacksUnit(title: string, unit: string, shownUnit: string): boolean {
  if (shownUnit.trim() === '') return false;
  const lower = title.toLowerCase();
  return ![unit, shownUnit].some((u) => u.trim() !== '' && lower.includes(`(${u.trim().toLowerCase()})`));
}

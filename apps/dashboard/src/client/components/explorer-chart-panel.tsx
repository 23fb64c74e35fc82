import type { ExplorerResult } from '../../shared/api-types.ts';
import type { ExplorerView } from '../explorer-view.ts';
import { translateUnit } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { MultiLineChart } from './multi-line-chart.tsx';

/** The chosen indicator over time, one line per area and breakdown, with the areas that have no values. */
export function ExplorerChartPanel({
  indicator,
  description,
  missingAreaNames,
  view,
  formatValue,
}: {
  indicator: ExplorerResult['indicator'];
  description: string | null | undefined;
  missingAreaNames: string[];
  view: ExplorerView;
  formatValue: (v: number) => string;
}) {
  const { messages, language } = useI18n();
  const e = messages.explorer;
  const unit = translateUnit(indicator.unit, language);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="explorer-title">
      <h2 id="explorer-title" className="text-base font-semibold text-slate-900">
        {indicator.title}
        {unit ? <span className="font-normal text-slate-700"> ({unit})</span> : null}
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
          series={view.lines}
          formatValue={formatValue}
          description={translate(messages.chartLabel, { label: indicator.title })}
        />
      </div>
    </section>
  );
}

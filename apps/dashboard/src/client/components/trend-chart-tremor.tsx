import { type CustomTooltipProps, LineChart } from '@tremor/react';
import { type ComponentType, useId, useMemo } from 'react';
import { SERIES_STYLES, type TrendSeriesKey } from '../theme.ts';
import type { TrendChartProps } from './trend-chart.tsx';

// Tremor's colours become `stroke-<colour>-500` classes at run time; tailwind.config.ts safelists them.
const INDEX_KEY = '__label';

function isSeriesKey(key: unknown): key is TrendSeriesKey {
  return typeof key === 'string' && key in SERIES_STYLES;
}

function createTooltip(
  labels: TrendChartProps['labels'],
  formatValue: TrendChartProps['formatValue'],
): ComponentType<CustomTooltipProps> {
  return function TrendTooltip({ payload, active, label }: CustomTooltipProps) {
    if (!active || !payload?.length) return null;
    return (
      <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
        <p className="mb-1 font-semibold text-slate-900">{String(label ?? '')}</p>
        <ul className="space-y-0.5">
          {payload.map((item) => {
            const key = item.dataKey;
            if (!isSeriesKey(key) || typeof item.value !== 'number') return null;
            return (
              <li key={key} className="flex items-center justify-between gap-4 text-slate-700">
                <span className="inline-flex items-center gap-1.5">
                  <span className={`inline-block h-2 w-2 rounded-full ${SERIES_STYLES[key].swatch}`} />
                  {labels[key]}
                </span>
                <span className="font-medium tabular-nums text-slate-900">{formatValue(item.value)}</span>
              </li>
            );
          })}
        </ul>
      </div>
    );
  };
}

export default function TremorTrendChart({ data, labels, formatValue, integerTicks }: TrendChartProps) {
  const scope = `trend-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  // Tremor keys its lines by category name; we hand it the stable ids and map labels ourselves.
  const rows = data.rows.map((r) => ({ [INDEX_KEY]: r.label, ...r.values }));
  const colours = data.series.map((key) => SERIES_STYLES[key].colour);
  // Reference lines (target, pace, baseline) are dashed so the measured line is the one that reads first.
  const dashed = data.series
    .filter((key) => SERIES_STYLES[key].dashed)
    .map((key) => `.${scope} .recharts-line.stroke-${SERIES_STYLES[key].colour}-500 .recharts-line-curve`);
  // Tremor draws no dots on a line with gaps, so a value between two gaps (a biennial survey) would be
  // invisible: an SVG marker on every vertex of the measured line makes each value a visible point.
  const marker = `${scope}-dot`;
  const valueColour = SERIES_STYLES.value.colour;
  const css = [
    dashed.length > 0 ? `${dashed.join(',')}{stroke-dasharray:5 4;stroke-width:1.5px}` : '',
    `.${scope} .recharts-line.stroke-${valueColour}-500 .recharts-line-curve{marker:url(#${marker})}`,
  ].join('');
  const tooltip = useMemo(() => createTooltip(labels, formatValue), [labels, formatValue]);
  return (
    <div className={`${scope} h-full w-full`}>
      <style>{css}</style>
      <svg width="0" height="0" className="absolute" aria-hidden="true" focusable="false">
        <defs>
          <marker
            id={marker}
            viewBox="0 0 8 8"
            refX="4"
            refY="4"
            markerWidth="7"
            markerHeight="7"
            markerUnits="userSpaceOnUse"
          >
            <circle cx="4" cy="4" r="3.5" className={`fill-${valueColour}-500`} />
          </marker>
        </defs>
      </svg>
      <LineChart
        className="h-full w-full"
        data={rows}
        index={INDEX_KEY}
        categories={data.series}
        colors={colours}
        valueFormatter={formatValue}
        showLegend={false}
        showAnimation={false}
        autoMinValue={!data.startAtZero}
        minValue={data.startAtZero ? 0 : undefined}
        yAxisWidth={64}
        allowDecimals={!integerTicks}
        customTooltip={tooltip}
        connectNulls={false}
        curveType="linear"
        tickGap={12}
      />
    </div>
  );
}

import { type CustomTooltipProps, LineChart } from '@tremor/react';
import { type ComponentType, useMemo } from 'react';
import { fourStepDomain } from './chart-geometry.ts';
import type { MultiLineChartProps } from './multi-line-chart.tsx';

const INDEX_KEY = '__label';

function createTooltip(props: MultiLineChartProps): ComponentType<CustomTooltipProps> {
  const labels = new Map(props.series.map((s) => [s.key, s.label]));
  return function Tooltip({ payload, active, label }: CustomTooltipProps) {
    if (!active || !payload?.length) return null;
    return (
      <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
        <p className="mb-1 font-semibold text-slate-900">{String(label ?? '')}</p>
        <ul className="space-y-0.5">
          {payload.map((item) =>
            typeof item.value === 'number' ? (
              <li key={String(item.dataKey)} className="flex justify-between gap-4 text-slate-700">
                <span>{labels.get(String(item.dataKey)) ?? String(item.dataKey)}</span>
                <span className="font-medium tabular-nums text-slate-900">
                  {props.formatValue(item.value)}
                </span>
              </li>
            ) : null,
          )}
        </ul>
      </div>
    );
  };
}

export default function TremorMultiLine(props: MultiLineChartProps) {
  const rows = props.rows.map((r) => ({ [INDEX_KEY]: r.label, ...r.values }));
  const tooltip = useMemo(() => createTooltip(props), [props]);
  const domain = fourStepDomain(
    props.rows.flatMap((r) => Object.values(r.values).filter((v): v is number => typeof v === 'number')),
  );
  return (
    <LineChart
      className="h-full w-full"
      data={rows}
      index={INDEX_KEY}
      categories={props.series.map((s) => s.key)}
      colors={props.series.map((s) => s.colour)}
      valueFormatter={props.formatValue}
      showLegend={false}
      showAnimation={false}
      // Four round steps (1, 2 or 5 × 10^n), so the five ticks Recharts draws are numbers people count in.
      minValue={domain.min}
      maxValue={domain.max}
      yAxisWidth={72}
      customTooltip={tooltip}
      // Surveys measured every other year (and areas with different periods) leave empty periods between
      // readings; without connecting them such a series draws no line at all. The table has every value.
      connectNulls
      curveType="linear"
      tickGap={16}
    />
  );
}

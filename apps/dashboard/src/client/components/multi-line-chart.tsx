import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { CHART_SWATCHES, type ChartColour } from '../theme.ts';

// The explorer's chart door: Tremor's LineChart, loaded as its own chunk.
const TremorMultiLine = lazy(() => import('./multi-line-chart-tremor.tsx'));

export interface MultiLineSeries {
  /** Stable id (area code and breakdown), never the label. */
  key: string;
  label: string;
  colour: ChartColour;
  /** The own municipality among its peers: drawn thicker, named in bold. */
  emphasis?: boolean;
}

export interface MultiLineChartProps {
  rows: { label: string; values: Record<string, number | undefined> }[];
  series: MultiLineSeries[];
  formatValue: (v: number) => string;
  description: string;
}

export function MultiLineChart(props: MultiLineChartProps) {
  const { messages } = useI18n();
  return (
    <figure className="min-w-0">
      <div
        role="img"
        aria-label={props.description}
        className={`h-72 w-full ${props.series.some((s) => s.emphasis) ? 'chart-emphasis-blue' : ''}`}
      >
        <Suspense
          fallback={
            <div className="flex h-full items-center justify-center rounded-md bg-slate-50 text-sm text-slate-600">
              {messages.chartLoading}
            </div>
          }
        >
          <TremorMultiLine {...props} />
        </Suspense>
      </div>
      <figcaption>
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
          {props.series.map((s) => (
            <li
              key={s.key}
              className={`inline-flex items-center gap-1.5 ${s.emphasis ? 'font-semibold text-slate-900' : ''}`}
              data-emphasis={s.emphasis ? 'own' : undefined}
            >
              <span
                className={`inline-block w-4 rounded ${s.emphasis ? 'h-1.5' : 'h-1'} ${CHART_SWATCHES[s.colour]}`}
                aria-hidden="true"
              />
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

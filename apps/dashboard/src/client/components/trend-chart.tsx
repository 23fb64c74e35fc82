import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { SERIES_STYLES, type TrendSeriesKey } from '../theme.ts';
import type { TrendData } from '../trend-rows.ts';

// The one door to the chart library. Tremor (with recharts) is most of the bundle and not tree-shakeable,
// so it loads as its own chunk after the numbers and words are already on screen.
const TremorTrendChart = lazy(() => import('./trend-chart-tremor.tsx'));

export interface TrendChartProps {
  data: TrendData;
  labels: Record<TrendSeriesKey, string>;
  formatValue: (value: number) => string;
  /** Counts and whole-number scores: no "0,5" ticks on the axis. */
  integerTicks: boolean;
  /** Read by screen readers in place of the drawing. */
  description: string;
}

export function TrendChart(props: TrendChartProps) {
  const { messages } = useI18n();
  return (
    <figure className="min-w-0">
      <div role="img" aria-label={props.description} className="h-40 w-full">
        <Suspense
          fallback={
            <div className="flex h-full items-center justify-center rounded-md bg-slate-50 text-sm text-slate-600">
              {messages.chartLoading}
            </div>
          }
        >
          <TremorTrendChart {...props} />
        </Suspense>
      </div>
      <figcaption>
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
          {props.data.series.map((key) => (
            <li key={key} className="inline-flex items-center gap-1.5">
              <LegendSwatch seriesKey={key} />
              {props.labels[key]}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function LegendSwatch({ seriesKey }: { seriesKey: TrendSeriesKey }) {
  const style = SERIES_STYLES[seriesKey];
  if (!style.dashed)
    return <span className={`inline-block h-0.5 w-4 rounded ${style.swatch}`} aria-hidden="true" />;
  return (
    <span className="inline-flex w-4 justify-between" aria-hidden="true">
      <span className={`inline-block h-0.5 w-1.5 rounded ${style.swatch}`} />
      <span className={`inline-block h-0.5 w-1.5 rounded ${style.swatch}`} />
    </span>
  );
}

import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { SVG_CHART_COLOURS, type SvgChartColour } from '../theme.ts';
import {
  buildTimeScale,
  dateMs,
  linePath,
  niceValueTicks,
  plotPadding,
  TICK_FONT_PX,
  type TimeScale,
} from './chart-geometry.ts';

// A time-axis line chart drawn as plain SVG, for what Tremor 3's charts cannot draw: a shaded peer band,
// target and milestone points and lines that start and end on their own dates. Laid out in CSS pixels at
// the width its box measures, so tick labels keep their size on a phone. Colours come from the SVG
// palette in theme.ts; dashed lines carry "reference, not measured" without colour. Every chart has a
// "Visa som tabell" disclosure with the same numbers in text.

export interface TimePoint {
  x: string;
  y: number | null;
  /** How the table names the point's date ("april 2016"); the date itself when absent. */
  label?: string;
  /** Drawn but not listed (the forecast's anchor repeats a measured value). */
  hideInTable?: boolean;
}

export interface TimeLine {
  key: string;
  label: string;
  colour: SvgChartColour;
  dashed?: boolean;
  dots?: boolean;
  /** Not a series of its own in the table (a reference level, a forecast's anchor repeats a value). */
  omitFromTable?: boolean;
  points: TimePoint[];
}

export interface TimeBand {
  key: string;
  label: string;
  colour: SvgChartColour;
  points: { x: string; low: number; high: number }[];
}

export interface TimeMarkers {
  key: string;
  label: string;
  colour: SvgChartColour;
  /** Filled (the target) rather than hollow (milestones). */
  filled?: boolean;
  /** Write each point's `text` beside it in the plot. */
  labelled?: boolean;
  points: { x: string; y: number; text?: string }[];
}

export interface TimeChartProps {
  lines: TimeLine[];
  bands?: TimeBand[];
  markers?: TimeMarkers[];
  /** A value with its unit, for tooltips and the table. */
  formatValue: (v: number) => string;
  /** A tick label with the decimals its step needs. */
  formatTickValue: (v: number, decimals: number) => string;
  formatTick: (iso: string, spanYears: number) => string;
  /** A date in the table, when its point has no label. */
  formatDate: (iso: string) => string;
  description: string;
  height?: number;
  startAtZero?: boolean;
}

/** Every time (ms) and value the chart shows, for a scale that spans them all. */
function collectExtent(lines: TimeLine[], bands: TimeBand[], markers: TimeMarkers[]) {
  const times: number[] = [];
  const values: number[] = [];
  const add = (x: string, ...y: number[]) => {
    times.push(dateMs(x));
    values.push(...y);
  };
  for (const l of lines) for (const p of l.points) if (p.y !== null) add(p.x, p.y);
  for (const b of bands) for (const p of b.points) add(p.x, p.low, p.high);
  for (const m of markers) for (const p of m.points) add(p.x, p.y);
  return { times, values };
}

/** The width of the element in CSS pixels, followed as it changes; 0 until measured. */
function useBoxWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.getBoundingClientRect().width));
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(Math.floor(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export function TimeChart({
  lines,
  bands = [],
  markers = [],
  formatValue,
  formatTickValue,
  formatTick,
  formatDate,
  description,
  height = 220,
  startAtZero = false,
}: TimeChartProps) {
  const { messages } = useI18n();
  const clip = `clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const { ref, width } = useBoxWidth();
  const { times, values } = collectExtent(lines, bands, markers);
  const ticks = niceValueTicks(values, startAtZero);
  const widest = Math.max(...ticks.ticks.map((v) => formatTickValue(v, ticks.decimals).length));
  const scale =
    width > 0
      ? buildTimeScale({ times, values, width, height, startAtZero, padding: plotPadding(widest) })
      : null;
  if (times.length === 0) return null;
  return (
    <figure className="min-w-0">
      <div ref={ref} className="w-full" style={{ height }}>
        {scale && (
          <svg
            width={scale.width}
            height={scale.height}
            className="block"
            role="img"
            aria-label={description}
            data-domain={`${new Date(scale.domain[0]).toISOString().slice(0, 10)}/${new Date(scale.domain[1]).toISOString().slice(0, 10)}`}
          >
            <defs>
              <clipPath id={clip}>
                <rect
                  x={scale.padding.left}
                  y={scale.padding.top - 8}
                  width={scale.width - scale.padding.left - scale.padding.right}
                  height={scale.height - scale.padding.top - scale.padding.bottom + 16}
                />
              </clipPath>
            </defs>
            <TimeAxes scale={scale} formatTickValue={formatTickValue} formatTick={formatTick} />
            <g clipPath={`url(#${clip})`}>
              <BandLayer bands={bands} scale={scale} />
              <LineLayer lines={lines} scale={scale} formatValue={formatValue} />
              <MarkerLayer markers={markers} scale={scale} formatValue={formatValue} />
            </g>
          </svg>
        )}
      </div>
      <figcaption>
        <TimeChartLegend lines={lines} bands={bands} markers={markers} />
      </figcaption>
      <details className="mt-1 text-xs text-slate-700" data-chart-table>
        <summary className="cursor-pointer font-medium text-blue-800 underline decoration-dotted underline-offset-2">
          {messages.charts.showTable}
        </summary>
        <ChartTable
          lines={lines}
          bands={bands}
          markers={markers}
          formatValue={formatValue}
          formatDate={formatDate}
          caption={description}
          dateHeading={messages.charts.date}
        />
      </details>
    </figure>
  );
}

/** Grid lines with their values, and the dates under the plot. */
function TimeAxes({
  scale,
  formatTickValue,
  formatTick,
}: {
  scale: TimeScale;
  formatTickValue: (v: number, decimals: number) => string;
  formatTick: (iso: string, spanYears: number) => string;
}) {
  const { sx, sy, width: W, height: H, padding: PAD } = scale;
  return (
    <g data-axis>
      {scale.yTicks.map((v) => (
        <g key={`y${v}`}>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={sy(v)}
            y2={sy(v)}
            stroke={SVG_CHART_COLOURS.grid}
            strokeWidth={1}
          />
          <text
            x={PAD.left - 6}
            y={sy(v) + 4}
            textAnchor="end"
            fontSize={TICK_FONT_PX}
            fill={SVG_CHART_COLOURS.axisText}
            data-tick="y"
          >
            {formatTickValue(v, scale.yDecimals)}
          </text>
        </g>
      ))}
      {scale.xTicks.map((iso) => (
        <text
          key={`x${iso}`}
          x={sx(dateMs(iso))}
          y={H - 8}
          textAnchor="middle"
          fontSize={TICK_FONT_PX}
          fill={SVG_CHART_COLOURS.axisText}
          data-tick="x"
        >
          {formatTick(iso, scale.spanYears)}
        </text>
      ))}
    </g>
  );
}

/** A band over several dates is a shaded area; over one date, a thick bar from low to high. */
function BandLayer({ bands, scale }: { bands: TimeBand[]; scale: TimeScale }) {
  const { sx, sy } = scale;
  return (
    <>
      {bands.map((b) => {
        const top = b.points.map((p) => `${sx(dateMs(p.x)).toFixed(1)},${sy(p.high).toFixed(1)}`);
        const bottom = [...b.points]
          .reverse()
          .map((p) => `${sx(dateMs(p.x)).toFixed(1)},${sy(p.low).toFixed(1)}`);
        return b.points.length > 1 ? (
          <polygon key={b.key} points={[...top, ...bottom].join(' ')} fill={b.colour} fillOpacity={0.18} />
        ) : (
          b.points.map((p) => (
            <line
              key={`${b.key}${p.x}`}
              x1={sx(dateMs(p.x))}
              x2={sx(dateMs(p.x))}
              y1={sy(p.low)}
              y2={sy(p.high)}
              stroke={b.colour}
              strokeOpacity={0.35}
              strokeWidth={10}
            />
          ))
        );
      })}
    </>
  );
}

function LineLayer({
  lines,
  scale,
  formatValue,
}: {
  lines: TimeLine[];
  scale: TimeScale;
  formatValue: (v: number) => string;
}) {
  const { sx, sy } = scale;
  return (
    <>
      {lines.map((l) => (
        <g key={l.key} data-series={l.key}>
          <path
            d={linePath(l.points.map((p) => (p.y === null ? null : { x: sx(dateMs(p.x)), y: sy(p.y) })))}
            fill="none"
            stroke={l.colour}
            strokeWidth={l.dashed ? 1.75 : 2.25}
            strokeDasharray={l.dashed ? '6 4' : undefined}
            strokeLinejoin="round"
          />
          {l.dots &&
            l.points.map((p) =>
              p.y === null ? null : (
                <circle key={p.x} cx={sx(dateMs(p.x))} cy={sy(p.y)} r={3.2} fill={l.colour}>
                  <title>{`${p.label ?? p.x}: ${formatValue(p.y)}`}</title>
                </circle>
              ),
            )}
        </g>
      ))}
    </>
  );
}

/** Target and milestones as diamonds at their own dates (filled for the target), labelled when asked. */
function MarkerLayer({
  markers,
  scale,
  formatValue,
}: {
  markers: TimeMarkers[];
  scale: TimeScale;
  formatValue: (v: number) => string;
}) {
  const right = scale.width - scale.padding.right;
  return (
    <>
      {markers.map((m) => (
        <g key={m.key} data-series={m.key}>
          {m.points.map((p) => {
            const cx = scale.sx(dateMs(p.x));
            const cy = scale.sy(p.y);
            const r = m.filled ? 7 : 6;
            // A label near the right edge goes to the left of its point, so it is not cut off.
            const toLeft = cx > right - 110;
            const above = cy > scale.padding.top + 18;
            return (
              <g key={p.x} data-point={p.x} data-value={p.y}>
                <path
                  d={`M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`}
                  fill={m.filled ? m.colour : SVG_CHART_COLOURS.background}
                  stroke={m.colour}
                  strokeWidth={2}
                >
                  <title>{`${m.label} ${p.x}: ${formatValue(p.y)}`}</title>
                </path>
                {m.labelled && p.text && (
                  <text
                    x={toLeft ? cx - r - 4 : cx + r + 4}
                    y={above ? cy - 6 : cy + 16}
                    textAnchor={toLeft ? 'end' : 'start'}
                    fontSize={TICK_FONT_PX}
                    fontWeight={600}
                    fill={m.colour}
                  >
                    {p.text}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}
    </>
  );
}

/** The legend draws each series' own mark: band swatch, line (dashed or not, with dots), diamond. */
function TimeChartLegend({
  lines,
  bands,
  markers,
}: {
  lines: TimeLine[];
  bands: TimeBand[];
  markers: TimeMarkers[];
}) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {bands.map((b) => (
        <li key={b.key} className="inline-flex items-center gap-1.5">
          <span
            className="inline-block h-3 w-4 rounded-sm"
            style={{ background: b.colour, opacity: 0.3 }}
            aria-hidden="true"
          />
          {b.label}
        </li>
      ))}
      {lines.map((l) => (
        <li key={l.key} className="inline-flex items-center gap-1.5">
          <svg width="18" height="8" aria-hidden="true">
            <line
              x1="0"
              x2="18"
              y1="4"
              y2="4"
              stroke={l.colour}
              strokeWidth="2.5"
              strokeDasharray={l.dashed ? '4 3' : undefined}
            />
            {l.dots && <circle cx="9" cy="4" r="3" fill={l.colour} />}
          </svg>
          {l.label}
        </li>
      ))}
      {markers.map((m) => (
        <li key={m.key} className="inline-flex items-center gap-1.5">
          <svg width="12" height="12" aria-hidden="true">
            <path
              d="M6,1L11,6L6,11L1,6Z"
              fill={m.filled ? m.colour : SVG_CHART_COLOURS.background}
              stroke={m.colour}
              strokeWidth="2"
            />
          </svg>
          {m.label}
        </li>
      ))}
    </ul>
  );
}

/** The chart's numbers as a table, one row per date, one column per series (a band gives its span). */
function ChartTable({
  lines,
  bands,
  markers,
  formatValue,
  formatDate,
  caption,
  dateHeading,
}: {
  lines: TimeLine[];
  bands: TimeBand[];
  markers: TimeMarkers[];
  formatValue: (v: number) => string;
  formatDate: (iso: string) => string;
  caption: string;
  dateHeading: string;
}) {
  const columns: { key: string; label: string; at: Map<string, string> }[] = [];
  const labels = new Map<string, string>();
  for (const l of lines) {
    if (l.omitFromTable) continue;
    const at = new Map<string, string>();
    for (const p of l.points) {
      if (p.y === null || p.hideInTable) continue;
      at.set(p.x, formatValue(p.y));
      if (p.label && !labels.has(p.x)) labels.set(p.x, p.label);
    }
    if (at.size > 0) columns.push({ key: l.key, label: l.label, at });
  }
  for (const m of markers) {
    columns.push({ key: m.key, label: m.label, at: new Map(m.points.map((p) => [p.x, formatValue(p.y)])) });
  }
  for (const b of bands) {
    columns.push({
      key: b.key,
      label: b.label,
      at: new Map(b.points.map((p) => [p.x, `${formatValue(p.low)} – ${formatValue(p.high)}`])),
    });
  }
  const dates = [...new Set(columns.flatMap((c) => [...c.at.keys()]))].sort();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls sideways must be reachable by keyboard (axe scrollable-region-focusable)
    <section className="mt-1 max-w-full overflow-x-auto" tabIndex={0} aria-label={caption}>
      <table className="w-full text-left text-xs tabular-nums">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-slate-700">
          <tr>
            <th scope="col" className="py-1 pr-3 font-semibold">
              {dateHeading}
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="py-1 pr-3 font-semibold" data-column={c.key}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {dates.map((d) => (
            <tr key={d} data-date={d}>
              <th scope="row" className="whitespace-nowrap py-1 pr-3 font-medium">
                {labels.get(d) ?? formatDate(d)}
              </th>
              {columns.map((c) => (
                <td key={c.key} className="py-1 pr-3">
                  {c.at.get(d) ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

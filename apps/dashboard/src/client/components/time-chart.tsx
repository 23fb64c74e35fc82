import { useId } from 'react';
import { SVG_CHART_COLOURS, type SvgChartColour } from '../theme.ts';
import { buildTimeScale, dateMs, linePath, PLOT_PADDING as PAD, type TimeScale } from './chart-geometry.ts';

// A time-axis line chart drawn as plain SVG, for what Tremor 3's charts cannot draw: a shaded peer band,
// milestone markers and lines that start and end on their own dates. Colours come from the SVG palette
// in theme.ts; dashed lines carry "reference, not measured" without colour.

export interface TimeLine {
  key: string;
  label: string;
  colour: SvgChartColour;
  dashed?: boolean;
  dots?: boolean;
  points: { x: string; y: number | null }[];
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
  points: { x: string; y: number; title?: string }[];
}

export interface TimeChartProps {
  lines: TimeLine[];
  bands?: TimeBand[];
  markers?: TimeMarkers[];
  formatValue: (v: number) => string;
  formatTick: (iso: string, spanYears: number) => string;
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

export function TimeChart({
  lines,
  bands = [],
  markers = [],
  formatValue,
  formatTick,
  description,
  height = 220,
  startAtZero = false,
}: TimeChartProps) {
  const clip = `clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const { times, values } = collectExtent(lines, bands, markers);
  const scale = buildTimeScale(times, values, height, startAtZero);
  if (!scale) return null;
  const { width: W, height: H } = scale;
  return (
    <figure className="min-w-0">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="img"
        aria-label={description}
        preserveAspectRatio="xMidYMid meet"
      >
        <defs>
          <clipPath id={clip}>
            <rect
              x={PAD.left}
              y={PAD.top - 4}
              width={W - PAD.left - PAD.right}
              height={H - PAD.top - PAD.bottom + 8}
            />
          </clipPath>
        </defs>
        <TimeAxes scale={scale} formatValue={formatValue} formatTick={formatTick} />
        <g clipPath={`url(#${clip})`}>
          <BandLayer bands={bands} scale={scale} />
          <LineLayer lines={lines} scale={scale} formatValue={formatValue} />
          <MarkerLayer markers={markers} scale={scale} formatValue={formatValue} />
        </g>
      </svg>
      <figcaption>
        <TimeChartLegend lines={lines} bands={bands} markers={markers} />
      </figcaption>
    </figure>
  );
}

/** Grid lines with their values, and the dates under the plot. */
function TimeAxes({
  scale,
  formatValue,
  formatTick,
}: {
  scale: TimeScale;
  formatValue: (v: number) => string;
  formatTick: (iso: string, spanYears: number) => string;
}) {
  const { sx, sy, width: W, height: H } = scale;
  return (
    <>
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
            fontSize={11}
            fill={SVG_CHART_COLOURS.axisText}
          >
            {formatValue(v)}
          </text>
        </g>
      ))}
      {scale.xTicks.map((iso) => (
        <text
          key={`x${iso}`}
          x={sx(dateMs(iso))}
          y={H - 8}
          textAnchor="middle"
          fontSize={11}
          fill={SVG_CHART_COLOURS.axisText}
        >
          {formatTick(iso, scale.spanYears)}
        </text>
      ))}
    </>
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
                  <title>{`${p.x}: ${formatValue(p.y)}`}</title>
                </circle>
              ),
            )}
        </g>
      ))}
    </>
  );
}

/** Milestones as hollow diamonds, each with its value as a tooltip. */
function MarkerLayer({
  markers,
  scale,
  formatValue,
}: {
  markers: TimeMarkers[];
  scale: TimeScale;
  formatValue: (v: number) => string;
}) {
  return (
    <>
      {markers.map((m) =>
        m.points.map((p) => {
          const cx = scale.sx(dateMs(p.x));
          const cy = scale.sy(p.y);
          return (
            <path
              key={`${m.key}${p.x}`}
              d={`M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z`}
              fill={SVG_CHART_COLOURS.background}
              stroke={m.colour}
              strokeWidth={2}
            >
              <title>{p.title ?? `${m.label} ${p.x}: ${formatValue(p.y)}`}</title>
            </path>
          );
        }),
      )}
    </>
  );
}

/** The legend draws each series' own mark: band swatch, line (dashed or not), diamond. */
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
          <svg width="18" height="6" aria-hidden="true">
            <line
              x1="0"
              x2="18"
              y1="3"
              y2="3"
              stroke={l.colour}
              strokeWidth="2.5"
              strokeDasharray={l.dashed ? '4 3' : undefined}
            />
          </svg>
          {l.label}
        </li>
      ))}
      {markers.map((m) => (
        <li key={m.key} className="inline-flex items-center gap-1.5">
          <svg width="12" height="12" aria-hidden="true">
            <path
              d="M6,1L11,6L6,11L1,6Z"
              fill={SVG_CHART_COLOURS.background}
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

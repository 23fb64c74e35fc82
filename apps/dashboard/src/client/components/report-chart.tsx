import type { SeriesPoint } from '../../shared/api-types.ts';
import { SVG_CHART_COLOURS } from '../theme.ts';
import { dateMs, linePath } from './chart-geometry.ts';

// The report's small chart of one nyckeltal: the recent readings as a line, the last one as a dot, and
// the desired state as a diamond at its date, so a printed page shows how far there is to go. Plain SVG
// (no Tremor): it must print crisply and draw without JavaScript measuring the page.

const W = 160;
const H = 56;
const PAD = { left: 4, right: 8, top: 8, bottom: 16 };

export interface ReportChartTarget {
  date: string;
  value: number;
}

/** Drawing coordinates of the readings and the target; null where there is nothing to draw. */
export function placeReportChart(points: readonly SeriesPoint[], target: ReportChartTarget | null) {
  const measured = points.filter((p): p is SeriesPoint & { value: number } => p.value !== null);
  if (measured.length === 0) return null;
  const times = [...measured.map((p) => dateMs(p.periodEnd)), ...(target ? [dateMs(target.date)] : [])];
  const values = [...measured.map((p) => p.value), ...(target ? [target.value] : [])];
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const v0 = Math.min(...values);
  const v1 = Math.max(...values);
  const sx = (t: number) =>
    t1 === t0 ? W / 2 : PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const sy = (v: number) =>
    v1 === v0
      ? (H - PAD.bottom + PAD.top) / 2
      : PAD.top + (1 - (v - v0) / (v1 - v0)) * (H - PAD.top - PAD.bottom);
  // A missing reading lifts the pen: a gap, not a zero.
  const line = points.map((p) => (p.value === null ? null : { x: sx(dateMs(p.periodEnd)), y: sy(p.value) }));
  const last = measured.at(-1) as SeriesPoint & { value: number };
  // A reading with no neighbour (a survey every few years) draws no line: it gets a dot of its own.
  const isolated = line.filter(
    (p, k): p is { x: number; y: number } => p !== null && !line[k - 1] && !line[k + 1],
  );
  return {
    path: linePath(line),
    isolated,
    last: { x: sx(dateMs(last.periodEnd)), y: sy(last.value) },
    target: target ? { x: sx(dateMs(target.date)), y: sy(target.value) } : null,
    firstLabel: measured[0]?.periodLabel ?? '',
    endLabel: target ? target.date.slice(0, 4) : last.periodLabel,
  };
}

export function ReportChart({
  points,
  target,
  label,
}: {
  points: readonly SeriesPoint[];
  target: ReportChartTarget | null;
  label: string;
}) {
  const placed = placeReportChart(points, target);
  if (!placed) return null;
  const c = SVG_CHART_COLOURS;
  const d = 5;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={label}
      className="report-chart h-auto w-full max-w-[200px]"
    >
      <line x1={0} x2={W} y1={H - PAD.bottom + 2} y2={H - PAD.bottom + 2} stroke={c.grid} strokeWidth={1} />
      <path d={placed.path} fill="none" stroke={c.value} strokeWidth={2} strokeLinejoin="round" />
      {placed.isolated.map((p) => (
        <circle key={`${p.x},${p.y}`} cx={p.x} cy={p.y} r={2.5} fill={c.value} />
      ))}
      <circle cx={placed.last.x} cy={placed.last.y} r={3} fill={c.value} />
      {placed.target && (
        <path
          data-series="target"
          d={`M${placed.target.x},${placed.target.y - d}l${d},${d}l${-d},${d}l${-d},${-d}z`}
          fill={c.background}
          stroke={c.target}
          strokeWidth={2}
        />
      )}
      <text x={PAD.left} y={H - 3} fontSize={11} fill={c.axisText}>
        {placed.firstLabel}
      </text>
      <text x={W - 2} y={H - 3} fontSize={11} fill={c.axisText} textAnchor="end">
        {placed.endLabel}
      </text>
    </svg>
  );
}

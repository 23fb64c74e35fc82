import { useId } from 'react';

// A time-axis line chart drawn as plain SVG, for what Tremor 3's charts cannot draw: a shaded peer band,
// milestone markers and lines that start and end on their own dates. Colours are 600/700 shades, which
// keep WCAG's 3:1 for graphics against white; dashed lines carry "reference, not measured" without colour.

export interface TimeLine {
  key: string;
  label: string;
  colour: string;
  dashed?: boolean;
  dots?: boolean;
  points: { x: string; y: number | null }[];
}

export interface TimeBand {
  key: string;
  label: string;
  colour: string;
  points: { x: string; low: number; high: number }[];
}

export interface TimeMarkers {
  key: string;
  label: string;
  colour: string;
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

const W = 640;
const PAD = { left: 64, right: 12, top: 10, bottom: 26 };

const ms = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

function niceStep(range: number, count: number): number {
  const raw = range / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
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
  const xs: number[] = [];
  const ys: number[] = [];
  const add = (x: string, ...y: number[]) => {
    xs.push(ms(x));
    ys.push(...y);
  };
  for (const l of lines) for (const p of l.points) if (p.y !== null) add(p.x, p.y);
  for (const b of bands) for (const p of b.points) add(p.x, p.low, p.high);
  for (const m of markers) for (const p of m.points) add(p.x, p.y);
  if (xs.length === 0) return null;
  let x0 = Math.min(...xs);
  let x1 = Math.max(...xs);
  if (x1 === x0) {
    x0 -= 86_400_000 * 180;
    x1 += 86_400_000 * 180;
  }
  // A little room at both ends, so the first and last dots are not cut by the plot's edge.
  const xPad = (x1 - x0) * 0.02;
  x0 -= xPad;
  x1 += xPad;
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  if (startAtZero) y0 = Math.min(0, y0);
  if (y1 === y0) {
    const pad = Math.abs(y0) * 0.1 || 1;
    y0 -= pad;
    y1 += pad;
  }
  const step = niceStep(y1 - y0, 4);
  y0 = Math.floor(y0 / step) * step;
  y1 = Math.ceil(y1 / step) * step;
  const H = height;
  const sx = (t: number) => PAD.left + ((t - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => PAD.top + (1 - (v - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const yTicks: number[] = [];
  for (let v = y0; v <= y1 + step / 2; v += step) yTicks.push(Number(v.toFixed(10)));
  const spanYears = (x1 - x0) / (365.25 * 86_400_000);
  const xTicks: string[] = [];
  const firstYear = new Date(x0).getUTCFullYear();
  const lastYear = new Date(x1).getUTCFullYear();
  if (spanYears >= 2) {
    const every = Math.max(1, Math.ceil((lastYear - firstYear) / 6));
    for (let y = firstYear + 1; y <= lastYear; y += every) xTicks.push(`${y}-01-01`);
  } else {
    for (let y = firstYear; y <= lastYear; y++) {
      for (const m of spanYears > 1 ? ['01', '07'] : ['01', '04', '07', '10']) {
        const iso = `${y}-${m}-01`;
        if (ms(iso) >= x0 && ms(iso) <= x1) xTicks.push(iso);
      }
    }
  }

  const path = (pts: { x: string; y: number | null }[]) => {
    let d = '';
    let pen = false;
    for (const p of pts) {
      if (p.y === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${sx(ms(p.x)).toFixed(1)},${sy(p.y).toFixed(1)}`;
      pen = true;
    }
    return d;
  };

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
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(v)} y2={sy(v)} stroke="#e2e8f0" strokeWidth={1} />
            <text x={PAD.left - 6} y={sy(v) + 4} textAnchor="end" fontSize={11} fill="#475569">
              {formatValue(v)}
            </text>
          </g>
        ))}
        {xTicks.map((iso) => (
          <text key={`x${iso}`} x={sx(ms(iso))} y={H - 8} textAnchor="middle" fontSize={11} fill="#475569">
            {formatTick(iso, spanYears)}
          </text>
        ))}
        <g clipPath={`url(#${clip})`}>
          {bands.map((b) => {
            const top = b.points.map((p) => `${sx(ms(p.x)).toFixed(1)},${sy(p.high).toFixed(1)}`);
            const bottom = [...b.points]
              .reverse()
              .map((p) => `${sx(ms(p.x)).toFixed(1)},${sy(p.low).toFixed(1)}`);
            return b.points.length > 1 ? (
              <polygon
                key={b.key}
                points={[...top, ...bottom].join(' ')}
                fill={b.colour}
                fillOpacity={0.18}
              />
            ) : (
              b.points.map((p) => (
                <line
                  key={`${b.key}${p.x}`}
                  x1={sx(ms(p.x))}
                  x2={sx(ms(p.x))}
                  y1={sy(p.low)}
                  y2={sy(p.high)}
                  stroke={b.colour}
                  strokeOpacity={0.35}
                  strokeWidth={10}
                />
              ))
            );
          })}
          {lines.map((l) => (
            <g key={l.key} data-series={l.key}>
              <path
                d={path(l.points)}
                fill="none"
                stroke={l.colour}
                strokeWidth={l.dashed ? 1.75 : 2.25}
                strokeDasharray={l.dashed ? '6 4' : undefined}
                strokeLinejoin="round"
              />
              {l.dots &&
                l.points.map((p) =>
                  p.y === null ? null : (
                    <circle key={p.x} cx={sx(ms(p.x))} cy={sy(p.y)} r={3.2} fill={l.colour}>
                      <title>{`${p.x}: ${formatValue(p.y)}`}</title>
                    </circle>
                  ),
                )}
            </g>
          ))}
          {markers.map((m) =>
            m.points.map((p) => {
              const cx = sx(ms(p.x));
              const cy = sy(p.y);
              return (
                <path
                  key={`${m.key}${p.x}`}
                  d={`M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z`}
                  fill="white"
                  stroke={m.colour}
                  strokeWidth={2}
                >
                  <title>{p.title ?? `${m.label} ${p.x}: ${formatValue(p.y)}`}</title>
                </path>
              );
            }),
          )}
        </g>
      </svg>
      <figcaption>
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
                <path d="M6,1L11,6L6,11L1,6Z" fill="white" stroke={m.colour} strokeWidth="2" />
              </svg>
              {m.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** A card's small trend: no axes, the last value as a dot. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length < 2) return null;
  const w = 120;
  const h = 32;
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const y = (v: number) => (max === min ? h / 2 : 3 + (1 - (v - min) / (max - min)) * (h - 6));
  const x = (i: number) => 3 + (i / (values.length - 1)) * (w - 6);
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  const lastIndex = values.findLastIndex((v) => v !== null);
  const last = values[lastIndex];
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label} className="shrink-0">
      <path d={d} fill="none" stroke="#1d4ed8" strokeWidth={2} strokeLinejoin="round" />
      {last !== null && last !== undefined && <circle cx={x(lastIndex)} cy={y(last)} r={3} fill="#1d4ed8" />}
    </svg>
  );
}

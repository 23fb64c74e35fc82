import { SVG_CHART_COLOURS } from '../theme.ts';
import { linePath } from './chart-geometry.ts';

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
  const d = linePath(values.map((v, i) => (v === null ? null : { x: x(i), y: y(v) })));
  const lastIndex = values.findLastIndex((v) => v !== null);
  const last = values[lastIndex];
  const colour = SVG_CHART_COLOURS.value;
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label} className="shrink-0">
      <path d={d} fill="none" stroke={colour} strokeWidth={2} strokeLinejoin="round" />
      {last !== null && last !== undefined && <circle cx={x(lastIndex)} cy={y(last)} r={3} fill={colour} />}
    </svg>
  );
}

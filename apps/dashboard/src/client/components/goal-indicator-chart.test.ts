import { describe, expect, it } from 'vitest';
import { linePath } from './chart-geometry.ts';
import { breakAtNewYear } from './goal-indicator-chart.tsx';

describe('the value line of a year-to-date sum', () => {
  const points = [
    { x: '2015-11-30', y: 24 },
    { x: '2015-12-31', y: 31 },
    { x: '2016-01-31', y: 2 },
    { x: '2016-02-29', y: 5 },
  ];

  it('lifts the pen between December and January, so the restart is not drawn as a fall', () => {
    const d = linePath(
      breakAtNewYear(points, true).map((p) => (p.y === null ? null : { x: Number(p.x.slice(5, 7)), y: p.y })),
    );
    expect(d.match(/M/g)?.length).toBe(2);
    expect(d.match(/L/g)?.length).toBe(2);
  });

  it('a level is one line through every value', () => {
    expect(breakAtNewYear(points, false)).toBe(points);
  });
});

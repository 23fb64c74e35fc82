import { describe, expect, it } from 'vitest';
import { emphasiseOwnArea, titleLacksUnit } from './explorer-chart-panel.tsx';
import type { MultiLineSeries } from './multi-line-chart.tsx';

describe('the explorer heading names the unit once', () => {
  it('a title ending in "(tkr)" gets no second "(tkr)"', () => {
    expect(titleLacksUnit('Nettokostnad för äldreomsorg (tkr)', 'tkr', 'tkr')).toBe(false);
    expect(titleLacksUnit('Net cost of elderly care (tkr)', 'tkr', 'kSEK')).toBe(false);
  });

  it('a title without its unit gets it, and no unit gets nothing', () => {
    expect(titleLacksUnit('Invånare totalt', 'invånare', 'invånare')).toBe(true);
    expect(titleLacksUnit('Antal', 'st', '')).toBe(false);
  });
});

describe('the own municipality among its peers', () => {
  const line = (key: string, colour: MultiLineSeries['colour']): MultiLineSeries => ({
    key,
    label: key,
    colour,
  });

  it('comes first, blue and emphasised; no peer is blue', () => {
    const lines = emphasiseOwnArea(
      [line('2061:T', 'blue'), line('2029:T', 'violet'), line('2031:T', 'rose')],
      '2029',
    );
    expect(lines.map((l) => [l.key, l.colour, l.emphasis ?? false])).toEqual([
      ['2029:T', 'blue', true],
      ['2061:T', 'rose', false],
      ['2031:T', 'violet', false],
    ]);
  });

  it('leaves the lines as they are when the own area is not among them', () => {
    const lines = [line('2061:T', 'blue')];
    expect(emphasiseOwnArea(lines, '2029')).toBe(lines);
    expect(emphasiseOwnArea(lines, null)).toBe(lines);
  });
});

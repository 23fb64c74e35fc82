import { describe, expect, it } from 'vitest';
import { parseSourceDefinition } from './definition.ts';

const common = { id: 'k', title: 'K', owner: { name: 'KLK' } };

function messageOf(input: unknown): string {
  try {
    parseSourceDefinition(input);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('source kinds', () => {
  it('reads a Kolada definition with plain and described KPIs, filling the defaults', () => {
    const def = parseSourceDefinition({
      ...common,
      kind: 'kolada',
      kpis: ['N01951', { id: 'N00090', key: 'leksand.sjukfranvaro', direction: 'lower' }],
      municipalities: [2029],
      groups: ['G37442'],
      years: { from: 2015 },
    });
    expect(def).toMatchObject({
      kind: 'kolada',
      kpis: [{ id: 'N01951' }, { id: 'N00090', key: 'leksand.sjukfranvaro', direction: 'lower' }],
      municipalities: ['2029'],
      incremental: { recent_years: 3 },
      key_prefix: 'kolada',
    });
  });

  it.each([
    [
      { kind: 'kolada', kpis: ['N1951'], municipalities: ['2029'], years: { from: 2015 } },
      /kpis\[0\].*letter and five digits/,
    ],
    [
      { kind: 'kolada', kpis: ['N01951'], years: { from: 2015 } },
      /municipalities: Give at least one of municipalities, groups or ous/,
    ],
    [
      { kind: 'kolada', kpis: ['N01951'], municipalities: ['2029'], years: { from: 2020, to: 2019 } },
      /years.from: from must not be after to/,
    ],
    [{ kind: 'scb', table: 'TAB638', selection: [], contents: {} }, /selection/],
    [
      {
        kind: 'survey',
        location: { inbox: 'a.csv' },
        unit: { column: 'U' },
        period: { value: '2016' },
        scale: { type: 'numeric', min: 1, max: 2 },
        measures: [{ indicator: 'a.b', questions: ['q'], measure: 'index' }],
      },
      /scale.max: A scale needs at least three steps/,
    ],
    [{ kind: 'sql' }, /kind/],
  ])('refuses %j', (extra, message) => {
    expect(messageOf({ ...common, ...extra })).toMatch(message);
  });

  it('stores as JSON and parses to the same value again (the worker re-parses ops.sources.definition)', () => {
    const def = parseSourceDefinition({
      ...common,
      kind: 'scb',
      table: 'TAB638',
      selection: [{ variable: 'Region', codelist: 'vs_RegionKommun07', values: ['0586', 2029] }],
      contents: { BE0101N1: { key: 'scb.folkmangd', title: 'Folkmängd', unit: 'invånare' } },
      breakdown: { variable: 'Kon', map: { '1': 'M', '2': 'K' }, sum_as_total: true },
    });
    expect(parseSourceDefinition(JSON.parse(JSON.stringify(def)))).toEqual(def);
  });
});

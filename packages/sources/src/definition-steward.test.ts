import { describe, expect, it } from 'vitest';
import { parseCsvSourceDefinition as parseSourceDefinition } from './definition.ts';

/** The fields the steward tooling added: declared indicators and org units, the folder inbox. */
const base = {
  id: 'hr',
  title: 'HR',
  owner: { name: 'HR' },
  kind: 'csv',
  location: { inbox: 'hr/*.csv' },
  mapping: {
    layout: 'long',
    indicator: { value: 'hr.x' },
    area: { column: 'Enhet' },
    period: { column: 'Månad' },
    value: { column: 'Värde' },
  },
};

describe('steward fields of a source definition', () => {
  it('declared indicators and org units get their defaults', () => {
    const def = parseSourceDefinition({
      ...base,
      location: { inbox: 'hr/*.csv', move_processed: true },
      indicators: [{ key: 'hr.x', title: 'Sjukfrånvaro' }],
      org_units: [{ code: 'tekniska', name: 'Tekniska förvaltningen' }],
    });
    expect(def.location).toEqual({ inbox: 'hr/*.csv', move_processed: true });
    expect(def.indicators).toEqual([
      { key: 'hr.x', title: 'Sjukfrånvaro', unit: '', direction: 'higher', decimals: 0 },
    ]);
    expect(def.org_units).toEqual([{ code: 'tekniska', name: 'Tekniska förvaltningen', level: 'enhet' }]);
  });

  it.each([
    [{ indicators: [{ key: 'hr.x' }] }, 'indicators[0].title: Required'],
    [{ indicators: [{ key: 'hr.x', title: 'X', direction: 'up' }] }, 'indicators[0].direction'],
    [{ org_units: [{ code: 'a', name: 'A', level: 'avdelning' }] }, 'org_units[0].level'],
    [{ location: { inbox: 'hr/*.csv', move_processed: 'ja' } }, 'location.move_processed'],
    [{ validation: { max_rejected_share: -0.1 } }, 'validation.max_rejected_share'],
  ])('a wrong field is named: %j', (extra, field) => {
    expect(() => parseSourceDefinition({ ...base, ...extra })).toThrow(field);
  });
});

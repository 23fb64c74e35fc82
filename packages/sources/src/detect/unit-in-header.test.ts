import { describe, expect, it } from 'vitest';
import { unitInHeader } from './unit-in-header.ts';

describe('unitInHeader', () => {
  it.each([
    ['Kostnad (tkr)', { title: 'Kostnad', unit: 'tkr' }],
    ['Arbetslöshet, (%)', { title: 'Arbetslöshet', unit: '%' }],
    ['Invånare (antal)', { title: 'Invånare', unit: 'antal' }],
    ['Nettokostnad (KR)', { title: 'Nettokostnad', unit: 'kr' }],
    ['Energi (MWh)', { title: 'Energi', unit: 'MWh' }],
  ])('"%s" gives its unit and the title without it', (header, expected) => {
    expect(unitInHeader(header)).toEqual(expected);
  });

  it.each(['Elever (exkl. fristående)', 'Värde', '(tkr)', 'Kostnad (tkr) totalt'])(
    '"%s" names no unit at its end',
    (header) => {
      expect(unitInHeader(header)).toBeNull();
    },
  );
});

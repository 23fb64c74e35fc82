import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realCsvDir, realCsvPath, realCsvSkipReason } from '../fixtures/real-csv.ts';
import { detectDefinition } from './detect-definition.ts';
import type { DetectRegister } from './types.ts';

// A unit in brackets at the end of a header or label ("Kostnad (tkr)", Kolada's "Arbetslöshet, (%)") is
// the proposed indicator's unit, and its title goes without it.

const register: DetectRegister = {
  areas: [
    { code: '0586', name: 'Mjölby' },
    { code: '0884', name: 'Vimmerby' },
  ],
  indicators: [],
};

const indicatorsOf = (definition: Record<string, unknown>) =>
  definition.indicators as { key: string; title: string; unit: string }[];

describe('unit from the header in the proposal', () => {
  it('a value column "Nettokostnad (tkr)" proposes unit tkr and the title "Nettokostnad"', async () => {
    const bytes = new TextEncoder().encode('Kommun;År;Nettokostnad (tkr)\n0586;2023;1 234\n0884;2023;987\n');
    const d = await detectDefinition(bytes, register, { fileName: 'kostnad.csv' });
    expect(indicatorsOf(d.definition).map(({ title, unit }) => ({ title, unit }))).toEqual([
      { title: 'Nettokostnad', unit: 'tkr' },
    ]);
  });

  it('wide indicator columns each get their own unit', async () => {
    const bytes = new TextEncoder().encode(
      'Kommun;År;Invånare (antal);Kostnad (kr)\n0586;2023;27 000;5 100\n0884;2023;15 500;4 900\n',
    );
    const d = await detectDefinition(bytes, register, { fileName: 'blandat.csv' });
    expect(indicatorsOf(d.definition).map(({ title, unit }) => ({ title, unit }))).toEqual([
      { title: 'Invånare', unit: 'antal' },
      { title: 'Kostnad', unit: 'kr' },
    ]);
  });

  it.skipIf(realCsvDir === null)(
    `the real Kolada export: "Arbetslöshet, (%)" is an indicator titled without "(%)", in %${realCsvDir === null ? ` (${realCsvSkipReason})` : ''}`,
    async () => {
      const bytes = readFileSync(realCsvPath('kolada-bakgrund-2008-2012.csv'));
      const d = await detectDefinition(bytes, register, { fileName: 'kolada-bakgrund-2008-2012.csv' });
      const indicators = indicatorsOf(d.definition);
      const unemployment = indicators.filter((i) => i.title.endsWith('Arbetslöshet'));
      expect(unemployment.length).toBeGreaterThan(0);
      expect(new Set(unemployment.map((i) => i.unit))).toEqual(new Set(['%']));
      expect(indicators.some((i) => i.title.endsWith('(%)'))).toBe(false);
    },
  );
});

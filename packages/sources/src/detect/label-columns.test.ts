import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvSourceDefinition } from '../definition.ts';
import { indicatorKeyForLabel } from '../indicator-keys.ts';
import { detectDefinition } from './detect-definition.ts';
import { previewContext, previewCsv } from './preview.ts';

/*
 * Label columns: every text column that is not the area, the period, a breakdown or a value names the
 * indicator (one per combination), sexes are a breakdown, and the labels come from the whole file.
 */

const register = {
  areas: [
    { code: '0586', name: 'Mjölby' },
    { code: '0884', name: 'Vimmerby' },
  ],
  indicators: [],
};
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));

async function detectAndPreview(bytes: Uint8Array, fileName: string, maxRows?: number) {
  const d = await detectDefinition(bytes, register, { fileName, ...(maxRows ? { maxRows } : {}) });
  // What --json prints must survive a round trip through JSON and the schema unchanged.
  expect(parseCsvSourceDefinition(JSON.parse(JSON.stringify(d.definition)))).toEqual(d.parsed);
  const preview = await previewCsv(bytes, d.parsed, previewContext(register, d.parsed), { factLimit: 1_000 });
  return { d, preview };
}

describe('label columns', () => {
  it('two label columns besides the region: one indicator per pair, never one for the file', async () => {
    const { d, preview } = await detectAndPreview(fixture('label-columns-wide.csv'), 'energi.csv');
    expect(d.columns.map((c) => [c.name, c.role])).toEqual([
      ['region', 'area'],
      ['kategori', 'indicator'],
      ['energityp', 'indicator'],
      ['2007', 'wide'],
      ['2008', 'wide'],
    ]);
    expect(d.definition).toMatchObject({
      mapping: {
        layout: 'wide',
        indicator: {
          columns: ['kategori', 'energityp'],
          create: { key_prefix: 'energi', direction: 'higher' },
        },
      },
    });
    expect(d.newIndicators.map((i) => i.title)).toEqual([
      'småhus – el',
      'småhus – olja>1',
      'flerbostadshus – el',
      'flerbostadshus – olja>1',
    ]);
    expect(preview.rejections).toEqual([]);
    expect(preview.factCount).toBe(16);
    const value = (title: string, area: string, period: string) => {
      const key = d.newIndicators.find((i) => i.title === title)?.key;
      return preview.facts.find(
        (f) => f.indicatorKey === key && f.areaCode === area && f.period.label === period,
      );
    };
    expect(value('flerbostadshus – olja>1', '0586', '2008')?.value).toBe(41);
    expect(value('småhus – olja>1', '0586', '2008')?.value).toBeNull();
    expect(value('småhus – el', '0884', '2007')?.value).toBe(50);
  });

  it('a sex column (Flickor/Pojkar/Totalt) is the breakdown, not part of the indicator; a name beside the code is no label', async () => {
    const { d, preview } = await detectAndPreview(fixture('sex-label-breakdown.csv'), 'behorighet.csv');
    expect(Object.fromEntries(d.columns.map((c) => [c.name, c.role]))).toEqual({
      Kommun: 'area',
      Kommunnamn: 'ignored',
      Nyckeltal: 'indicator',
      Kön: 'breakdown',
      År: 'period',
      Värde: 'value',
    });
    expect(d.definition).toMatchObject({
      mapping: { indicator: { column: 'Nyckeltal' }, breakdown: { column: 'Kön' } },
    });
    expect(d.newIndicators).toEqual([
      { key: 'behorighet.behoriga-till-gymnasiet', title: 'Behöriga till gymnasiet' },
    ]);
    expect(preview.facts.map((f) => `${f.areaCode} ${f.breakdown} ${f.value}`)).toEqual([
      '0586 K 88.1',
      '0586 M 84',
      '0586 T 86',
      '0884 K 90.2',
      '0884 M 82.5',
      '0884 T 86.3',
    ]);
  });

  it('a column with one value per indicator (its unit) is no label', async () => {
    const bytes = Buffer.from(
      'Kommun;Nyckeltal;Enhet;År;Värde\n0586;Invånare;st;2020;100\n0586;Invånare;st;2021;110\n0586;Andel;%;2020;5\n0586;Andel;%;2021;6\n',
    );
    const { d, preview } = await detectAndPreview(bytes, 'enhet.csv');
    expect(d.columns.find((c) => c.name === 'Enhet')?.role).toBe('ignored');
    expect(d.newIndicators.map((i) => i.title)).toEqual(['Invånare', 'Andel']);
    expect(preview.factCount).toBe(4);
  });

  it('labels that first appear far below the sample are proposed too', async () => {
    const lines = ['Kommun;Nyckeltal;År;Värde'];
    for (let kpi = 0; kpi < 30; kpi++) {
      for (let year = 2000; year < 2020; year++) {
        for (const area of ['0586', '0884']) lines.push(`${area};KPI ${kpi};${year};${kpi},5`);
      }
    }
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    // A sample of 50 rows holds two KPIs; the proposal must hold all thirty.
    const { d, preview } = await detectAndPreview(bytes, 'sorterad.csv', 50);
    expect(d.newIndicators).toHaveLength(30);
    expect(d.newIndicators.at(-1)).toEqual({
      key: indicatorKeyForLabel('sorterad', 'KPI 29'),
      title: 'KPI 29',
    });
    expect(preview.rejections).toEqual([]);
    expect(preview.factCount).toBe(30 * 20 * 2);
  });

  it('a label the file did not have at detect time becomes a new indicator, not a rejection', async () => {
    const { d } = await detectAndPreview(fixture('label-columns-wide.csv'), 'energi.csv');
    const later = Buffer.from(
      '"region","kategori","energityp","2009"\n"0586 Mjölby","småhus","fjärrvärme","120"\n"0586 Mjölby","småhus","el","130"\n',
    );
    // The register of a later run: what apply created, and nothing for "fjärrvärme".
    const known = { ...register, indicators: d.newIndicators };
    const preview = await previewCsv(later, d.parsed, previewContext(known, d.parsed));
    expect(preview.rejections).toEqual([]);
    expect(preview.facts.map((f) => [f.indicatorKey, f.value])).toEqual([
      ['energi.smahus-fjarrvarme', 120],
      ['energi.smahus-el', 130],
    ]);
  });

  it('when series would still collapse, the preview names the column that separates them', async () => {
    const bytes = fixture('label-columns-wide.csv');
    const { d } = await detectAndPreview(bytes, 'energi.csv');
    // A steward's definition that reads only "kategori": småhus/el and småhus/olja>1 share a key.
    const onlyKategori = parseCsvSourceDefinition({
      ...d.definition,
      mapping: {
        ...(d.definition.mapping as object),
        indicator: { column: 'kategori', create: { key_prefix: 'energi' } },
      },
    });
    const preview = await previewCsv(bytes, onlyKategori, previewContext(register, onlyKategori));
    expect(preview.rejections.length).toBeGreaterThan(0);
    expect(preview.collapse).toMatchObject({ lines: [4, 5], columns: ['energityp'] });
    expect(preview.collapse?.messageSv).toContain('kolumnen "energityp" skiljer dem åt');
    expect(preview.collapse?.messageSv).toContain('mapping.indicator.columns');
    const whole = await previewCsv(bytes, d.parsed, previewContext(register, d.parsed));
    expect(whole.collapse).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvSourceDefinition } from '../definition.ts';
import { analyseColumns, isNumeric } from '../detect/column-stats.ts';
import { readSample } from '../detect/sample.ts';
import { looseContext, realCsvDir, realCsvPath, realCsvSkipReason } from '../fixtures/real-csv.ts';
import { readCsv } from './read-csv.ts';
import { chunksOf } from './test-helpers.ts';
import type { Fact, ReadSummary, Rejection, Skip } from './types.ts';

/*
 * Cells and headers of real exports (../shared/fixtures/real-csv, values from its README). Areas resolve
 * loosely (any text to itself): what is pinned here is how cells and header names read, not the area
 * register.
 */

if (realCsvDir === null) console.warn(realCsvSkipReason);

function definition(mapping: Record<string, unknown>, parse: Record<string, unknown> = {}) {
  return parseCsvSourceDefinition({
    id: 'real',
    title: 'Real',
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: 'real/*.csv' },
    parse,
    mapping,
  });
}

async function readAll(file: string, def: ReturnType<typeof definition>) {
  const bytes = readFileSync(realCsvPath(file));
  const reader = readCsv(chunksOf(bytes, 4096), def, looseContext);
  const out = { facts: [] as Fact[], rejections: [] as Rejection[], skips: [] as Skip[] };
  for (;;) {
    const next = await reader.next();
    if (next.done) return { ...out, summary: next.value as ReadSummary, bytes };
    out.facts.push(...next.value.facts);
    out.rejections.push(...next.value.rejections);
    out.skips.push(...next.value.skips);
  }
}

const at = (facts: Fact[], area: string, period: string, breakdown: string) =>
  facts.filter((f) => f.areaCode === area && f.period.label === period && f.breakdown === breakdown);

describe.skipIf(realCsvDir === null)('real exports: cells and headers', () => {
  it('Socialstyrelsen: two soft hyphens are suppressed, "45\u00AD49" is the column "45–49"', async () => {
    const def = definition({
      layout: 'wide',
      indicator: { value: 'x.prostatacancer' },
      area: { column: 'Region' },
      period: { column: 'År' },
      wide: { columns: '^(?:\\d+–\\d+|85\\+|Totalt)$', as: 'breakdown' },
    });
    const { facts, rejections, skips, summary, bytes } = await readAll(
      'sos-dodsorsak-prostatacancer.csv',
      def,
    );
    expect(rejections).toEqual([]);
    expect(summary).toMatchObject({ headerLine: 2, rowsRead: 485, decimal: ',' });
    expect(skips).toEqual([
      { line: 487, reason: 'Fotnot under tabellen (en rad utan kolumner efter datat)' },
    ]);
    // README: 2018, Stockholms län, 45–49 = null (row 4); 2018 Riket Totalt = 105.1 (row 3).
    expect(at(facts, 'stockholms län', '2018', '45–49')).toMatchObject([
      { line: 4, value: null, valueNote: 'suppressed' },
    ]);
    expect(at(facts, 'riket', '2018', 'T')).toMatchObject([{ line: 3, value: 105.1 }]);
    expect(at(facts, 'riket', '2018', '85+')[0]?.value).toBe(1044.59);
    expect(at(facts, 'dalarnas län', '2018', '50–54')[0]?.value).toBe(10.31);
    expect(at(facts, 'jämtlands län', '1997', '85+')[0]?.value).toBe(1243.89);
    // Every suppressed cell of the file, and nothing else, is a suppressed null; none became 0.
    const pairs = bytes.toString('utf8').match(/(?<=;|^)\u00AD\u00AD(?=;|\r|$)/gm)?.length ?? 0;
    expect(pairs).toBeGreaterThan(50);
    expect(facts.filter((f) => f.valueNote === 'suppressed')).toHaveLength(pairs);
    expect(facts.filter((f) => f.value === 0)).toEqual([]);
    expect(facts).toHaveLength(484 * 10);
  });

  it('Kolada: ";" with a decimal point reads 7.849101 when the definition leaves the decimal to the data', async () => {
    const def = definition({
      layout: 'long',
      indicator: {
        column: 'Nyckeltal',
        map: { 'Arbetslöshet, (%)': 'x.arbetsloshet', 'Mediannettoinkomst, kr/inv 20+': 'x.inkomst' },
      },
      area: { column: 'Kommun/Landsting' },
      period: { column: 'År' },
      value: { column: 'Visat Värde' },
      skip_rows: [
        { column: 'Nyckeltal', matches: '^(?!Arbetslöshet, \\(%\\)$|Mediannettoinkomst, kr/inv 20\\+$)' },
      ],
    });
    expect(def.parse.decimal).toBe('auto');
    const { facts, rejections, summary } = await readAll('kolada-bakgrund-2008-2012.csv', def);
    expect(rejections).toEqual([]);
    expect(summary.decimal).toBe('.');
    const value = (area: string, key: string, year: string) =>
      facts.find((f) => f.areaCode === area && f.indicatorKey === key && f.period.label === year);
    expect(value('mjölby', 'x.arbetsloshet', '2012')).toMatchObject({ line: 6392, value: 7.849101 });
    expect(value('mjölby', 'x.inkomst', '2010')?.value).toBe(185999);
    expect(value('borlänge', 'x.arbetsloshet', '2011')?.value).toBe(6.626285);
    expect(value('leksand', 'x.arbetsloshet', '2012')?.value).toBe(5.304085);
    expect(value('alla kommuner (ovägt medel)', 'x.arbetsloshet', '2010')?.value).toBe(8.01738872);
  });

  it('SKR: the group code "B4" is never the number 4, and ";;" at the end of every row is no error', async () => {
    const def = definition({
      layout: 'long',
      indicator: { value: 'x.kommungrupp' },
      area: { column: 'Kommunkod' },
      period: { value: '2017' },
      value: { column: 'Grupp' },
    });
    const { facts, rejections, summary } = await readAll('skl-kommungruppsindelning-2017.csv', def);
    expect(summary.rowsRead).toBe(290);
    expect(facts).toEqual([]);
    expect(rejections).toHaveLength(290);
    expect(rejections.find((r) => r.raw === 'B4')).toMatchObject({
      column: 'Grupp',
      reasonSv: 'Inte ett tal: "B4" är inte ett tal',
    });
  });

  it('SKR: detect counts none of the code columns as numbers (group, municipality, län codes)', async () => {
    const sample = await readSample(readFileSync(realCsvPath('skl-kommungruppsindelning-2017.csv')), 5_000);
    expect(sample.header).toHaveLength(10);
    const stats = analyseColumns(sample.header, sample.dataRows, () => undefined);
    expect(stats.filter(isNumeric).map((s) => s.name)).toEqual([]);
    const lan = stats.find((s) => s.name === 'Länskod');
    expect(lan?.leadingZeros).toBeGreaterThan(0);
  });

  it('SCB PxWeb: the header after a title line and a blank line, years as columns', async () => {
    const def = definition({
      layout: 'wide',
      indicator: { value: 'x.fodda' },
      area: { column: 'region' },
      wide: { columns: '^\\d{4}$', as: 'period' },
    });
    const { facts, rejections, summary } = await readAll('scb-levande-fodda-kommun.csv', def);
    expect(rejections).toEqual([]);
    expect(summary).toMatchObject({ headerLine: 3, rowsRead: 290 });
    expect(at(facts, '0586', '2016', 'T')[0]?.value).toBe(286);
    expect(at(facts, '1480', '2017', 'T')[0]?.value).toBe(7481);
  });
});

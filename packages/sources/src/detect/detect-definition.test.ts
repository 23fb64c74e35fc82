import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvSourceDefinition as parseSourceDefinition } from '../definition.ts';
import { corpusContext } from '../fixtures/context.ts';
import { corpus } from '../fixtures/corpus.ts';
import { DetectError, detectDefinition, idFromFileName, slugify } from './detect-definition.ts';
import { previewContext, previewCsv } from './preview.ts';

const register = {
  areas: [
    { code: '0586', name: 'Mjölby' },
    { code: '0512', name: 'Ydre' },
    { code: '0884', name: 'Vimmerby' },
    { code: '2029', name: 'Leksand' },
    { code: '0005', name: 'Östergötlands län' },
  ],
  indicators: [{ key: 'mjolby.invanare', title: 'Invånare' }],
};
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const brief = (f: {
  line: number;
  indicatorKey: string;
  areaCode: string;
  period: { label: string };
  breakdown: string;
  value: number | null;
  valueNote: string | null;
}) => `${f.line} ${f.indicatorKey} ${f.areaCode} ${f.period.label} ${f.breakdown} ${f.value ?? f.valueNote}`;

async function detectAndRead(bytes: Uint8Array, fileName: string, extra: { area?: string } = {}) {
  const d = await detectDefinition(bytes, register, { fileName, ...extra });
  // What --json prints must survive a round trip through JSON and the schema unchanged.
  const reparsed = parseSourceDefinition(JSON.parse(JSON.stringify(d.definition)));
  expect(reparsed).toEqual(d.parsed);
  const preview = await previewCsv(bytes, d.parsed, previewContext(register, d.parsed), { factLimit: 100 });
  return { d, preview };
}

describe('detectDefinition', () => {
  it('SCB-style wide Latin-1 export: title line, years as columns, footnote', async () => {
    const { d, preview } = await detectAndRead(fixture('scb-wide-latin1.csv'), 'scb-wide-latin1.csv');
    expect(d.settings).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      headerLine: 3,
      footnoteLines: [8],
    });
    expect(d.definition).toMatchObject({
      id: 'scb-wide-latin1',
      title: 'Folkmängd',
      mapping: {
        layout: 'wide',
        indicator: { value: 'scb-wide-latin1.folkmangd' },
        area: { column: 'region' },
        wide: { columns: '^(?:\\d{4})$', as: 'period' },
      },
      indicators: [{ key: 'scb-wide-latin1.folkmangd', title: 'Folkmängd' }],
    });
    expect(preview.rejections).toEqual([]);
    expect(preview.facts.map(brief)).toEqual([
      '4 scb-wide-latin1.folkmangd 0586 2014 T 26245',
      '4 scb-wide-latin1.folkmangd 0586 2015 T 26440',
      '4 scb-wide-latin1.folkmangd 0586 2016 T 26602',
      '5 scb-wide-latin1.folkmangd 0512 2014 T 3666',
      '5 scb-wide-latin1.folkmangd 0512 2015 T 3687',
      '5 scb-wide-latin1.folkmangd 0512 2016 T 3718',
      '6 scb-wide-latin1.folkmangd 0884 2014 T 15318',
      '6 scb-wide-latin1.folkmangd 0884 2015 T 15417',
      '6 scb-wide-latin1.folkmangd 0884 2016 T 15465',
    ]);
  });

  it('Excel CSV with BOM, semicolons, decimal commas, Kön column and a Totalt row', async () => {
    const { d, preview } = await detectAndRead(fixture('excel-bom-semicolon.csv'), 'excel-bom-semicolon.csv');
    expect(d.layout).toBe('long');
    expect(d.definition).toMatchObject({
      parse: { delimiter: ';', decimal: ',' },
      mapping: {
        area: { column: 'Kommun' },
        breakdown: { column: 'Kön' },
        period: { column: 'År' },
        value: { column: 'Andel nöjda' },
        indicator: { value: 'excel-bom-semicolon.andel-nojda' },
      },
    });
    expect(preview.facts.map(brief)).toEqual([
      '2 excel-bom-semicolon.andel-nojda 0586 2016 T 96.5',
      '3 excel-bom-semicolon.andel-nojda 0586 2016 K 97.1',
      '4 excel-bom-semicolon.andel-nojda 0586 2016 M 95.8',
      '5 excel-bom-semicolon.andel-nojda 2029 2016 T 88',
      '6 excel-bom-semicolon.andel-nojda 2029 2016 K missing',
      '7 excel-bom-semicolon.andel-nojda 2029 2016 M suppressed',
    ]);
    expect(preview.skips).toEqual([{ line: 8, reason: 'Summeringsrad (Totalt/Summa)' }]);
  });

  it('proposes unknown internal units as new org units instead of rejecting them', async () => {
    const text =
      'Förvaltning;Månad;Sjukfrånvaro\nTekniska förvaltningen;2016-01;4,5 %\nSocialnämnden;2016-01;7,1 %\nMjölby;2016-01;5,0 %\n';
    const { d, preview } = await detectAndRead(Buffer.from(text), 'sjukfranvaro.csv');
    expect(d.newOrgUnits).toEqual([
      { code: 'tekniska-forvaltningen', name: 'Tekniska förvaltningen', level: 'forvaltning' },
      { code: 'socialnamnden', name: 'Socialnämnden', level: 'namnd' },
    ]);
    expect(d.definition).toMatchObject({
      indicators: [{ key: 'sjukfranvaro', unit: '%', decimals: 1 }],
    });
    expect(preview.rejections).toEqual([]);
    expect(preview.facts.map(brief)).toEqual([
      '2 sjukfranvaro tekniska-forvaltningen januari 2016 T 4.5',
      '3 sjukfranvaro socialnamnden januari 2016 T 7.1',
      '4 sjukfranvaro 0586 januari 2016 T 5',
    ]);
  });

  it('measures as columns become a wide layout by indicator; a known title reuses its indicator', async () => {
    const text = 'Kommunkod\tÅr\tInvånare\tArbetslöshet\n0586\t2015\t26 602\t7,2\n0884\t2015\t15 417\t6,1\n';
    const { d, preview } = await detectAndRead(Buffer.from(text), 'nyckeltal.tsv');
    expect(d.definition).toMatchObject({
      parse: { delimiter: 'tab' },
      mapping: {
        layout: 'wide',
        area: { column: 'Kommunkod' },
        period: { column: 'År' },
        wide: {
          as: 'indicator',
          map: { Invånare: 'mjolby.invanare', Arbetslöshet: 'nyckeltal.arbetsloshet' },
        },
      },
    });
    expect(preview.facts.map(brief)).toEqual([
      '2 mjolby.invanare 0586 2015 T 26602',
      '2 nyckeltal.arbetsloshet 0586 2015 T 7.2',
      '3 mjolby.invanare 0884 2015 T 15417',
      '3 nyckeltal.arbetsloshet 0884 2015 T 6.1',
    ]);
  });

  it('takes the area from the file name and the decimal point when only points are used', async () => {
    const text = 'Period;Nyckeltal;Utfall\n2016T1;Såld mark;1.4\n2016T2;Såld mark;0.25\n';
    const { d, preview } = await detectAndRead(Buffer.from(text), 'mjolby-mark.csv');
    expect(d.constants.find((c) => c.dimension === 'area')?.value).toBe('0586');
    expect(d.settings.decimal).toBe('.');
    expect(preview.facts.map(brief)).toEqual([
      '2 mjolby-mark.sald-mark 0586 T1 2016 T 1.4',
      '3 mjolby-mark.sald-mark 0586 T2 2016 T 0.25',
    ]);
  });

  it('Kolada export: the KPI id is the key, the KPI column gives the titles', async () => {
    const { d, preview } = await detectAndRead(fixture('kolada-export.csv'), 'kolada-export.csv');
    expect(d.definition).toMatchObject({
      mapping: {
        // Keys come from the labels as a run's `create` makes them, so no map is needed for them.
        indicator: { column: 'KPI-id', create: { key_prefix: 'kolada-export' } },
        area: { column: 'Kommun-id' },
        breakdown: { column: 'Kön' },
      },
      indicators: [
        { key: 'kolada-export.n01951', title: 'Invånare totalt, antal' },
        { key: 'kolada-export.u00405', title: 'Nöjd Region-Index - Helhet, index' },
      ],
    });
    expect(d.definition).not.toHaveProperty('mapping.indicator.map');
    expect(preview.factCount).toBe(6);
    expect(preview.rejections).toEqual([]);
  });

  it('refuses what it cannot propose, with a Swedish reason', async () => {
    await expect(detectDefinition(Buffer.from(''), register, { fileName: 'tom.csv' })).rejects.toThrow(
      DetectError,
    );
    // No area column and no area in the text: a national table, said so, overridable with --area.
    const national = await detectDefinition(Buffer.from('Period;Värde\n2016;5\n'), register, {
      fileName: 'x.csv',
    });
    expect(national.definition).toMatchObject({ mapping: { area: { value: '0000' } } });
    expect(national.constants).toContainEqual({
      dimension: 'area',
      value: '0000',
      why: 'ingen områdeskolumn: hela filen gäller Riket; ändra med --area',
    });
    const withArea = await detectDefinition(Buffer.from('Period;Värde\n2016;5\n'), register, {
      fileName: 'x.csv',
      area: '0586',
    });
    expect(withArea.definition).toMatchObject({ mapping: { area: { value: '0586' } } });
  });

  it('derives ids and slugs in plain ASCII', () => {
    expect(idFromFileName('/x/Befolkning 2016 (SCB).csv')).toBe('befolkning-2016-scb');
    expect(slugify('Tekniska förvaltningen')).toBe('tekniska-forvaltningen');
  });
});

describe('detect on the fixture corpus', () => {
  const corpusRegister = {
    areas: [
      { code: '0586', name: 'Mjölby' },
      { code: '0884', name: 'Vimmerby' },
      { code: '0512', name: 'Ydre' },
      { code: '2029', name: 'Leksand' },
      { code: 'KLK', name: 'Kommunledningskontoret' },
      { code: '0000', name: 'Riket' },
      { code: '0001', name: 'Stockholms län' },
      { code: '0003', name: 'Uppsala län' },
      { code: '0005', name: 'Östergötlands län' },
      { code: '0020', name: 'Dalarnas län' },
    ],
    indicators: [],
  };
  const unreadable = ['empty.csv', 'header-only.csv', 'binary.csv', 'not-delimited.txt'];
  // Where the hand-written definition and the proposal read a file differently, on purpose.
  const differs: Record<string, string> = {
    'area-by-name.csv': 'detect proposes "Okänd enhet" as a new org unit, which the corpus rejects',
    'out-of-range.csv': 'detect proposes no range rule, so -1 and 100,5 load',
    'soft-hyphen-suppression.csv': 'the corpus reads the age groups as breakdowns, detect one indicator each',
    'dash-is-zero.csv': 'a dash is zero only when the steward says so (parse.dash_is_zero)',
    'code-column-b4.csv': 'detect reads the text columns "Grupp" and "Länskod" as breakdown and indicator',
    'no-period.csv': 'detect asks for --period (no-area-no-period.test.ts in the pipeline gives it)',
  };

  it.each(corpus.filter((c) => !unreadable.includes(c.file) && differs[c.file] === undefined))(
    '$file: the proposal reads the same values as the hand-written definition',
    async ({ file, mapping, extra }) => {
      const bytes = fixture(file);
      const d = await detectDefinition(bytes, corpusRegister, { fileName: file });
      const proposed = await previewCsv(bytes, d.parsed, previewContext(corpusRegister, d.parsed), {
        factLimit: 1_000,
      });
      const written = parseSourceDefinition({
        id: 'k',
        title: 'K',
        owner: { name: 'T' },
        kind: 'csv',
        location: { inbox: 'k.csv' },
        mapping,
        ...extra,
      });
      const expected = await previewCsv(bytes, written, corpusContext, { factLimit: 1_000 });
      const key = (f: Parameters<typeof brief>[0]) => brief({ ...f, indicatorKey: '' });
      expect(proposed.error).toBeNull();
      expect(proposed.facts.map(key)).toEqual(expected.facts.map(key));
      expect(proposed.rejections.map((r) => [r.line, r.column])).toEqual(
        expected.rejections.map((r) => [r.line, r.column]),
      );
    },
  );

  it.each(unreadable)('%s: refused with a Swedish reason', async (file) => {
    await expect(detectDefinition(fixture(file), corpusRegister, { fileName: file })).rejects.toThrow(
      DetectError,
    );
  });
});

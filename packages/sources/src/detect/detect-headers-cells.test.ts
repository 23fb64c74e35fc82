import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvSourceDefinition } from '../definition.ts';
import { realCsvDir, realCsvPath } from '../fixtures/real-csv.ts';
import { detectDefinition } from './detect-definition.ts';
import { previewContext, previewCsv } from './preview.ts';

/*
 * Detect and the reader agree on where the header is and what the columns are called: the proposal
 * names columns the way the reader names them in the same file, so applying it finds every column.
 */

const register = {
  areas: [
    { code: '0586', name: 'Mjölby' },
    { code: '0884', name: 'Vimmerby' },
    { code: '0512', name: 'Ydre' },
    { code: '2029', name: 'Leksand' },
  ],
  indicators: [],
};
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));

async function detectAndPreview(bytes: Uint8Array, fileName: string, areas = register.areas) {
  const reg = { ...register, areas };
  const d = await detectDefinition(bytes, reg, { fileName });
  expect(parseCsvSourceDefinition(JSON.parse(JSON.stringify(d.definition)))).toEqual(d.parsed);
  const preview = await previewCsv(bytes, d.parsed, previewContext(reg, d.parsed), { factLimit: 10_000 });
  expect(preview.error).toBeNull();
  return { d, preview };
}

describe('detect: headers as agencies write them', () => {
  it('two header rows: the super-header line is reported and the names combine both rows', async () => {
    const { d, preview } = await detectAndPreview(fixture('two-header-rows.csv'), 'two-header-rows.csv');
    expect(d.settings).toMatchObject({
      headerLine: 4,
      superHeaderLine: 3,
      titleLines: [{ line: 1, text: 'Skolverket: Betyg årskurs 9, 2016' }],
    });
    expect(d.columns.map((c) => c.name)).toEqual([
      'Kommun',
      'Kommunkod',
      'Samtliga elever – Antal elever',
      'Samtliga elever – Andel (%)',
      'Flickor – Antal elever',
      'Flickor – Andel (%)',
    ]);
    expect(preview.summary).toMatchObject({ headerLine: 4, rowsRead: 3 });
    expect(preview.rejections).toEqual([]);
    // "~100" stays suppressed through detect's proposal as well.
    expect(
      preview.facts.find((f) => f.line === 5 && f.indicatorKey === 'two-header-rows.flickor-andel-pct'),
    ).toMatchObject({ value: null, valueNote: 'suppressed' });
  });

  it('two header rows with the labels in the upper one: the lower row is the header', async () => {
    const bytes = fixture('two-header-rows-labels-above.csv');
    const { d, preview } = await detectAndPreview(bytes, 'two-header-rows-labels-above.csv');
    expect(d.settings).toMatchObject({ headerLine: 2, superHeaderLine: 1, titleLines: [] });
    expect(d.columns.map((c) => c.name)).toEqual([
      'Kommun',
      'År',
      'Samtliga – Antal',
      'Samtliga – Andel (%)',
      'Flickor – Antal',
      'Flickor – Andel (%)',
    ]);
    expect(preview.factCount).toBe(8);
    expect(preview.rejections).toEqual([]);
  });

  it('an empty header cell (SCB\'s region column) is "kolumn 1" and found as the area column', async () => {
    const { d, preview } = await detectAndPreview(fixture('empty-header-cell.csv'), 'empty-header-cell.csv');
    expect(d.definition).toMatchObject({ mapping: { area: { column: 'kolumn 1' } } });
    expect(preview.rejections.map((r) => [r.line, r.column])).toEqual([[6, 'kolumn 1']]);
    expect(preview.factCount).toBe(4);
  });

  it('repeated names are numbered, and each column becomes its own indicator', async () => {
    const { d, preview } = await detectAndPreview(fixture('repeated-names.csv'), 'repeated-names.csv');
    expect(d.columns.map((c) => c.name)).toEqual([
      'Kommun',
      'År',
      'Antal',
      'Andel',
      'Antal (2)',
      'Andel (2)',
    ]);
    expect(d.newIndicators.map((i) => i.title)).toEqual(['Antal', 'Andel', 'Antal (2)', 'Andel (2)']);
    expect(new Set(d.newIndicators.map((i) => i.key)).size).toBe(4);
    expect(preview.factCount).toBe(8);
  });

  it('footnotes that start with the delimiter: only those after the last data row are footnotes', async () => {
    const bytes = fixture('delimiter-led-footnote.csv');
    const { d, preview } = await detectAndPreview(bytes, 'delimiter-led-footnote.csv');
    expect(d.settings).toMatchObject({ headerLine: 2, footnoteLines: [6, 8] });
    expect(preview.skips.map((s) => s.line)).toEqual([6, 7, 8]);
    expect(preview.rejections.map((r) => r.line)).toEqual([4]);
  });
});

describe('detect: cells', () => {
  it('code columns (leading zeros, "kod" in the header) are never values; "B4" is text', async () => {
    const { d, preview } = await detectAndPreview(fixture('code-column-b4.csv'), 'code-column-b4.csv');
    const role = (name: string) => d.columns.find((c) => c.name === name)?.role;
    expect(role('Värde')).toBe('value');
    for (const code of ['Grupp', 'Kommunkod', 'Länskod']) expect(role(code)).not.toMatch(/^(value|wide)$/);
    expect(preview.facts.map((f) => f.value)).toEqual([4.5, 4.7, 3.1, 3.3, 3, 2.2, 2.4, 12]);
    expect(preview.rejections.map((r) => [r.line, r.raw])).toEqual([
      [4, 'B4'],
      [9, '4 B'],
    ]);
  });

  it('the decimal sign comes from the data: ";" with a decimal point', async () => {
    const { d, preview } = await detectAndPreview(
      fixture('dot-decimal-semicolon.csv'),
      'dot-decimal-semicolon.csv',
    );
    expect(d.settings).toMatchObject({ delimiter: ';', decimal: '.' });
    expect(preview.facts.map((f) => f.value)).toEqual([7.849101, 6.626285, 185999]);
  });

  it('Socialstyrelsen\'s soft hyphens: suppressed cells count as markers, headers read "45–49"', async () => {
    const bytes = fixture('soft-hyphen-suppression.csv');
    const { d, preview } = await detectAndPreview(bytes, 'soft-hyphen-suppression.csv');
    expect(d.columns.map((c) => c.name)).toEqual(['År', 'Region', '45–49', '50–54', 'Totalt']);
    expect(d.newIndicators.map((i) => i.title)).toEqual(['45–49', '50–54', 'Totalt']);
    expect(preview.rejections).toEqual([]);
    expect(preview.facts.filter((f) => f.valueNote === 'suppressed').map((f) => f.line)).toEqual([3, 4]);
  });
});

describe.skipIf(realCsvDir === null)('detect on real exports: headers and cells', () => {
  it('Socialstyrelsen: every age column is a value column named with a dash, nothing rejected', async () => {
    const bytes = readFileSync(realCsvPath('sos-dodsorsak-prostatacancer.csv'));
    // The län resolve here by name from the file itself: the area register is not what is tested.
    const regions = [
      ...new Set(
        bytes
          .toString('utf8')
          .split('\r\n')
          .slice(2, 486)
          .map((l) => l.split(';')[1]),
      ),
    ];
    const areas = regions.map((name, i) => ({ code: `R${i}`, name: name as string }));
    const { d, preview } = await detectAndPreview(bytes, 'sos-dodsorsak-prostatacancer.csv', areas);
    const values = d.columns.filter((c) => c.role === 'wide' || c.role === 'value').map((c) => c.name);
    expect(values).toEqual([
      '45–49',
      '50–54',
      '55–59',
      '60–64',
      '65–69',
      '70–74',
      '75–79',
      '80–84',
      '85+',
      'Totalt',
    ]);
    expect(preview.rejections).toEqual([]);
    expect(preview.factCount).toBe(4840);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAreaResolver } from '../areas/resolve.ts';
import { CsvReadError } from '../csv/errors.ts';
import { readCsv } from '../csv/read-csv.ts';
import { parseCsvSourceDefinition } from '../definition.ts';
import { detectDefinition } from '../detect/detect-definition.ts';
import { looseContext, realCsvDir, realCsvPath, realCsvSkipReason } from '../fixtures/real-csv.ts';
import { readClassification } from './read-classification.ts';

const register = {
  areas: [
    { code: '0586', name: 'Mjölby' },
    { code: '0512', name: 'Ydre' },
    { code: '0884', name: 'Vimmerby' },
    { code: '2029', name: 'Leksand' },
    { code: '0005', name: 'Östergötlands län' },
  ],
  indicators: [],
};
const resolve = createAreaResolver(
  register.areas.map((a) => ({ ...a, type: 'municipality', officialCode: a.code })),
).resolve;
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const bytes = (text: string) => new TextEncoder().encode(text);

const definition = (mapping: Record<string, unknown>, delimiter = 'auto') =>
  parseCsvSourceDefinition({
    id: 'indelning',
    title: 'Indelning',
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: 'indelning/*.csv' },
    parse: { delimiter },
    mapping: { layout: 'classification', set: { key: 'test-2024', label: 'Test 2024' }, ...mapping },
  });

describe.skipIf(realCsvDir === null)(
  `SKR kommungruppsindelning 2017 ${realCsvDir === null ? realCsvSkipReason : ''}`,
  () => {
    const file = 'skl-kommungruppsindelning-2017.csv';

    it('detect proposes a classification: Kommunkod, Grupp with its name, Huvudgrupp, set skr-kommungrupper-2017', async () => {
      const d = await detectDefinition(readFileSync(realCsvPath(file)), register, { fileName: file });
      expect(d.layout).toBe('classification');
      expect(d.definition.mapping).toEqual({
        layout: 'classification',
        area: { column: 'Kommunkod' },
        group: { code: { column: 'Grupp' }, name: { column: 'Kommungrupp 2017 namn' } },
        main_group: { code: { column: 'Huvudgrupp kod' }, name: { column: 'Huvudgrupp namn' } },
        set: {
          key: 'skr-kommungrupper-2017',
          label: 'SKR:s kommungruppsindelning 2017',
          valid_from: '2017-01-01',
        },
      });
      expect(d.newIndicators).toEqual([]);
      // The JSON detect prints is what apply accepts.
      expect(parseCsvSourceDefinition(JSON.parse(JSON.stringify(d.definition)))).toEqual(d.parsed);
      expect(d.classification?.groups.find((g) => g.code === 'B4')?.name).toBe(
        'Pendlingskommun nära större stad',
      );
      expect(d.columns.find((c) => c.name === 'Länskod')?.role).toBe('ignored');
    });

    it('reads 290 rows into groups: 0586 in B4, 2029 in C9, 0180 in A1, codes kept as text', async () => {
      const d = await detectDefinition(readFileSync(realCsvPath(file)), register, { fileName: file });
      const read = await readClassification(
        readFileSync(realCsvPath(file)),
        d.parsed,
        looseContext.resolveArea,
      );
      expect(read.rowsRead).toBe(290);
      expect(read.rowsLoaded + read.skips.length + read.rowsRejected).toBe(read.rowsRead);
      expect(read.rowsLoaded).toBe(290);
      const groupOf = (area: string) => read.members.find((m) => m.areaCode === area);
      expect(groupOf('0586')).toMatchObject({ groupCode: 'B4', mainGroupCode: 'B' });
      expect(groupOf('2029')).toMatchObject({ groupCode: 'C9', mainGroupCode: 'C' });
      expect(groupOf('0180')).toMatchObject({ groupCode: 'A1', mainGroupCode: 'A' });
      const b4 = read.groups.find((g) => g.level === 'group' && g.code === 'B4');
      expect(b4).toEqual({
        code: 'B4',
        name: 'Pendlingskommun nära större stad',
        level: 'group',
        parentCode: 'B',
      });
      expect(read.groups.filter((g) => g.level === 'group')).toHaveLength(9);
      expect(read.groups.filter((g) => g.level === 'main_group').map((g) => g.code)).toEqual(['A', 'B', 'C']);
    });
  },
);

describe('a classification in another shape (comma, names only, code and name, a footnote)', () => {
  it('detect proposes it with a key from the file name, and the reader skips the blank line and footnote', async () => {
    const file = 'classification/names-comma.csv';
    const d = await detectDefinition(fixture(file), register, { fileName: file });
    expect(d.layout).toBe('classification');
    expect(d.definition.mapping).toEqual({
      layout: 'classification',
      area: { column: 'Kommun' },
      group: { code: { column: 'Jämförelsegrupp' }, name: { column: 'Gruppens namn' } },
      set: { key: 'names-comma', label: 'names-comma' },
    });
    expect(d.notes.some((n) => n.includes('set.valid_from'))).toBe(true);
    const read = await readClassification(fixture(file), d.parsed, resolve);
    expect(read.members.map((m) => `${m.areaCode}:${m.groupCode}`)).toEqual([
      '0586:B4',
      '0512:B4',
      '2029:C9',
      '0884:C9',
    ]);
    expect(read.skips.map((s) => s.reason)).toEqual(['Tom rad', 'Fotnot eller källhänvisning']);
    expect(read.rowsRead).toBe(6);
    expect(read.rowsLoaded + read.skips.length + read.rowsRejected).toBe(6);
  });

  it('a year in the header names the set and its validity', async () => {
    const text = 'Kommunkod;Grupp;Grupp 2024 namn\n0586;X1;Ett\n0512;X1;Ett\n2029;X2;Två\n0884;X2;Två\n';
    const d = await detectDefinition(bytes(text), register, { fileName: 'grupper.csv' });
    expect(d.definition.mapping).toMatchObject({
      set: { key: 'grupper-2024', label: 'grupper 2024', valid_from: '2024-01-01' },
    });
  });

  it('a file with a measure is no classification', async () => {
    const text =
      'Kommunkod;Grupp;År;Värde\n0586;B4;2016;12\n0512;B4;2016;13\n2029;C9;2016;14\n0884;C9;2016;15\n';
    const d = await detectDefinition(bytes(text), register, { fileName: 'varden.csv' });
    expect(d.layout).not.toBe('classification');
  });
});

describe('readClassification', () => {
  const mapping = {
    area: { column: 'Kommun' },
    group: { code: { column: 'Grupp' }, name: { column: 'Namn' } },
  };

  it('rejects an unknown area, an empty code, a second row for an area and a group renamed midway', async () => {
    const text = [
      'Kommun;Grupp;Namn',
      'Mjölby;B4;Pendlingskommun',
      'Atlantis;B4;Pendlingskommun',
      'Ydre;;Pendlingskommun',
      '0586;C9;Landsbygd',
      'Leksand;B4;Annat namn',
      'Vimmerby;C9;Landsbygd',
      'Totalt;;',
    ].join('\n');
    const read = await readClassification(bytes(text), definition(mapping), resolve);
    expect(read.members.map((m) => `${m.line} ${m.areaCode}:${m.groupCode}`)).toEqual([
      '2 0586:B4',
      '7 0884:C9',
    ]);
    expect(read.rejections.map((r) => `${r.line} ${r.reasonSv}`)).toEqual([
      '3 Okänt område "Atlantis": varken en känd kommunkod eller ett känt namn',
      '4 Gruppkod saknas (tom cell)',
      '5 Området 0586 är redan klassificerat på rad 2; ett område hör till en grupp i en indelning',
      '6 Gruppen B4 heter "Pendlingskommun" på rad 2 men "Annat namn" här',
    ]);
    expect(read.skips).toEqual([{ line: 8, reason: 'Summeringsrad (Totalt/Summa)' }]);
    expect(read).toMatchObject({ rowsRead: 7, rowsLoaded: 2, rowsRejected: 4 });
  });

  it('a code that looks like a number stays text: "05" and "4" are codes, never 5 or 4', async () => {
    const text = 'Kommun;Grupp;Namn\nMjölby;05;Fem\nYdre;4;Fyra\n';
    const read = await readClassification(bytes(text), definition(mapping), resolve);
    expect(read.groups.map((g) => g.code)).toEqual(['05', '4']);
  });

  it('the fact reader refuses a classification definition instead of reading values from it', async () => {
    const reader = readCsv(
      (async function* () {
        yield bytes('Kommun;Grupp;Namn\nMjölby;B4;X\n');
      })(),
      definition(mapping),
      looseContext,
    );
    await expect(reader.next()).rejects.toBeInstanceOf(CsvReadError);
  });

  it('a header without the mapped columns is a read error naming them', async () => {
    const read = readClassification(bytes('A;B\n1;2\n'), definition(mapping), resolve);
    await expect(read).rejects.toThrow(/Kommun/);
  });
});

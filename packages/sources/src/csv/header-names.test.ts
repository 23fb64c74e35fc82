import { describe, expect, it } from 'vitest';
import {
  cleanHeaderText,
  headerNamesAt,
  isSubHeader,
  isSuperHeader,
  normaliseName,
  uniqueColumnNames,
} from './header-names.ts';
import { sampleRecords } from './records.ts';

const rows = (text: string) => sampleRecords(text, { delimiter: ';', newline: '\n' }, true);
const split = (line: string) => line.split(';');

describe('column names', () => {
  it("names an empty header cell by its position, so SCB's region column can be referenced", () => {
    expect(uniqueColumnNames(['', '2015', '2016'])).toEqual(['kolumn 1', '2015', '2016']);
  });

  it('numbers repeated names by occurrence, whatever their case and spacing', () => {
    expect(uniqueColumnNames(split('Kommun;Antal;Andel;antal;Andel ;ANDEL'))).toEqual([
      'Kommun',
      'Antal',
      'Andel',
      'antal (2)',
      'Andel (2)',
      'ANDEL (3)',
    ]);
  });

  it('never gives two columns the same name, even when a header is literally "kolumn 2"', () => {
    const names = uniqueColumnNames(['kolumn 2', '', 'kolumn 2 (2)']);
    expect(names).toEqual(['kolumn 2', 'kolumn 2 (2)', 'kolumn 2 (2) (2)']);
    expect(new Set(names.map(normaliseName)).size).toBe(3);
  });

  it('drops trailing empty cells (";;" at the end of every row)', () => {
    expect(uniqueColumnNames(split('Grupp;Kommunkod;Län namn;;'))).toEqual([
      'Grupp',
      'Kommunkod',
      'Län namn',
    ]);
  });

  it("shows Socialstyrelsen's soft hyphen between digits as a dash, and matches it written any way", () => {
    expect(cleanHeaderText('45\u00AD49')).toBe('45–49');
    expect(cleanHeaderText('Kommun\u00ADgrupp')).toBe('Kommungrupp');
    expect(cleanHeaderText('\uFEFF Antal\u00A0 elever ')).toBe('Antal elever');
    for (const written of ['45-49', '45–49', '45\u00AD49', ' 45—49 ']) {
      expect(normaliseName(written)).toBe('45-49');
    }
  });
});

describe('two header rows', () => {
  it('combines groups written once over the columns they span (Skolverket), with a trailing ";"', () => {
    const records = rows(
      'Skolverket: Betyg årskurs 9\n;;Samtliga elever;;Flickor;;\nKommun;Kod;Antal elever;Andel (%);Antal elever;Andel (%);\nMjölby;0586;312;85,3;150;~100;\n',
    );
    expect(headerNamesAt(records, 2)).toEqual({
      names: [
        'Kommun',
        'Kod',
        'Samtliga elever – Antal elever',
        'Samtliga elever – Andel (%)',
        'Flickor – Antal elever',
        'Flickor – Andel (%)',
      ],
      cells: split('Kommun;Kod;Antal elever;Andel (%);Antal elever;Andel (%);'),
      superLine: 2,
    });
  });

  it('combines groups repeated in every cell they span (Skolverket SIRIS, SALSA)', () => {
    const records = rows(
      ';;Bakgrund;Bakgrund;Meritvärde;Meritvärde;Meritvärde;\nSkola;Kommun-kod;Andel (%) pojkar;Andel (%) nyinvandrade;Faktiskt värde (F);Modellberäknat värde (B);Residual (R=F-B);\n',
    );
    expect(headerNamesAt(records, 1).names).toEqual([
      'Skola',
      'Kommun-kod',
      'Bakgrund – Andel (%) pojkar',
      'Bakgrund – Andel (%) nyinvandrade',
      'Meritvärde – Faktiskt värde (F)',
      'Meritvärde – Modellberäknat värde (B)',
      'Meritvärde – Residual (R=F-B)',
    ]);
  });

  it("takes the label names from the upper row when the lower one has only the groups' parts", () => {
    const records = rows('Kommun;År;Samtliga;;Flickor;\n;;Antal;Andel (%);Antal;Andel (%)\n');
    expect(headerNamesAt(records, 1).names).toEqual([
      'Kommun',
      'År',
      'Samtliga – Antal',
      'Samtliga – Andel (%)',
      'Flickor – Antal',
      'Flickor – Andel (%)',
    ]);
  });

  const notSuper: [string, string, string][] = [
    ['a title in the first cell', 'Folkmängd efter region och år', 'region;2015;2016'],
    ['a title Excel put in the second cell', ';Tabell 1. Invånare per kommun', 'Kommun;År;Värde'],
    ['a source line, even with two cells', ';Källa: SCB;2017', 'Kommun;År;Värde'],
    ['one group over every value column', ';Samtliga elever;', 'Kommun;Antal elever;Andel (%)'],
    ['text beyond the header', 'Kommun;År;Värde;;Utskriven 2016-05-02', 'Kommun;År;Värde'],
    [
      'a sentence',
      ';Uppgifterna för 2015 är preliminära och kan komma att ändras när SCB publicerar;x',
      'A;B;C',
    ],
    ['a blank line', ';;;', 'Kommun;År;Värde'],
  ];
  it.each(notSuper)('is not a super-header: %s', (_name, upper, lower) => {
    expect(isSuperHeader(split(upper), split(lower))).toBe(false);
  });

  it('finds the second row of a header whose first row holds the labels, but never a data row', () => {
    // PxWeb-style: sexes over years.
    expect(isSubHeader(split(';Män;Män;Kvinnor;Kvinnor'), split('region;2016;2017;2016;2017'))).toBe(true);
    expect(
      isSubHeader(split('Kommun;År;Samtliga;;Flickor;'), split(';;Antal;Andel (%);Antal;Andel (%)')),
    ).toBe(true);
    // A data row under a header with an empty first cell has values, and a header of years is a header.
    expect(isSubHeader(split(';Antal;Andel'), split('0586 Mjölby;312;85,3'))).toBe(false);
    expect(isSubHeader(split(';2015;2016'), split('0586 Mjölby;1995;2001'))).toBe(false);
  });
});

import { describe, expect, test } from 'vitest';
import {
  cleanAreaText,
  createAreaResolver,
  isAreaSummaryText,
  isPublicAreaName,
  type RegisterArea,
} from './resolve.ts';

// A slice of the register (packages/warehouse/data/areas) with the areas whose forms differ; the whole
// register is checked against every form in packages/pipeline/src/steward/area-register.test.ts.
const register: RegisterArea[] = [
  { code: '0000', name: 'Riket', type: 'country' },
  { code: '0001', name: 'Region Stockholm', type: 'region', aliases: ['Stockholms län'] },
  { code: '0004', name: 'Region Sörmland', type: 'region', aliases: ['Södermanlands län'] },
  { code: '0006', name: 'Region Jönköpings län', type: 'region', aliases: ['Jönköpings län'] },
  { code: '0009', name: 'Region Gotland', type: 'region', aliases: ['Gotlands län'] },
  { code: '0012', name: 'Region Skåne', type: 'region', aliases: ['Skåne län'] },
  { code: '0014', name: 'Västra Götalandsregionen', type: 'region', aliases: ['Västra Götalands län'] },
  { code: '0019', name: 'Region Västmanland', type: 'region', aliases: ['Västmanlands län'] },
  { code: '0023', name: 'Region Jämtland Härjedalen', type: 'region', aliases: ['Jämtlands län'] },
  { code: '0012-1996', name: 'Malmöhus län', type: 'region', officialCode: '0012', validTo: '1996-12-31' },
  {
    code: 'kristianstads-lan-1996',
    name: 'Kristianstads län',
    type: 'region',
    officialCode: null,
    validTo: '1996-12-31',
  },
  {
    code: '0014-1997',
    name: 'Göteborgs och Bohus län',
    type: 'region',
    officialCode: '0014',
    validTo: '1997-12-31',
  },
  { code: '0015', name: 'Älvsborgs län', type: 'region', validTo: '1997-12-31' },
  { code: '0016', name: 'Skaraborgs län', type: 'region', validTo: '1997-12-31' },
  { code: '0180', name: 'Stockholm', type: 'municipality' },
  { code: '0331', name: 'Heby', type: 'municipality' },
  { code: '1917', name: 'Heby', type: 'municipality', validTo: '2006-12-31' },
  { code: '0586', name: 'Mjölby', type: 'municipality' },
  { code: '0980', name: 'Gotland', type: 'municipality' },
  { code: '1490', name: 'Borås', type: 'municipality' },
  { code: '1583', name: 'Borås', type: 'municipality', validTo: '1997-12-31' },
  { code: '0139', name: 'Upplands-Bro', type: 'municipality' },
  { code: '2023', name: 'Malung-Sälen', type: 'municipality', aliases: ['Malung'] },
  { code: '2080', name: 'Falun', type: 'municipality', aliases: ['Falu kommun'] },
  {
    code: 'alla-kommuner-ovagt-medel',
    name: 'Alla kommuner (ovägt medel)',
    type: 'aggregate',
    officialCode: null,
  },
  { code: 'KLK', name: 'Kommunledningskontoret', type: 'org_unit', officialCode: null },
];
const { resolve } = createAreaResolver(register);
const SHY = '\u00AD';
const NBSP = '\u00A0';

describe('createAreaResolver: every form an export uses', () => {
  test.each([
    // SCB PxWeb: code and name, län with their two-digit code
    ['00 Riket', '0000'],
    ['01 Stockholms län', '0001'],
    ['0586 Mjölby', '0586'],
    ['14 Västra Götalands län', '0014'],
    ['15 f.d. Älvsborgs län', '0015'],
    ['16 f.d. Skaraborgs län', '0016'],
    ['12 f.d. Malmöhus län', '0012-1996'],
    ['14 f.d. Göteborgs och Bohus län', '0014-1997'],
    ['11 f.d. Kristianstads län', 'kristianstads-lan-1996'],
    ['12 Skåne län', '0012'],
    ['1917 Heby', '1917'],
    ['0331 Heby', '0331'],
    ['1583 Borås', '1583'],
    // Kolada: ids, titles, ids with titles
    ['0000', '0000'],
    ['0001', '0001'],
    ['0001 Region Stockholm', '0001'],
    ['Region Stockholm', '0001'],
    ['Västra Götalandsregionen', '0014'],
    ['Region Jönköpings län', '0006'],
    ['Region Jämtland Härjedalen', '0023'],
    ['Alla kommuner (ovägt medel)', 'alla-kommuner-ovagt-medel'],
    // Socialstyrelsen, SKR: län by name
    ['Riket', '0000'],
    ['Stockholms län', '0001'],
    ['Södermanlands län', '0004'],
    ['Jämtlands län', '0023'],
    ['Västra Götalands län', '0014'],
    ['Stockholms läns landsting', '0001'],
    ['Region Skåne', '0012'],
    // names with and without "kommun", "län", "Region", a genitive s
    ['Mjölby kommun', '0586'],
    ['Mjölby', '0586'],
    ['Stockholms kommun', '0180'],
    ['Stockholms stad', '0180'],
    ['Borås kommun', '1490'],
    ['Falu kommun', '2080'],
    ['Gotlands kommun', '0980'],
    ['Region Västmanland', '0019'],
    ['Västmanlands län', '0019'],
    ['Region Södermanland', '0004'],
    ['Sörmlands län', '0004'],
    ['Skåne', '0012'],
    ['Västra Götaland', '0014'],
    ['Västra Götalands läns landsting', '0014'],
    // historical ones by name, with or without f.d.
    ['Älvsborgs län', '0015'],
    ['f.d. Älvsborgs län', '0015'],
    ['F.d. Skaraborgs län', '0016'],
    ['fd Malmöhus län', '0012-1996'],
    ['Malung', '2023'],
    ['Malung-Sälen', '2023'],
    // a bare name is today's area
    ['Heby', '0331'],
    ['Borås', '1490'],
    ['Stockholm', '0180'],
    ['Gotland', '0980'],
    ['Region Gotland', '0009'],
    ['Gotlands län', '0009'],
    // Excel dropped the leading zero
    ['586', '0586'],
    ['1', '0001'],
    // org units by code and name
    ['KLK', 'KLK'],
    ['Kommunledningskontoret', 'KLK'],
  ])('%s → %s', (cell, code) => {
    expect(resolve(cell)).toBe(code);
  });

  test.each([
    ['case', 'MJÖLBY', '0586'],
    ['case', 'stockholms LÄN', '0001'],
    ['white space around', '  0586 Mjölby  ', '0586'],
    ['a run of spaces', '01   Stockholms   län', '0001'],
    ['a tab', '01\tStockholms län', '0001'],
    ['a non-breaking space', `0586${NBSP}Mjölby`, '0586'],
    ['soft hyphens', `Stock${SHY}holms län`, '0001'],
    ['a soft hyphen alone in a name', `Mjöl${SHY}by`, '0586'],
    ['decomposed å/ä/ö (NFD)', 'Mjölby'.normalize('NFD'), '0586'],
    ['a hyphen or a space', 'Upplands Bro', '0139'],
    ['a comma instead of parentheses', 'Alla kommuner, ovägt medel', 'alla-kommuner-ovagt-medel'],
    ['a dash between code and name', '0586 - Mjölby', '0586'],
  ])('insensitive to %s: %j → %s', (_what, cell, code) => {
    expect(resolve(cell)).toBe(code);
  });

  test.each([
    ['an unknown code, even with a known name', '9999 Mjölby'],
    ['an unknown code and name', '0999 Okänd'],
    ['an unknown name', 'Ankeborg'],
    ['a number that is no code', '5 000'],
    ['a year', '2016'],
    ['a summary word', 'Totalt'],
    ['an empty cell', '   '],
    ['soft hyphens only (a suppressed cell)', `${SHY}${SHY}`],
  ])('%s stays unknown: %j', (_what, cell) => {
    expect(resolve(cell)).toBeUndefined();
  });

  test('the code decides; the name only picks among the areas that carried it', () => {
    // "1917 Heby" and "0331 Heby" are the rows of SCB's energy table before and after 2007.
    expect(resolve('1917 Heby')).not.toBe(resolve('0331 Heby'));
    expect(resolve('0586 Vimmerby')).toBe('0586');
    expect(resolve('12')).toBe('0012');
  });

  test('a name two current areas share matches neither', () => {
    const twins = createAreaResolver([
      { code: 'a', name: 'Ekonomi', type: 'org_unit' },
      { code: 'b', name: 'ekonomi', type: 'org_unit' },
    ]);
    expect(twins.resolve('Ekonomi')).toBeUndefined();
    expect(twins.resolve('a')).toBe('a');
  });

  test('a register of codes and names alone (types inferred) still resolves every form', () => {
    const plain = createAreaResolver([
      { code: '0586', name: 'Mjölby' },
      { code: '0005', name: 'Östergötlands län' },
      { code: 'KLK', name: 'Kommunledningskontoret' },
    ]);
    expect(
      ['0586 Mjölby', 'Mjölby kommun', '05 Östergötlands län', 'Region Östergötland', 'klk'].map(
        plain.resolve,
      ),
    ).toEqual(['0586', '0586', '0005', '0005', 'KLK']);
  });
});

describe('summary words and public-area names', () => {
  test.each(['Totalt', 'Total', 'Summa', 'Samtliga', 'TOTALT', ' Samtliga ', 'Totalt länet'])(
    '%j is a summary row in an area column',
    (cell) => {
      expect(isAreaSummaryText(cell)).toBe(true);
    },
  );

  test.each(['Totalförsvaret', 'Samtligas hus', 'Mjölby', 'Alla kommuner (ovägt medel)'])(
    '%j is not',
    (cell) => {
      expect(isAreaSummaryText(cell)).toBe(false);
    },
  );

  test.each([
    'Kopparbergs län',
    'f.d. Kopparbergs län',
    'Region Ankeborg',
    'Ankeborgs kommun',
    'Alla regioner (ovägt medel)',
    'Riket',
    'Landstinget i Ankeborg',
  ])('%j names a public area by its form (never an org unit)', (cell) => {
    expect(isPublicAreaName(cell)).toBe(true);
  });

  test.each(['Socialnämnden', 'Tekniska förvaltningen', 'KSF', 'Kommunledningskontoret'])(
    '%j could be an internal unit',
    (cell) => {
      expect(isPublicAreaName(cell)).toBe(false);
    },
  );

  test('cleanAreaText folds white space and drops soft hyphens', () => {
    expect(cleanAreaText(` 01${NBSP}Stock${SHY}holms\t län `)).toBe('01 Stockholms län');
  });
});

import { readFileSync } from 'node:fs';
import { sharedAbsentNote, sharedFile } from '@malkoll/testing';
import { describe, expect, test } from 'vitest';
import { type ReferenceArea, referenceRegister } from './area-register.ts';
import { parseDataCsv } from './csv.ts';

// Copied verbatim (generated, not retyped) from the real Kolada records in the shared fixtures
// v3-municipality-selection.json and v3-municipality-groups-liknande-overgripande.json, so the table
// is checked against Kolada's own ids and titles rather than against itself.
const KOLADA_MUNICIPALITY_SELECTION = [
  { id: '0000', title: 'Riket', type: 'L' },
  { id: '0005', title: 'Region Östergötland', type: 'L' },
  { id: '0008', title: 'Region Kalmar', type: 'L' },
  { id: '0020', title: 'Region Dalarna', type: 'L' },
  { id: '0586', title: 'Mjölby', type: 'K' },
  { id: '0884', title: 'Vimmerby', type: 'K' },
  { id: '2029', title: 'Leksand', type: 'K' },
  { id: '2081', title: 'Borlänge', type: 'K' },
] as const;

const KOLADA_LIKNANDE_GROUPS = [
  {
    id: 'G37466',
    title: 'Liknande kommuner, övergripande, Mjölby, 2025',
    members: [
      { member_id: '0662', member_title: 'Gislaved' },
      { member_id: '0882', member_title: 'Oskarshamn' },
      { member_id: '1082', member_title: 'Karlshamn' },
      { member_id: '1267', member_title: 'Höör' },
      { member_id: '1491', member_title: 'Ulricehamn' },
      { member_id: '1493', member_title: 'Mariestad' },
      { member_id: '2184', member_title: 'Hudiksvall' },
    ],
  },
  {
    id: 'G37442',
    title: 'Liknande kommuner, övergripande, Leksand, 2025',
    members: [
      { member_id: '0781', member_title: 'Ljungby' },
      { member_id: '0840', member_title: 'Mörbylånga' },
      { member_id: '1264', member_title: 'Skurup' },
      { member_id: '1421', member_title: 'Orust' },
      { member_id: '1471', member_title: 'Götene' },
      { member_id: '2061', member_title: 'Smedjebacken' },
      { member_id: '2321', member_title: 'Åre' },
    ],
  },
  {
    id: 'G37343',
    title: 'Liknande kommuner, övergripande, Borlänge, 2025',
    members: [
      { member_id: '0188', member_title: 'Norrtälje' },
      { member_id: '0480', member_title: 'Nyköping' },
      { member_id: '0682', member_title: 'Nässjö' },
      { member_id: '1293', member_title: 'Hässleholm' },
      { member_id: '1485', member_title: 'Uddevalla' },
      { member_id: '1487', member_title: 'Vänersborg' },
      { member_id: '2181', member_title: 'Sandviken' },
    ],
  },
  {
    id: 'G37579',
    title: 'Liknande kommuner, övergripande, Vimmerby, 2025',
    members: [
      { member_id: '0561', member_title: 'Åtvidaberg' },
      { member_id: '0665', member_title: 'Vaggeryd' },
      { member_id: '1214', member_title: 'Svalöv' },
      { member_id: '1266', member_title: 'Hörby' },
      { member_id: '1267', member_title: 'Höör' },
      { member_id: '1462', member_title: 'Lilla Edet' },
      { member_id: '1984', member_title: 'Arboga' },
    ],
  },
] as const;

const { areas, changes } = referenceRegister();
const current = areas.filter((area) => area.validTo === null);
const byCode = new Map(areas.map((area) => [area.code, area]));
const ofType = (type: ReferenceArea['type']) => current.filter((area) => area.type === type);
const brief = (a: ReferenceArea | undefined) =>
  a === undefined ? undefined : { code: a.code, name: a.name, type: a.type, parentCode: a.parentCode };

describe('the register loaded from data/areas', () => {
  test('holds exactly one country, 21 current län and 290 current municipalities', () => {
    expect(ofType('country')).toHaveLength(1);
    expect(ofType('region')).toHaveLength(21);
    expect(ofType('municipality')).toHaveLength(290);
  });

  test('every key is unique; public areas have four-digit codes, historical ones may carry a year', () => {
    expect(byCode.size).toBe(areas.length);
    for (const area of areas.filter((a) => a.type !== 'aggregate')) {
      expect(area.code).toMatch(/^\d{4}(?:-\d{4})?$|^[a-z-]+-\d{4}$/);
    }
  });

  test('names are unique among current areas of a type and never carry the word "kommun"', () => {
    for (const type of ['region', 'municipality'] as const) {
      const names = ofType(type).map((area) => area.name);
      expect(new Set(names).size).toBe(names.length);
    }
    for (const area of ofType('municipality')) expect(area.name).not.toMatch(/kommun/i);
  });

  test('Riket and the aggregates are the only roots, and every current region hangs directly under Riket', () => {
    expect(current.filter((area) => area.parentCode === null).map((a) => [a.code, a.type])).toEqual([
      ['0000', 'country'],
      ['alla-kommuner-ovagt-medel', 'aggregate'],
    ]);
    for (const region of ofType('region')) {
      expect(region.parentCode).toBe('0000');
      expect(region.code.startsWith('00')).toBe(true);
    }
  });

  test("each current municipality's parent is the region '00' + its first two digits", () => {
    for (const municipality of ofType('municipality')) {
      expect(municipality.parentCode).toBe(`00${municipality.code.slice(0, 2)}`);
      expect(byCode.get(municipality.parentCode ?? '')?.type).toBe('region');
    }
  });

  test('every current län is published under its SCB name too ("Stockholms län" for Region Stockholm)', () => {
    expect(byCode.get('0001')?.aliases).toContain('Stockholms län');
    expect(byCode.get('0014')?.aliases).toContain('Västra Götalands län');
    for (const region of ofType('region')) expect(region.aliases.some((a) => a.endsWith(' län'))).toBe(true);
  });
});

describe('history from changes.csv', () => {
  test('1917 Heby is its own area until 2006-12-31, recoded to 0331 Heby from 2007-01-01', () => {
    expect(byCode.get('1917')).toMatchObject({ name: 'Heby', validTo: '2006-12-31', parentCode: '0019' });
    expect(byCode.get('0331')).toMatchObject({ name: 'Heby', validFrom: '2007-01-01', validTo: null });
    expect(changes).toContainEqual(
      expect.objectContaining({ fromCode: '1917', toCode: '0331', kind: 'recoded' }),
    );
  });

  test.each([
    ['0330', 'Knivsta', '2003-01-01', '0380'],
    ['0140', 'Nykvarn', '1999-01-01', '0181'],
    ['0461', 'Gnesta', '1992-01-01', '0480'],
    ['1814', 'Lekeberg', '1995-01-01', '1880'],
    // Bollebygd left Borås in 1995, when Borås was still 1583 in Älvsborgs län.
    ['1443', 'Bollebygd', '1995-01-01', '1583'],
  ])('%s %s exists from %s, split from %s', (code, name, from, parent) => {
    expect(byCode.get(code)).toMatchObject({ name, validFrom: from, validTo: null });
    expect(changes).toContainEqual(
      expect.objectContaining({ fromCode: parent, toCode: code, kind: 'split' }),
    );
  });

  test.each([
    ['0015', 'Älvsborgs län', '0015', '1997-12-31', '0014'],
    ['0016', 'Skaraborgs län', '0016', '1997-12-31', '0014'],
    ['0014-1997', 'Göteborgs och Bohus län', '0014', '1997-12-31', '0014'],
    ['0012-1996', 'Malmöhus län', '0012', '1996-12-31', '0012'],
    ['kristianstads-lan-1996', 'Kristianstads län', null, '1996-12-31', '0012'],
  ])('%s %s (published code %s) ends %s, merged into %s', (code, name, official, validTo, into) => {
    expect(byCode.get(code)).toMatchObject({ name, type: 'region', officialCode: official, validTo });
    expect(changes).toContainEqual(expect.objectContaining({ fromCode: code, toCode: into, kind: 'merged' }));
  });

  test('1583 Borås hangs under Älvsborgs län, the län of its time; Malung is a former name of 2023', () => {
    expect(byCode.get('1583')).toMatchObject({ name: 'Borås', parentCode: '0015', validTo: '1997-12-31' });
    expect(byCode.get('2023')).toMatchObject({ name: 'Malung-Sälen', aliases: ['Malung'] });
  });

  test('every change joins two areas of the register, the older one ending the day before', () => {
    for (const c of changes) {
      const from = byCode.get(c.fromCode);
      const to = byCode.get(c.toCode);
      expect(from, c.fromCode).toBeDefined();
      expect(to?.validFrom === null || (to?.validFrom ?? '') <= c.effectiveDate).toBe(true);
      if (c.kind !== 'split')
        expect(from?.validTo !== null && (from?.validTo ?? '') < c.effectiveDate).toBe(true);
    }
  });

  test('the aggregate is its own kind, not Riket and not an org unit', () => {
    expect(byCode.get('alla-kommuner-ovagt-medel')).toMatchObject({
      name: 'Alla kommuner (ovägt medel)',
      type: 'aggregate',
      officialCode: null,
    });
  });
});

// ../shared/fixtures/reference: the SCB list the data was copied from. Read where it is, never copied.
const scbFile = sharedFile('fixtures/reference/scb-lan-och-kommuner-2025.csv');

describe.skipIf(scbFile === null)(
  `agreement with SCB "Län och kommuner 2025" ${scbFile ? '' : sharedAbsentNote}`,
  () => {
    test("the current län and municipalities are exactly SCB's codes and names", () => {
      // SCB's file: 7 header lines, then `code;name;;;` rows, CRLF.
      const scb = readFileSync(scbFile as string, 'utf8')
        .split(/\r?\n/)
        .slice(7)
        .filter((line) => line.trim() !== '')
        .map((line) => line.split(';').slice(0, 2) as [string, string]);
      const ours = current
        .filter((a) => a.type === 'region' || a.type === 'municipality')
        .map((a): [string, string] =>
          a.type === 'region' ? [a.code.slice(2), a.aliases[0] ?? a.name] : [a.code, a.name],
        );
      expect(new Map(ours)).toEqual(new Map(scb));
    });

    test("the Kolada region titles are the derived file's", () => {
      const kolada = parseDataCsv(
        readFileSync(sharedFile('fixtures/reference/kolada-region-to-scb-lan-derived.csv') as string, 'utf8'),
        'kolada',
      );
      for (const row of kolada) expect(byCode.get(row.kolada_id as string)?.name).toBe(row.kolada_title);
    });
  },
);

describe('municipalities per county', () => {
  const expectedCounts: ReadonlyArray<readonly [string, string, number]> = [
    ['0001', 'Stockholms län', 26],
    ['0003', 'Uppsala län', 8],
    ['0004', 'Södermanlands län', 9],
    ['0005', 'Östergötlands län', 13],
    ['0006', 'Jönköpings län', 13],
    ['0007', 'Kronobergs län', 8],
    ['0008', 'Kalmar län', 12],
    ['0009', 'Gotlands län', 1],
    ['0010', 'Blekinge län', 5],
    ['0012', 'Skåne län', 33],
    ['0013', 'Hallands län', 6],
    ['0014', 'Västra Götalands län', 49],
    ['0017', 'Värmlands län', 16],
    ['0018', 'Örebro län', 12],
    ['0019', 'Västmanlands län', 10],
    ['0020', 'Dalarnas län', 15],
    ['0021', 'Gävleborgs län', 10],
    ['0022', 'Västernorrlands län', 7],
    ['0023', 'Jämtlands län', 8],
    ['0024', 'Västerbottens län', 15],
    ['0025', 'Norrbottens län', 14],
  ];

  test('the expected counts cover every region and add up to 290', () => {
    expect(expectedCounts.map(([code]) => code)).toEqual(ofType('region').map((region) => region.code));
    expect(expectedCounts.reduce((sum, [, , count]) => sum + count, 0)).toBe(290);
  });

  test.each(expectedCounts)('region %s (%s) has %i municipalities', (regionCode, _county, count) => {
    expect(ofType('municipality').filter((area) => area.parentCode === regionCode)).toHaveLength(count);
  });
});

describe('agreement with real Kolada records', () => {
  const koladaType = { L: ['country', 'region'], K: ['municipality'] } as const;

  test.each(KOLADA_MUNICIPALITY_SELECTION)(
    'Kolada /municipality $id $title matches by id and title',
    (record) => {
      const area = byCode.get(record.id);
      expect(area?.name).toBe(record.title);
      expect(koladaType[record.type]).toContain(area?.type);
    },
  );

  const members = KOLADA_LIKNANDE_GROUPS.flatMap((group) =>
    group.members.map((member) => ({ group: group.title, ...member })),
  );

  test.each(members)('member $member_id $member_title of $group matches by id and title', (member) => {
    expect(byCode.get(member.member_id)).toMatchObject({ name: member.member_title, type: 'municipality' });
  });

  test.each(KOLADA_LIKNANDE_GROUPS)('the municipality a group is named after exists ($title)', (group) => {
    const homeName = group.title.split(', ')[2];
    expect(ofType('municipality').some((area) => area.name === homeName)).toBe(true);
  });
});

describe('spot checks', () => {
  test.each([
    ['0114', 'Upplands Väsby', '0001'],
    ['0139', 'Upplands-Bro', '0001'],
    ['0180', 'Stockholm', '0001'],
    ['0330', 'Knivsta', '0003'],
    ['0586', 'Mjölby', '0005'],
    ['0884', 'Vimmerby', '0008'],
    ['0980', 'Gotland', '0009'],
    ['1256', 'Östra Göinge', '0012'],
    ['1280', 'Malmö', '0012'],
    ['1438', 'Dals-Ed', '0014'],
    ['1480', 'Göteborg', '0014'],
    ['2023', 'Malung-Sälen', '0020'],
    ['2029', 'Leksand', '0020'],
    ['2081', 'Borlänge', '0020'],
    ['2584', 'Kiruna', '0025'],
  ])('%s is %s in region %s', (code, name, parentCode) => {
    expect(brief(byCode.get(code))).toEqual({ code, name, type: 'municipality', parentCode });
  });

  test.each([
    ['0001', 'Region Stockholm'],
    ['0004', 'Region Sörmland'],
    ['0014', 'Västra Götalandsregionen'],
    ['0023', 'Region Jämtland Härjedalen'],
  ])('region %s is %s', (code, name) => {
    expect(brief(byCode.get(code))).toEqual({ code, name, type: 'region', parentCode: '0000' });
  });

  test('codes no source gives are absent, and merged-away län are historical, never current', () => {
    // 02 vanished in 1968 and 11 (Kristianstads län, 1997) has no source in the data; SCB uses 9999 for
    // "unknown". 15 and 16 are the historical Älvsborgs and Skaraborgs län.
    for (const code of ['0002', '0011', '1200', '9999']) expect(byCode.has(code)).toBe(false);
    for (const code of ['0015', '0016']) expect(byCode.get(code)?.validTo).not.toBeNull();
  });
});

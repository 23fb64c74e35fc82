import { describe, expect, test } from 'vitest';
import { type AreaRecord, SWEDISH_AREAS } from './areas.ts';

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

const byCode = new Map(SWEDISH_AREAS.map((area) => [area.code, area]));
const ofType = (type: AreaRecord['type']) => SWEDISH_AREAS.filter((area) => area.type === type);

describe('SWEDISH_AREAS shape', () => {
  test('holds exactly one country, 21 regions and 290 municipalities', () => {
    expect(ofType('country')).toHaveLength(1);
    expect(ofType('region')).toHaveLength(21);
    expect(ofType('municipality')).toHaveLength(290);
    expect(SWEDISH_AREAS).toHaveLength(312);
  });

  test('every code is unique and exactly four digits', () => {
    expect(byCode.size).toBe(SWEDISH_AREAS.length);
    for (const area of SWEDISH_AREAS) expect(area.code).toMatch(/^\d{4}$/);
  });

  test('names are unique within a type and never carry the word "kommun"', () => {
    for (const type of ['region', 'municipality'] as const) {
      const names = ofType(type).map((area) => area.name);
      expect(new Set(names).size).toBe(names.length);
    }
    for (const area of ofType('municipality')) expect(area.name).not.toMatch(/kommun/i);
  });

  test('Riket is the only root and every region hangs directly under it', () => {
    expect(SWEDISH_AREAS.filter((area) => area.parentCode === null)).toEqual([
      { code: '0000', name: 'Riket', type: 'country', parentCode: null },
    ]);
    for (const region of ofType('region')) {
      expect(region.parentCode).toBe('0000');
      expect(region.code.startsWith('00')).toBe(true);
    }
  });

  test("each municipality's parent is the region '00' + its first two digits, and that region exists", () => {
    for (const municipality of ofType('municipality')) {
      expect(municipality.parentCode).toBe(`00${municipality.code.slice(0, 2)}`);
      expect(byCode.get(municipality.parentCode ?? '')?.type).toBe('region');
    }
  });
});

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
    expect(byCode.get(code)).toEqual({ code, name, type: 'municipality', parentCode });
  });

  test.each([
    ['0001', 'Region Stockholm'],
    ['0004', 'Region Sörmland'],
    ['0014', 'Västra Götalandsregionen'],
    ['0023', 'Region Jämtland Härjedalen'],
  ])('region %s is %s', (code, name) => {
    expect(byCode.get(code)).toEqual({ code, name, type: 'region', parentCode: '0000' });
  });

  test('codes of counties merged away and placeholder codes are absent', () => {
    // County codes 02, 11, 15 and 16 vanished in the 1968 and 1997–98 county mergers; SCB uses 9999 for "unknown".
    for (const code of ['0002', '0011', '0015', '0016', '1200', '9999']) expect(byCode.has(code)).toBe(false);
  });
});

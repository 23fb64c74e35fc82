import { readFileSync } from 'node:fs';
import { createAreaResolver, previewContext } from '@malkoll/sources';
import { sharedAbsentNote, sharedFile } from '@malkoll/testing';
import { referenceAreas } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectSample } from './sample.ts';
import { loadDetectRegister } from './steward.ts';

// The whole bundled register through the one resolver, and detect on real exports against the register
// `malkoll migrate` loads.

describe('every current area of the register resolves in every form', () => {
  const areas = referenceAreas();
  const { resolve } = createAreaResolver(areas);
  const current = areas.filter((a) => a.validTo === null);

  test.each(current.filter((a) => a.type === 'municipality').map((a) => [a.code, a.name] as const))(
    'municipality %s %s',
    (code, name) => {
      const genitive = name.endsWith('s') ? name : `${name}s`;
      const forms = [
        code,
        `${code} ${name}`,
        name,
        name.toLocaleUpperCase('sv'),
        `${name} kommun`,
        `${genitive} kommun`,
      ];
      expect(forms.map((form) => [form, resolve(form)])).toEqual(forms.map((form) => [form, code]));
    },
  );

  test.each(
    current.filter((a) => a.type === 'region').map((a) => [a.code, a.name, a.aliases[0] ?? ''] as const),
  )('län %s %s (%s)', (code, koladaTitle, scbName) => {
    const lan = code.slice(2);
    const forms = [
      code,
      `${code} ${koladaTitle}`,
      koladaTitle,
      lan,
      `${lan} ${scbName}`,
      scbName,
      `Region ${scbName}`,
    ];
    expect(forms.map((form) => [form, resolve(form)])).toEqual(forms.map((form) => [form, code]));
  });

  test('Riket as SCB and Kolada write it', () => {
    expect(['00 Riket', '0000', '00', 'Riket', 'RIKET'].map(resolve)).toEqual(Array(5).fill('0000'));
  });
});

// ../shared/fixtures/real-csv: public agencies' exports, read where they are and never copied.
const real = (name: string) => sharedFile(`fixtures/real-csv/${name}`) ?? name;
const haveShared = sharedFile('fixtures/real-csv/README.md') !== null;

describe.skipIf(!haveShared)(
  `detect on real exports against the migrated register ${haveShared ? '' : sharedAbsentNote}`,
  () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase();
    });
    afterAll(() => t.drop());

    test('Socialstyrelsen: Riket and the 21 län by name all resolve, no org unit is proposed', async () => {
      const file = 'sos-dodsorsak-prostatacancer.csv';
      const { detection, preview, register } = await detectSample(
        t.db,
        readFileSync(real(file)),
        { fileName: file },
        10_000,
      );
      expect(register.fromWarehouse).toBe(true);
      expect(detection.newOrgUnits).toEqual([]);
      const regionColumn = detection.columns.find((c) => c.name === 'Region');
      expect(regionColumn?.role).toBe('area');
      const areas = new Set(preview.facts.map((f) => f.areaCode));
      expect([...areas].sort()).toEqual(
        register.areas
          .filter((a) => (a.type === 'region' || a.type === 'country') && a.validTo === null)
          .map((a) => a.code)
          .sort(),
      );
      expect(areas.size).toBe(22);
      expect(preview.rejections.filter((r) => r.column === 'Region')).toEqual([]);
    });

    test('Kolada: "Alla kommuner (ovägt medel)" is the aggregate, never an org unit; every name resolves', async () => {
      const file = 'kolada-bakgrund-2008-2012.csv';
      const { detection, preview } = await detectSample(
        t.db,
        readFileSync(real(file)),
        { fileName: file },
        20_000,
      );
      expect(detection.newOrgUnits).toEqual([]);
      expect(detection.definition).not.toHaveProperty('org_units');
      expect(preview.rejections.filter((r) => r.column === 'Kommun/Landsting')).toEqual([]);
      // README: `Alla kommuner (ovägt medel)`, `Arbetslöshet, (%)`, 2010 = 8.01738872
      const mean = preview.facts.filter((f) => f.areaCode === 'alla-kommuner-ovagt-medel');
      expect(mean.map((f) => [f.line, f.period.label, f.value])).toContainEqual([4, '2010', 8.01738872]);
      const areas = await t.db
        .selectFrom('dim.areas')
        .select('type')
        .where('code', '=', 'alla-kommuner-ovagt-medel')
        .executeTakeFirst();
      expect(areas?.type).toBe('aggregate');
    });

    test('SCB energy: all 315 region labels resolve, to 315 different areas (1917 Heby is not 0331 Heby)', async () => {
      const text = new TextDecoder('windows-1252').decode(
        readFileSync(real('scb-energi-slutanvandning-kommun.csv')),
      );
      const labels = [
        ...new Set(
          text
            .split('\n')
            .slice(1)
            .filter(Boolean)
            .map((line) => line.split('","')[0]?.slice(1) ?? ''),
        ),
      ];
      expect(labels).toHaveLength(315);
      const register = await loadDetectRegister(t.db);
      const { resolveArea } = previewContext(register, { org_units: [], indicators: [] } as never);
      const resolved = new Map(labels.map((label) => [label, resolveArea(label)]));
      expect([...resolved].filter(([, code]) => code === undefined)).toEqual([]);
      expect(new Set(resolved.values()).size).toBe(315);
      expect(resolved.get('1917 Heby')).toBe('1917');
      expect(resolved.get('0331 Heby')).toBe('0331');
      expect(resolved.get('00 Riket')).toBe('0000');
      expect(resolved.get('01 Stockholms län')).toBe('0001');
      expect(resolved.get('15 f.d. Älvsborgs län')).toBe('0015');
      expect(resolved.get('16 f.d. Skaraborgs län')).toBe('0016');
    });

    test('SCB births: every "0586 Mjölby" label is a current municipality', async () => {
      const file = 'scb-levande-fodda-kommun.csv';
      const { detection, preview } = await detectSample(
        t.db,
        readFileSync(real(file)),
        { fileName: file },
        10_000,
      );
      expect(detection.newOrgUnits).toEqual([]);
      expect(new Set(preview.facts.map((f) => f.areaCode)).size).toBe(290);
      expect(preview.rejections.filter((r) => r.column === 'region')).toEqual([]);
    });
  },
);

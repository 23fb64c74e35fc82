import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/http-server.ts';
import type { KoladaKpi } from './client.ts';
import { koladaIndicator, koladaYears, mapKoladaRow, unitFromKoladaTitle } from './map.ts';

describe('Kolada values', () => {
  it('maps genders T/K/M to the breakdown and keeps the values', () => {
    const page = readFixture<{
      values: { kpi: string; municipality: string; period: number; values: never[] }[];
    }>('kolada/synthetic-v3-data-page1.json');
    const row = page.values[0];
    if (!row) throw new Error('fixture changed');
    const mapped = mapKoladaRow({ ...row, unit: row.municipality });
    expect(mapped.values.map((v) => [v.breakdown, v.value, v.valueNote, v.period.label])).toEqual([
      ['K', 16000, null, '2023'],
      ['M', 16500, null, '2023'],
      ['T', 32500, null, '2023'],
    ]);
  });

  it('turns status "Missing" with value null into a null value noted missing, keeping the flag', () => {
    const mapped = mapKoladaRow({
      kpi: 'N00670',
      unit: '2029',
      period: 2023,
      values: [{ gender: 'T', status: 'Missing', value: null }],
    });
    expect(mapped.values).toEqual([
      expect.objectContaining({ breakdown: 'T', value: null, valueNote: 'missing', status: 'Missing' }),
    ]);
  });

  it('never turns a null value into 0, even without a status', () => {
    const mapped = mapKoladaRow({
      kpi: 'X',
      unit: '0586',
      period: 2024,
      values: [{ gender: 'K', status: '', value: null }],
    });
    expect(mapped.values[0]).toMatchObject({ value: null, valueNote: 'missing' });
  });

  it('leaves out values marked isdeleted and reports an unknown gender as a problem', () => {
    const mapped = mapKoladaRow({
      kpi: 'X',
      unit: '0586',
      period: 2024,
      values: [
        { gender: 'T', value: 1, isdeleted: true },
        { gender: 'X', value: 2 },
      ],
    });
    expect(mapped.deleted).toBe(1);
    expect(mapped.values).toEqual([]);
    expect(mapped.problems.map((p) => p.reasonSv)).toEqual(['Okänt kön "X" (väntade T, K eller M)']);
  });
});

describe('KPI metadata → indicator', () => {
  const kpis = readFixture<{ values: KoladaKpi[] }>('kolada/v3-kpi-metadata-selection.json').values;
  const byId = (id: string) => kpis.find((k) => k.id === id) as KoladaKpi;

  it('takes title, description, publication date and has_ou_data from Kolada', () => {
    const ind = koladaIndicator(byId('N01951'), 'kolada');
    expect(ind).toMatchObject({
      key: 'kolada.n01951',
      title: 'Invånare totalt, antal',
      unit: 'antal',
      decimals: 0,
      externalIds: { kolada: 'N01951' },
      sourceMetadata: { kolada: { publication_date: '2027-02-24', has_ou_data: false, publ_period: '2026' } },
    });
    expect(ind.description).toContain('Antal invånare totalt den 31/12');
  });

  it('lets the definition override key, unit and direction', () => {
    const ind = koladaIndicator(byId('N00090'), 'kolada', {
      key: 'leksand.sjukfranvaro',
      direction: 'lower',
    });
    expect(ind).toMatchObject({ key: 'leksand.sjukfranvaro', direction: 'lower', unit: '%' });
  });

  it.each([
    ['Invånare totalt, antal', 'antal'],
    ['Medborgarundersökningen - Kan rekommendera andra att flytta till kommunen, andel (%)', '%'],
    ['Företagsklimat Insikt - Totalt, Index, ny definition', 'index'],
    ['Befolkningsförändring i antal invånare sedan föregående år, procent', '%'],
  ])('reads the unit of "%s" as %s', (title, unit) => {
    expect(unitFromKoladaTitle(title).unit).toBe(unit);
  });
});

describe('years to ask for', () => {
  it('asks for the whole range on a first run and only the latest years on an incremental one', () => {
    expect(koladaYears({ from: 2018 }, 2026, null)).toEqual([
      2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
    expect(koladaYears({ from: 2018 }, 2026, { recentYears: 3 })).toEqual([2024, 2025, 2026]);
    expect(koladaYears({ from: 2025, to: 2026 }, 2026, { recentYears: 3 })).toEqual([2025, 2026]);
  });
});

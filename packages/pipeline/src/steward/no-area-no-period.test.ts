import { readFileSync } from 'node:fs';
import { DetectError, type Preview, parseCsvSourceDefinition } from '@malkoll/sources';
import { describe, expect, it } from 'vitest';
import { checkSample, detectSample } from './sample.ts';

// Files without an area or a period column, through detect (with --period where needed) and check,
// against the bundled area register (Riket, the län and the municipalities; no database): what
// `sources detect` and `sources check` do when no warehouse can be reached.

const fixture = (name: string) => readFileSync(new URL(`../../../sources/fixtures/${name}`, import.meta.url));

const facts = (p: Preview) =>
  p.facts.map(
    (f) => `${f.indicatorKey} ${f.areaCode} ${f.period.label} ${f.breakdown} ${f.value ?? f.valueNote}`,
  );

/** detect → the definition as `--json` prints it → check, as a steward does. */
async function detectThenCheck(file: string, options: { area?: string; period?: string } = {}) {
  const bytes = fixture(file);
  const { detection } = await detectSample(null, bytes, { fileName: file, ...options }, null);
  const definition = parseCsvSourceDefinition(JSON.parse(JSON.stringify(detection.definition)));
  const check = await checkSample(null, bytes, definition, 100);
  expect(check.preview.error).toBeNull();
  expect(check.preview.rejections).toEqual([]);
  return { detection, check, bytes, definition };
}

describe('a national table (no area column) is Riket', () => {
  it('loads to 0000 with the proposal saying so', async () => {
    const { detection, check } = await detectThenCheck('national-table.csv');
    expect(detection.constants).toContainEqual({
      dimension: 'area',
      value: '0000',
      why: 'ingen områdeskolumn: hela filen gäller Riket; ändra med --area',
    });
    expect(detection.notes[0]).toMatch(
      /^Filen har ingen kolumn med område .*hela filen läses som Riket \(0000\)/,
    );
    expect(detection.profile?.name).toBe('SCB PxWeb-export');
    expect(facts(check.preview)).toEqual([
      'national-table.folkmangd 0000 2020 T 10379295',
      'national-table.folkmangd 0000 2021 T 10452326',
      'national-table.folkmangd 0000 2022 T 10521556',
    ]);
  });

  it('--area by name overrides Riket, in detect and in check', async () => {
    const { detection } = await detectThenCheck('national-table.csv', { area: 'Stockholms län' });
    expect(detection.definition.mapping).toMatchObject({ area: { value: '0001' } });
    expect(detection.constants).toContainEqual({
      dimension: 'area',
      value: '0001',
      why: 'angivet med --area Stockholms län',
    });
    const { bytes, definition } = await detectThenCheck('national-table.csv');
    const checked = await checkSample(null, bytes, definition, 100, { area: '0586 Mjölby' });
    expect(checked.definition.mapping.area).toEqual({ value: '0586' });
    expect(facts(checked.preview)[0]).toBe('national-table.folkmangd 0586 2020 T 10379295');
  });
});

describe('a län-only table', () => {
  it('loads each "01 Stockholms län" to its region', async () => {
    const { check } = await detectThenCheck('lan-only.csv');
    expect(facts(check.preview)).toEqual([
      'lan-only.medelalder 0001 2021 T 39.6',
      'lan-only.medelalder 0001 2022 T 39.8',
      'lan-only.medelalder 0003 2021 T 40.1',
      'lan-only.medelalder 0003 2022 T 40.3',
      'lan-only.medelalder 0005 2021 T 41.9',
      'lan-only.medelalder 0005 2022 T 42',
      'lan-only.medelalder 0020 2021 T 44.3',
      'lan-only.medelalder 0020 2022 T 44.4',
    ]);
  });
});

describe('a file with no period', () => {
  it('detect says exactly that and asks for --period', async () => {
    const error = await detectSample(
      null,
      fixture('no-period.csv'),
      { fileName: 'no-period.csv' },
      null,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DetectError);
    expect((error as DetectError).needs).toEqual(['period']);
    expect((error as DetectError).message).toMatch(
      /^Hittar ingen period: .* med --period \(i guiden: fältet Period\)/,
    );
  });

  it.each([
    ['2024', '2024'],
    ['2016K1', 'kv1 2016'],
    ['2014M03', 'mars 2014'],
  ])('--period %s loads every row to %s', async (period, label) => {
    const { detection, check } = await detectThenCheck('no-period.csv', { period });
    expect(detection.constants).toContainEqual({
      dimension: 'period',
      value: period,
      why: 'angiven med --period',
    });
    expect(facts(check.preview)).toEqual([
      `no-period.antal-invanare 0586 ${label} T 33081`,
      `no-period.antal-invanare 0884 ${label} T 15469`,
      `no-period.antal-invanare 2029 ${label} T 15992`,
    ]);
  });

  it('check --period reads a saved definition with another period', async () => {
    const { bytes, definition } = await detectThenCheck('no-period.csv', { period: '2024' });
    const checked = await checkSample(null, bytes, definition, 100, { period: '2025' });
    expect('period' in checked.definition.mapping && checked.definition.mapping.period).toEqual({
      value: '2025',
    });
    expect(facts(checked.preview)[0]).toBe('no-period.antal-invanare 0586 2025 T 33081');
  });
});

describe('a Skolverket export: two header rows, trailing ";", the school year in the title', () => {
  it('loads with no options: läsåret 2022/23 is 2023, ~100 and .. are empty, never 100', async () => {
    const { detection, check } = await detectThenCheck('skolverket-two-header-rows.csv');
    expect(detection.profile?.name).toBe('Skolverket');
    expect(detection.settings).toMatchObject({ headerLine: 4, superHeaderLine: 3 });
    // Keys are indicatorKeyForLabel's: "%" spelt out, a slug over 60 characters ends in a hash of the label.
    const key = 'skolverket-two-header-rows.samtliga-elever';
    expect(facts(check.preview)).toEqual([
      `${key}-antal-elever 0586 2023 T 312`,
      `${key}-andel-pct-som-uppnatt-kunskapskraven-c6zkz2 0586 2023 T suppressed`,
      `${key}-genomsnittligt-meritvarde-17-amnen 0586 2023 T 231.4`,
      `${key}-antal-elever 0884 2023 T 160`,
      `${key}-andel-pct-som-uppnatt-kunskapskraven-c6zkz2 0884 2023 T 72.5`,
      `${key}-genomsnittligt-meritvarde-17-amnen 0884 2023 T 218.9`,
      `${key}-antal-elever 2029 2023 T missing`,
      `${key}-andel-pct-som-uppnatt-kunskapskraven-c6zkz2 2029 2023 T missing`,
      `${key}-genomsnittligt-meritvarde-17-amnen 2029 2023 T missing`,
    ]);
  });
});

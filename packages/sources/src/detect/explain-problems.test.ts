import { describe, expect, it } from 'vitest';
import { parseCsvSourceDefinition } from '../definition.ts';
import { DetectError, detectDefinition } from './detect-definition.ts';
import { explainDetectProblem } from './explain-problems.ts';
import { applyFileConstants } from './file-constants.ts';
import type { DetectOptions, DetectRegister } from './types.ts';

// Every way detect fails, each with a small file: the Swedish message says what was not found and which
// option or wizard field supplies it, `needs` names the wizard fields, and no internal text leaks.

const register: DetectRegister = {
  areas: [
    { code: '0000', name: 'Riket' },
    { code: '0001', name: 'Stockholms län' },
    { code: '0586', name: 'Mjölby' },
    { code: '0884', name: 'Vimmerby' },
  ],
  indicators: [],
};

/** Internal text a steward must never see: schema messages, English error names, stack lines. */
const internal = /Invalid|ZodError|Error:|TypeError|Cannot read|undefined|\bat .*\.ts:\d+/;

async function failure(
  text: string | Uint8Array,
  options: Partial<DetectOptions> = {},
  reg: DetectRegister = register,
): Promise<DetectError> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const error = await detectDefinition(bytes, reg, { fileName: 'prov.csv', ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DetectError);
  const detectError = error as DetectError;
  expect(detectError.message).not.toMatch(internal);
  return detectError;
}

describe('every detect failure is a Swedish message that says what to add', () => {
  it('an empty file', async () => {
    const e = await failure('  \n\n');
    expect(e.kind).toBe('empty');
    expect(e.message).toBe('Filen är tom: ladda upp en export med en rubrikrad och minst en datarad.');
  });

  it('a binary file', async () => {
    const e = await failure(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]));
    expect(e.kind).toBe('binary');
    expect(e.message).toMatch(/^Filen är inte text .*spara den som CSV/);
  });

  it('one column: no delimiter', async () => {
    const e = await failure('Mjölby\nVimmerby\nLeksand\n');
    expect(e.kind).toBe('no_delimiter');
    expect(e.message).toMatch(
      /^Hittar inget avgränsningstecken .*Spara den som CSV med semikolon eller komma/,
    );
  });

  it('no header row with two columns', async () => {
    const e = await failure('Rapport;\n;\nMjölby;\nVimmerby;\n');
    expect(e.kind).toBe('no_header');
    expect(e.message).toMatch(/^Hittar ingen rubrikrad med minst två kolumner: .*Kommun;År;Värde/);
  });

  it('a header and no data rows', async () => {
    const e = await failure('Kommun;År;Värde\n');
    expect(e.kind).toBe('no_data_rows');
    expect(e.message).toBe(
      'Filen har en rubrikrad (rad 1) men inga datarader: ladda upp en export med minst en rad data under rubrikerna.',
    );
  });

  it('no column of numbers', async () => {
    const e = await failure('Kommun;År;Grupp\n0586;2017;B4\n0884;2017;C9\n');
    expect(e.kind).toBe('no_numbers');
    expect(e.message).toMatch(
      /^Hittar ingen kolumn med tal under rubrikraden \(rad 1: Kommun \| År \| Grupp\): filen behöver minst en kolumn med värden/,
    );
    expect(e.needs).toEqual([]);
  });

  it('no period: says so, names --period and the wizard field, and asks for it', async () => {
    const e = await failure('Kommun;Antal invånare\n0586;33 081\n0884;15 469\n');
    expect(e.kind).toBe('no_period');
    expect(e.message).toBe(
      'Hittar ingen period: filen har ingen kolumn med perioder (År, Period, …) och ingen period i rubriken eller filnamnet. ' +
        'Ange perioden som hela filen gäller med --period (i guiden: fältet Period), t.ex. 2024 (år), 2016K1 (kvartal) eller 2014M03 (månad).',
    );
    expect(e.needs).toEqual(['period']);
  });

  it('a --period the period parser cannot read', async () => {
    const e = await failure('Kommun;Antal\n0586;3\n', { period: 'förra året' });
    expect(e.kind).toBe('bad_period');
    expect(e.message).toMatch(
      /^Perioden "förra året" går inte att läsa: ange den med --period \(i guiden: fältet Period\)/,
    );
    expect(e.needs).toEqual(['period']);
  });

  it('an --area the register does not know', async () => {
    const e = await failure('År;Värde\n2020;5\n', { area: 'Atlantis' });
    expect(e.kind).toBe('unknown_area');
    expect(e.message).toMatch(
      /^Området "Atlantis" finns inte i områdesregistret: ange en kod eller ett namn med --area \(i guiden: fältet Område\)/,
    );
    expect(e.needs).toEqual(['area']);
  });

  it('a proposal the schema refuses is explained in Swedish, never "Invalid source definition"', async () => {
    const e = await failure('Kommun;År;Värde\n0586;2020;5\n', { id: 'Inte ett id!' });
    expect(e.kind).toBe('invalid_proposal');
    expect(e.message).toMatch(
      /^Förslaget för filen blev inte en giltig definition \(id: .*\): ange källans id med --id/,
    );
  });

  it('a fault inside detect is worded, not passed on', async () => {
    const broken = { areas: null, indicators: [] } as unknown as DetectRegister;
    const e = await failure('Kommun;År;Värde\n0586;2020;5\n', {}, broken);
    expect(e.kind).toBe('unexpected');
    expect(e.message).toMatch(/^Detect kunde inte läsa filen \(ett oväntat fel i detect\)/);
    expect(e.cause).toBeInstanceOf(TypeError);
  });

  it('a refused proposal that concerns the area or period names those options', () => {
    const message = explainDetectProblem({
      kind: 'invalid_proposal',
      problems: [{ field: 'mapping.period.column', message: 'Saknas: ange en kolumn eller ett fast värde' }],
    });
    expect(message).toBe(
      'Förslaget för filen blev inte en giltig definition (mapping.period.column: Saknas: ange en kolumn eller ett fast värde): ' +
        'ange perioden med --period (i guiden: fältet Period), eller rätta fälten i definitionen.',
    );
  });
});

describe('--area and --period on a definition (sources check)', () => {
  const wide = parseCsvSourceDefinition({
    id: 'bred',
    title: 'Bred',
    owner: { name: 'T' },
    kind: 'csv',
    location: { inbox: 'bred/*.csv' },
    mapping: {
      layout: 'wide',
      indicator: { value: 'x.v' },
      area: { column: 'region' },
      wide: { columns: '^\\d{4}$', as: 'period' },
    },
  });

  it('an area by name becomes its code; the period stays the headers', () => {
    const applied = applyFileConstants(wide, { area: 'Stockholms län' }, register.areas);
    expect(applied.mapping).toMatchObject({ area: { value: '0001' }, wide: { as: 'period' } });
  });

  it('a period for a file whose headers are periods is refused in Swedish', () => {
    expect(() => applyFileConstants(wide, { period: '2024' }, register.areas)).toThrow(
      'Perioden kan inte anges för hela filen: definitionen läser perioden ur kolumnrubrikerna (perioder som kolumner). ' +
        'Ta bort --period (i guiden: töm fältet Period).',
    );
  });
});

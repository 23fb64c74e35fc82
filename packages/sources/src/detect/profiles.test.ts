import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realCsvDir, realCsvPath, realCsvSkipReason } from '../fixtures/real-csv.ts';
import { detectDefinition } from './detect-definition.ts';
import { recogniseProfile } from './profiles.ts';
import { readSample } from './sample.ts';
import type { DetectRegister } from './types.ts';

// The publisher profile detect names in the proposal (parse.profile), from cues in the file.

const register: DetectRegister = {
  areas: [
    { code: '0000', name: 'Riket' },
    { code: '0001', name: 'Stockholms län' },
    { code: '0586', name: 'Mjölby' },
    { code: '0884', name: 'Vimmerby' },
    { code: '2029', name: 'Leksand' },
  ],
  indicators: [],
};

async function profileOf(text: string | Uint8Array) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return recogniseProfile(await readSample(bytes, 5_000));
}

describe('publisher profiles from small files', () => {
  it.each([
    ['Skolverket', 'Kommun;År;Andel behöriga (%)\n0586;2016;~100\n0884;2016;96,0\n'],
    [
      'Socialstyrelsen',
      'År;Region;45\u00AD49;Totalt\n2018;Riket;0,60;105,10\n2018;Mjölby;\u00AD\u00AD;98,4\n',
    ],
    ['Kolada', 'Kommun/Landsting;Nyckeltal;År;Visat Värde\nMjölby;Arbetslöshet, (%);2012;7.849101\n'],
    ['SKR', 'Grupp;Kommunkod;Kommungrupp kod;Antal\nB4;0586;4;1\nC9;2029;9;1\n'],
    ['SCB PxWeb-export', '"region","2015","2016"\n"0586 Mjölby",..,286\n"0884 Vimmerby",150,..\n'],
    ['SCB PxWeb-export', '"Folkmängd efter år"\n\n"år","Folkmängd"\n"2021",10452326\n"2022",10521556\n'],
    ['Excel', 'Kommun;År;Värde\n0586;2016;1,5\n0884;2016;2,5\n'],
    ['Skolverket', 'Skolverket: Betyg årskurs 9, 2016\nKommun;Värde\n0586;5\n0884;6\n'],
  ])('%s', async (name, text) => {
    expect((await profileOf(text))?.name).toBe(name);
  });

  it('a comma file with no publisher cue has no profile', async () => {
    expect(await profileOf('Kommun,År,Värde\n0586,2016,1\n0884,2016,2\n')).toBeNull();
  });

  it('the proposal stores the profile in parse.profile, and the schema keeps it', async () => {
    const d = await detectDefinition(
      new TextEncoder().encode('Kommun;År;Andel (%)\n0586;2016;~100\n0884;2016;96,0\n'),
      register,
      { fileName: 'behorighet.csv' },
    );
    expect(d.profile).toEqual({
      name: 'Skolverket',
      why: 'celler med "~100", Skolverkets markering för nära 100 %',
    });
    expect(d.definition.parse).toMatchObject({ profile: 'Skolverket' });
    expect(d.parsed.parse.profile).toBe('Skolverket');
  });
});

describe.skipIf(realCsvDir === null)(`publisher profiles of the real exports (${realCsvSkipReason})`, () => {
  it.each([
    ['scb-energi-slutanvandning-kommun.csv', 'SCB PxWeb-export'],
    ['scb-levande-fodda-kommun.csv', 'SCB PxWeb-export'],
    ['sos-dodsorsak-prostatacancer.csv', 'Socialstyrelsen'],
    ['kolada-bakgrund-2008-2012.csv', 'Kolada'],
    ['skl-kommungruppsindelning-2017.csv', 'SKR'],
  ])('%s: %s', async (file, name) => {
    expect((await profileOf(readFileSync(realCsvPath(file))))?.name).toBe(name);
  });

  it.each([
    ['scb-levande-fodda-kommun.csv', 'SCB PxWeb-export'],
    ['sos-dodsorsak-prostatacancer.csv', 'Socialstyrelsen'],
    ['kolada-bakgrund-2008-2012.csv', 'Kolada'],
  ])('%s: the proposal names %s', async (file, name) => {
    const d = await detectDefinition(readFileSync(realCsvPath(file)), register, { fileName: file });
    expect(d.definition.parse).toMatchObject({ profile: name });
  });
});

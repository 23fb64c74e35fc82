/**
 * The publisher profile a sample looks like: who wrote the export, recognised from cues in the file
 * (title and footnote text, header names, the publishers' own missing markers). The proposal names it
 * (`parse.profile`), so the steward sees at once whether detect understood what it was given; the reader
 * itself treats every file alike (every publisher's markers are known in every file).
 *
 * The cues, strongest first: the publisher's name in the text above or below the table, then the
 * markers and headers only one publisher writes, then SCB's PxWeb shape, then Excel's semicolons.
 */
import { PROFILE_NAMES, type ProfileName } from '../definition.ts';
import type { Sample } from './sample.ts';

export { PROFILE_NAMES, type ProfileName };

export interface RecognisedProfile {
  name: ProfileName;
  /** The cue, in Swedish, for the summary. */
  why: string;
}

/** What profiles look at: the header, the title lines, the data rows, and any text below the table. */
export type ProfileSample = Pick<Sample, 'header' | 'titleLines' | 'dataRows' | 'delimiter'> & {
  /** Lines below the table (footnotes), as text. */
  footnotes?: readonly string[];
};

const SOFT_HYPHENS = '\u00AD\u00AD';

/** A publisher named in the text around the table. */
const namedIn: readonly [RegExp, ProfileName][] = [
  [/\bskolverket\b/iu, 'Skolverket'],
  [/\bsocialstyrelsen|statistikdatabas(en)? för/iu, 'Socialstyrelsen'],
  [/\bkolada\b|\bRKA\b/iu, 'Kolada'],
  [/\b(SKR|SKL)\b|sveriges kommuner och (regioner|landsting)/u, 'SKR'],
  [/\bSCB\b|statistiska centralbyrån|statistikdatabasen.*scb/iu, 'SCB PxWeb-export'],
];

export function recogniseProfile(sample: ProfileSample): RecognisedProfile | null {
  const around = [...sample.titleLines.map((t) => t.text), ...(sample.footnotes ?? [])].join(' ');
  for (const [pattern, name] of namedIn) {
    const m = pattern.exec(around);
    if (m !== null) return { name, why: `"${m[0]}" står i texten ovanför eller under tabellen` };
  }
  return byHeaders(sample) ?? byCells(sample) ?? byShape(sample);
}

/** Header names only one publisher uses. */
function byHeaders(sample: ProfileSample): RecognisedProfile | null {
  const has = (pattern: RegExp) =>
    sample.header.map((h) => h.trim()).find((h) => pattern.test(h.toLocaleLowerCase('sv')));
  const kolada = has(/^kommun\/landsting$|^visat värde$|^kpi(-id| id)?$|^kpi_id$/u);
  if (kolada !== undefined) return { name: 'Kolada', why: `kolumnrubriken "${kolada}" (Koladas export)` };
  const skr = has(/kommungrupp|huvudgrupp/u);
  if (skr !== undefined) return { name: 'SKR', why: `kolumnrubriken "${skr}" (SKR:s kommungruppsindelning)` };
  const skolverket = has(/^huvudman$|^skolenhetskod$|^kommun-kod$|^läns-kod$/u);
  if (skolverket !== undefined)
    return { name: 'Skolverket', why: `kolumnrubriken "${skolverket}" (Skolverkets export)` };
  return null;
}

/** The publishers' own markers in the value cells. */
function byCells(sample: ProfileSample): RecognisedProfile | null {
  let scbDots = 0;
  for (const row of sample.dataRows) {
    for (const raw of row.fields) {
      const cell = raw.trim();
      if (cell.includes(SOFT_HYPHENS)) {
        return {
          name: 'Socialstyrelsen',
          why: 'celler med två mjuka bindestreck (U+00AD), Socialstyrelsens markering för skyddade värden',
        };
      }
      if (/^~\s*100\s*%?$/.test(cell)) {
        return { name: 'Skolverket', why: 'celler med "~100", Skolverkets markering för nära 100 %' };
      }
      if (/(ovägt medel)/iu.test(cell)) {
        return { name: 'Kolada', why: `raden "${cell}" (Koladas ovägda medel)` };
      }
      if (cell === '..') scbDots++;
    }
  }
  if (scbDots > 0 && regionCodeCells(sample) > 0) {
    return { name: 'SCB PxWeb-export', why: 'celler med ".." och regioner som "0586 Mjölby"' };
  }
  return null;
}

/** Cells like "0586 Mjölby" or "00 Riket": code and name in one cell, as PxWeb writes regions. */
function regionCodeCells(sample: ProfileSample): number {
  let n = 0;
  for (const row of sample.dataRows.slice(0, 200)) {
    if (row.fields.some((f) => /^(\d{2}|\d{4}) \p{L}/u.test(f.trim()))) n++;
  }
  return n;
}

/** PxWeb's shape: a "region" column of code-and-name cells, or a title "X efter region och år". */
function byShape(sample: ProfileSample): RecognisedProfile | null {
  const regionHeader = sample.header.some((h) => h.trim() === 'region');
  const pxTitle = sample.titleLines.some((t) => /\S efter (.* )?(region|år|månad|kvartal)\b/iu.test(t.text));
  if ((regionHeader || pxTitle) && regionCodeCells(sample) > 0) {
    return {
      name: 'SCB PxWeb-export',
      why: pxTitle
        ? 'rubriken "… efter … och år" och regioner som "0586 Mjölby" (PxWeb)'
        : 'kolumnen "region" med regioner som "0586 Mjölby" (PxWeb)',
    };
  }
  if (pxTitle || (regionHeader && sample.delimiter === ',')) {
    return { name: 'SCB PxWeb-export', why: 'rubrikens eller kolumnernas form (PxWeb)' };
  }
  if (sample.delimiter === ';') {
    return { name: 'Excel', why: 'semikolon som avgränsare, som svenska Excel sparar CSV' };
  }
  return null;
}

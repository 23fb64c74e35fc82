import { clip, formatSwedishNumber } from './errors.ts';
import type { Period } from './period.ts';

export interface Reason {
  reasonSv: string;
  reasonEn: string;
}

const q = (raw: string) => `"${clip(raw.trim(), 120)}"`;

export const reasons = {
  notANumber: (detail: { reason: string; reasonSv: string }): Reason => ({
    reasonSv: `Inte ett tal: ${detail.reasonSv}`,
    reasonEn: `Not a number: ${detail.reason}`,
  }),
  unknownPeriod: (raw: string): Reason => ({
    reasonSv: `Okänd period ${q(raw)}; skriv t.ex. 2016, 2016-04, april 2016, T1 2016, kv1 2016, H1 2016 eller 2016-04-30`,
    reasonEn: `Unknown period ${q(raw)}; write e.g. 2016, 2016-04, april 2016, T1 2016, kv1 2016, H1 2016 or 2016-04-30`,
  }),
  unknownArea: (raw: string): Reason =>
    raw.trim() === ''
      ? { reasonSv: 'Område saknas (tom cell)', reasonEn: 'Area missing (empty cell)' }
      : {
          reasonSv: `Okänt område ${q(raw)}: varken en känd kommunkod eller ett känt namn`,
          reasonEn: `Unknown area ${q(raw)}: neither a known municipality code nor a known name`,
        },
  unknownIndicator: (raw: string, mapped: string | null): Reason =>
    raw.trim() === ''
      ? { reasonSv: 'Nyckeltal saknas (tom cell)', reasonEn: 'Indicator missing (empty cell)' }
      : mapped !== null
        ? {
            reasonSv: `Okänt nyckeltal ${q(mapped)} (mappat från ${q(raw)}): finns inte bland nyckeltalen`,
            reasonEn: `Unknown indicator ${q(mapped)} (mapped from ${q(raw)}): not among the indicators`,
          }
        : {
            reasonSv: `Okänt nyckeltal ${q(raw)}: finns varken i mappningen eller bland nyckeltalen`,
            reasonEn: `Unknown indicator ${q(raw)}: neither in the mapping nor among the indicators`,
          },
  ragged: (found: number, expected: number, line: number, lastLine: number): Reason => {
    const span =
      lastLine > line
        ? {
            sv: `; posten sträcker sig över rad ${line}–${lastLine}, kontrollera citattecknen`,
            en: `; the record spans lines ${line}–${lastLine}, check the quotes`,
          }
        : { sv: '', en: '' };
    return {
      reasonSv: `Raden har ${found} kolumner men rubrikraden har ${expected}${span.sv}`,
      reasonEn: `The row has ${found} columns but the header has ${expected}${span.en}`,
    };
  },
  unclosedQuote: (line: number, lastLine: number): Reason => ({
    reasonSv: `Citattecknet (") som öppnas på rad ${line} stängs aldrig; rad ${line}–${lastLine} kunde inte läsas`,
    reasonEn: `The quote (") opened on line ${line} never closes; lines ${line}–${lastLine} could not be read`,
  }),
  malformedQuote: (line: number): Reason => ({
    reasonSv: `Felaktiga citattecken på rad ${line}: ett citerat fält fortsätter efter det avslutande citattecknet`,
    reasonEn: `Malformed quotes on line ${line}: a quoted field continues after its closing quote`,
  }),
  outOfRange: (value: number, min: number | undefined, max: number | undefined): Reason => {
    const sv = formatSwedishNumber(value);
    const range = `${min === undefined ? '' : formatSwedishNumber(min)}–${max === undefined ? '' : formatSwedishNumber(max)}`;
    return {
      reasonSv: `Värdet ${sv} ligger utanför det tillåtna intervallet ${range} (validation)`,
      reasonEn: `The value ${value} is outside the allowed range ${min ?? ''}–${max ?? ''} (validation)`,
    };
  },
  duplicate: (
    line: number,
    firstLine: number,
    key: { indicatorKey: string; areaCode: string; period: Period; breakdown: string },
  ): Reason => {
    const k = `${key.indicatorKey}, ${key.areaCode}, ${key.period.label}, ${key.breakdown}`;
    return {
      reasonSv: `Rad ${line} har samma nyckeltal, område, period och indelning (${k}) som rad ${firstLine}; värdet på rad ${firstLine} läses in, det här inte`,
      reasonEn: `Line ${line} has the same indicator, area, period and breakdown (${k}) as line ${firstLine}; the value on line ${firstLine} is loaded, this one is not`,
    };
  },
};

import { describe, expect, it } from 'vitest';
import { chooseDecimal, parseSwedishNumber } from './swedish-number.ts';

describe('parseSwedishNumber', () => {
  const values: [string, string, number, ',' | '.'][] = [
    ['a plain integer', '312', 312, ','],
    ['decimal comma', '14,5', 14.5, ','],
    ['thousands by ordinary space', '26 602', 26602, ','],
    ['thousands by no-break space (Excel, Kolada)', '26\u00A0602', 26602, ','],
    ['thousands by narrow no-break space (SCB)', '1\u202F234\u202F567,5', 1234567.5, ','],
    ['thousands by dot when decimal is comma and groups are of 3', '1.234.567,25', 1234567.25, ','],
    ['a single dot group of three is thousands in a decimal-comma file', '1.234', 1234, ','],
    ['percent glued to the number', '14,5%', 14.5, ','],
    ['percent after a space', '96,5 %', 96.5, ','],
    ['hectares', '1,4 ha', 1.4, ','],
    ['leading plus and a unit', '+7,2 mkr', 7.2, ','],
    ['thousands and a word unit', '26 602 invånare', 26602, ','],
    ['unit with a slash', '12 kr/inv', 12, ','],
    ['unicode minus', '\u22123,5', -3.5, ','],
    ['hyphen minus', '-3,5', -3.5, ','],
    ['surrounding whitespace', '  42 ', 42, ','],
    ['decimal point source', '1234.5', 1234.5, '.'],
    ['decimal point source with comma thousands', '1,234.5', 1234.5, '.'],
    ['decimal point source with space thousands', '1 234.5', 1234.5, '.'],
    ['zero stays zero', '0', 0, ','],
    ['negative zero is zero', '-0', 0, ','],
    ['a leading decimal sign', ',5', 0.5, ','],
  ];
  it.each(values)('%s: "%s" is %d', (_name, text, value, decimal) => {
    expect(parseSwedishNumber(text, { decimal })).toEqual({ ok: true, value });
  });

  const notes: [string, string, 'missing' | 'suppressed' | 'no_new_data'][] = [
    ['empty cell is missing, never 0', '', 'missing'],
    ['blank cell is missing', '   ', 'missing'],
    ['SCB two dots', '..', 'missing'],
    ['one dot', '.', 'missing'],
    ['hyphen', '-', 'missing'],
    ['en dash', '–', 'missing'],
    ['asterisk is suppressed', '*', 'suppressed'],
    ['double asterisk is suppressed', '**', 'suppressed'],
    ['the follow-up report wording', 'Inga nya data', 'no_new_data'],
    ['the wording in lower case', 'inga nya data', 'no_new_data'],
    ['Socialstyrelsen: two soft hyphens (they look empty)', '\u00AD\u00AD', 'suppressed'],
    ['Skolverket: "~100" is suppressed near 100 %, never 100', '~100', 'suppressed'],
    ['Skolverket with a space and percent sign', '~ 100 %', 'suppressed'],
    ['a lone dash is missing unless the source says it is zero', '-', 'missing'],
    ['SCB ellipsis', '…', 'missing'],
  ];
  it.each(notes)('%s: "%s" -> null %s', (_name, text, note) => {
    expect(parseSwedishNumber(text, { decimal: ',' })).toEqual({ ok: true, value: null, note });
  });

  const refused: [string, string, ',' | '.'][] = [
    ['words', 'ej aktuellt', ','],
    ['two numbers in one cell', '2% trakasserier, 3% diskriminering', ','],
    ['a stray decimal point in a decimal-comma file is not guessed', '11.9', ','],
    ['groups that are not of three', '1 23 456', ','],
    ['two decimal signs', '1,2,3', ','],
    ['mixed thousands separators', '1.234 567', ','],
    ['scientific notation', '1e5', ','],
    ['a comma decimal in a decimal-point file', '11,9', '.'],
    ['an SKR group code', 'B4', ','],
    ['a group code written number first', '4B', ','],
    ['a number and a letter that is no unit', '4 B', ','],
    ['a län code with its name', '01 Stockholms län', ','],
    ['a municipality code with its name', '0586 Mjölby', ','],
    ['a number and a word that is no unit', '12 äpplen', ','],
  ];
  it.each(refused)('%s: "%s" is not a number', (_name, text, decimal) => {
    const result = parseSwedishNumber(text, { decimal });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain(text.trim());
      expect(result.reasonSv).toContain('inte ett tal');
    }
  });

  it('names the decimal sign when the other one was used', () => {
    const result = parseSwedishNumber('11.9', { decimal: ',' });
    expect(result).toMatchObject({ ok: false, reasonSv: expect.stringContaining('decimaltecken är ","') });
  });

  it('says which letters are no unit', () => {
    expect(parseSwedishNumber('4 B')).toMatchObject({
      ok: false,
      reasonSv: '"4 B" är inte ett tal: "B" är ingen känd enhet',
    });
  });

  it('known units in any case, with a trailing dot or combined with "/"', () => {
    for (const [text, value] of [
      ['12 st.', 12],
      ['3 KR', 3],
      ['1,5 kWh/m²', 1.5],
      ['2 tkr/inv', 2],
      ['14,5 procent', 14.5],
    ] as const) {
      expect(parseSwedishNumber(text), text).toEqual({ ok: true, value });
    }
  });

  it('reads a lone dash as 0 when the source says dash_is_zero, and only a lone dash', () => {
    expect(parseSwedishNumber('-', { decimal: ',', dashIsZero: true })).toEqual({ ok: true, value: 0 });
    expect(parseSwedishNumber('–', { decimal: ',', dashIsZero: true })).toEqual({ ok: true, value: 0 });
    expect(parseSwedishNumber('..', { decimal: ',', dashIsZero: true })).toEqual({
      ok: true,
      value: null,
      note: 'missing',
    });
    expect(parseSwedishNumber('-3', { decimal: ',', dashIsZero: true })).toEqual({ ok: true, value: -3 });
  });
});

describe('chooseDecimal', () => {
  const cases: [string, string[], ',' | '.'][] = [
    ['Kolada: a point with up to eight decimals', ['3.83894583', '185999', '7.849101'], '.'],
    ['Swedish decimal commas', ['14,5', '96,0', '1 234'], ','],
    ['"1.234" says nothing: thousands in a Swedish file', ['1.234', '26.602'], ','],
    ['the majority decides; the stray cell is rejected later', ['7.8', '6.6', '5,3'], '.'],
    ['no decimals at all', ['12', '..', ''], ','],
  ];
  it.each(cases)('%s', (_name, cells, decimal) => {
    expect(chooseDecimal(cells)).toBe(decimal);
  });
});

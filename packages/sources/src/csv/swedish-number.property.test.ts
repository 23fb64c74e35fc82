import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownUnit, isValueMarker, parseSwedishNumber } from './swedish-number.ts';

/*
 * Property: any number written the way Swedes write it reads back as that number. The generator writes
 * the integer part with every thousands separator exports use (none, space, no-break space, narrow
 * no-break space, dot), a decimal comma, every sign (hyphen, U+2212 minus, plus), units and percent
 * signs, and surrounding spaces. The expected value is built from the same digit strings, so float
 * arithmetic cannot make the test and the parser agree by accident.
 */

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));

const swedishNumber = fc.record({
  integer: digits(1, 13).map((d) => d.replace(/^0+(?=\d)/, '')),
  fraction: fc.option(digits(1, 5), { nil: undefined }),
  sign: fc.constantFrom('', '-', '\u2212', '+'),
  group: fc.constantFrom('', ' ', '\u00a0', '\u202f', '.'),
  unit: fc.constantFrom('', '%', ' %', '\u00a0%', ' ha', ' mkr', ' kr/inv', ' invånare', ' st'),
  pad: fc.constantFrom('', ' ', '\u00a0'),
});

function groupThousands(integer: string, separator: string): string {
  if (separator === '') return integer;
  const parts: string[] = [];
  for (let end = integer.length; end > 0; end -= 3) parts.unshift(integer.slice(Math.max(0, end - 3), end));
  return parts.join(separator);
}

describe('parseSwedishNumber (property)', () => {
  it('any number formatted the Swedish way parses back to itself', () => {
    fc.assert(
      fc.property(swedishNumber, ({ integer, fraction, sign, group, unit, pad }) => {
        const text = `${pad}${sign}${groupThousands(integer, group)}${fraction === undefined ? '' : `,${fraction}`}${unit}${pad}`;
        const magnitude = Number(fraction === undefined ? integer : `${integer}.${fraction}`);
        const negative = sign === '-' || sign === '\u2212';
        const expected = negative && magnitude !== 0 ? -magnitude : magnitude;
        const parsed = parseSwedishNumber(text, { decimal: ',' });
        expect(parsed, JSON.stringify(text)).toEqual({ ok: true, value: expected });
      }),
      { numRuns: 2_000 },
    );
  });

  it('any number Intl formats for sv-SE (U+2212, no-break spaces) parses back to itself', () => {
    const format = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 20, useGrouping: true });
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = format.format(value);
        // What Intl printed is the value rounded to what it shows; that rounding is the number to expect.
        const shown = Number(
          text
            .replace(/[\s\u00a0\u202f]/g, '')
            .replace('\u2212', '-')
            .replace(',', '.'),
        );
        const parsed = parseSwedishNumber(text);
        expect(parsed, JSON.stringify(text)).toEqual({ ok: true, value: Object.is(shown, -0) ? 0 : shown });
      }),
      { numRuns: 2_000 },
    );
  });

  it('the same digits with a decimal point read back in a decimal-point source', () => {
    fc.assert(
      fc.property(digits(1, 12), digits(1, 4), fc.constantFrom('', ',', ' '), (integer, fraction, group) => {
        const int = integer.replace(/^0+(?=\d)/, '');
        const text = `${groupThousands(int, group)}.${fraction}`;
        expect(parseSwedishNumber(text, { decimal: '.' })).toEqual({
          ok: true,
          value: Number(`${int}.${fraction}`),
        });
      }),
      { numRuns: 1_000 },
    );
  });
});

/*
 * Property: letters that are not a unit we know never become a number. A group code ("B4"), a code with
 * a name ("0586 Mjölby", "12 Region Skåne"), a number followed by any other word: each is text, so a code
 * column can never load as values (SKR's "B4" was once stored as 4).
 */
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖéü');
const word = fc.array(letter, { minLength: 1, maxLength: 12 }).map((l) => l.join(''));
const unknownWord = word.filter((w) => !isKnownUnit(w) && !isValueMarker(w));
const numberText = fc
  .tuple(digits(1, 7), fc.option(digits(1, 3), { nil: undefined }), fc.constantFrom('', '-', '+', '\u2212'))
  .map(([integer, fraction, sign]) => `${sign}${integer}${fraction === undefined ? '' : `,${fraction}`}`);

describe('parseSwedishNumber: letters that are no unit (property)', () => {
  const isNumber = (text: string, decimal: ',' | '.') => {
    const parsed = parseSwedishNumber(text, { decimal });
    return parsed.ok && parsed.value !== null;
  };

  it('a number with an unknown word before, after or inside it is never a number', () => {
    fc.assert(
      fc.property(
        numberText,
        unknownWord,
        fc.constantFrom('', ' ', '\u00a0'),
        fc.constantFrom('before', 'after', 'inside'),
        fc.constantFrom<',' | '.'>(',', '.'),
        (number, w, space, where, decimal) => {
          const text =
            where === 'before'
              ? `${w}${space}${number}`
              : where === 'after'
                ? `${number}${space}${w}`
                : `${number.slice(0, 1)}${w}${number.slice(1)}`;
          expect(isNumber(text, decimal), JSON.stringify(text)).toBe(false);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('group codes such as "B4" and "A10" and codes with names such as "0586 Mjölby" are text', () => {
    const code = fc.tuple(letter, digits(1, 3)).map(([l, d]) => `${l}${d}`);
    const codeAndName = fc.tuple(digits(2, 4), unknownWord).map(([d, w]) => `${d} ${w}`);
    fc.assert(
      fc.property(fc.oneof(code, codeAndName), fc.constantFrom<',' | '.'>(',', '.'), (text, decimal) => {
        expect(isNumber(text, decimal), JSON.stringify(text)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('any text that reads as a number has no letters but a known unit after the digits', () => {
    const char = fc.oneof(
      letter,
      fc.constantFrom(...'0123456789 ,.-+%/~*\u00a0\u00ad\u2212'),
      fc.constantFrom('kr', 'st', 'ha', 'mkr', 'inv', 'B', 'nr'),
    );
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 12 }).map((c) => c.join('')),
        fc.constantFrom<',' | '.'>(',', '.'),
        (text, decimal) => {
          if (!isNumber(text, decimal)) return;
          const letters = /\p{L}[\p{L}./²³ \u00a0-]*/u.exec(text);
          if (letters === null) return;
          // Letters only after the digits, and together a known unit.
          expect(/^[^\p{L}]*\d[^\p{L}]*$/u.test(text.slice(0, letters.index)), JSON.stringify(text)).toBe(
            true,
          );
          expect(isKnownUnit(letters[0]), JSON.stringify(text)).toBe(true);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

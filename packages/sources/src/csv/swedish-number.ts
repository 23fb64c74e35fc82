export type ValueNote = 'missing' | 'suppressed' | 'no_new_data';

export type NumberResult =
  | { ok: true; value: number }
  | { ok: true; value: null; note: ValueNote }
  | { ok: false; reason: string; reasonSv: string };

export interface NumberOptions {
  /** The decimal sign the source uses; the other one may only group thousands. */
  decimal: ',' | '.';
}

// Statistics Sweden and Kolada mark "no value" with "..", "." or a dash; an empty cell means the same.
const missingMarkers = new Set(['', '..', '.', '-', '–', '—', '−', '…']);
// "*" (sometimes "**") is the usual mark for a value withheld because the group is too small.
const suppressedPattern = /^\*+$/;
const noNewDataPattern = /^inga\s+nya\s+data\.?$/i;

// Spaces that group thousands: ordinary, no-break (Excel, Kolada) and narrow no-break (SCB, Word).
const groupSpaces = /[ \u00A0\u202F\u2009]/g;

// A unit written after the number: "%", "‰", words such as "ha", "mkr", "invånare", "kr/inv", "m²".
// Digits are not allowed, so "2% trakasserier, 3% diskriminering" (two numbers) is not taken as one.
const numberWithUnit =
  /^([+\-\u2212]?)\s*([0-9][0-9 .,\u00A0\u202F\u2009]*|[.,][0-9]+)\s*([%‰]|\p{L}[\p{L}./²³ \u00A0-]*)?$/u;

const groupedThousands = { '.': /^[0-9]{1,3}(?:[ .][0-9]{3})+$/, ',': /^[0-9]{1,3}(?:[ ,][0-9]{3})+$/ };

function parseMagnitude(text: string, decimal: ',' | '.'): number | null {
  const group: ',' | '.' = decimal === ',' ? '.' : ',';
  let body = text.replace(groupSpaces, ' ');
  // Separate the decimal part first: at most one decimal sign.
  const decimalParts = body.split(decimal);
  if (decimalParts.length > 2) return null;
  const [intPart = '', fracPart] = decimalParts;
  if (fracPart !== undefined && !/^[0-9]+$/.test(fracPart)) return null;
  body = intPart;
  if (body === '') return fracPart === undefined ? null : Number(`0.${fracPart}`);
  // Thousands groups, by space or by the other sign, must be groups of exactly three digits: "1.234" is
  // then unambiguous in a decimal-comma file, and "11.9" (a stray decimal point) is refused, not guessed.
  if (/^[0-9]+$/.test(body)) {
    // plain digits
  } else if (groupedThousands[group].test(body)) {
    const separators = new Set(body.replace(/[0-9]/g, ''));
    if (separators.size > 1) return null;
    body = body.replace(/[^0-9]/g, '');
  } else {
    return null;
  }
  return Number(fracPart === undefined ? body : `${body}.${fracPart}`);
}

/**
 * The common case without regexes: an optional "-", digits, and at most one decimal sign followed by
 * digits ("26602", "-14,5"). Null for anything else, which then takes the full path below; every text
 * accepted here reads the same there.
 */
function parsePlainNumber(text: string, decimal: ',' | '.'): { ok: true; value: number } | null {
  const length = text.length;
  if (length === 0 || length > 15) return null;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // "-"
  const digitsFrom = i;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  if (i === digitsFrom) return null;
  let body = text;
  if (i < length) {
    if (text[i] !== decimal) return null;
    const fracFrom = ++i;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      i++;
    }
    if (i === fracFrom) return null;
    if (decimal === ',') body = `${text.slice(0, fracFrom - 1)}.${text.slice(fracFrom)}`;
  }
  const value = Number(body);
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/**
 * Reads a number as Swedes write it in exports and reports: "26 602", "14,5 %", "1,4 ha", "+7,2 mkr",
 * "−3" (unicode minus). A missing or suppressed value is null with a note, never 0. The unit is dropped:
 * "96,5 %" is 96.5, because indicators store the number in the unit the indicator declares.
 */
export function parseSwedishNumber(text: string, options: NumberOptions = { decimal: ',' }): NumberResult {
  const plain = parsePlainNumber(text, options.decimal);
  if (plain !== null) return plain;
  const trimmed = text.replace(/^[\s\u00A0\u202F]+|[\s\u00A0\u202F]+$/g, '');
  if (missingMarkers.has(trimmed)) return { ok: true, value: null, note: 'missing' };
  if (suppressedPattern.test(trimmed)) return { ok: true, value: null, note: 'suppressed' };
  if (noNewDataPattern.test(trimmed)) return { ok: true, value: null, note: 'no_new_data' };

  const match = numberWithUnit.exec(trimmed);
  if (match) {
    const sign = match[1] === '-' || match[1] === '\u2212' ? -1 : 1;
    const digits = (match[2] ?? '').replace(/[ \u00A0\u202F\u2009]+$/, '');
    const magnitude = parseMagnitude(digits, options.decimal);
    if (magnitude !== null && Number.isFinite(magnitude)) {
      const value = sign * magnitude;
      return { ok: true, value: Object.is(value, -0) ? 0 : value };
    }
    const otherSign = options.decimal === ',' ? '.' : ',';
    if (digits.includes(otherSign)) {
      return {
        ok: false,
        reason: `"${trimmed}" is not a number: the source's decimal sign is "${options.decimal}"`,
        reasonSv: `"${trimmed}" är inte ett tal: källans decimaltecken är "${options.decimal}"`,
      };
    }
  }
  return {
    ok: false,
    reason: `"${trimmed}" is not a number`,
    reasonSv: `"${trimmed}" är inte ett tal`,
  };
}

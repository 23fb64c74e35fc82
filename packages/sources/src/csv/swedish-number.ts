export type ValueNote = 'missing' | 'suppressed' | 'no_new_data';

export type NumberResult =
  | { ok: true; value: number }
  | { ok: true; value: null; note: ValueNote }
  | { ok: false; reason: string; reasonSv: string };

export interface NumberOptions {
  /** The decimal sign the source uses; the other one may only group thousands. */
  decimal: ',' | '.';
  /**
   * A lone dash is SCB's symbol for "noll" (magnitude zero) in its printed tables, but other publishers
   * and hand-made exports use it for "no value". It reads as missing unless the source says it is zero.
   */
  dashIsZero?: boolean;
}

/*
 * Markers for "no value", by publisher (docs/adding-a-csv-source.md has the table):
 * SCB and Kolada ".." and "." (and "…"), a dash (see dashIsZero), an empty cell; "*" (sometimes "**") for a
 * value withheld because the group is too small; Socialstyrelsen's suppressed cells are soft hyphens
 * (U+00AD, two of them), which look empty; Skolverket's "~100" is a share withheld because it is close to
 * 100 % (the rest would identify pupils), so it is suppressed, never 100.
 */
const missingMarkers = new Set(['', '..', '.', '…']);
const dashes = new Set(['-', '–', '—', '−']);
const suppressedPattern = /^(?:\*+|\u00AD+|~\s*[0-9]+(?:[.,][0-9]+)?\s*%?)$/;
const noNewDataPattern = /^inga\s+nya\s+data\.?$/i;

/*
 * Units a number may carry in its cell ("96,5 %", "1,4 ha", "+7,2 mkr", "26 602 invånare"), compared in
 * lower case, a trailing "." allowed ("st."), and combined with "/" ("kr/inv", "kWh/m²"). Any other letters
 * make the cell text: "B4", "4 B", "0586 Mjölby" or "12 Region Skåne" are codes and labels, never 4, 586
 * or 12. A unit a source needs that is missing here belongs in this list, not in a looser pattern.
 */
export const KNOWN_UNITS: ReadonlySet<string> = new Set(
  [
    'procent|pct|promille|procentenheter|p.e.',
    'st|stycken|ggr|gånger',
    'kr|kronor|sek|öre|tkr|tusen kr|mkr|mnkr|milj kr|milj. kr|miljoner kr|mdkr|mdr kr|miljarder kr|eur',
    'inv|invånare|person|personer|pers|elev|elever|barn|brukare|patienter|anställda|årsarbetare|åa',
    'hushåll|företag|besök|ärenden|platser|lägenheter|bostäder|poäng',
    'h|tim|timme|timmar|min|minuter|dag|dagar|dgr|dygn|vecka|veckor|mån|månad|månader|år',
    'ha|hektar|km|km²|m|meter|m²|kvm|m³|mil|kg|ton|liter|kw|mw|kwh|mwh|gwh|twh',
  ].flatMap((group) => group.split('|')),
);

/** Whether `unit` (the letters after a number) is a unit we know, alone or combined with "/". */
export function isKnownUnit(unit: string): boolean {
  const text = unit
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .trim()
    .toLocaleLowerCase('sv');
  if (text === '') return false;
  return text
    .split(/\s*\/\s*/)
    .every((part) => KNOWN_UNITS.has(part) || KNOWN_UNITS.has(part.replace(/\.$/, '')));
}

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
 * "96,5 %" is 96.5, because indicators store the number in the unit the indicator declares. Letters that
 * are neither a known unit nor a marker make the cell text, never a number ("B4", "4 B").
 */
export function parseSwedishNumber(text: string, options: NumberOptions = { decimal: ',' }): NumberResult {
  const plain = parsePlainNumber(text, options.decimal);
  if (plain !== null) return plain;
  const trimmed = text.replace(/^[\s\u00A0\u202F]+|[\s\u00A0\u202F]+$/g, '');
  const marker = readMarker(trimmed, options.dashIsZero === true);
  if (marker !== null) return marker;

  const match = numberWithUnit.exec(trimmed);
  if (match) {
    const unit = match[3];
    if (unit !== undefined && unit !== '%' && unit !== '‰' && !isKnownUnit(unit)) {
      const letters = unit.trim();
      return {
        ok: false,
        reason: `"${trimmed}" is not a number: "${letters}" is not a unit we know`,
        reasonSv: `"${trimmed}" är inte ett tal: "${letters}" är ingen känd enhet`,
      };
    }
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

/** A missing, suppressed or "no new data" marker (or SCB's dash for zero); null for anything else. */
function readMarker(trimmed: string, dashIsZero: boolean): NumberResult | null {
  if (missingMarkers.has(trimmed)) return { ok: true, value: null, note: 'missing' };
  if (dashes.has(trimmed))
    return dashIsZero ? { ok: true, value: 0 } : { ok: true, value: null, note: 'missing' };
  if (suppressedPattern.test(trimmed)) return { ok: true, value: null, note: 'suppressed' };
  if (noNewDataPattern.test(trimmed)) return { ok: true, value: null, note: 'no_new_data' };
  return null;
}

/** Whether a cell is one of the markers for "no value" (missing, suppressed, no new data). */
export function isValueMarker(text: string): boolean {
  const trimmed = text.replace(/^[\s\u00A0\u202F]+|[\s\u00A0\u202F]+$/g, '');
  return readMarker(trimmed, false) !== null;
}

/**
 * What a cell says about the decimal sign: "7,5" or "0,125" a comma, "7.849101" or "11.9" a point;
 * "1.234" says nothing (a group of three digits after a point is thousands in a Swedish file). The last
 * separator before the end decides, so "1,234.5" has a decimal point and "1.234,5" a comma.
 */
export function decimalEvidence(text: string): { decimal: ',' | '.'; decimals: number } | null {
  const comma = /\d,(\d+)(?![\d.,])/.exec(text);
  if (comma) return { decimal: ',', decimals: comma[1]?.length ?? 0 };
  const dot = /\d\.(\d{1,2}|\d{4,})(?![\d.,])/.exec(text);
  if (dot) return { decimal: '.', decimals: dot[1]?.length ?? 0 };
  return null;
}

/**
 * The decimal sign of a source from its value cells: a point when more cells show a decimal point than a
 * decimal comma, otherwise a comma (the Swedish default, and the safe reading of "1.234"). A stray cell
 * of the other kind is then rejected with the reason that names the sign, instead of turning the file.
 */
export function chooseDecimal(cells: Iterable<string>): ',' | '.' {
  let dots = 0;
  let commas = 0;
  for (const cell of cells) {
    const evidence = decimalEvidence(cell);
    if (evidence?.decimal === ',') commas++;
    else if (evidence?.decimal === '.') dots++;
  }
  return dots > commas ? '.' : ',';
}

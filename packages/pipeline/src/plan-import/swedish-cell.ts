// Numbers as the follow-up tables write them: "26 602", "14,5%", "1,4 ha", "+7,2 mkr", "*68", "5 ha".

export interface CellNumber {
  value: number;
  /** "%", "ha", "mkr", "tkr", "kr" or "st" when the cell names one, else "". */
  unit: string;
  decimals: number;
  /** The cell starts with an explicit "+" ("+0": a surplus of at least zero). */
  plusSign: boolean;
  /** The cell carries a footnote mark "*". */
  footnote: boolean;
}

const NUMBER_CELL =
  /^(\*?)\s*([+\-\u2212]?)\s*(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.](\d+))?\s*(%|ha|mkr|tkr|kr|st)?\s*(\*?)$/i;

/** One number with an optional unit; null for anything else (text, several numbers, a dash). */
export function parseCellNumber(text: string): CellNumber | null {
  const m = NUMBER_CELL.exec(text.trim());
  if (!m) return null;
  const [, starBefore, sign, integer, fraction, unit, starAfter] = m;
  const digits = `${(integer ?? '').replace(/[ \u00a0\u202f]/g, '')}${fraction ? `.${fraction}` : ''}`;
  const magnitude = Number(digits);
  if (!Number.isFinite(magnitude)) return null;
  const negative = sign === '-' || sign === '\u2212';
  return {
    value: negative && magnitude !== 0 ? -magnitude : magnitude,
    unit: (unit ?? '').toLowerCase(),
    decimals: fraction?.length ?? 0,
    plusSign: sign === '+',
    footnote: starBefore === '*' || starAfter === '*',
  };
}

/** A cell that means "no value": empty, or a dash as the tables write it. */
export function isEmptyCell(text: string): boolean {
  return /^[\s\-\u2013\u2014]*$/.test(text);
}

/**
 * A date as the report headers write it: "160101" (YYMMDD), "20160101" or "2016-01-01"; null otherwise.
 * Found anywhere in the text ("Ingångsvärde 160101", "Status per 160430").
 */
export function findReportDate(text: string): string | null {
  const m = /(?:^|\D)(\d{4}-\d{2}-\d{2}|\d{8}|\d{6})(?:\D|$)/.exec(text);
  if (!m?.[1]) return null;
  const raw = m[1];
  let iso: string;
  if (raw.includes('-')) iso = raw;
  else if (raw.length === 8) iso = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  else iso = `20${raw.slice(0, 2)}-${raw.slice(2, 4)}-${raw.slice(4, 6)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** An ASCII key from Swedish text: "Antal medborgarförslag" -> "antal-medborgarforslag". */
export function slugify(text: string, maxLength = 48): string {
  const ascii = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= maxLength) return ascii;
  // Cut at a word boundary so the key still reads as words.
  const cut = ascii.slice(0, maxLength + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 8 ? cut.slice(0, lastDash) : ascii.slice(0, maxLength)).replace(/-+$/, '');
}

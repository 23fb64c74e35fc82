// CSV for spreadsheets. Two dialects: Swedish Excel (semicolon, decimal comma, BOM so Excel reads UTF-8)
// and plain (comma, decimal point). Cells are made safe against formula injection (OWASP "CSV
// Injection"): a text cell that starts with = + - @ (or tab/CR, which Excel strips first) gets a leading
// apostrophe, so Excel shows it as text instead of running it. Numbers we format ourselves match a strict
// pattern and stay numbers, so a negative value is still a number in the sheet.

export type CsvFormat = 'sv' | 'plain';

export type CsvCell = string | number | null;

const DANGEROUS_START = /^[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

function formatNumberCell(value: number, format: CsvFormat): string {
  // Full precision, no thousands separator: a separator makes Excel read text.
  const text = String(value);
  return format === 'sv' ? text.replace('.', ',') : text;
}

/**
 * Quotes a cell that holds either delimiter, a quote or a line break, whichever delimiter this file uses: a
 * spreadsheet that guesses the other one (Excel in a Swedish locale splits a comma file on `;`) would
 * otherwise cut `T;=1+2` into a cell that starts with `=`.
 */
function quote(text: string): string {
  return /[;,"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  format: CsvFormat,
): string {
  const delimiter = format === 'sv' ? ';' : ',';
  const line = (cells: readonly CsvCell[]) =>
    cells
      .map((cell) => {
        if (cell === null) return '';
        if (typeof cell === 'number') return Number.isFinite(cell) ? formatNumberCell(cell, format) : '';
        return quote(neutraliseCell(cell));
      })
      .join(delimiter);
  const body = [line(header), ...rows.map(line)].join('\r\n');
  return `${format === 'sv' ? '\ufeff' : ''}${body}\r\n`;
}

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

function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
        return quote(neutraliseCell(cell), delimiter);
      })
      .join(delimiter);
  const body = [line(header), ...rows.map(line)].join('\r\n');
  return `${format === 'sv' ? '\ufeff' : ''}${body}\r\n`;
}

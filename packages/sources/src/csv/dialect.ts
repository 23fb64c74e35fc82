import Papa from 'papaparse';
import type { Newline } from './records.ts';

export const candidateDelimiters = [';', '\t', ',', '|'] as const;
export type Delimiter = (typeof candidateDelimiters)[number];

/** The first line break outside quotes decides: CRLF (Excel on Windows), LF, or CR (old Mac exports). */
export function detectNewline(sample: string): Newline {
  let inQuotes = false;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === '\r') return sample[i + 1] === '\n' ? '\r\n' : '\r';
    else if (!inQuotes && ch === '\n') return '\n';
  }
  return '\n';
}

/**
 * Picks the delimiter that splits the first lines most consistently. Each candidate is parsed with
 * papaparse (so quoted fields are respected); its most common field count above one is `width`, and the
 * score is the number of lines with that count times (width − 1). Weighting by width matters in Swedish
 * files: "2016T1;Såld mark;1,4" splits on "," into a consistent 2 but on ";" into 3, and title lines or a
 * footnote (one field) cost every candidate the same. Ties go to the order ; tab , |.
 */
export function detectDelimiter(sample: string, newline: Newline, complete: boolean): Delimiter {
  return rankDelimiters(sample, newline, complete)[0] ?? ';';
}

/**
 * All candidates, best first (see detectDelimiter); those that never split a line are left out. A line
 * where a field still contains a quote after parsing counts against the candidate: with the right
 * delimiter papaparse removes the quotes, with a wrong one `5;"Kommentar, …"` keeps them.
 */
export function rankDelimiters(sample: string, newline: Newline, complete: boolean): Delimiter[] {
  const scored: { delimiter: Delimiter; score: number }[] = [];
  for (const delimiter of candidateDelimiters) {
    const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', preview: 200 });
    const result = parser.parse(sample, 0, !complete) as Papa.ParseResult<string[]>;
    const frequency = new Map<number, number>();
    for (const row of result.data) {
      if (row.length < 2 || row.every((cell) => cell.trim() === '')) continue;
      if (row.some((cell) => cell.includes('"'))) continue;
      frequency.set(row.length, (frequency.get(row.length) ?? 0) + 1);
    }
    let width = 0;
    let count = 0;
    for (const [w, c] of frequency) {
      if (c > count || (c === count && w > width)) {
        width = w;
        count = c;
      }
    }
    const score = count * (width - 1);
    if (score > 0) scored.push({ delimiter, score });
  }
  // Stable sort: equal scores keep the order ; tab , |. A file with one column has no delimiter to find
  // and gets ";", as Swedish exports use.
  return scored.sort((a, b) => b.score - a.score).map((s) => s.delimiter);
}

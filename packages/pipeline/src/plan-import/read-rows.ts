// From the bytes a steward saves (Excel "CSV", "CSV UTF-8", or a paste into a text editor) to rows of
// cells with their line numbers. Pure: no file system; the caller reads the bytes.

export type TextEncodingName = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  hadBom: boolean;
}

/**
 * UTF-8 when the bytes are valid UTF-8 (with or without Excel's BOM), else Windows-1252: Excel on Swedish
 * Windows saves plain "CSV" in that code page, and a byte like 0xE5 ("å") is never valid UTF-8 on its own.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hadBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', hadBom };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252', hadBom };
  }
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (en dash, curly quotes, euro sign…). Node builds
// without full ICU decode 'windows-1252' as Latin-1, so those bytes are mapped here. Unassigned bytes
// (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as their C1 code points, as in the WHATWG decoder.
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += byte >= 0x80 && byte <= 0x9f ? CP1252_80_9F.charAt(byte - 0x80) : String.fromCharCode(byte);
  }
  return text;
}

export interface TextRow {
  /** 1-based line where the row starts in the file, for messages ("rad 57"). */
  line: number;
  /** Trimmed cells; trailing empty cells (Excel pads rows to the widest one) are kept as "". */
  cells: string[];
}

/**
 * The delimiter the tables use: tab (pasted from Word or a PDF) or semicolon (Excel with Swedish
 * settings). Counted over the whole text because most lines are prose without any delimiter.
 */
export function detectDelimiter(text: string): ';' | '\t' {
  let tabs = 0;
  let semicolons = 0;
  for (const ch of text) {
    if (ch === '\t') tabs++;
    else if (ch === ';') semicolons++;
  }
  return tabs > semicolons ? '\t' : ';';
}

/**
 * Splits delimited text into rows. A cell that starts with a double quote is quoted the way Excel writes
 * it (doubled quotes inside, delimiters and line breaks allowed); a quote elsewhere in a cell is plain
 * text, as in a paste ('projekt "var vill du bo?"').
 */
export function splitRows(text: string, delimiter: string = detectDelimiter(text)): TextRow[] {
  const rows: TextRow[] = [];
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const endCell = () => {
    cells.push(cell.trim());
    cell = '';
    atCellStart = true;
  };
  const endRow = () => {
    endCell();
    rows.push({ line: rowLine, cells });
    cells = [];
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (atCellStart && ch === '"') {
      // Quoted cell: read to the closing quote.
      i++;
      while (i < text.length) {
        const q = text[i] as string;
        if (q === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        cell += q;
        i++;
      }
      atCellStart = false;
      continue;
    }
    if (ch === delimiter) {
      endCell();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      line++;
      rowLine = line;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i++;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

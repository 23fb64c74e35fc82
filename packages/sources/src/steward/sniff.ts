/**
 * Refuses a file that is not text before anything reads or stores it: an upload of a workbook, a PDF or
 * a picture is a steward's slip, and the answer should say what to do instead. Looks at the first bytes
 * (magic numbers) and for NUL bytes, which no CSV export has (UTF-16 text, which has them, starts with a
 * BOM and is let through: the reader decodes it).
 */
const signatures: { magic: number[]; reasonSv: string; reasonEn: string }[] = [
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    reasonSv:
      'Filen är en Excel-arbetsbok (xlsx) eller ett zip-arkiv, inte en CSV-fil. Öppna den i Excel och välj Arkiv → Spara som → "CSV UTF-8 (kommaavgränsad)" eller "CSV (semikolonavgränsad)", och ladda upp den filen.',
    reasonEn:
      'The file is an Excel workbook (xlsx) or a zip archive, not a CSV file. Open it in Excel, choose File → Save as → "CSV UTF-8", and upload that file.',
  },
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    reasonSv:
      'Filen är en äldre Excel-arbetsbok (xls), inte en CSV-fil. Öppna den i Excel och spara den som CSV (Arkiv → Spara som → "CSV (semikolonavgränsad)"), och ladda upp den filen.',
    reasonEn:
      'The file is an old Excel workbook (xls), not a CSV file. Open it in Excel, save it as CSV, and upload that file.',
  },
  {
    magic: [0x25, 0x50, 0x44, 0x46, 0x2d],
    reasonSv: 'Filen är en PDF, inte en CSV-fil. Be om uttaget som CSV ur systemet det kommer från.',
    reasonEn: 'The file is a PDF, not a CSV file. Ask for the export as CSV from the system it comes from.',
  },
  {
    magic: [0x1f, 0x8b],
    reasonSv: 'Filen är packad (gzip). Packa upp den och ladda upp CSV-filen.',
    reasonEn: 'The file is compressed (gzip). Unpack it and upload the CSV file.',
  },
  {
    magic: [0x89, 0x50, 0x4e, 0x47],
    reasonSv: 'Filen är en bild (PNG), inte en CSV-fil.',
    reasonEn: 'The file is an image (PNG), not a CSV file.',
  },
  {
    magic: [0xff, 0xd8, 0xff],
    reasonSv: 'Filen är en bild (JPEG), inte en CSV-fil.',
    reasonEn: 'The file is an image (JPEG), not a CSV file.',
  },
  {
    magic: [0x47, 0x49, 0x46, 0x38],
    reasonSv: 'Filen är en bild (GIF), inte en CSV-fil.',
    reasonEn: 'The file is an image (GIF), not a CSV file.',
  },
];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** Null when the bytes may be a text export; otherwise why not, in Swedish and English. */
/** Byte order marks a text export may start with; what follows one is sniffed like any file. */
const BOMS: { bytes: number[]; utf16: 'utf-16le' | 'utf-16be' | null }[] = [
  { bytes: [0xef, 0xbb, 0xbf], utf16: null },
  { bytes: [0xff, 0xfe], utf16: 'utf-16le' },
  { bytes: [0xfe, 0xff], utf16: 'utf-16be' },
];

const nulRefusal = {
  reasonSv:
    'Filen innehåller binära data (NUL-tecken) och är ingen textfil. Spara uttaget som CSV och ladda upp det igen.',
  reasonEn:
    'The file holds binary data (NUL bytes) and is not a text file. Save the export as CSV and upload it again.',
};

export function refuseBinaryUpload(bytes: Uint8Array): { reasonSv: string; reasonEn: string } | null {
  if (bytes.length === 0) return { reasonSv: 'Filen är tom.', reasonEn: 'The file is empty.' };
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  // A BOM in front of a workbook or a PDF does not make it text: look past it.
  const body = bom ? bytes.subarray(bom.bytes.length) : bytes;
  for (const s of signatures)
    if (startsWith(body, s.magic)) return { reasonSv: s.reasonSv, reasonEn: s.reasonEn };
  // UTF-16 (Excel's "Unicode text") has a NUL in every other byte; its characters must not be NUL.
  const hasNul = bom?.utf16 ? new TextDecoder(bom.utf16).decode(body).includes('\u0000') : body.includes(0);
  return hasNul ? nulRefusal : null;
}

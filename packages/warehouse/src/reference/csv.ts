/**
 * Reads the register's own data files (packages/warehouse/data): UTF-8, `,`, `"` quotes with `""`
 * inside, one header row. The files are ours and small; a file that breaks these rules is a defect in
 * the repository, so this throws rather than guessing.
 */
export function parseDataCsv(text: string, file: string): Record<string, string>[] {
  const records = splitRecords(text.replace(/^\uFEFF/, ''), file);
  const header = records.shift();
  if (header === undefined) throw new Error(`${file}: empty file`);
  return records.map((fields, i) => {
    if (fields.length !== header.length) {
      throw new Error(`${file}: record ${i + 2} has ${fields.length} fields, the header ${header.length}`);
    }
    return Object.fromEntries(header.map((name, j) => [name, fields[j] as string]));
  });
}

function splitRecords(text: string, file: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') records.push(fields);
      fields = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error(`${file}: unclosed quote`);
  fields.push(field);
  if (fields.length > 1 || fields[0] !== '') records.push(fields);
  return records;
}

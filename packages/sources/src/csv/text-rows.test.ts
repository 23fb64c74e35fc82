import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { decodeWholeText, splitTextRows } from './text-rows.ts';

describe('decodeWholeText', () => {
  test('Excel "CSV UTF-8": the BOM is removed and the text kept', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Kommunmål: Trygghet', 'utf8')]);
    expect(await decodeWholeText(bytes)).toEqual({ text: 'Kommunmål: Trygghet', encoding: 'utf-8' });
  });

  test('UTF-8 without BOM is read as UTF-8', async () => {
    expect(await decodeWholeText(Buffer.from('Önskat läge', 'utf8'))).toEqual({
      text: 'Önskat läge',
      encoding: 'utf-8',
    });
  });

  test('Excel "CSV" on Swedish Windows (Windows-1252): å/ö and the en dash 0x96 come out right', async () => {
    const bytes = iconv.encode('Resultatmått – hur väl', 'win1252');
    expect(bytes.includes(0x96)).toBe(true);
    expect(await decodeWholeText(bytes)).toEqual({
      text: 'Resultatmått – hur väl',
      encoding: 'windows-1252',
    });
  });
});

describe('splitTextRows', () => {
  test('semicolons with Excel quoting: delimiter, doubled quote and line break inside a quoted cell', () => {
    const text = 'a;"b;c";"sa ""hej""";"rad1\nrad2"\r\nnästa;;;\r\n';
    expect(splitTextRows(text, [';']).rows).toEqual([
      { line: 1, cells: ['a', 'b;c', 'sa "hej"', 'rad1\nrad2'] },
      { line: 3, cells: ['nästa', '', '', ''] },
    ]);
  });

  test('a quote inside a pasted cell is plain text', () => {
    expect(splitTextRows('projekt "var vill du bo?"\tPågår', ['\t']).rows).toEqual([
      { line: 1, cells: ['projekt "var vill du bo?"', 'Pågår'] },
    ]);
  });

  test('a pasted cell that starts with a quoted phrase does not swallow the lines after it', () => {
    const text = '"Var vill du bo?" – projekt;Pågår\nNy webb;Klar\n"Hållbarhet";Ej inlett\n';
    expect(splitTextRows(text, [';']).rows).toEqual([
      { line: 1, cells: ['"Var vill du bo?" – projekt', 'Pågår'] },
      { line: 2, cells: ['Ny webb', 'Klar'] },
      { line: 3, cells: ['"Hållbarhet"', 'Ej inlett'] },
    ]);
    // With no quote later in the file to close it, papaparse would read to the end.
    expect(splitTextRows('"Var vill du bo?" – projekt;Pågår\r\nNy webb;Klar\r\n', [';']).rows).toEqual([
      { line: 1, cells: ['"Var vill du bo?" – projekt', 'Pågår'] },
      { line: 2, cells: ['Ny webb', 'Klar'] },
    ]);
  });

  test('blank lines stay as rows so that line numbers match the file', () => {
    expect(splitTextRows('x\n\ny', [';']).rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  test.each([
    ['prose, with commas\nNyckeltal;Ingångsvärde 160101;Önskat läge;Status', ';'],
    ['Nyckeltal\tIngångsvärde 160101\tÖnskat läge\tStatus\nText; med semikolon', '\t'],
    ['bara text', ';'],
  ])('the delimiter among ; and tab of %j is %j', (text, expected) => {
    expect(splitTextRows(text, [';', '\t']).delimiter).toBe(expected);
  });
});

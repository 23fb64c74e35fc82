import { describe, expect, test } from 'vitest';
import { decodeText, detectDelimiter, splitRows } from './read-rows.ts';

describe('decodeText', () => {
  test('Excel "CSV UTF-8": the BOM is removed and the text kept', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Kommunmål: Trygghet', 'utf8')]);
    expect(decodeText(bytes)).toEqual({ text: 'Kommunmål: Trygghet', encoding: 'utf-8', hadBom: true });
  });

  test('UTF-8 without BOM is read as UTF-8', () => {
    expect(decodeText(Buffer.from('Önskat läge', 'utf8'))).toMatchObject({
      text: 'Önskat läge',
      encoding: 'utf-8',
    });
  });

  test('Excel "CSV" on Swedish Windows (Windows-1252): å/ö and the en dash 0x96 come out right', () => {
    const bytes = Buffer.concat([
      Buffer.from('Resultatm\xe5tt ', 'latin1'),
      Buffer.from([0x96]),
      Buffer.from(' hur v\xe4l', 'latin1'),
    ]);
    expect(decodeText(bytes)).toEqual({
      text: 'Resultatmått – hur väl',
      encoding: 'windows-1252',
      hadBom: false,
    });
  });
});

describe('splitRows', () => {
  test('semicolons with Excel quoting: delimiter, doubled quote and line break inside a quoted cell', () => {
    const text = 'a;"b;c";"sa ""hej""";"rad1\nrad2"\r\nnästa;;;\r\n';
    expect(splitRows(text, ';')).toEqual([
      { line: 1, cells: ['a', 'b;c', 'sa "hej"', 'rad1\nrad2'] },
      { line: 3, cells: ['nästa', '', '', ''] },
    ]);
  });

  test('a quote inside a pasted cell is plain text', () => {
    expect(splitRows('projekt "var vill du bo?"\tPågår', '\t')).toEqual([
      { line: 1, cells: ['projekt "var vill du bo?"', 'Pågår'] },
    ]);
  });

  test('blank lines stay as rows so that line numbers match the file', () => {
    expect(splitRows('x\n\ny', ';').map((r) => r.line)).toEqual([1, 2, 3]);
  });
});

describe('detectDelimiter', () => {
  test.each([
    ['prose, with commas\nNyckeltal;Ingångsvärde 160101;Önskat läge;Status', ';'],
    ['Nyckeltal\tIngångsvärde 160101\tÖnskat läge\tStatus\nText; med semikolon', '\t'],
  ])('%j -> %j', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

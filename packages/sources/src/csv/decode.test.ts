import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode.ts';
import { chunksOf, collectText } from './test-helpers.ts';

const swedish = 'Kommun;Värde\r\nMjölby;26 602\r\nÅtvidaberg;11 500 – prel.\r\n';

async function decode(bytes: Uint8Array, chunkSize: number, setting: 'auto' | 'iso-8859-1' = 'auto') {
  const decoded = decodeBytes(chunksOf(bytes, chunkSize), setting);
  const text = await collectText(decoded.chunks);
  return { text, encoding: decoded.encoding() };
}

describe('decodeBytes', () => {
  const cases: [string, Uint8Array, string, string][] = [
    ['UTF-8 without BOM', Buffer.from(swedish, 'utf8'), 'utf-8', swedish],
    [
      'UTF-8 with BOM (Excel "CSV UTF-8"), BOM stripped',
      Buffer.from(`\uFEFF${swedish}`, 'utf8'),
      'utf-8',
      swedish,
    ],
    [
      'Windows-1252 (Excel "CSV (semikolonavgränsad)"), en dash included',
      iconv.encode(swedish, 'win1252'),
      'windows-1252',
      swedish,
    ],
    [
      'ISO-8859-1 text reads correctly as Windows-1252',
      iconv.encode('Kommun;Värde\nMjölby;5\n', 'latin1'),
      'windows-1252',
      'Kommun;Värde\nMjölby;5\n',
    ],
    [
      'UTF-16 LE with BOM (Excel "Unicode text")',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(swedish, 'utf16le')]),
      'utf-16le',
      swedish,
    ],
    ['pure ASCII', Buffer.from('a;b\n1;2\n'), 'utf-8', 'a;b\n1;2\n'],
  ];
  for (const chunkSize of [1, 2, 7, 65_536]) {
    it.each(cases)(`%s (chunks of ${chunkSize} bytes)`, async (_name, bytes, encoding, text) => {
      expect(await decode(bytes, chunkSize)).toEqual({ text, encoding });
    });
  }

  it('decides on the first non-ASCII byte even when it comes after 100 kB of ASCII', async () => {
    const ascii = 'Kommun;Varde\n'.padEnd(100_000, 'x');
    const bytes = Buffer.concat([Buffer.from(`${ascii}\n`), iconv.encode('Mjölby;5\n', 'win1252')]);
    expect(await decode(bytes, 16_384)).toEqual({ text: `${ascii}\nMjölby;5\n`, encoding: 'windows-1252' });
  });

  it('keeps a UTF-8 sequence split at the end of the detection window as UTF-8', async () => {
    // 65 535 bytes of "ö" pairs and one more: the 64 KiB window ends inside a two-byte sequence.
    const text = `${'ö'.repeat(40_000)}\n`;
    expect(await decode(Buffer.from(text, 'utf8'), 10_000)).toEqual({ text, encoding: 'utf-8' });
  });

  it('does not take EF BB BF in the middle of a file for a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from('abc'), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('d')]);
    expect(await decode(bytes, 3)).toEqual({ text: 'abc\uFEFFd', encoding: 'utf-8' });
  });

  it('uses the encoding the definition sets instead of detecting', async () => {
    expect(await decode(Buffer.from('Mjölby', 'utf8'), 4, 'iso-8859-1')).toEqual({
      text: 'MjÃ¶lby',
      encoding: 'iso-8859-1',
    });
  });
});

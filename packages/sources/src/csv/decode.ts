import iconv from 'iconv-lite';

export type EncodingSetting = 'auto' | 'utf-8' | 'windows-1252' | 'iso-8859-1';
export type DetectedEncoding = 'utf-8' | 'windows-1252' | 'iso-8859-1' | 'utf-16le' | 'utf-16be';

/** How many bytes after the first non-ASCII byte are checked before deciding between UTF-8 and 1252. */
const detectionWindow = 64 * 1024;

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function firstNonAscii(buf: Buffer): number {
  for (let i = 0; i < buf.length; i++) if ((buf[i] ?? 0) >= 0x80) return i;
  return -1;
}

/**
 * True when the bytes are valid UTF-8. A sequence cut off at the end of the window is allowed unless the
 * input ended there, since the next chunk may complete it.
 */
export function isValidUtf8(bytes: Buffer, atEnd: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !atEnd });
    return true;
  } catch {
    return false;
  }
}

/**
 * Chooses the encoding of bytes that contain non-ASCII text.
 *
 * Valid UTF-8 means UTF-8: Swedish letters in Windows-1252 or ISO-8859-1 are single bytes (å E5, ä E4,
 * ö F6) that UTF-8 only allows as the lead of a multi-byte sequence, so 8-bit Swedish text is practically
 * never valid UTF-8. Anything else is read as Windows-1252, which is also correct for ISO-8859-1: the
 * two agree on every byte except 0x80–0x9F, which ISO-8859-1 gives to C1 control characters that never
 * occur in text exports (where Windows-1252 has €, – and typographic quotes, which Excel does write).
 */
export function chooseEncoding(bytes: Buffer, atEnd: boolean): 'utf-8' | 'windows-1252' {
  return isValidUtf8(bytes, atEnd) ? 'utf-8' : 'windows-1252';
}

function bomEncoding(head: Buffer): DetectedEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // Excel's "Unicode text" export is UTF-16 LE with a BOM.
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

export interface DecodedText {
  /** Decoded text in chunks, BOM removed. */
  chunks: AsyncGenerator<string>;
  /** The encoding used; final once the first chunk that needed a decision has been produced. */
  encoding(): DetectedEncoding;
}

/**
 * Decodes a byte stream chunk by chunk with iconv-lite. With `auto`, ASCII is passed through until the
 * first non-ASCII byte (every candidate encoding reads ASCII the same), then the next 64 KiB decide.
 */
export function decodeBytes(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  setting: EncodingSetting,
): DecodedText {
  let encoding: DetectedEncoding = setting === 'auto' ? 'utf-8' : setting;

  async function* run(): AsyncGenerator<string> {
    let decoder: iconv.DecoderStream | null = null;
    // A BOM is stripped only at the start of the file; bytes EF BB BF further in are text (U+FEFF).
    const startDecoder = (enc: DetectedEncoding, atFileStart: boolean): iconv.DecoderStream => {
      encoding = enc;
      const name = enc === 'windows-1252' ? 'win1252' : enc === 'iso-8859-1' ? 'latin1' : enc;
      decoder = iconv.getDecoder(name, { stripBOM: atFileStart });
      return decoder;
    };
    if (setting !== 'auto') startDecoder(setting, true);

    // Until a decoder is chosen, everything yielded was ASCII and `held` keeps the undecoded bytes.
    let held: Buffer = Buffer.alloc(0);
    let bomChecked = false;
    let sawNonAscii = false;
    const iterator = input[Symbol.asyncIterator]();
    for (;;) {
      const next = await iterator.next();
      const atEnd = next.done === true;
      const buf = atEnd ? Buffer.alloc(0) : toBuffer(next.value);
      if (decoder === null) {
        held = held.length === 0 ? buf : Buffer.concat([held, buf]);
        if (!bomChecked) {
          // A BOM decides at once; wait for enough bytes to see one.
          if (held.length < 3 && !atEnd) continue;
          bomChecked = true;
          const bom = bomEncoding(held);
          if (bom !== null) startDecoder(bom, true);
        }
        if (decoder === null && !sawNonAscii) {
          const at = firstNonAscii(held);
          if (at === -1) {
            if (held.length > 0) yield held.toString('latin1');
            held = Buffer.alloc(0);
          } else {
            if (at > 0) yield held.subarray(0, at).toString('latin1');
            held = Buffer.from(held.subarray(at));
            sawNonAscii = true;
          }
        }
        if (decoder === null && sawNonAscii && (held.length >= detectionWindow || atEnd)) {
          const windowIsWholeRest = atEnd && held.length <= detectionWindow;
          startDecoder(chooseEncoding(held.subarray(0, detectionWindow), windowIsWholeRest), false);
        }
        if (decoder === null) {
          if (atEnd) return;
          continue;
        }
      }
      const d: iconv.DecoderStream = decoder;
      const bytes = held.length > 0 ? held : buf;
      held = Buffer.alloc(0);
      const text = d.write(bytes) + (atEnd ? (d.end() ?? '') : '');
      if (text !== '') yield text;
      if (atEnd) return;
    }
  }

  return { chunks: run(), encoding: () => encoding };
}

// Text from a public file's bytes. Publishers write UTF-8 (with or without a
// byte-order mark) or Windows-1252 (GIAS, some Ofsted editions). Headers are
// ASCII, so the choice is made at the first non-ASCII byte: valid UTF-8 from
// there on means UTF-8, anything else Windows-1252. iconv-lite decodes as a
// stream (a character split across two chunks is joined).
import iconv from "iconv-lite";

export type TextEncoding = "utf8" | "win1252";

/** True when `bytes` is valid UTF-8 (an incomplete sequence cut by the chunk's end allowed). */
function looksLikeUtf8(bytes: Uint8Array): boolean {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0;
    if (length === 0) return false;
    for (let next = 1; next < length; next++) {
      if (index + next >= bytes.length) return true; // cut by the chunk's end
      if ((bytes[index + next]! & 0xc0) !== 0x80) return false;
    }
    index += length;
  }
  return true;
}

/** Decodes chunks of a file to text, choosing the encoding at the first non-ASCII byte. */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array>,
  onEncoding?: (encoding: TextEncoding) => void,
): AsyncGenerator<string> {
  let decoder: { write(buffer: Buffer): string; end(): string | undefined } | null = null;
  let first = true;
  for await (const chunk of chunks) {
    let buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (first) {
      first = false;
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
        buffer = buffer.subarray(3);
        decoder = iconv.getDecoder("utf8");
        onEncoding?.("utf8");
      }
    }
    if (decoder) {
      const text = decoder.write(buffer);
      if (text) yield text;
      continue;
    }
    const high = buffer.findIndex((byte) => byte >= 0x80);
    if (high < 0) {
      yield buffer.toString("latin1");
      continue;
    }
    const encoding: TextEncoding = looksLikeUtf8(buffer.subarray(high)) ? "utf8" : "win1252";
    onEncoding?.(encoding);
    decoder = iconv.getDecoder(encoding);
    if (high > 0) yield buffer.subarray(0, high).toString("latin1");
    const text = decoder.write(buffer.subarray(high));
    if (text) yield text;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}

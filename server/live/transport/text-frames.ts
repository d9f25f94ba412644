// WebSocket text frames as a server writes them (RFC 6455, section 5.2:
// final, unmasked, opcode 1), several messages in one buffer. ws frames each
// message as a header and its data, written separately (corked into one
// writev) after encoding the string on the way; with thousands of sockets an
// event, the socket glue writes each socket's frames as one buffer instead,
// encoded once, with one write call (socket-writer.ts).

/** The header's size for a payload of `length` bytes: 7-bit, 16-bit or 64-bit length. */
const headerSize = (length: number) => (length < 126 ? 2 : length < 65_536 ? 4 : 10);

/** The messages as consecutive text frames, in one buffer. */
export function textFrames(messages: readonly string[]): Buffer {
  const lengths = messages.map((message) => Buffer.byteLength(message));
  const total = lengths.reduce((sum, length) => sum + headerSize(length) + length, 0);
  const frames = Buffer.allocUnsafe(total);
  let at = 0;
  messages.forEach((message, index) => {
    const length = lengths[index]!;
    frames[at] = 0x81; // FIN, text
    if (length < 126) {
      frames[at + 1] = length;
      at += 2;
    } else if (length < 65_536) {
      frames[at + 1] = 126;
      frames.writeUInt16BE(length, at + 2);
      at += 4;
    } else {
      frames[at + 1] = 127;
      frames.writeUInt32BE(Math.floor(length / 2 ** 32), at + 2);
      frames.writeUInt32BE(length >>> 0, at + 6);
      at += 10;
    }
    at += frames.write(message, at, "utf8");
  });
  return frames;
}

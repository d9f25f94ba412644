// A public file is read as it arrives; past PUBLIC_DATA_LIMIT the read stops
// with FileTooLarge (answered 413 by the HTTP route and the GraphQL upload).

/** A file over PUBLIC_DATA_LIMIT: the message names the file and the limit. */
export class FileTooLarge extends Error {
  constructor(fileName: string, limitText: string) {
    super(`${fileName} is larger than the limit of ${limitText} (PUBLIC_DATA_LIMIT)`);
    this.name = "FileTooLarge";
  }
}

/** Passes `content` on, counting bytes; throws FileTooLarge once more than `limit` have come. */
export async function* withinLimit(
  content: AsyncIterable<Uint8Array>,
  limit: { readonly bytes: number; readonly text: string },
  fileName: string,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of content) {
    total += chunk.length;
    if (total > limit.bytes) throw new FileTooLarge(fileName, limit.text);
    yield chunk;
  }
}

// The bytes a GraphQL answer takes on the wire for each Accept-Encoding a
// client may send (fetch decompresses before a caller sees the body, so the
// request goes through node:http and the body is counted as it arrives).
import { request } from "node:http";

export interface WireSize {
  /** The Accept-Encoding sent: "identity", "gzip", "br". */
  readonly accept: string;
  /** The Content-Encoding answered ("identity" when none). */
  readonly encoding: string;
  readonly bytes: number;
}

export function wireSize(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  accept: string,
): Promise<WireSize> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const sent = request(
      `${url}/graphql`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "accept-encoding": accept,
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () =>
          resolve({
            accept,
            encoding: String(response.headers["content-encoding"] ?? "identity"),
            bytes,
          }),
        );
        response.on("error", reject);
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

// One GraphQL request over HTTP, as any client sends it: POST JSON, read JSON.
//
// A benchmark that keeps the event loop busy (the in-process paths) lets the
// server's keep-alive timer and fetch's fire together, and the next request
// can go out on a socket the server has just closed (ECONNRESET or EPIPE
// before any answer). The server never read that request, so it is sent
// again once on a new connection, as browsers do.
import http from "node:http";

export interface GraphQLAnswer<T> {
  readonly data: T | null;
  readonly errors: readonly { message: string; extensions?: { code?: string } }[];
}

/** How a request sent on a socket the server had closed fails. */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = null,
): Promise<GraphQLAnswer<T>> {
  const init = {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  };
  let response: Response;
  try {
    response = await fetch(`${url}/graphql`, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (!STALE_SOCKET.has(cause?.code ?? "")) throw error;
    response = await fetch(`${url}/graphql`, init);
  }
  const body = (await response.json()) as { data?: T | null; errors?: GraphQLAnswer<T>["errors"] };
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** The data of a request that must succeed; its first error otherwise. */
export async function requestGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = null,
): Promise<T> {
  const answer = await postGraphQL<T>(url, query, variables, token);
  if (answer.errors.length > 0 || answer.data === null)
    throw new Error(
      `GraphQL request failed: ${answer.errors[0]?.message ?? "no data"} (${answer.errors[0]?.extensions?.code ?? ""})`,
    );
  return answer.data;
}

/** An answer's size as it crosses the wire (before any decompression), and how it was encoded. */
export interface WireSize {
  readonly bytes: number;
  /** The response's content-encoding (gzip, br), or null when sent as it is. */
  readonly encoding: string | null;
}

/**
 * POSTs a GraphQL request with node:http (which, unlike fetch, neither asks
 * for compression nor undoes it) and counts the bytes of the answer's body as
 * received, asking for `acceptEncoding` when given.
 */
export function wireSize(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  acceptEncoding: string | null,
  token: string | null = null,
): Promise<WireSize> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/graphql`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => {
          const encoding = response.headers["content-encoding"];
          resolve({ bytes, encoding: typeof encoding === "string" ? encoding : null });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

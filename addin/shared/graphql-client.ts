// A small GraphQL-over-HTTP client for the add-in: the token as a bearer
// header, errors turned into typed failures the functions and the pane can
// show (signed out, unreachable, bad input, not found).
import { ErrorCode, type Problem } from "../../server/shared/index.js";

/** The server's codes the add-in acts on, and what the add-in itself finds. */
export type FailureKind =
  | "SIGNED_OUT"
  | "UNREACHABLE"
  | typeof ErrorCode.BAD_USER_INPUT
  | typeof ErrorCode.NOT_FOUND
  | typeof ErrorCode.FORBIDDEN
  | typeof ErrorCode.CONFLICT
  | "SERVER";

export interface GraphQLErrorBody {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: {
    /** One of ErrorCode (a newer server may send one this add-in does not know). */
    readonly code?: string;
    readonly problems?: readonly Pick<Problem, "field" | "message">[];
  };
}

export class AddinFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly errors: readonly GraphQLErrorBody[] = [],
  ) {
    super(message);
    this.name = "AddinFailure";
  }
}

export interface GraphQLResponse<T> {
  readonly data: T | null;
  readonly errors: readonly GraphQLErrorBody[];
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** What the add-in says when the server does not answer, over HTTP or WebSocket alike. */
export function unreachableFailure(serverUrl: string): AddinFailure {
  return new AddinFailure(
    "UNREACHABLE",
    `Cannot reach the server at ${serverUrl}; check the connection in the task pane.`,
  );
}

/** The failure kind for a GraphQL error's extensions.code. */
export function failureKindOf(code: string | undefined): FailureKind {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
      return "SIGNED_OUT";
    case ErrorCode.BAD_USER_INPUT:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.CONFLICT:
      return code;
    default:
      return "SERVER";
  }
}

export class GraphQLHttpClient {
  constructor(
    private readonly serverUrl: string,
    private readonly token: string | null,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  /** Sends one operation; answers data and errors (partial data is kept). Throws AddinFailure when nothing usable came back. */
  async send<T>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    let response: Response;
    try {
      response = await this.fetcher(`${this.serverUrl.replace(/\/$/, "")}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw unreachableFailure(this.serverUrl);
    }
    let body: { data?: T | null; errors?: GraphQLErrorBody[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new AddinFailure(
        "UNREACHABLE",
        `The server at ${this.serverUrl} answered ${response.status} without GraphQL.`,
      );
    }
    const errors = body.errors ?? [];
    if ((body.data === null || body.data === undefined) && errors.length > 0) {
      const first = errors[0]!;
      throw new AddinFailure(failureKindOf(first.extensions?.code), first.message, errors);
    }
    return { data: body.data ?? null, errors };
  }

  /** Sends one operation and insists on data without errors. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { data, errors } = await this.send<T>(query, variables);
    if (errors.length > 0 || data === null) {
      const first = errors[0];
      throw new AddinFailure(
        failureKindOf(first?.extensions?.code),
        first?.message ?? "The server answered no data.",
        errors,
      );
    }
    return data;
  }
}

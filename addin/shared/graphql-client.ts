// A small GraphQL-over-HTTP client for the add-in: the token as a bearer
// header, errors turned into typed failures the functions and the pane can
// show (signed out, unreachable, bad input, not found).
import { ErrorCode, type WireProblem } from "../../server/shared/index.js";

/** The server's codes the add-in acts on, and what the add-in itself finds. */
export type FailureKind =
  | "SIGNED_OUT"
  | "UNREACHABLE"
  | typeof ErrorCode.BAD_USER_INPUT
  | typeof ErrorCode.NOT_FOUND
  | typeof ErrorCode.FORBIDDEN
  | typeof ErrorCode.CONFLICT
  | "SERVER";

/**
 * One thing wrong with the input, as the server sends it: the Problem type in
 * data (designateBatch's bad rows), and every problem of a batch error in
 * extensions.problems.
 */
/**
 * A problem as the server sends it (server/shared's WireProblem); older
 * answers and the HTTP routes may leave out what does not apply.
 */
export type ProblemBody = Pick<WireProblem, "field" | "message"> &
  Partial<Omit<WireProblem, "field" | "message">>;

export interface GraphQLErrorBody {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: {
    /** One of ErrorCode (a newer server may send one this add-in does not know). */
    readonly code?: string;
    /** Every problem of a bad input (problemCount says how many). */
    readonly problems?: readonly ProblemBody[];
    readonly problemCount?: number;
    /** QUERY_TOO_COMPLEX: what the request would cost, and the most the server allows. */
    readonly cost?: number;
    readonly maximumCost?: number;
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

declare const operationTypes: unique symbol;

/**
 * An operation's text carrying, for TypeScript only, the types code generation
 * gives its answer and variables (addin/shared/graphql-types.generated.ts).
 * A plain string is not one: every request the add-in sends is typed.
 */
export type Operation<Result, Variables> = string & {
  readonly [operationTypes]?: { readonly result: Result; readonly variables: Variables };
};

/** Marks an operation's text with its generated types: `operation<MeQuery, MeQueryVariables>(...)`. */
export function operation<Result, Variables>(text: string): Operation<Result, Variables> {
  return text as Operation<Result, Variables>;
}

/** An operation's variables, to be left out when it takes none that are required. */
export type VariablesOf<Variables> =
  Record<never, never> extends Variables ? [variables?: Variables] : [variables: Variables];

export class GraphQLHttpClient {
  constructor(
    private readonly serverUrl: string,
    private readonly token: string | null,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  /** Sends one operation; answers data and errors (partial data is kept). Throws AddinFailure when nothing usable came back. */
  async send<T, V>(
    query: Operation<T, V>,
    ...[variables]: VariablesOf<V>
  ): Promise<GraphQLResponse<T>> {
    let response: Response;
    try {
      response = await this.fetcher(`${this.serverUrl.replace(/\/$/, "")}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ query, variables: variables ?? {} }),
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
  async request<T, V>(query: Operation<T, V>, ...variables: VariablesOf<V>): Promise<T> {
    const { data, errors } = await this.send(query, ...variables);
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

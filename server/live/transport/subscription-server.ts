// GraphQL subscriptions over WebSocket (graphql-ws) on the same port and path
// as queries, on the same footing as HTTP (DESIGN.md "graphql-ws bypasses
// Apollo's HTTP plugins"):
// - a message over WS_MAX_PAYLOAD is refused by ws before it is read in full
//   or parsed (close 1009);
// - sign-in is required on connection init, before any operation: no token,
//   or one unknown, revoked or expired, closes with 4401 (graphql-ws clients
//   do not retry it); a principal that may not subscribe at all (the hosting
//   operator) with 4403; 4429 when the address has used up its failed
//   sign-ins. The token is checked again every `recheckSeconds`: revoked or
//   expired meanwhile closes the socket with 4401 (server/shared/close-codes.ts);
// - a subscription to something the viewer cannot see (another trust's URN,
//   an academy outside a scoped role) is answered with an `error` message on
//   that operation (NOT_FOUND, as a query answers), never silence;
// - only subscriptions: queries and mutations go over HTTP;
// - each subscription counts against the principal's rate limit;
// - variables are coerced and the request budget applied exactly as on HTTP,
//   and a bad variable is an error on that operation, never a closed socket;
// - no introspection in production, no schema suggestions in messages, and
//   every error goes through the one formatter (masked, with extensions.code).
import type http from "node:http";
import proxyAddr from "proxy-addr";
import { WebSocketServer } from "ws";
import { makeServer } from "graphql-ws";
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  specifiedRules,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import type { Logger } from "pino";
import { DomainError } from "../../domain/index.js";
import type { Db } from "../../db/index.js";
import { authenticatePrincipal } from "../../auth/authenticate.js";
import type { OidcVerifier } from "../../auth/oidc.js";
import type { Principal } from "../../auth/viewer.js";
import type { Context } from "../../graphql/context.type.js";
import { budgetErrors, type RequestBudget } from "../../graphql/query-limits.js";
import { formatBareError, formatError } from "../../graphql/errors.js";
import { CloseCode as CLOSE, ErrorCode as CODES, type ErrorCode } from "../../shared/index.js";
import type { RateLimiter } from "../../http/rate-limit.js";
import { deliveredDirectly, refusedErrors, sharedSubscribe } from "./shared-execution.js";
import { ALREADY_SENT, nextMessage } from "./shared-message.js";
import { preparedDocuments } from "./prepared-documents.js";
import { serveSockets, type Extra as SocketExtra } from "./socket-writer.js";

export interface SubscriptionServerOptions {
  readonly httpServer: http.Server;
  readonly schema: GraphQLSchema;
  readonly prisma: Db;
  readonly oidc: OidcVerifier | null;
  readonly budget: RequestBudget;
  readonly rateLimiter: RateLimiter;
  /** Largest message in bytes. */
  readonly maxPayload: number;
  readonly production: boolean;
  /** Express's compiled "trust proxy" function, to read the client address as HTTP does. */
  readonly trustProxy: (address: string, hop: number) => boolean;
  readonly recheckSeconds: number;
  readonly logger: Logger;
  readonly contextFor: (principal: Principal | null) => Context;
}

type Extra = SocketExtra & {
  principal?: Principal;
  timer?: NodeJS.Timeout;
};

function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  if (typeof value === "string") return value;
  return typeof params?.token === "string" ? `Bearer ${params.token}` : undefined;
}

export function startSubscriptionServer(options: SubscriptionServerOptions): {
  dispose(): Promise<void>;
  clients(): number;
} {
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: "/graphql",
    maxPayload: options.maxPayload,
  });
  const formatOptions = {
    onInternal: (error: unknown) => options.logger.error({ err: error }, "unexpected error"),
    hideSchemaDetails: options.production,
  };
  const rules = options.production
    ? [...specifiedRules, NoSchemaIntrospectionCustomRule]
    : specifiedRules;
  const documents = preparedDocuments(options.schema, rules);
  /** Errors as graphql-ws sends them, already formatted (it calls toJSON on each). */
  const refusal = (errors: readonly GraphQLError[], code: ErrorCode): GraphQLError[] =>
    errors.map((error) => {
      const formatted = formatBareError(error, code, formatOptions);
      return new GraphQLError(formatted.message, { extensions: formatted.extensions });
    });
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => formatError(error.toJSON(), error, formatOptions));

  const server = makeServer<Record<string, unknown> | undefined, Extra>({
    schema: options.schema,
    // One execution per event for subscribers who asked the same and see alike.
    subscribe: sharedSubscribe,
    onConnect: async (ctx) => {
      const request = ctx.extra.request;
      const address = proxyAddr(request, options.trustProxy);
      const socket = ctx.extra.socket;
      const authorization = authorizationOf(ctx.connectionParams);
      // graphql-ws clients do not retry 4401: signing in again is the only remedy.
      const signInAgain = (reason: string) => {
        socket.close(CLOSE.unauthorized, reason);
        return false;
      };
      if (!authorization)
        return signInAgain('Sign in: pass { authorization: "Bearer <token>" } as connectionParams');
      const blocked = await options.rateLimiter.signInBlocked(address);
      if (blocked) {
        socket.close(CLOSE.tooManySignIns, blocked.message.slice(0, 120));
        return false;
      }
      let principal: Principal | null;
      try {
        principal = await authenticatePrincipal(options.prisma, authorization, options.oidc);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await options.rateLimiter.signInFailed(address);
        return signInAgain("Token not accepted: unknown, revoked or expired; sign in again");
      }
      if (!principal) return signInAgain("Token not accepted; sign in again");
      // The operator reads no trust's data, and every subscription is a trust's data:
      // signed in, but forbidden (4403, which graphql-ws clients may retry).
      if (principal.kind !== "user") {
        socket.close(CLOSE.forbidden, "The hosting operator reads no trust's data");
        return false;
      }
      const over = (await options.rateLimiter.consume(principal, address)).refusal;
      if (over) {
        socket.close(CLOSE.tooManySignIns, over.message.slice(0, 120));
        return false;
      }
      ctx.extra.principal = principal;
      ctx.extra.timer = setInterval(() => {
        authenticatePrincipal(options.prisma, authorization, options.oidc)
          .then((again) => (again ? undefined : Promise.reject(new Error("signed out"))))
          .catch(() => {
            clearInterval(ctx.extra.timer);
            socket.close(CLOSE.unauthorized, "Token revoked or expired");
          });
      }, options.recheckSeconds * 1000);
      ctx.extra.timer.unref();
      return true;
    },
    onSubscribe: async (ctx, id, payload) => {
      try {
        const principal = ctx.extra.principal ?? null;
        if (!principal) return refusal([new GraphQLError("Sign in first.")], CODES.UNAUTHENTICATED);
        const address = proxyAddr(ctx.extra.request, options.trustProxy);
        const over = (await options.rateLimiter.consume(principal, address)).refusal;
        if (over) return refusal([new GraphQLError(over.message)], CODES.RATE_LIMITED);
        const prepared = documents.prepare(payload.query);
        if (!prepared.ok)
          return refusal(
            prepared.errors,
            prepared.stage === "parse"
              ? CODES.GRAPHQL_PARSE_FAILED
              : CODES.GRAPHQL_VALIDATION_FAILED,
          );
        const { document } = prepared;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation)
          return refusal(
            [new GraphQLError("Name the operation to run (operationName).")],
            CODES.OPERATION_RESOLUTION_FAILURE,
          );
        if (operation.operation !== "subscription")
          return refusal(
            [
              new GraphQLError(
                `Only subscriptions run over WebSocket; send this ${operation.operation} as an HTTP POST to /graphql.`,
              ),
            ],
            CODES.BAD_REQUEST,
          );
        const refused = budgetErrors(
          options.schema,
          document,
          operation,
          payload.variables ?? {},
          options.budget,
          true,
        );
        if (refused.length > 0) return refusal(refused, CODES.BAD_USER_INPUT);
        return deliveredDirectly(
          {
            schema: options.schema,
            // One object per query and operation, so shared execution knows them alike cheaply.
            document: documents.only(document, operation),
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: options.contextFor(principal),
          },
          { id, write: ctx.extra.write, format },
        );
      } catch (error) {
        // Never close the socket over one operation: mask, log, answer it.
        formatOptions.onInternal(error);
        return [
          new GraphQLError("Something went wrong on the server; it has been logged.", {
            extensions: { code: CODES.INTERNAL_SERVER_ERROR },
          }),
        ];
      }
    },
    // Results graphql-ws hands over itself (a subscription not delivered directly): the payload
    // serialised once for every subscriber sharing the result, each socket's id spliced in.
    onNext: async (ctx, id, _payload, _args, result) => {
      await ctx.extra.write(nextMessage(id, result, format));
      return ALREADY_SENT;
    },
    onError: (_ctx, _id, _payload, errors) => format(refusedErrors(errors)),
    onClose: (ctx) => {
      if (ctx.extra.timer) clearInterval(ctx.extra.timer);
    },
  });
  // Messages to a socket are written together once a turn of the event loop has run (socket-writer.ts).
  const cleanup = serveSockets(wsServer, server, {
    production: options.production,
    onInternalError: formatOptions.onInternal,
  });
  return {
    async dispose() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
    clients: () => wsServer.clients.size,
  };
}

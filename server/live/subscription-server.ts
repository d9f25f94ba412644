// GraphQL subscriptions over WebSocket (graphql-ws) on the same port and path
// as queries. The token is checked on connection init, and again every
// `recheckSeconds`: a revoked or expired token closes the socket (4401).
// Depth and cost limits apply to subscriptions as to queries.
import type http from "node:http";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { GraphQLError, getOperationAST, parse, validate, type GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { DomainError } from "../domain/index.js";
import type { Db } from "../db/index.js";
import { authenticate } from "../auth/authenticate.js";
import type { OidcVerifier } from "../auth/oidc.js";
import type { Viewer } from "../auth/viewer.js";
import type { Context } from "../graphql/context.type.js";
import { limitError, type QueryLimits } from "../graphql/query-limits.js";

export interface SubscriptionServerOptions {
  readonly httpServer: http.Server;
  readonly schema: GraphQLSchema;
  readonly prisma: Db;
  readonly oidc: OidcVerifier | null;
  readonly limits: QueryLimits;
  readonly recheckSeconds: number;
  readonly logger: Logger;
  readonly contextFor: (viewer: Viewer | null) => Context;
}

type Extra = {
  viewer?: Viewer | null;
  authorization?: string | undefined;
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
  const wsServer = new WebSocketServer({ server: options.httpServer, path: "/graphql" });
  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: options.schema,
      context: (ctx) => options.contextFor(ctx.extra.viewer ?? null),
      onConnect: async (ctx) => {
        const authorization = authorizationOf(ctx.connectionParams);
        try {
          ctx.extra.viewer = await authenticate(options.prisma, authorization, options.oidc);
        } catch (error) {
          if (error instanceof DomainError) return false;
          throw error;
        }
        ctx.extra.authorization = authorization;
        if (ctx.extra.viewer) {
          ctx.extra.timer = setInterval(() => {
            authenticate(options.prisma, authorization, options.oidc)
              .then((viewer) => (viewer ? undefined : Promise.reject(new Error("signed out"))))
              .catch(() => {
                clearInterval(ctx.extra.timer);
                ctx.extra.socket.close(4401, "Token revoked or expired");
              });
          }, options.recheckSeconds * 1000);
          ctx.extra.timer.unref();
        }
        return true;
      },
      onSubscribe: (_ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(options.schema, document);
        if (errors.length > 0) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError("No operation to run")];
        const over = limitError(
          options.schema,
          document,
          operation,
          payload.variables ?? {},
          options.limits,
        );
        return over ? [over] : undefined;
      },
      onClose: (ctx) => {
        if (ctx.extra.timer) clearInterval(ctx.extra.timer);
      },
    },
    wsServer,
  );
  return {
    async dispose() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
    clients: () => wsServer.clients.size,
  };
}

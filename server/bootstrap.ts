// Start-up, explicitly (STYLE.md 15): migrate, open the database, seed the
// demo trust once, build services and schema, and serve GraphQL, the IDE,
// exports and the add-in on one HTTP server. Returns a handle tests start and stop.
import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import pino, { type Logger } from "pino";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Config } from "./config.js";
import { migrate, openDatabase, type Db } from "./db/index.js";
import { createServices, type Services } from "./services/index.js";
import { inProcessEvents } from "./live/live-events.js";
import { buildAppSchema } from "./graphql/schema.js";
import { formatError } from "./graphql/errors.js";
import type { Context } from "./graphql/context.type.js";
import { authenticate } from "./auth/authenticate.js";
import { oidcVerifier } from "./auth/oidc.js";
import { DomainError } from "./domain/index.js";
import { graphiqlRouter } from "./http/graphiql-page.js";
import { exportRouter } from "./http/export-routes.js";
import { rateLimit } from "./http/rate-limit.js";
import { cors } from "./http/cors.js";
import { addinDirectory } from "./http/addin-files.js";
import { requestErrorHandler } from "./http/request-errors.js";
import { queryLimitsPlugin } from "./graphql/query-limits.js";
import { seedDemoTrust, type DemoSeedResult } from "./demo/seed-demo-trust.js";
import type { StoredDesignationRow } from "./services/designation.service.js";

export interface ServerHandle {
  readonly url: string;
  readonly port: number;
  readonly prisma: Db;
  readonly services: Services;
  readonly logger: Logger;
  /** Set when this start seeded the demo trust: its id and one token per role. */
  readonly demo: DemoSeedResult | null;
  /** Counts SQL statements sent (when started with countQueries). */
  queryCount(): number;
  resetQueryCount(): void;
  stop(): Promise<void>;
}

export interface BootstrapOptions {
  readonly logger?: Logger;
  readonly countQueries?: boolean;
}

export async function bootstrap(
  config: Config,
  options: BootstrapOptions = {},
): Promise<ServerHandle> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  await migrate(config.DATABASE_URL);
  const database = await openDatabase(config.DATABASE_URL, {
    countQueries: options.countQueries ?? false,
  });
  const prisma = database.prisma;
  const demo = config.SEED_DEMO ? await seedDemoTrust(prisma) : null;
  const events = inProcessEvents();
  const services = createServices(prisma, events);
  const schema = await buildAppSchema();
  const oidc =
    config.OIDC_ISSUER && config.OIDC_AUDIENCE && config.OIDC_JWKS_URL
      ? oidcVerifier(prisma, {
          issuer: config.OIDC_ISSUER,
          audience: config.OIDC_AUDIENCE,
          jwksUrl: config.OIDC_JWKS_URL,
        })
      : null;

  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const onInternal = (error: unknown) => logger.error({ err: error }, "unexpected error");
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    formatError: (formatted, error) => formatError(formatted, error, onInternal),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      queryLimitsPlugin(schema, {
        maxDepth: config.MAX_QUERY_DEPTH,
        maxCost: config.MAX_QUERY_COST,
      }),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_request, response) => {
    response.json({ status: "ok" });
  });
  app.get("/readyz", async (_request, response) => {
    try {
      await prisma.trust.count();
      response.json({ status: "ready" });
    } catch (error) {
      logger.warn({ err: error }, "not ready");
      response.status(503).json({ status: "unavailable" });
    }
  });
  app.get("/", (_request, response) => response.redirect("/graphiql"));
  app.use(graphiqlRouter("/graphql"));
  app.use("/addin", express.static(addinDirectory(), { maxAge: config.production ? "1h" : 0 }));
  app.use(["/graphql", "/export"], cors);
  const limiter = rateLimit(config.RATE_LIMIT_PER_MINUTE);
  app.use("/export", limiter);
  app.use(exportRouter(services, oidc, onInternal));
  app.use(
    "/graphql",
    limiter,
    express.json({ limit: config.BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => {
        let viewer;
        try {
          viewer = await authenticate(prisma, req.headers.authorization, oidc);
        } catch (error) {
          if (error instanceof DomainError)
            throw new GraphQLError(error.message, {
              extensions: { code: error.kind, http: { status: 401 } },
            });
          throw error;
        }
        return {
          viewer,
          services,
          publicEvaluation: config.PUBLIC_EVALUATION,
          maxBatchRows: config.MAX_BATCH_ROWS,
          frameworkCache: new Map(),
          loaders: {
            currentDesignation: new DataLoader<string, StoredDesignationRow | null>(async (ids) => {
              if (!viewer) return ids.map(() => null);
              const found = await services.designations.currentFor(viewer, ids);
              return ids.map((id) => found.get(id) ?? null);
            }),
          },
        };
      },
    }),
  );

  app.use(requestErrorHandler(config.BODY_LIMIT, onInternal));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  const url = config.PUBLIC_URL ?? `http://${host}:${port}`;

  let stopped = false;
  return {
    url,
    port,
    prisma,
    services,
    logger,
    demo,
    queryCount: () => database.queryCount(),
    resetQueryCount: () => database.resetQueryCount(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await apollo.stop();
      await events.close();
      await database.close();
    },
  };
}

// Start-up, explicitly (STYLE.md 15): migrate, open the database, seed the
// demo trust once, build services and schema, and serve GraphQL, the IDE,
// exports and the add-in on one HTTP server. Returns a handle tests start and stop.
import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { GraphQLError } from "graphql";
import pino, { type Logger } from "pino";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Config } from "./config.js";
import { migrate, openDatabase, type Db } from "./db/index.js";
import { createServices, type Services } from "./services/index.js";
import { inProcessEvents, redisEvents } from "./live/live-events.js";
import { startSubscriptionServer } from "./live/subscription-server.js";
import { createContext } from "./graphql/create-context.js";
import { buildAppSchema } from "./graphql/schema.js";
import { formatError } from "./graphql/errors.js";
import type { Context } from "./graphql/context.type.js";
import { authenticate } from "./auth/authenticate.js";
import { oidcVerifier } from "./auth/oidc.js";
import { DomainError } from "./domain/index.js";
import { graphiqlRouter } from "./http/graphiql-page.js";
import { publicDataRouter } from "./http/public-data-route.js";
import { exportRouter } from "./http/export-routes.js";
import { rateLimit } from "./http/rate-limit.js";
import { cors } from "./http/cors.js";
import { addinDirectory } from "./http/addin-files.js";
import { requestErrorHandler } from "./http/request-errors.js";
import { queryLimitsPlugin } from "./graphql/query-limits.js";
import { seedDemoTrust, type DemoSeedResult } from "./demo/seed-demo-trust.js";
import { seedDemoLiveYear } from "./demo/demo-live-year.js";
import type { Viewer } from "./auth/viewer.js";

export interface ServerHandle {
  readonly url: string;
  readonly port: number;
  readonly prisma: Db;
  readonly services: Services;
  readonly logger: Logger;
  /** Set when this start seeded the demo trust: its id and one token per role. */
  readonly demo: DemoSeedResult | null;
  /** Open subscription sockets. */
  subscriptionClients(): number;
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
  if (demo && config.DEMO_LIVE_YEAR) await seedDemoLiveYear(prisma, demo.trustId, new Date());
  const events = config.REDIS_URL
    ? redisEvents(config.REDIS_URL, (error) => logger.warn({ err: error }, "redis"))
    : inProcessEvents();
  const services = createServices(prisma, events, database.kind);
  const schema = await buildAppSchema();
  const oidc =
    config.OIDC_ISSUER && config.OIDC_AUDIENCE && config.OIDC_JWKS_URL
      ? oidcVerifier(prisma, {
          issuer: config.OIDC_ISSUER,
          audience: config.OIDC_AUDIENCE,
          jwksUrl: config.OIDC_JWKS_URL,
        })
      : null;

  const settings = {
    publicEvaluation: config.PUBLIC_EVALUATION,
    maxBatchRows: config.MAX_BATCH_ROWS,
  };
  const contextFor = (viewer: Viewer | null) => createContext(viewer, services, settings);
  const limits = { maxDepth: config.MAX_QUERY_DEPTH, maxCost: config.MAX_QUERY_COST };

  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const onInternal = (error: unknown) => logger.error({ err: error }, "unexpected error");
  const subscriptions = startSubscriptionServer({
    httpServer,
    schema,
    prisma,
    oidc,
    limits,
    recheckSeconds: config.LIVE_TOKEN_RECHECK_SECONDS,
    logger,
    contextFor,
  });
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    formatError: (formatted, error) => formatError(formatted, error, onInternal),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      queryLimitsPlugin(schema, limits),
      // Closes the subscription sockets when Apollo stops, after in-flight requests drain.
      { serverWillStart: async () => ({ drainServer: () => subscriptions.dispose() }) },
    ],
  });
  await apollo.start();

  app.get("/healthz", (_request, response) => {
    response.json({ status: "ok" });
  });
  // Ready while the database answers and the server is not shutting down, so a
  // load balancer stops sending work before the drain.
  let draining = false;
  app.get("/readyz", async (_request, response) => {
    if (draining) {
      response.status(503).json({ status: "draining" });
      return;
    }
    try {
      await prisma.trust.count();
      response.json({ status: "ready", live: events.transport });
    } catch (error) {
      logger.warn({ err: error }, "not ready");
      response.status(503).json({ status: "unavailable" });
    }
  });
  app.get("/", (_request, response) => response.redirect("/graphiql"));
  app.use(graphiqlRouter("/graphql"));
  app.use("/addin", express.static(addinDirectory(), { maxAge: config.production ? "1h" : 0 }));
  app.use(["/graphql", "/export", "/public-data"], cors);
  const limiter = rateLimit(config.RATE_LIMIT_PER_MINUTE);
  app.use("/export", limiter);
  app.use(exportRouter(services, oidc, onInternal));
  app.use("/public-data", limiter);
  app.use(publicDataRouter(services, oidc, config.PUBLIC_DATA_LIMIT, onInternal));
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
        return contextFor(viewer);
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
    subscriptionClients: () => subscriptions.clients(),
    queryCount: () => database.queryCount(),
    resetQueryCount: () => database.resetQueryCount(),
    async stop() {
      if (stopped) return;
      stopped = true;
      draining = true;
      await apollo.stop();
      await subscriptions.dispose().catch(() => undefined);
      await events.close();
      await database.close();
    },
  };
}

// Start-up, explicitly (STYLE.md 15): migrate, open the database, seed the
// demo trust once, build services and schema, and serve GraphQL, the IDE,
// exports and the add-in on one HTTP server. Returns a handle tests start and stop.
import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Response } from "express";
import compression from "compression";
import pino, { type Logger } from "pino";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { bytesOf, ConfigError, type Config } from "./config.js";
import { migrate, openDatabase, type Db } from "./db/index.js";
import { createServices, type Services } from "./services/index.js";
import { inProcessEvents, redisEvents } from "./live/events/index.js";
import { startSubscriptionServer } from "./live/transport/index.js";
import { contextForPrincipal } from "./graphql/create-context.js";
import { buildAppSchema } from "./graphql/schema.js";
import { formatError } from "./graphql/errors.js";
import type { Context } from "./graphql/context.type.js";
import { oidcVerifier } from "./auth/oidc.js";
import { signInOptions } from "./auth/sign-in-options.js";
import { SIGN_IN_OPTIONS_PATH } from "./shared/index.js";
import { graphiqlRouter } from "./http/graphiql-page.js";
import { publicDataRouter } from "./http/public-data-route.js";
import { exportRouter } from "./http/export-routes.js";
import { calendarRouter, identifyCalendarReader } from "./http/calendar-routes.js";
import { paperRouter } from "./http/paper-routes.js";
import { paperLinks } from "./http/paper-links.js";
import { createRateLimiter, identifyAndLimit, principalOf } from "./http/rate-limit.js";
import { corsFor } from "./http/cors.js";
import { dataRouter } from "./http/data-routes.js";
import { addinDirectory } from "./http/addin-files.js";
import { requestErrorHandler } from "./http/request-errors.js";
import { graphqlUpload } from "./http/graphql-upload.js";
import { queryLimitsPlugin, type Budgets } from "./graphql/query-limits.js";
import { seedDemoTrust, type DemoSeedResult } from "./demo/seed-demo-trust.js";
import { seedDemoLiveYear } from "./demo/demo-live-year.js";
import type { Principal } from "./auth/viewer.js";

/** Express's "trust proxy" setting from TRUST_PROXY: a hop count, true/false, or addresses. */
function trustProxySetting(value: string | undefined): boolean | number | string {
  if (value === undefined) return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  return value;
}

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
    ? await redisEvents(config.REDIS_URL, (error) => logger.warn({ err: error }, "redis"))
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
    publicDataLimit: config.PUBLIC_DATA_LIMIT,
  };
  const contextFor = (principal: Principal | null) =>
    contextForPrincipal(principal, services, settings);
  // One request budget for HTTP and WebSocket (server/graphql/query-limits.ts).
  const budgets: Budgets = {
    signedIn: {
      maxDepth: config.MAX_QUERY_DEPTH,
      maxCost: config.MAX_QUERY_COST,
      maxRootFields: config.MAX_ROOT_FIELDS,
      maxRows: config.MAX_BATCH_ROWS,
      maxCards: config.MAX_CARDS,
    },
    signedOut: {
      maxDepth: config.MAX_QUERY_DEPTH,
      maxCost: config.PUBLIC_MAX_COST,
      maxRootFields: config.MAX_ROOT_FIELDS,
      maxRows: config.PUBLIC_MAX_ROWS,
      // Cards need sign-in: within this, the request is answered UNAUTHENTICATED.
      maxCards: config.PUBLIC_MAX_ROWS,
    },
  };
  // Rate limits shared by every instance through Redis when REDIS_URL is set.
  const rateLimitRedis = config.REDIS_URL
    ? new (await import("ioredis")).Redis(config.REDIS_URL, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      })
    : null;
  rateLimitRedis?.on("error", (error) => logger.warn({ err: error }, "redis (rate limits)"));
  // Serve only once the shared budget is reachable: the client queues nothing
  // while offline, so a request answered before it connects would be counted
  // by this instance alone. Redis down at start-up: the local limits stand in.
  if (rateLimitRedis && !(await connected(rateLimitRedis, REDIS_READY_MS)))
    logger.warn(
      { waitedMs: REDIS_READY_MS },
      "redis (rate limits) not ready; limits are per instance until it is",
    );
  const rateLimiter = createRateLimiter(
    {
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      signedOutPerMinute: config.RATE_LIMIT_SIGNED_OUT_PER_MINUTE,
      signInFailuresPerMinute: config.SIGN_IN_FAILURES_PER_MINUTE,
    },
    rateLimitRedis,
  );

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(config.TRUST_PROXY));
  const httpServer = http.createServer(app);
  const onInternal = (error: unknown) => logger.error({ err: error }, "unexpected error");
  const formatOptions = { onInternal, hideSchemaDetails: config.production };
  const subscriptions = startSubscriptionServer({
    httpServer,
    schema,
    prisma,
    oidc,
    budget: budgets.signedIn,
    rateLimiter,
    maxPayload: bytesOf(config.WS_MAX_PAYLOAD),
    production: config.production,
    trustProxy: app.get("trust proxy fn") as (address: string, hop: number) => boolean,
    recheckSeconds: config.LIVE_TOKEN_RECHECK_SECONDS,
    logger,
    contextFor,
  });
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    formatError: (formatted, error) => formatError(formatted, error, formatOptions),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No field gives a cache hint (every answer depends on who asks), and the
      // default plugin's per-field hook cost a designateBatch of 10,000 rows 1.3x.
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(schema, budgets),
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
  // The IDE: off in production unless GRAPHIQL=true.
  if (config.GRAPHIQL) {
    app.get("/", (_request, response) => response.redirect("/graphiql"));
    app.use(graphiqlRouter("/graphql"));
  }
  // Every HTTP answer compressed as the client accepts (Brotli, else gzip;
  // nothing for a client that sends no Accept-Encoding), from 1 KiB up:
  // taskpane.js is some 980 KiB as built and a quarter of that sent, a
  // 1,000-academy trustOverview or a 10,000-row batch answer a tenth or less
  // (docs/benchmarks.md). Files already compressed (.xlsx, PNG) are left as
  // they are, by their media type. WebSocket frames are not HTTP responses.
  app.use(compression());
  // How the task pane signs in (Microsoft 365 or an access token): public, and never cached long.
  const signIn = signInOptions(config);
  app.get(SIGN_IN_OPTIONS_PATH, (_request, response) => {
    response.setHeader("cache-control", "no-cache");
    response.json(signIn);
  });
  app.use("/addin", express.static(addinDirectory(), { maxAge: config.production ? "1h" : 0 }));
  app.use(
    ["/graphql", "/export", "/papers", "/public-data", "/data"],
    corsFor({
      origins: config.CORS_ORIGINS,
      // The add-in's origin: PUBLIC_URL's, or the committed manifest's https://localhost:4000 (npm run dev:https).
      alwaysAllowed: [new URL(config.PUBLIC_URL ?? "https://localhost:4000").origin],
    }),
  );
  // Sign-in, then the rate limit by principal (or address), before any body is read.
  const identify = identifyAndLimit(prisma, oidc, rateLimiter);
  app.use("/export", identify);
  app.use(exportRouter(services, oidc, onInternal));
  // Board papers as printable pages: the bearer token, or a five-minute signed link.
  app.use("/papers", identify);
  app.use(paperRouter(services, paperLinks(config.PAPER_LINK_SECRET), onInternal));
  // Flat reads for reporting tools (Power BI, scripts): CSV or JSON rows.
  app.use("/data", identify);
  app.use(dataRouter(services, onInternal));
  // Calendar feeds: the bearer header, or a read-only calendar token as ?token=.
  app.use("/calendar", identifyCalendarReader(services, rateLimiter, identify));
  app.use(calendarRouter(services, onInternal));
  // Public data files stream in (no JSON parser); their own limit is PUBLIC_DATA_LIMIT.
  app.use("/public-data", identify);
  app.use(publicDataRouter(services, config.PUBLIC_DATA_LIMIT, onInternal));
  // Body limits: a signed-out request may send far less than a signed-in one;
  // a multipart upload (importPublicData) has PUBLIC_DATA_LIMIT and only a
  // trust admin or data manager may send one.
  const bodyLimitOf = (response: Response) =>
    principalOf(response) ? config.BODY_LIMIT : config.PUBLIC_BODY_LIMIT;
  const signedInJson = express.json({ limit: config.BODY_LIMIT });
  const signedOutJson = express.json({ limit: config.PUBLIC_BODY_LIMIT });
  app.use(
    "/graphql",
    identify,
    (request, response, next) =>
      (principalOf(response) ? signedInJson : signedOutJson)(request, response, next),
    graphqlUpload(config.PUBLIC_DATA_LIMIT),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<Context> => contextFor(principalOf(res)),
    }),
  );

  app.use(requestErrorHandler(bodyLimitOf, onInternal));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new ConfigError(
              `PORT: ${config.HOST}:${config.PORT} is already in use (another server, or an earlier start still running): stop it, or start on a free port, e.g. PORT=${config.PORT + 1} npm start`,
            )
          : error,
      ),
    );
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
      await services.events.close();
      rateLimitRedis?.disconnect();
      await database.close();
    },
  };
}

/** How long start-up waits for the rate limits' Redis connection. */
const REDIS_READY_MS = 5_000;

/** True once an ioredis client is ready, false if it is not within `ms`. */
function connected(
  client: { status: string; once(event: "ready", listener: () => void): unknown },
  ms: number,
): Promise<boolean> {
  if (client.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    client.once("ready", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

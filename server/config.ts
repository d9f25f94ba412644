// Configuration, read once from the environment and validated (STYLE.md 7).
// Nothing else reads process.env; a bad value stops start-up with a message
// naming the variable.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const size = z.string().regex(/^\d+(b|kb|mb)$/, "a size such as 100kb or 10mb");

/** Bytes in a size such as 64kb or 20mb (the BODY_LIMIT format). */
export function bytesOf(text: string): number {
  const match = /^(\d+)(b|kb|mb)$/.exec(text);
  if (!match) throw new ConfigError(`Not a size: ${text}`);
  const unit = match[2] === "mb" ? 1024 * 1024 : match[2] === "kb" ? 1024 : 1;
  return Number(match[1]) * unit;
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("0.0.0.0"),
  /** Public base URL when behind a proxy (https://mat.example.org); printed and used in the manifest. */
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres:\/\/|postgresql:\/\/)/,
      "must start with file: (SQLite) or postgres:// (PostgreSQL)",
    )
    .default("file:./data/mat.db"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  /** Seed the demo trust on first start when it is missing (default: on, except in production). */
  SEED_DEMO: bool.optional(),
  /** Serve the GraphiQL page at /graphiql (default: on, except in production). */
  GRAPHIQL: bool.optional(),
  /** With the demo trust, seed today's academic year too (autumn evidence, October decision, spring evidence). */
  DEMO_LIVE_YEAR: bool.default(true),
  /**
   * Presets may be evaluated without a token (frameworks, designate, designateBatch on presets),
   * within the signed-out budget below. Off unless the operator turns it on.
   */
  PUBLIC_EVALUATION: bool.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Most rows (designations, imported academies, evidence rows) in one operation, all fields and aliases together. */
  MAX_BATCH_ROWS: z.coerce.number().int().positive().default(10_000),
  /** Most academy cards in one operation, all fields and aliases together. */
  MAX_CARDS: z.coerce.number().int().positive().default(500),
  /** Most top-level fields (aliases included) in one operation. */
  MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(20),
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(10),
  MAX_QUERY_COST: z.coerce.number().int().positive().default(50_000),
  /** Largest JSON body of a signed-in request. */
  BODY_LIMIT: size.default("20mb"),
  /** Signed-out budget (PUBLIC_EVALUATION): rows, cost and body of one operation. */
  PUBLIC_MAX_ROWS: z.coerce.number().int().positive().default(100),
  PUBLIC_MAX_COST: z.coerce.number().int().positive().default(2_000),
  PUBLIC_BODY_LIMIT: size.default("100kb"),
  /** Largest WebSocket message (graphql-ws), refused before it is parsed. */
  WS_MAX_PAYLOAD: size.default("64kb"),
  /** Largest public data file (POST /public-data, importPublicData; npm run import reads any size): GIAS is about 60 MB. */
  PUBLIC_DATA_LIMIT: size.default("100mb"),
  /** Requests (and subscriptions) per minute per signed-in user. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Requests per minute per client address while signed out. */
  RATE_LIMIT_SIGNED_OUT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Failed sign-ins (unknown, garbled, expired tokens) per minute per client address. */
  SIGN_IN_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /**
   * Express "trust proxy": how the client address is read behind a load balancer
   * (a hop count such as 1, or addresses/subnets such as loopback, 10.0.0.0/8). Unset: the socket's address.
   */
  TRUST_PROXY: z.string().optional(),
  /** How often a subscription's token is checked again; a revoked token closes the socket. */
  LIVE_TOKEN_RECHECK_SECONDS: z.coerce.number().positive().default(30),
  /**
   * Key that signs the short-lived links a browser opens a board paper with
   * (/papers/...?link=): set it, the same on every instance, when more than
   * one instance serves; unset, each start draws a random key.
   */
  PAPER_LINK_SECRET: z.string().min(32, "at least 32 characters").optional(),
  /** Optional OIDC (Microsoft Entra ID) sign-in: all three or none. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().optional(),
  OIDC_JWKS_URL: z.string().url().optional(),
});

export type Config = Omit<z.infer<typeof schema>, "SEED_DEMO" | "GRAPHIQL"> & {
  readonly production: boolean;
  readonly SEED_DEMO: boolean;
  readonly GRAPHIQL: boolean;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses and validates configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const config = result.data;
  const oidc = [config.OIDC_ISSUER, config.OIDC_AUDIENCE, config.OIDC_JWKS_URL].filter(
    Boolean,
  ).length;
  if (oidc !== 0 && oidc !== 3) {
    throw new ConfigError(
      "Invalid configuration:\n  OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together: set all three or none",
    );
  }
  const production = config.NODE_ENV === "production";
  return {
    ...config,
    production,
    SEED_DEMO: config.SEED_DEMO ?? !production,
    GRAPHIQL: config.GRAPHIQL ?? !production,
  };
}

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

/** One origin as a browser sends it: scheme://host[:port], nothing after. */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

/**
 * CORS_ORIGINS: origins separated by commas (spaces allowed), or * for any
 * origin. Each must be exactly what a browser sends in Origin, so a path or a
 * trailing slash (which would never match) is refused at start-up.
 */
const origins = z.string().transform((text, context) => {
  const list = text
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
  if (list.length === 1 && list[0] === "*") return "*" as const;
  for (const origin of list)
    if (!ORIGIN.test(origin)) {
      context.addIssue({
        code: "custom",
        message: `"${origin}" is not an origin: write scheme://host[:port] with no path or trailing slash (https://dashboard.example.org), several separated by commas, or * for any origin`,
      });
      return z.NEVER;
    }
  return list.map((origin) => origin.toLowerCase());
});

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
  /**
   * Origins of browser pages that may call the API (/graphql, /export,
   * /public-data, /data) besides the server's own and the add-in's: comma-separated, or *.
   */
  CORS_ORIGINS: origins.default([]),
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
  /**
   * Optional OIDC (Microsoft Entra ID) sign-in: all three or none. The issuer
   * may name Microsoft's {tenantid} placeholder to accept every trust's own
   * tenant (https://login.microsoftonline.com/{tenantid}/v2.0).
   */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().optional(),
  OIDC_JWKS_URL: z.string().url().optional(),
  /**
   * The add-in's app registration (a single-page application): with it the
   * task pane offers "Sign in with Microsoft 365" (MSAL.js). Needs the OIDC
   * settings above.
   */
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  /** The scopes the add-in asks for, space-separated (default: <OIDC_AUDIENCE>/access_as_user). */
  OIDC_SCOPES: z.string().max(1000).optional(),
  /**
   * Where MSAL.js signs in (default: from OIDC_ISSUER; Entra's multi-tenant
   * issuer gives https://login.microsoftonline.com/organizations).
   */
  OIDC_AUTHORITY: z
    .string()
    .url()
    .refine((value) => value.startsWith("https://"), "must be an https:// address")
    .optional(),
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
  if (oidc === 0 && (config.OIDC_CLIENT_ID || config.OIDC_SCOPES || config.OIDC_AUTHORITY)) {
    throw new ConfigError(
      "Invalid configuration:\n  OIDC_CLIENT_ID, OIDC_SCOPES and OIDC_AUTHORITY need OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL: set those too",
    );
  }
  if (
    config.OIDC_CLIENT_ID &&
    !config.OIDC_AUTHORITY &&
    !config.OIDC_ISSUER?.startsWith("https://")
  ) {
    throw new ConfigError(
      "Invalid configuration:\n  OIDC_CLIENT_ID: Microsoft 365 sign-in (MSAL.js) needs an https:// OIDC_ISSUER, or OIDC_AUTHORITY set to one",
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

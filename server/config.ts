// Configuration, read once from the environment and validated (STYLE.md 7).
// Nothing else reads process.env; a bad value stops start-up with a message
// naming the variable.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

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
  /** Seed the demo trust on first start when the database has no trust. */
  SEED_DEMO: bool.default(true),
  /** With the demo trust, seed today's academic year too (autumn evidence, October decision, spring evidence). */
  DEMO_LIVE_YEAR: bool.default(true),
  /** Presets may be evaluated without a token (frameworks, designate, designateBatch on presets). */
  PUBLIC_EVALUATION: bool.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Largest designateBatch / import, in rows. */
  MAX_BATCH_ROWS: z.coerce.number().int().positive().default(10_000),
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(10),
  MAX_QUERY_COST: z.coerce.number().int().positive().default(50_000),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, "a size such as 10mb")
    .default("20mb"),
  /** Largest public data file (POST /public-data, npm run import reads any size): GIAS is about 60 MB. */
  PUBLIC_DATA_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, "a size such as 100mb")
    .default("100mb"),
  /** Requests per minute per token (or per address without one). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** How often a subscription's token is checked again; a revoked token closes the socket. */
  LIVE_TOKEN_RECHECK_SECONDS: z.coerce.number().positive().default(30),
  /** Optional OIDC (Microsoft Entra ID) sign-in: all three or none. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().optional(),
  OIDC_JWKS_URL: z.string().url().optional(),
});

export type Config = z.infer<typeof schema> & {
  readonly production: boolean;
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
  return { ...config, production: config.NODE_ENV === "production" };
}

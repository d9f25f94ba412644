// Rate limits by who is asking, with rate-limiter-flexible (a maintained
// library: fixed one-minute windows in Redis shared by every instance when
// REDIS_URL is set, in memory otherwise, with an in-memory fallback while
// Redis is unreachable):
// - a signed-in user (or the operator) has RATE_LIMIT_PER_MINUTE, however its
//   token is spelt ("bearer", "BEARER", two spaces: one principal, one budget);
// - a signed-out client has RATE_LIMIT_SIGNED_OUT_PER_MINUTE per address;
// - failed sign-ins (garbled, unknown, expired tokens) count per address
//   before any token is looked up: past SIGN_IN_FAILURES_PER_MINUTE the
//   address is refused until the minute is over, so a fresh fake token each
//   time gets no fresh budget.
// The same limiter serves HTTP (Express middleware below) and graphql-ws.
import type { NextFunction, Request, Response } from "express";
import type { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { DomainError } from "../domain/index.js";
import type { Db } from "../db/index.js";
import { authenticatePrincipal } from "../auth/authenticate.js";
import type { OidcVerifier } from "../auth/oidc.js";
import { principalKey, type Principal } from "../auth/viewer.js";
import { errorBody } from "../graphql/errors.js";
import { ErrorCode } from "../shared/index.js";

export interface RateLimitSettings {
  readonly perMinute: number;
  readonly signedOutPerMinute: number;
  readonly signInFailuresPerMinute: number;
}

/** A refusal: what was exceeded and when to try again. */
export interface Refusal {
  readonly message: string;
  readonly retryAfterSeconds: number;
}

/** What counting a request left: the minute's limit, what remains of it and when it starts again. */
export interface Counted {
  /** Set when the request is over the limit. */
  readonly refusal: Refusal | null;
  readonly limit: number;
  readonly remaining: number;
  readonly resetSeconds: number;
}

export interface RateLimiter {
  /** Refuses an address whose failed sign-ins are used up, before a token is looked up. */
  signInBlocked(address: string): Promise<Refusal | null>;
  /** Counts a failed sign-in against the address. */
  signInFailed(address: string): Promise<void>;
  /** Counts one request (or subscription) for the principal, or the address when signed out. */
  consume(principal: Principal | null, address: string): Promise<Counted>;
}

function limiter(redis: Redis | null, keyPrefix: string, points: number): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: 60 });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `mat:rl:${keyPrefix}`,
    points,
    duration: 60,
    insuranceLimiter: memory,
  });
}

const seconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

export function createRateLimiter(settings: RateLimitSettings, redis: Redis | null): RateLimiter {
  const users = limiter(redis, "user", settings.perMinute);
  const addresses = limiter(redis, "address", settings.signedOutPerMinute);
  const failures = limiter(redis, "signin", settings.signInFailuresPerMinute);
  const refusal = (res: unknown, limit: number, what: string): Refusal => {
    if (!(res instanceof RateLimiterRes)) throw res;
    const retry = seconds(res);
    return {
      retryAfterSeconds: retry,
      message: `Too many ${what}: the limit is ${limit} a minute; try again in ${retry} s.`,
    };
  };
  return {
    async signInBlocked(address) {
      const res = await failures.get(address);
      if (!res || res.consumedPoints < settings.signInFailuresPerMinute) return null;
      return refusal(res, settings.signInFailuresPerMinute, "failed sign-ins from your address");
    },
    async signInFailed(address) {
      await failures.consume(address).catch((res: unknown) => {
        if (!(res instanceof RateLimiterRes)) throw res;
      });
    },
    async consume(principal, address) {
      const limit = principal ? settings.perMinute : settings.signedOutPerMinute;
      try {
        const res = principal
          ? await users.consume(principalKey(principal))
          : await addresses.consume(address);
        return {
          refusal: null,
          limit,
          remaining: Math.max(0, res.remainingPoints),
          resetSeconds: seconds(res),
        };
      } catch (res) {
        const refused = principal
          ? refusal(res, limit, "requests")
          : refusal(res, limit, "requests without signing in");
        return { refusal: refused, limit, remaining: 0, resetSeconds: refused.retryAfterSeconds };
      }
    },
  };
}

function refuse(response: Response, status: number, code: ErrorCode, message: string) {
  response.status(status).json(errorBody(code, message));
}

/**
 * Express middleware: signs the request in (once; the principal is left in
 * response.locals.principal for GraphQL and exports), then counts it.
 */
export function identifyAndLimit(prisma: Db, oidc: OidcVerifier | null, rateLimiter: RateLimiter) {
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      const address = request.ip ?? request.socket.remoteAddress ?? "unknown";
      const authorization = request.headers.authorization;
      let principal: Principal | null = null;
      if (authorization) {
        const blocked = await rateLimiter.signInBlocked(address);
        if (blocked) {
          response.setHeader("Retry-After", String(blocked.retryAfterSeconds));
          return refuse(response, 429, ErrorCode.RATE_LIMITED, blocked.message);
        }
        try {
          principal = await authenticatePrincipal(prisma, authorization, oidc);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          await rateLimiter.signInFailed(address);
          return refuse(response, 401, ErrorCode.UNAUTHENTICATED, error.message);
        }
      }
      const counted = await rateLimiter.consume(principal, address);
      // The budget as the IETF draft's RateLimit-* fields name it (CORS exposes them).
      response.setHeader("RateLimit-Limit", String(counted.limit));
      response.setHeader("RateLimit-Remaining", String(counted.remaining));
      response.setHeader("RateLimit-Reset", String(counted.resetSeconds));
      const over = counted.refusal;
      if (over) {
        response.setHeader("Retry-After", String(over.retryAfterSeconds));
        return refuse(response, 429, ErrorCode.RATE_LIMITED, over.message);
      }
      response.locals.principal = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The principal identifyAndLimit found for this request (null: signed out). */
export function principalOf(response: Response): Principal | null {
  return (response.locals.principal as Principal | null | undefined) ?? null;
}

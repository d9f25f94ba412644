// Cross-origin access for browser clients, with express's maintained `cors`
// middleware. Which pages may call is a setting (CORS_ORIGINS); the server's
// own origin (the add-in it serves, GraphiQL) and the add-in's configured
// origin always may. Sign-in is a bearer token, never a cookie, so no
// credentials mode is needed. A refused origin gets no CORS headers, and the
// browser keeps the answer from the page.
import type { Request } from "express";
import cors, { type CorsOptions } from "cors";

/**
 * Request headers GraphQL clients send by default: Apollo Client's client
 * awareness (apollographql-client-name/-version in Apollo Client 3 and 4,
 * and the apollo-client-name/-version spelling other clients send), Apollo's
 * CSRF-prevention and operation-name headers, and what graphql-request and a
 * plain fetch send (accept, content-type, authorization).
 */
export const ALLOWED_HEADERS = [
  "accept",
  "authorization",
  "content-type",
  "apollographql-client-name",
  "apollographql-client-version",
  "apollo-client-name",
  "apollo-client-version",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "x-requested-with",
] as const;

/** Response headers a page may read: the export's file name, and when to come back after a limit. */
export const EXPOSED_HEADERS = [
  "Content-Disposition",
  "Retry-After",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
] as const;

/** How long a browser may reuse a preflight answer, in seconds (Chromium caps it at 7,200). */
export const PREFLIGHT_MAX_AGE = 7200;

export interface CorsSettings {
  /** CORS_ORIGINS: origins allowed besides the server's own, or "*" for any. */
  readonly origins: readonly string[] | "*";
  /** Origins always allowed: PUBLIC_URL's and the add-in manifest's. */
  readonly alwaysAllowed: readonly string[];
}

/** The request's own origin, as a page served by this server sends it. */
function ownOrigin(request: Request): string | null {
  const host = request.headers.host;
  return host ? `${request.protocol}://${host}`.toLowerCase() : null;
}

/** Whether a page at `origin` may call this server. */
export function originAllowed(
  settings: CorsSettings,
  origin: string,
  request: Request | null,
): boolean {
  if (settings.origins === "*") return true;
  const asked = origin.toLowerCase();
  if (request && asked === ownOrigin(request)) return true;
  return settings.origins.includes(asked) || settings.alwaysAllowed.includes(asked);
}

/** The CORS middleware for the API routes. */
export function corsFor(settings: CorsSettings) {
  const base: CorsOptions = {
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: [...ALLOWED_HEADERS],
    exposedHeaders: [...EXPOSED_HEADERS],
    maxAge: PREFLIGHT_MAX_AGE,
    optionsSuccessStatus: 204,
  };
  return cors<Request>((request, callback) => {
    const origin = request.headers.origin;
    callback(null, {
      ...base,
      origin: origin ? originAllowed(settings, origin, request) : false,
    });
  });
}

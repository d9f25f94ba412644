// Requests per minute per token (or per address without one), in memory per
// instance: a fixed one-minute window. Over the limit: 429 with Retry-After.
import { createHash } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export function rateLimit(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = Date.now();
  return (request: Request, response: Response, next: NextFunction) => {
    const now = Date.now();
    if (now - lastSweep > 60_000) {
      for (const [key, window] of windows) if (now - window.start >= 60_000) windows.delete(key);
      lastSweep = now;
    }
    const authorization = request.headers.authorization;
    const key = authorization
      ? `t:${createHash("sha256").update(authorization).digest("hex")}`
      : `a:${request.ip ?? "unknown"}`;
    let window = windows.get(key);
    if (!window || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    window.count++;
    if (window.count > perMinute) {
      const retry = Math.ceil((window.start + 60_000 - now) / 1000);
      response.setHeader("Retry-After", String(retry));
      response.status(429).json({
        errors: [
          {
            message: `Too many requests: the limit is ${perMinute} a minute; try again in ${retry} s.`,
            extensions: { code: "RATE_LIMITED" },
          },
        ],
      });
      return;
    }
    next();
  };
}

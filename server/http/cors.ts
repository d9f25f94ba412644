// Cross-origin access for the API: any origin may call it, because sign-in is
// a bearer token, never a cookie, so a foreign page gains nothing it was not
// given. The add-in served from this server needs none of this; an add-in
// pointed at another server, or a dashboard, does.
import type { NextFunction, Request, Response } from "express";

export function cors(request: Request, response: Response, next: NextFunction): void {
  response.setHeader("Access-Control-Allow-Origin", "*");
  response.setHeader(
    "Access-Control-Allow-Headers",
    "content-type, authorization, apollo-require-preflight",
  );
  response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  response.setHeader("Access-Control-Max-Age", "600");
  if (request.method === "OPTIONS") {
    response.status(204).end();
    return;
  }
  next();
}

// CORS as a deployment setting over real HTTP (docs/clients.md "CORS"):
// CORS_ORIGINS lists the pages that may call the API, the server's own origin
// and the add-in's always may; a preflight allows the GraphQL clients'
// standard headers and is cached; the export's file name, Retry-After and the
// rate-limit headers are readable; a refused origin gets no CORS headers.
// A bad CORS_ORIGINS stops start-up with one line naming it. The browser's
// side of this is test/browser/outside-client.browser.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const DASHBOARD = "https://dashboard.example.org";

describe("CORS", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", {
      CORS_ORIGINS: `${DASHBOARD}, http://127.0.0.1:5173`,
      PUBLIC_URL: "https://mat.example.org",
      RATE_LIMIT_PER_MINUTE: "3",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const preflight = (path: string, origin: string, headers: string) =>
    fetch(`${server.url}${path}`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": headers,
      },
    });

  it.each(["/graphql", "/export/overview.xlsx", "/public-data", "/data/overview.csv"])(
    "answers a listed origin's preflight to %s with Apollo Client's and graphql-request's headers, cached",
    async (path) => {
      const response = await preflight(
        path,
        DASHBOARD,
        "accept,authorization,content-type,apollographql-client-name,apollographql-client-version,apollo-client-name,apollo-client-version,apollo-require-preflight,x-apollo-operation-name",
      );
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
      expect(response.headers.get("vary")).toMatch(/Origin/);
      const allowed = response.headers.get("access-control-allow-headers")!.split(",");
      expect(allowed).toEqual(
        expect.arrayContaining([
          "accept",
          "authorization",
          "content-type",
          "apollographql-client-name",
          "apollographql-client-version",
          "apollo-client-name",
          "apollo-client-version",
          "apollo-require-preflight",
          "x-apollo-operation-name",
        ]),
      );
      expect(response.headers.get("access-control-max-age")).toBe("7200");
    },
  );

  it("lets a listed origin read the export's file name, Retry-After and the rate-limit headers", async () => {
    const response = await fetch(`${server.url}/data/overview.csv?year=2025/26`, {
      headers: { origin: "http://127.0.0.1:5173", authorization: `Bearer ${server.tokens.leader}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    expect(response.headers.get("access-control-expose-headers")!.split(",")).toEqual([
      "Content-Disposition",
      "Retry-After",
      "RateLimit-Limit",
      "RateLimit-Remaining",
      "RateLimit-Reset",
    ]);
    expect(response.headers.get("ratelimit-limit")).toBe("3");
  });

  it("always allows the server's own origin and the add-in's (PUBLIC_URL)", async () => {
    for (const origin of [server.url, "https://mat.example.org"]) {
      const response = await preflight("/graphql", origin, "authorization,content-type");
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    }
  });

  it("gives an origin not listed no CORS headers, so its browser keeps the answer from the page", async () => {
    for (const origin of ["https://evil.example.org", "https://dashboard.example.org.evil.org"]) {
      const answer = await preflight("/graphql", origin, "authorization,content-type");
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
      expect(answer.headers.get("access-control-allow-headers")).toBeNull();
    }
  });

  it("keeps the limit's refusal readable cross-origin: 429 with Retry-After exposed", async () => {
    let last: Response | null = null;
    for (let request = 0; request < 5; request++)
      last = await fetch(`${server.url}/data/overview.json?year=2025/26`, {
        headers: { origin: DASHBOARD, authorization: `Bearer ${server.tokens.governor}` },
      });
    expect(last!.status).toBe(429);
    expect(last!.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({
      errors: [{ extensions: { code: "RATE_LIMITED" } }],
    });
  });
});

describe("CORS_ORIGINS", () => {
  it.each([
    [
      "https://a.example.org, https://b.example.org:8443",
      ["https://a.example.org", "https://b.example.org:8443"],
    ],
    ["*", "*"],
    ["", []],
  ])("reads %j", (value, expected) => {
    expect(loadConfig({ CORS_ORIGINS: value }).CORS_ORIGINS).toEqual(expected);
  });

  it.each([
    "https://a.example.org/",
    "https://a.example.org/app",
    "a.example.org",
    "https://a.org,*",
  ])("stops start-up on %j with one line naming the variable and what it accepts", (value) => {
    const error = (() => {
      try {
        loadConfig({ CORS_ORIGINS: value });
      } catch (thrown) {
        return thrown;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^ {2}CORS_ORIGINS: ".+" is not an origin: write scheme:\/\/host\[:port\]/,
    );
  });
});

// A sweep of hostile input: generated strings, SQL and formula injection,
// wrong types, deep and costly queries, an oversized body. Each answers a
// clear error (or stores the text verbatim, harmlessly) and changes nothing
// it should not; no stack trace or SQL reaches the client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { startTestServer, type TestServer } from "../support/test-server.js";

interface Answer {
  readonly status: number;
  readonly codes: string[];
  readonly data: Record<string, unknown> | null;
  readonly body: string;
}

describe("hostile input", () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer("sqlite", {
      RATE_LIMIT_PER_MINUTE: "100000",
      BODY_LIMIT: "2mb",
    });
    admin = server.tokens["trust-admin"];
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function post(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = admin,
  ): Promise<Answer> {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.text();
    const json = JSON.parse(body) as {
      data?: Record<string, unknown> | null;
      errors?: { extensions?: { code?: string } }[];
    };
    return {
      status: response.status,
      codes: (json.errors ?? []).map((error) => error.extensions?.code ?? ""),
      data: json.data ?? null,
      body,
    };
  }

  const counts = async () => ({
    academies: await server.handle.prisma.academy.count(),
    audit: await server.handle.prisma.auditEntry.count(),
    evidence: await server.handle.prisma.evidenceRecord.count(),
  });

  const CREATE = "mutation($input: AcademyInput!) { createAcademy(input: $input) { urn name } }";
  const DESIGNATE =
    'query($evidence: [EvidenceInput!]!) { designate(framework: "phase-model", evidence: $evidence) { level { key } } }';

  it("answers generated strings as URNs with BAD_USER_INPUT naming urn, creating nothing", async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }).filter((text) => !/^\d{6}$/.test(text)),
        async (urn) => {
          const answer = await post(CREATE, { input: { urn, name: "X", phase: "PRIMARY" } });
          expect(answer.codes).toEqual(["BAD_USER_INPUT"]);
          expect(answer.body).toContain("urn");
        },
      ),
      { numRuns: 60 },
    );
    expect(await counts()).toEqual(before);
  });

  it("stores SQL-looking names verbatim and harmlessly", async () => {
    const names = [
      "Robert'); DROP TABLE Academy;--",
      "1' OR '1'='1",
      'x"; DELETE FROM Trust; --',
      "名前 🏫 <script>alert(1)</script>",
    ];
    for (const [index, name] of names.entries()) {
      const answer = await post(CREATE, {
        input: { urn: String(170000 + index), name, phase: "SECONDARY" },
      });
      expect(answer.codes).toEqual([]);
      expect((answer.data?.createAcademy as { name: string }).name).toBe(name);
    }
    expect(await server.handle.prisma.trust.count()).toBeGreaterThan(0);
    expect(
      await server.handle.prisma.academy.count({ where: { urn: { startsWith: "17000" } } }),
    ).toBe(names.length);
  });

  it("refuses a huge name with a clear message", async () => {
    const before = await counts();
    const answer = await post(CREATE, {
      input: { urn: "180000", name: "A".repeat(100_000), phase: "PRIMARY" },
    });
    expect(answer.codes).toEqual(["BAD_USER_INPUT"]);
    expect(answer.body).toContain("1 to 200 characters");
    expect(await counts()).toEqual(before);
  });

  it("answers generated cell values with a designation or a BAD_USER_INPUT naming the indicator, never a server error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "P8",
          "KS2 RWM %",
          "Ofsted",
          "Inspection date",
          "PA %",
          "SEF",
          "Safeguarding",
          "phase",
        ),
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.double().map(String),
          fc.integer().map(String),
          fc.constant('=HYPERLINK("http://x")'),
        ),
        async (indicator, value) => {
          const answer = await post(DESIGNATE, { evidence: [{ indicator, value }] });
          if (answer.codes.length > 0) {
            expect(answer.codes).toEqual(["BAD_USER_INPUT"]);
            expect(answer.body).toMatch(/accepts/);
          } else {
            expect(answer.data?.designate).toBeDefined();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("rejects wrong types before anything runs", async () => {
    const answer = await post(
      "mutation { createAcademy(input: { urn: 123456, name: 5, phase: true }) { urn } }",
    );
    expect(answer.status).toBe(400);
    expect(answer.codes.every((code) => code === "GRAPHQL_VALIDATION_FAILED")).toBe(true);
  });

  it("refuses a query nested deeper than the limit, naming the limit", async () => {
    const deep = "{ academies { edges { node { currentDesignation { computed { key } } } } } }";
    expect((await post(deep)).codes).toEqual([]);
    const strict = await startTestServer("sqlite", { MAX_QUERY_DEPTH: "5" });
    try {
      const response = await fetch(`${strict.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${strict.tokens.leader}`,
        },
        body: JSON.stringify({ query: deep }),
      });
      const body = await response.text();
      expect(body).toContain("QUERY_TOO_COMPLEX");
      expect(body).toContain("nested 6 levels deep; the limit is 5");
      expect(body).not.toContain("Oakfield");
      const { errors } = JSON.parse(body) as { errors: { extensions: unknown }[] };
      expect(errors.map((error) => error.extensions)).toEqual([
        { code: "QUERY_TOO_COMPLEX", depth: 6, maximumDepth: 5 },
      ]);
    } finally {
      await strict.stop();
    }
  });

  it("refuses a query whose estimated cost is over the limit, naming the limit", async () => {
    const answer = await post(
      "{ academies(first: 500) { edges { node { designationHistory { edges { node { reasons { message source } } } } evidence { entries { value } } } } } }",
    );
    expect(answer.codes).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(answer.body).toContain("the limit is 50000");
  });

  it("answers a body over the limit with 413 and a message, not an HTML page", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        query: "{ me { role } }",
        variables: { padding: "x".repeat(3_000_000) },
      }),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("larger than the limit of 2mb");
  });

  it("refuses a request without a JSON content type (CSRF prevention)", async () => {
    const response = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent("{ frameworks { key } }")}`,
      { method: "GET" },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|preflight/i);
  });
});

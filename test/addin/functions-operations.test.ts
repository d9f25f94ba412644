// The operations the custom functions send (and the subscriptions MAT.PROGRESS
// holds) are valid against the committed schema (schema/schema.graphql), and
// the academyCards query costs what the batching client assumes: the same
// for one academy as for 500, so requests are sized by the server's 500, not
// by cost.
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { buildSchema, parse, validate } from "graphql";
import { startTestServer, type TestServer } from "../support/test-server.js";
import {
  ACADEMY_CARDS,
  ACADEMY_CARDS_COST,
  DESIGNATE_CELLS,
  FRAMEWORK_CATALOG,
  MAX_CARDS_PER_REQUEST,
  PROGRESS_CHANGED,
  PUBLIC_EVIDENCE,
  TARGET_CHANGED,
} from "../../addin/functions/operations.js";

const OPERATIONS = {
  DesignateCells: DESIGNATE_CELLS,
  AcademyCards: ACADEMY_CARDS,
  FrameworkCatalog: FRAMEWORK_CATALOG,
  ProgressChanged: PROGRESS_CHANGED,
  TargetChanged: TARGET_CHANGED,
  PublicEvidence: PUBLIC_EVIDENCE,
};

describe("the functions' GraphQL operations", () => {
  it.each(Object.entries(OPERATIONS))(
    "%s is valid against schema/schema.graphql",
    async (_, document) => {
      const sdl = await readFile(new URL("../../schema/schema.graphql", import.meta.url), "utf8");
      expect(validate(buildSchema(sdl), parse(document)).map((error) => error.message)).toEqual([]);
    },
  );
});

describe("the academyCards query's cost", () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  /** The error code of one academyCards request for `count` URNs (the demo's first, then unknown ones). */
  async function askFor(count: number): Promise<string | undefined> {
    const urns = Array.from({ length: count }, (_, index) => String(140_001 + index));
    const response = await fetch(`${server!.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${server!.tokens.leader}`,
      },
      body: JSON.stringify({ query: ACADEMY_CARDS, variables: { urns, year: "2025/26" } }),
    });
    const body = (await response.json()) as {
      data?: { academyCards: unknown[] } | null;
      errors?: { extensions?: { code?: string } }[];
    };
    if (!body.errors) expect(body.data?.academyCards).toHaveLength(count);
    return body.errors?.[0]?.extensions?.code;
  }

  it("costs ACADEMY_CARDS_COST plus one per URN", async () => {
    server = await startTestServer("sqlite", {
      MAX_QUERY_COST: String(ACADEMY_CARDS_COST + MAX_CARDS_PER_REQUEST),
    });
    expect(await askFor(1)).toBeUndefined();
    expect(await askFor(MAX_CARDS_PER_REQUEST)).toBeUndefined();
    await server.stop();
    server = await startTestServer("sqlite", { MAX_QUERY_COST: String(ACADEMY_CARDS_COST + 1) });
    expect(await askFor(1)).toBeUndefined();
    expect(await askFor(2)).toBe("QUERY_TOO_COMPLEX");
  });

  it("takes MAX_CARDS_PER_REQUEST academies and no more", async () => {
    server = await startTestServer("sqlite");
    expect(await askFor(MAX_CARDS_PER_REQUEST)).toBeUndefined();
    expect(await askFor(MAX_CARDS_PER_REQUEST + 1)).toBe("QUERY_TOO_COMPLEX");
  });
});

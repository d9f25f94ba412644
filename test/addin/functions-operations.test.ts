// The operations the custom functions send are valid against the committed
// schema (schema/schema.graphql), and the card query costs what the batching
// client assumes when it sizes a request under the server's cost limit.
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { buildSchema, parse, validate } from "graphql";
import { startTestServer, type TestServer } from "../support/test-server.js";
import {
  ACADEMY_ROSTER,
  CARD_COST,
  DESIGNATE_BATCH,
  FRAMEWORK_CATALOG,
  cardsQuery,
  cardsVariables,
} from "../../addin/functions/operations.js";

const OPERATIONS = {
  DesignateBatch: DESIGNATE_BATCH,
  AcademyCards: cardsQuery(3),
  AcademyRoster: ACADEMY_ROSTER,
  FrameworkCatalog: FRAMEWORK_CATALOG,
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

describe("the card query's cost", () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  async function sendCards(maxCost: number): Promise<string | undefined> {
    server = await startTestServer("sqlite", { MAX_QUERY_COST: String(maxCost) });
    const cards = [
      { urn: "140001", year: "2025/26" },
      { urn: "140002", year: "2025/26" },
      { urn: "140003", year: "2025/26" },
    ];
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${server.tokens.leader}`,
      },
      body: JSON.stringify({ query: cardsQuery(3), variables: cardsVariables(cards) }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.[0]?.extensions?.code;
  }

  it("is CARD_COST per card, as the server estimates it", async () => {
    expect(await sendCards(3 * CARD_COST)).toBeUndefined();
    expect(await sendCards(3 * CARD_COST - 1)).toBe("QUERY_TOO_COMPLEX");
  });
});

// Lookups of one thing over real HTTP: an academy, card, target or target
// history that is not there answers null at its own field, with NOT_FOUND and
// the field's path in `errors`, and the other fields of the same request keep
// their data (before, the NOT_FOUND nulled the whole response).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server.js";

interface Answer {
  readonly status: number;
  readonly data: Record<string, unknown> | null;
  readonly errors: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string };
  }[];
}

const YEAR = "2025/26";

describe("a lookup of one thing that is not there", () => {
  let server: TestServer;
  let post: (query: string, variables?: Record<string, unknown>) => Promise<Answer>;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
    post = async (query, variables = {}) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${server.tokens.leader}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<Answer, "status">;
      return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
    };
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers null for a missing academy beside the viewer and an academy that is there", async () => {
    const answer = await post(`{
      me { role trustName }
      missing: academy(urn: "999999") { name }
      present: academy(urn: "140001") { name }
    }`);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({
      me: { role: "LEADER", trustName: "Northern Lights Academy Trust" },
      missing: null,
      present: { name: "Oakfield Primary Academy" },
    });
    expect(answer.errors).toEqual([
      {
        message: "No academy with URN 999999 in your trust",
        locations: [{ line: 3, column: 7 }],
        path: ["missing"],
        extensions: { code: "NOT_FOUND" },
      },
    ]);
  });

  it("answers null for a missing card, target and target history, each with its own error and path", async () => {
    const answer = await post(
      `query Lookups($year: AcademicYear!) {
        me { role }
        card: academyCard(urn: "999999", year: $year) { year }
        target(urn: "140001", metric: "ks4.progress8", year: $year) { id }
        versions: targetVersions(id: "no-such-target") { totalCount edges { node { version } } }
        found: target(urn: "140001", metric: "attendance.absence", year: $year) { metric }
      }`,
      { year: YEAR },
    );
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({
      me: { role: "LEADER" },
      card: null,
      target: null,
      versions: null,
      found: { metric: "attendance.absence" },
    });
    const byPath = Object.fromEntries(
      answer.errors.map((error) => [
        (error.path ?? []).join("."),
        { code: error.extensions?.code, message: error.message },
      ]),
    );
    expect(byPath).toEqual({
      card: { code: "NOT_FOUND", message: "No academy with URN 999999 in your trust" },
      target: {
        code: "NOT_FOUND",
        message: `Academy 140001 has no ks4.progress8 target for ${YEAR}`,
      },
      versions: {
        code: "NOT_FOUND",
        message: "No such target in your trust (or not one of your academies)",
      },
    });
  });

  it("keeps a bad argument to one lookup to that lookup", async () => {
    // A metric that is no indicator passes validation (metric is a String)
    // and is refused by the lookup itself, at its own path.
    const answer = await post(`{
      me { role }
      target(urn: "140001", metric: "ks2.favouriteColour", year: "${YEAR}") { id }
    }`);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ me: { role: "LEADER" }, target: null });
    expect(answer.errors.map((error) => [error.path, error.extensions?.code])).toEqual([
      [["target"], "BAD_USER_INPUT"],
    ]);
    expect(answer.errors[0]!.message).toContain(
      '"ks2.favouriteColour" is not a measurable indicator',
    );
  });

  it("refuses a year the AcademicYear scalar does not accept as a whole-request validation error", async () => {
    // The schema checks a year before any resolver runs, so a malformed one
    // fails the request (HTTP 400, no data), naming what the scalar accepts.
    const answer = await post(`{
      me { role }
      academyCard(urn: "140001", year: "2025") { year }
    }`);
    expect(answer.status).toBe(400);
    expect(answer.data).toBeNull();
    expect(answer.errors.map((error) => error.extensions?.code)).toEqual([
      "GRAPHQL_VALIDATION_FAILED",
    ]);
    expect(answer.errors[0]!.message).toContain("AcademicYear accepts a year such as 2025/26");
  });
});

// Another trust's academy (or one of your trust's academies outside your
// scope) answers exactly as an academy that does not exist: the same status,
// null at the same path, the same code and the same words but for the URN.
// Lookups of one thing now answer null beside their siblings, so a difference
// here would tell a stranger which URNs another trust holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "../../server/auth/tokens.js";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";

const YEAR = "2025/26";
/** A URN no trust on the server holds. */
const MISSING = "159999";

/** The lookups of one academy, each beside a sibling that answers. */
const LOOKUPS = `query Lookups($urn: URN!, $year: AcademicYear!) {
  me { role }
  academy(urn: $urn) { name }
  academyCard(urn: $urn, year: $year) { year }
  target(urn: $urn, metric: "attendance.absence", year: $year) { id }
}`;

/** The review calendar and support delivered of one academy (issue 15), one field each (both non-null). */
const SUPPORT = [
  `query Calendar($urn: URN!, $year: AcademicYear!) { reviewCalendar(year: $year, urn: $urn) { id } }`,
  `query Delivered($urn: URN!, $year: AcademicYear!) { supportDelivered(urn: $urn, year: $year) { id } }`,
];

const VERSIONS = `query Versions($id: ID!) {
  me { role }
  targetVersions(id: $id) { totalCount edges { node { version } } }
}`;

describe.each(await storesToTest())(
  "a lookup another trust cannot tell from a miss (%s)",
  (store) => {
    let server: TestServer;
    let otherLeader: string;
    beforeAll(async () => {
      server = await startTestServer(store);
      const prisma = server.handle.prisma;
      const trust = await prisma.trust.create({ data: { uid: "TR09998", name: "Other Trust" } });
      otherLeader = (
        await issueToken(prisma, { trustId: trust.id, role: "leader", name: "Other leader" })
      ).token;
    });
    afterAll(async () => {
      await server?.stop();
    });

    /**
     * The raw answer, with the URN or id asked for written as <asked> and the
     * errors in path order (lookups run side by side, so they fail in any order).
     */
    async function answer(token: string, query: string, variables: Record<string, string>) {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      let body = await response.text();
      for (const asked of Object.values(variables))
        if (asked !== YEAR) body = body.split(asked).join("<asked>");
      const json = JSON.parse(body) as {
        data: unknown;
        errors?: { path?: string[]; extensions?: { code?: string } }[];
      };
      const errors = [...(json.errors ?? [])].sort((a, b) =>
        String(a.path).localeCompare(String(b.path)),
      );
      return { status: response.status, body: { ...json, errors } };
    }

    it("answers another trust's academy 140002 as it answers a URN nobody holds", async () => {
      const foreign = await answer(otherLeader, LOOKUPS, { urn: "140002", year: YEAR });
      const missing = await answer(otherLeader, LOOKUPS, { urn: MISSING, year: YEAR });
      expect(foreign).toEqual(missing);
      expect(foreign.status).toBe(200);
      expect(foreign.body).toMatchObject({
        data: { me: { role: "LEADER" }, academy: null, academyCard: null, target: null },
      });
      expect(foreign.body.errors.map((error) => [error.path?.[0], error.extensions?.code])).toEqual(
        [
          ["academy", "NOT_FOUND"],
          ["academyCard", "NOT_FOUND"],
          ["target", "NOT_FOUND"],
        ],
      );
    });

    it("answers an academy user's other academy 140002 as a URN nobody holds", async () => {
      // The demo's academy token is scoped to 140001.
      const outOfScope = await answer(server.tokens.academy, LOOKUPS, {
        urn: "140002",
        year: YEAR,
      });
      const missing = await answer(server.tokens.academy, LOOKUPS, { urn: MISSING, year: YEAR });
      expect(outOfScope).toEqual(missing);
      expect(outOfScope.body).toMatchObject({ data: { academy: null, academyCard: null } });
    });

    it.each(SUPPORT)(
      "answers another trust's academy's calendar and support delivered as a URN nobody holds: %s",
      async (query) => {
        const foreign = await answer(otherLeader, query, { urn: "140002", year: YEAR });
        expect(foreign).toEqual(await answer(otherLeader, query, { urn: MISSING, year: YEAR }));
        expect(foreign.body).toMatchObject({
          data: null,
          errors: [{ extensions: { code: "NOT_FOUND" } }],
        });
        const outOfScope = await answer(server.tokens.governor, query, {
          urn: "140002",
          year: YEAR,
        });
        expect(outOfScope).toEqual(
          await answer(server.tokens.governor, query, { urn: MISSING, year: YEAR }),
        );
      },
    );

    it("answers another trust's calendar feed as a trust uid nobody holds", async () => {
      const feed = async (path: string) => {
        const response = await fetch(`${server.url}${path}`, {
          headers: { authorization: `Bearer ${otherLeader}` },
        });
        return { status: response.status, body: await response.text() };
      };
      const foreign = await feed("/calendar/TR04567.ics");
      expect(foreign).toEqual(await feed("/calendar/TR00001.ics"));
      expect(foreign.status).toBe(404);
      expect(await feed("/calendar/TR04567/140002.ics")).toEqual(
        await feed("/calendar/TR00001/140002.ics"),
      );
    });

    it("answers another trust's target history as a target id nobody holds", async () => {
      const target = await server.handle.prisma.target.findFirstOrThrow({
        where: { trustId: server.handle.demo!.trustId },
      });
      // An id of the same form that names nothing.
      const unknownId = target.id.slice(0, -4) + (target.id.endsWith("zzzz") ? "yyyy" : "zzzz");
      const foreign = await answer(otherLeader, VERSIONS, { id: target.id });
      const missing = await answer(otherLeader, VERSIONS, { id: unknownId });
      expect(foreign).toEqual(missing);
      expect(foreign.body).toMatchObject({
        data: { me: { role: "LEADER" }, targetVersions: null },
        errors: [{ path: ["targetVersions"], extensions: { code: "NOT_FOUND" } }],
      });
    });
  },
);

// Academies over real HTTP: create, read, Relay pages, update and the
// all-or-nothing import, with every identifier checked and nothing stored
// when input is refused; who may manage academies and who sees which.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { refusalOf } from "./refusal-of.js";

const ACADEMY_FIELDS = gql`
  fragment AcademyFields on Academy {
    urn
    name
    phase
    laestab
    ukprn
  }
`;

const ACADEMY = gql`
  ${ACADEMY_FIELDS}
  query Academy($urn: URN!) {
    academy(urn: $urn) {
      ...AcademyFields
    }
  }
`;

const ACADEMIES = gql`
  query Academies($first: Int!, $after: String, $phase: Phase, $search: String) {
    academies(first: $first, after: $after, phase: $phase, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          urn
          name
        }
      }
    }
  }
`;

const CREATE = gql`
  ${ACADEMY_FIELDS}
  mutation Create($input: AcademyInput!) {
    createAcademy(input: $input) {
      ...AcademyFields
    }
  }
`;

const UPDATE = gql`
  ${ACADEMY_FIELDS}
  mutation Update($urn: URN!, $input: AcademyUpdateInput!) {
    updateAcademy(urn: $urn, input: $input) {
      ...AcademyFields
    }
  }
`;

const IMPORT = gql`
  mutation Import($rows: [AcademyInput!]!) {
    importAcademies(rows: $rows) {
      created
      updated
      academies {
        urn
        name
      }
    }
  }
`;

type Academy = {
  urn: string;
  name: string;
  phase: string;
  laestab: string | null;
  ukprn: string | null;
};

type AcademyPage = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { urn: string; name: string } }[];
};

const DEMO_URNS = Array.from({ length: 14 }, (_, index) => String(140001 + index));

describe.each(await storesToTest())("academies API on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const dataManager = () => server.client(server.tokens["data-manager"]);

  async function academyCount(): Promise<number> {
    const data = await dataManager().request<{ academies: AcademyPage }>(ACADEMIES, { first: 1 });
    return data.academies.totalCount;
  }

  async function page(variables: Record<string, unknown>, token = server.tokens.leader) {
    const data = await server.client(token).request<{ academies: AcademyPage }>(ACADEMIES, {
      first: 50,
      ...variables,
    });
    return data.academies;
  }

  describe("reading", () => {
    it("reads an academy of the trust by URN", async () => {
      const data = await server
        .client(server.tokens.leader)
        .request<{ academy: Academy }>(ACADEMY, { urn: "140002" });
      expect(data.academy).toEqual({
        urn: "140002",
        name: "Riverside Academy",
        phase: "SECONDARY",
        laestab: null,
        ukprn: null,
      });
    });

    it("pages through the trust's academies by URN with first, after and endCursor", async () => {
      const first = await page({ first: 5 });
      expect(first.totalCount).toBe(14);
      expect(first.edges.map((edge) => edge.node.urn)).toEqual(DEMO_URNS.slice(0, 5));
      expect(first.pageInfo).toEqual({
        hasNextPage: true,
        endCursor: first.edges[4]!.cursor,
      });

      const second = await page({ first: 5, after: first.pageInfo.endCursor });
      expect(second.totalCount).toBe(14);
      expect(second.edges.map((edge) => edge.node.urn)).toEqual(DEMO_URNS.slice(5, 10));
      expect(second.pageInfo.hasNextPage).toBe(true);

      const last = await page({ first: 5, after: second.pageInfo.endCursor });
      expect(last.edges.map((edge) => edge.node.urn)).toEqual(DEMO_URNS.slice(10));
      expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: last.edges[3]!.cursor });
    });

    it("filters by phase, keeping totalCount to the filtered academies", async () => {
      const primaries = await page({ phase: "PRIMARY" });
      expect(primaries.totalCount).toBe(5);
      expect(primaries.edges.map((edge) => edge.node.urn)).toEqual([
        "140001",
        "140004",
        "140005",
        "140007",
        "140013",
      ]);
    });

    it("searches by the start of the URN", async () => {
      const found = await page({ search: "14001" });
      expect(found.edges.map((edge) => edge.node.urn)).toEqual([
        "140010",
        "140011",
        "140012",
        "140013",
        "140014",
      ]);
    });

    // Name search ignores case on both stores (PostgreSQL needs mode: insensitive).
    it("searches by part of the name, whatever its case", async () => {
      for (const search of ["Oakfield", "oakfield", "OAKFIELD"]) {
        const found = await page({ search });
        expect(
          found.edges.map((edge) => edge.node.urn),
          `search "${search}"`,
        ).toEqual(["140001"]);
      }
    });
  });

  describe("creating and updating", () => {
    it("creates an academy with its identifiers, then reads it back", async () => {
      const before = await academyCount();
      const input = {
        urn: "150001",
        name: "Willow Bank Primary",
        phase: "PRIMARY",
        laestab: "3734021",
        ukprn: "10012345",
      };
      const created = await dataManager().request<{ createAcademy: Academy }>(CREATE, { input });
      expect(created.createAcademy).toEqual({ ...input, phase: "PRIMARY" });
      const read = await dataManager().request<{ academy: Academy }>(ACADEMY, { urn: "150001" });
      expect(read.academy).toEqual(created.createAcademy);
      expect(await academyCount()).toBe(before + 1);
    });

    it("updates an academy's name and identifiers, leaving out fields unchanged", async () => {
      await dataManager().request(CREATE, {
        input: { urn: "150002", name: "Cedar Lane", phase: "SECONDARY" },
      });
      const updated = await dataManager().request<{ updateAcademy: Academy }>(UPDATE, {
        urn: "150002",
        input: { name: "Cedar Lane Academy", ukprn: "10099999" },
      });
      expect(updated.updateAcademy).toEqual({
        urn: "150002",
        name: "Cedar Lane Academy",
        phase: "SECONDARY",
        laestab: null,
        ukprn: "10099999",
      });
      const read = await dataManager().request<{ academy: Academy }>(ACADEMY, { urn: "150002" });
      expect(read.academy).toEqual(updated.updateAcademy);
    });

    it("refuses a URN that is already in the trust", async () => {
      const before = await academyCount();
      const error = await refusalOf(
        dataManager().request(CREATE, {
          input: { urn: "140001", name: "Second Oakfield", phase: "PRIMARY" },
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems.map((problem) => problem.field)).toEqual(["urn"]);
      expect(await academyCount()).toBe(before);
      const read = await dataManager().request<{ academy: Academy }>(ACADEMY, { urn: "140001" });
      expect(read.academy.name).toBe("Oakfield Primary Academy");
    });

    const good = { urn: "150099", name: "Rowan Academy", phase: "SECONDARY" };
    it.each([
      {
        reason: "a URN of five digits",
        input: { ...good, urn: "15009" },
        field: "urn",
        scalar: true,
      },
      {
        reason: "a URN of seven digits",
        input: { ...good, urn: "1500990" },
        field: "urn",
        scalar: true,
      },
      {
        reason: "a URN with a letter",
        input: { ...good, urn: "15009A" },
        field: "urn",
        scalar: true,
      },
      {
        reason: "a LAESTAB of six digits",
        input: { ...good, laestab: "373402" },
        field: "laestab",
      },
      {
        reason: "a LAESTAB with a slash",
        input: { ...good, laestab: "373/4021" },
        field: "laestab",
      },
      { reason: "a UKPRN of seven digits", input: { ...good, ukprn: "1001234" }, field: "ukprn" },
      {
        reason: "a UKPRN not starting with 1",
        input: { ...good, ukprn: "20012345" },
        field: "ukprn",
      },
      {
        reason: "an unknown phase",
        input: { ...good, phase: "MIDDLE_SCHOOL" },
        field: "phase",
        scalar: true,
      },
      { reason: "a blank name", input: { ...good, name: "   " }, field: "name" },
    ])(
      "refuses to create an academy with $reason, naming $field, and stores nothing",
      async ({ input, field, scalar }) => {
        const before = await academyCount();
        const error = await refusalOf(dataManager().request(CREATE, { input }));
        expect(error.code).toBe("BAD_USER_INPUT");
        if (scalar) {
          // Refused by the schema (the URN scalar, the Phase enum) before any resolver runs.
          expect(error.message).toContain(`at "input.${field}"`);
          expect(error.message).toContain("accepts");
        } else expect(error.problems.map((problem) => problem.field)).toEqual([field]);
        expect(error.message).toContain(field);
        expect(await academyCount()).toBe(before);
        const lookup = await refusalOf(dataManager().request(ACADEMY, { urn: input.urn }));
        // A malformed URN cannot even be asked for; a well-formed one is not there.
        expect(lookup.code).toBe(field === "urn" ? "BAD_USER_INPUT" : "NOT_FOUND");
      },
    );

    it.each([
      { reason: "a LAESTAB of eight digits", input: { laestab: "37340210" }, field: "laestab" },
      { reason: "a UKPRN of letters", input: { ukprn: "UKPRN123" }, field: "ukprn" },
      { reason: "an unknown phase", input: { phase: "NURSERY" }, field: "phase", scalar: true },
    ])(
      "refuses to update an academy with $reason, naming $field, and changes nothing",
      async ({ input, field, scalar }) => {
        const before = await dataManager().request<{ academy: Academy }>(ACADEMY, {
          urn: "140003",
        });
        const error = await refusalOf(
          dataManager().request(UPDATE, {
            urn: "140003",
            input: { name: "Renamed Hillcrest", ...input },
          }),
        );
        expect(error.code).toBe("BAD_USER_INPUT");
        if (scalar) expect(error.message).toMatch(/Phase accepts PRIMARY, SECONDARY, ALL_THROUGH/);
        else expect(error.problems.map((problem) => problem.field)).toEqual([field]);
        const after = await dataManager().request<{ academy: Academy }>(ACADEMY, {
          urn: "140003",
        });
        expect(after.academy).toEqual(before.academy);
      },
    );
  });

  describe("importing", () => {
    it("rejects a whole import when one row is bad and a URN is repeated, listing each by row, and creates nothing", async () => {
      const before = await academyCount();
      const error = await refusalOf(
        dataManager().request(IMPORT, {
          rows: [
            { urn: "150201", name: "Ash Grove Primary", phase: "PRIMARY" },
            { urn: "150202", name: "Birch Academy", phase: "SECONDARY", ukprn: "2001234" },
            { urn: "150203", name: "Hazel Special School", phase: "SPECIAL" },
            { urn: "150201", name: "Ash Grove Primary again", phase: "PRIMARY" },
          ],
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems.map(({ row, field }) => [row, field])).toEqual([
        [1, "ukprn"],
        [3, "urn"],
      ]);
      expect(error.problems[1]!.message).toContain("rows[0]");
      expect(error.message).toMatch(/^rows\[1\]: ukprn: .* \(and 1 more\)$/);
      expect(await academyCount()).toBe(before);
      for (const urn of ["150201", "150202", "150203"]) {
        const lookup = await refusalOf(dataManager().request(ACADEMY, { urn }));
        expect(lookup.code, `academy ${urn}`).toBe("NOT_FOUND");
      }
    });

    it("creates new academies and updates existing ones in one import, in input order", async () => {
      const before = await academyCount();
      const data = await dataManager().request<{
        importAcademies: {
          created: number;
          updated: number;
          academies: { urn: string; name: string }[];
        };
      }>(IMPORT, {
        rows: [
          { urn: "150211", name: "Maple Primary", phase: "PRIMARY", laestab: "3734111" },
          { urn: "140014", name: "Bridge AP Academy", phase: "ALTERNATIVE_PROVISION" },
          { urn: "150212", name: "Poplar High", phase: "SECONDARY", ukprn: "10054321" },
        ],
      });
      expect(data.importAcademies).toEqual({
        created: 2,
        updated: 1,
        academies: [
          { urn: "150211", name: "Maple Primary" },
          { urn: "140014", name: "Bridge AP Academy" },
          { urn: "150212", name: "Poplar High" },
        ],
      });
      expect(await academyCount()).toBe(before + 2);
      const maple = await dataManager().request<{ academy: Academy }>(ACADEMY, { urn: "150211" });
      expect(maple.academy).toEqual({
        urn: "150211",
        name: "Maple Primary",
        phase: "PRIMARY",
        laestab: "3734111",
        ukprn: null,
      });
      const bridge = await dataManager().request<{ academy: Academy }>(ACADEMY, {
        urn: "140014",
      });
      expect(bridge.academy.name).toBe("Bridge AP Academy");
    });
  });

  describe("who may do what", () => {
    it("does not let a leader create an academy (FORBIDDEN) and stores nothing", async () => {
      const before = await academyCount();
      const error = await refusalOf(
        server
          .client(server.tokens.leader)
          .request(CREATE, { input: { urn: "150301", name: "Leader's Own", phase: "PRIMARY" } }),
      );
      expect(error.code).toBe("FORBIDDEN");
      expect(await academyCount()).toBe(before);
    });

    it("does not let a leader import or update academies (FORBIDDEN)", async () => {
      const leader = server.client(server.tokens.leader);
      const imported = await refusalOf(
        leader.request(IMPORT, { rows: [{ urn: "150302", name: "Nope", phase: "PRIMARY" }] }),
      );
      expect(imported.code).toBe("FORBIDDEN");
      const updated = await refusalOf(
        leader.request(UPDATE, { urn: "140001", input: { name: "Nope" } }),
      );
      expect(updated.code).toBe("FORBIDDEN");
    });

    it("answers UNAUTHENTICATED to reads and writes without a token", async () => {
      const anonymous = server.client();
      const attempts: [string, Record<string, unknown>][] = [
        [ACADEMIES, { first: 5 }],
        [ACADEMY, { urn: "140001" }],
        [CREATE, { input: { urn: "150303", name: "Anonymous", phase: "PRIMARY" } }],
      ];
      for (const [document, variables] of attempts) {
        const error = await refusalOf(anonymous.request(document, variables));
        expect(error.code).toBe("UNAUTHENTICATED");
      }
    });

    it("answers UNAUTHENTICATED to an unknown token", async () => {
      const error = await refusalOf(
        server.client("mat_not-a-real-token").request(ACADEMIES, { first: 5 }),
      );
      expect(error.code).toBe("UNAUTHENTICATED");
    });

    it("shows the academy user only its own academy, 140001", async () => {
      const academyUser = server.tokens.academy;
      const all = await page({}, academyUser);
      expect(all.totalCount).toBe(1);
      expect(all.edges.map((edge) => edge.node.urn)).toEqual(["140001"]);
      const searched = await page({ search: "1400" }, academyUser);
      expect(searched.edges.map((edge) => edge.node.urn)).toEqual(["140001"]);
      const own = await server
        .client(academyUser)
        .request<{ academy: Academy }>(ACADEMY, { urn: "140001" });
      expect(own.academy.name).toBe("Oakfield Primary Academy");
      const other = await refusalOf(server.client(academyUser).request(ACADEMY, { urn: "140002" }));
      expect(other.code).toBe("NOT_FOUND");
    });
  });
});

// Evidence and designations over real HTTP: recording an academy's evidence
// recomputes its designation under the trust's framework (phase-model for the
// demo trust) and keeps the earlier one; changes need the version last seen;
// a batch is one transaction; a leader confirms or overrides with a reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { refusalOf } from "./refusal-of.js";

const RECORD = gql`
  mutation Record(
    $urn: URN!
    $year: AcademicYear!
    $term: Term!
    $evidence: [EvidenceInput!]!
    $expectedVersion: Int
  ) {
    recordEvidence(
      urn: $urn
      year: $year
      term: $term
      evidence: $evidence
      expectedVersion: $expectedVersion
    ) {
      urn
      evidence {
        year
        term
        version
        entries {
          indicator
          value
        }
      }
      designation {
        framework
        year
        term
        computed {
          key
        }
        reasons {
          message
        }
      }
    }
  }
`;

const BATCH = gql`
  mutation Batch($year: AcademicYear!, $term: Term!, $rows: [RecordEvidenceRowInput!]!) {
    recordEvidenceBatch(year: $year, term: $term, rows: $rows) {
      urn
      evidence {
        version
      }
      designation {
        computed {
          key
        }
      }
    }
  }
`;

const HISTORY = gql`
  query History($urn: URN!) {
    academy(urn: $urn) {
      currentDesignation: designation(year: "2025/26") {
        computed {
          key
        }
      }
      designationHistory {
        edges {
          node {
            computed {
              key
            }
          }
        }
      }
      evidence(year: "2025/26") {
        term
        version
        entries {
          indicator
          value
        }
      }
    }
  }
`;

const CONFIRM = gql`
  mutation Confirm($urn: URN!, $agreedOn: Date!, $level: String, $reason: String) {
    confirmDesignation(urn: $urn, agreedOn: $agreedOn, level: $level, reason: $reason) {
      status
      computed {
        key
      }
      confirmed {
        key
        label
      }
      level {
        key
      }
      confirmedBy
      confirmedAt
      agreedOn
      overrideReason
    }
  }
`;

type Recorded = {
  urn: string;
  evidence: {
    year: string;
    term: string;
    version: number;
    entries: { indicator: string; value: string | null }[];
  };
  designation: {
    framework: string;
    year: string;
    term: string;
    computed: { key: string } | null;
    reasons: { message: string }[];
  };
};

type History = {
  currentDesignation: { computed: { key: string } | null } | null;
  designationHistory: { edges: { node: { computed: { key: string } | null } }[] };
  evidence: {
    term: string;
    version: number;
    entries: { indicator: string; value: string | null }[];
  }[];
};

type Confirmed = {
  status: string;
  computed: { key: string } | null;
  confirmed: { key: string; label: string } | null;
  level: { key: string } | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  agreedOn: string | null;
  overrideReason: string | null;
};

const YEAR = "2025/26";

/** A secondary's risk-matrix row with the Ofsted judgement and Progress 8 given. */
const secondary = (ofsted: string, progress8: string) => [
  { indicator: "phase", value: "secondary" },
  { indicator: "Latest Ofsted judgement", value: ofsted },
  { indicator: "P8", value: progress8 },
];

describe.each(await storesToTest())("evidence and designations API on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const dataManager = () => server.client(server.tokens["data-manager"]);
  const leader = () => server.client(server.tokens.leader);

  async function history(urn: string): Promise<History> {
    return (await leader().request<{ academy: History }>(HISTORY, { urn })).academy;
  }

  async function summerVersion(urn: string): Promise<number> {
    const found = (await history(urn)).evidence.find((record) => record.term === "SUMMER");
    if (!found) throw new Error(`no summer evidence for ${urn}`);
    return found.version;
  }

  describe("recording evidence", () => {
    it("recomputes the designation (Progress 8 -0.6 is Stabilise) and keeps the earlier one in the history", async () => {
      const before = await history("140010");
      expect(before.currentDesignation?.computed?.key).toBe("repair");
      expect(before.designationHistory.edges).toEqual([{ node: { computed: { key: "repair" } } }]);

      const data = await dataManager().request<{ recordEvidence: Recorded }>(RECORD, {
        urn: "140010",
        year: YEAR,
        term: "SUMMER",
        expectedVersion: 1,
        evidence: secondary("Requires improvement", "-0.6"),
      });
      expect(data.recordEvidence.urn).toBe("140010");
      expect(data.recordEvidence.evidence).toMatchObject({
        year: YEAR,
        term: "SUMMER",
        version: 2,
      });
      expect(data.recordEvidence.evidence.entries).toEqual(
        secondary("Requires improvement", "-0.6"),
      );
      expect(data.recordEvidence.designation).toMatchObject({
        framework: "phase-model",
        year: YEAR,
        term: "SUMMER",
        computed: { key: "stabilise" },
      });
      expect(data.recordEvidence.designation.reasons.map((reason) => reason.message)).toContain(
        "Progress 8 -0.6 is at or below -0.5: D: Challenged and Vulnerable (Stabilise)",
      );

      const after = await history("140010");
      expect(after.currentDesignation?.computed?.key).toBe("stabilise");
      expect(after.designationHistory.edges.map((edge) => edge.node)).toEqual([
        { computed: { key: "stabilise" } },
        { computed: { key: "repair" } },
      ]);
    });

    // Northgate Academy (140006) is Outstanding, so Progress 8 alone decides.
    it.each([
      { progress8: "-0.5", level: "stabilise", why: "-0.5 is at or below -0.5" },
      { progress8: "-0.49", level: "repair", why: "just above -0.5 and below 0" },
      { progress8: "0", level: "improve", why: "0 is at least 0 and below 0.25" },
      { progress8: "0.25", level: "sustain", why: "0.25 is at least 0.25" },
    ])(
      "designates an Outstanding secondary with Progress 8 $progress8 as $level ($why)",
      async ({ progress8, level }) => {
        const expectedVersion = await summerVersion("140006");
        const data = await dataManager().request<{ recordEvidence: Recorded }>(RECORD, {
          urn: "140006",
          year: YEAR,
          term: "SUMMER",
          expectedVersion,
          evidence: secondary("Outstanding", progress8),
        });
        expect(data.recordEvidence.evidence.version).toBe(expectedVersion + 1);
        expect(data.recordEvidence.designation.computed?.key).toBe(level);
        expect((await history("140006")).currentDesignation?.computed?.key).toBe(level);
      },
    );

    it("records evidence for a new term without a version, starting at version 1", async () => {
      const data = await dataManager().request<{ recordEvidence: Recorded }>(RECORD, {
        urn: "140002",
        year: YEAR,
        term: "AUTUMN",
        evidence: secondary("Good", "0.1"),
      });
      expect(data.recordEvidence.evidence).toMatchObject({ term: "AUTUMN", version: 1 });
      expect(data.recordEvidence.designation.computed?.key).toBe("improve");
    });

    it("refuses to change existing evidence without expectedVersion, changing nothing", async () => {
      const before = await history("140003");
      const error = await refusalOf(
        dataManager().request(RECORD, {
          urn: "140003",
          year: YEAR,
          term: "SUMMER",
          evidence: secondary("Good", "0.3"),
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems.map((problem) => problem.field)).toEqual(["expectedVersion"]);
      expect(await history("140003")).toEqual(before);
    });

    it("answers CONFLICT to a stale expectedVersion and changes nothing", async () => {
      await dataManager().request(RECORD, {
        urn: "140003",
        year: YEAR,
        term: "SUMMER",
        expectedVersion: 1,
        evidence: secondary("Good", "0.3"),
      });
      const before = await history("140003");
      expect(before.evidence.find((record) => record.term === "SUMMER")?.version).toBe(2);

      const error = await refusalOf(
        dataManager().request(RECORD, {
          urn: "140003",
          year: YEAR,
          term: "SUMMER",
          expectedVersion: 1,
          evidence: secondary("Inadequate", "-1.2"),
        }),
      );
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain("version 2");
      expect(await history("140003")).toEqual(before);
    });

    it("refuses an unreadable cell naming the indicator and the value, changing nothing", async () => {
      const before = await history("140002");
      const error = await refusalOf(
        dataManager().request(RECORD, {
          urn: "140002",
          year: YEAR,
          term: "SUMMER",
          expectedVersion: 1,
          evidence: secondary("Good", "Goodish"),
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      // One academy, no batch: no row; the cell by its column and indicator.
      expect(
        error.problems.map(({ row, column, indicator, field }) => ({
          row,
          column,
          indicator,
          field,
        })),
      ).toEqual([{ row: null, column: "P8", indicator: "ks4.progress8", field: "value" }]);
      expect(error.message).toContain("Goodish");
      expect(await history("140002")).toEqual(before);
    });

    it.each([
      { reason: "a year written 2025-26", year: "2025-26", term: "SUMMER", field: "year" },
      {
        reason: "a year whose halves do not follow",
        year: "2025/27",
        term: "SUMMER",
        field: "year",
      },
      { reason: "an unknown term", year: YEAR, term: "WINTER", field: "term" },
      { reason: "a half term given as the term", year: YEAR, term: "AUTUMN1", field: "term" },
    ])("refuses $reason, naming $field, changing nothing", async ({ year, term, field }) => {
      const before = await history("140002");
      const error = await refusalOf(
        dataManager().request(RECORD, {
          urn: "140002",
          year,
          term,
          expectedVersion: 1,
          evidence: secondary("Good", "0.1"),
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      // Refused by the AcademicYear scalar or the Term enum, naming the variable and what it accepts.
      expect(error.message).toContain(`Variable "$${field}"`);
      expect(error.message).toContain(field === "year" ? "AcademicYear accepts" : "Term accepts");
      expect(await history("140002")).toEqual(before);
    });

    it("does not let a leader record evidence (FORBIDDEN)", async () => {
      const error = await refusalOf(
        leader().request(RECORD, {
          urn: "140002",
          year: YEAR,
          term: "SUMMER",
          expectedVersion: 1,
          evidence: secondary("Good", "0.1"),
        }),
      );
      expect(error.code).toBe("FORBIDDEN");
    });
  });

  describe("recording a batch", () => {
    const batchUrns = ["140007", "140008", "140009"];
    async function snapshot() {
      return Promise.all(batchUrns.map((urn) => history(urn)));
    }

    it("rejects the whole batch when one row has a bad cell, listing it by row", async () => {
      const before = await snapshot();
      const error = await refusalOf(
        dataManager().request(BATCH, {
          year: YEAR,
          term: "SUMMER",
          rows: [
            {
              urn: "140007",
              expectedVersion: 1,
              evidence: [{ indicator: "KS2 RWM %", value: "50" }],
            },
            { urn: "140008", expectedVersion: 1, evidence: secondary("Good", "0.3") },
            { urn: "140009", expectedVersion: 1, evidence: secondary("Good", "twelve") },
          ],
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.message).toMatch(/^rows\[2\]: Progress 8 \(ks4\.progress8\)/);
      expect(
        error.problems.map(({ row, column, indicator, field, code }) => ({
          row,
          column,
          indicator,
          field,
          code,
        })),
      ).toEqual([
        {
          row: 2,
          column: "P8",
          indicator: "ks4.progress8",
          field: "value",
          code: "BAD_USER_INPUT",
        },
      ]);
      expect(error.problemCount).toBe(1);
      expect(await snapshot()).toEqual(before);
    });

    it("rejects the whole batch when a later row's version is stale: earlier rows are rolled back", async () => {
      const before = await snapshot();
      const error = await refusalOf(
        dataManager().request(BATCH, {
          year: YEAR,
          term: "SUMMER",
          rows: [
            {
              urn: "140007",
              expectedVersion: 1,
              evidence: [{ indicator: "KS2 RWM %", value: "50" }],
            },
            { urn: "140008", expectedVersion: 1, evidence: secondary("Good", "0.3") },
            { urn: "140009", expectedVersion: 7, evidence: secondary("Good", "0.3") },
          ],
        }),
      );
      expect(error.code).toBe("CONFLICT");
      expect(await snapshot()).toEqual(before);
    });

    it("rejects the whole batch when a row names an academy outside the trust", async () => {
      const before = await snapshot();
      const error = await refusalOf(
        dataManager().request(BATCH, {
          year: YEAR,
          term: "SUMMER",
          rows: [
            {
              urn: "140007",
              expectedVersion: 1,
              evidence: [{ indicator: "KS2 RWM %", value: "50" }],
            },
            { urn: "999999", evidence: secondary("Good", "0.3") },
          ],
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems).toEqual([
        {
          code: "NOT_FOUND",
          row: 1,
          column: null,
          indicator: null,
          field: "urn",
          value: "999999",
          accepts: null,
          message: "urn: no academy with URN 999999 in your trust",
        },
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it("records every row of a good batch and designates each", async () => {
      const data = await dataManager().request<{
        recordEvidenceBatch: {
          urn: string;
          evidence: { version: number };
          designation: { computed: { key: string } | null };
        }[];
      }>(BATCH, {
        year: YEAR,
        term: "SUMMER",
        rows: [
          {
            urn: "140007",
            expectedVersion: 1,
            evidence: [
              { indicator: "phase", value: "primary" },
              { indicator: "KS2 RWM %", value: "50" },
            ],
          },
          { urn: "140008", expectedVersion: 1, evidence: secondary("Good", "0.3") },
          { urn: "140009", expectedVersion: 1, evidence: secondary("Outstanding", "0.3") },
        ],
      });
      expect(
        data.recordEvidenceBatch.map((row) => [
          row.urn,
          row.evidence.version,
          row.designation.computed?.key,
        ]),
      ).toEqual([
        // KS2 RWM 50 is below national 62 less 10: Stabilise.
        ["140007", 2, "stabilise"],
        ["140008", 2, "improve"],
        ["140009", 2, "sustain"],
      ]);
    });
  });

  describe("confirming a designation", () => {
    it("lets a leader confirm the computed level, recording who, when and the date agreed", async () => {
      const started = Date.now();
      const data = await leader().request<{ confirmDesignation: Confirmed }>(CONFIRM, {
        urn: "140005",
        agreedOn: "2025-10-14",
      });
      const confirmed = data.confirmDesignation;
      expect(confirmed).toMatchObject({
        status: "AGREED",
        computed: { key: "improve" },
        confirmed: { key: "improve", label: "B: Self-Improving (Improve)" },
        level: { key: "improve" },
        agreedOn: "2025-10-14",
        overrideReason: null,
      });
      expect(confirmed.confirmedBy).toContain("Demo leader");
      expect(Date.parse(confirmed.confirmedAt!)).toBeGreaterThanOrEqual(started - 1000);
    });

    it("refuses an override to a different level without a reason, changing nothing", async () => {
      const before = await history("140005");
      const error = await refusalOf(
        leader().request(CONFIRM, { urn: "140005", agreedOn: "2025-10-14", level: "repair" }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems.map((problem) => problem.field)).toEqual(["reason"]);
      const blank = await refusalOf(
        leader().request(CONFIRM, {
          urn: "140005",
          agreedOn: "2025-10-14",
          level: "repair",
          reason: "  ",
        }),
      );
      expect(blank.code).toBe("BAD_USER_INPUT");
      expect(await history("140005")).toEqual(before);
    });

    it("keeps the computed and the confirmed level both when overriding with a reason", async () => {
      const data = await leader().request<{ confirmDesignation: Confirmed }>(CONFIRM, {
        urn: "140005",
        agreedOn: "2025-10-21",
        level: "repair",
        reason: "Headteacher vacancy from January",
      });
      const override = data.confirmDesignation;
      expect(override).toMatchObject({
        computed: { key: "improve" },
        confirmed: { key: "repair", label: "C: Developing (Repair)" },
        level: { key: "repair" },
        agreedOn: "2025-10-21",
        overrideReason: "Headteacher vacancy from January",
      });
      expect(override.confirmedBy).toContain("Demo leader");
      expect(override.confirmedAt).not.toBeNull();

      const card = await leader().request<{
        academy: { currentDesignation: Confirmed };
      }>(
        gql`
          query Current($urn: URN!) {
            academy(urn: $urn) {
              currentDesignation: designation(year: "2025/26") {
                computed {
                  key
                }
                confirmed {
                  key
                }
                overrideReason
              }
            }
          }
        `,
        { urn: "140005" },
      );
      expect(card.academy.currentDesignation).toEqual({
        computed: { key: "improve" },
        confirmed: { key: "repair" },
        overrideReason: "Headteacher vacancy from January",
      });
    });

    it.each<{ reason: string; variables: Record<string, string>; field: string }>([
      {
        reason: "a level the framework does not have",
        variables: { level: "repaire", reason: "x" },
        field: "level",
      },
      {
        reason: "a date agreed that is not an ISO date",
        variables: { agreedOn: "14/10/2025" },
        field: "agreedOn",
      },
    ])("refuses $reason, naming $field", async ({ variables, field }) => {
      const error = await refusalOf(
        leader().request(CONFIRM, { urn: "140005", agreedOn: "2025-10-14", ...variables }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      if (field === "agreedOn")
        // The Date scalar refuses it before the resolver runs.
        expect(error.message).toMatch(/Variable "\$agreedOn" .*Date accepts a day as yyyy-mm-dd/);
      else expect(error.problems.map((problem) => problem.field)).toEqual([field]);
    });

    it("does not let a data manager confirm a designation (FORBIDDEN)", async () => {
      const before = await history("140006");
      const error = await refusalOf(
        dataManager().request(CONFIRM, { urn: "140006", agreedOn: "2025-10-14" }),
      );
      expect(error.code).toBe("FORBIDDEN");
      expect(await history("140006")).toEqual(before);
    });
  });
});

// The evaluation API over real HTTP: frameworks, designate, designateBatch
// (a whole risk matrix in one request) and a trust's own framework.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import {
  graphQLErrorOf,
  startTestServer,
  storesToTest,
  type TestServer,
} from "../support/test-server.js";
import { DEMO_ROWS } from "../../server/demo/demo-risk-matrix.js";
import { demoEvidence } from "../../server/demo/seed-demo-trust.js";

const DESIGNATE = gql`
  query Designate($framework: String!, $evidence: [EvidenceInput!]!) {
    designate(framework: $framework, evidence: $evidence) {
      level {
        key
        label
        rank
        risk
      }
      insufficientEvidence
      reasons {
        source
        indicated
        message
      }
      support {
        activity
        quantity
        unit
        per
      }
    }
  }
`;

const BATCH = gql`
  query Batch($framework: String!, $rows: [[EvidenceInput!]!]!, $reportBadRows: Boolean) {
    designateBatch(framework: $framework, rows: $rows, reportBadRows: $reportBadRows) {
      level {
        key
      }
      insufficientEvidence
      problems {
        code
        row
        column
        indicator
        field
        message
      }
    }
  }
`;

type Designation = {
  level: { key: string; label: string; rank: number; risk: string } | null;
  insufficientEvidence: boolean;
  reasons: { source: string; indicated: string | null; message: string }[];
  support: { activity: string; quantity: number; unit: string; per: string }[];
};

describe.each(await storesToTest())("evaluation API on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    // Evaluation without a token is what this suite tries, with the signed-in budget: the
    // signed-out budget and its default (off) are test/security/hostile-limits.test.ts's.
    server = await startTestServer(store, {
      PUBLIC_EVALUATION: "true",
      PUBLIC_MAX_ROWS: "10000",
      PUBLIC_MAX_COST: "50000",
      PUBLIC_BODY_LIMIT: "20mb",
      RATE_LIMIT_SIGNED_OUT_PER_MINUTE: "100000",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists the four presets with their levels, without signing in", async () => {
    const data = await server.client().request<{
      frameworks: { key: string; preset: boolean; levels: { key: string; rank: number }[] }[];
    }>(gql`
      {
        frameworks {
          key
          preset
          levels {
            key
            rank
          }
        }
      }
    `);
    expect(data.frameworks.map((framework) => framework.key)).toEqual([
      "phase-model",
      "tiered-support",
      "risk-matrix",
      "risk-designation",
    ]);
    expect(data.frameworks[0]!.levels.map((level) => level.key)).toEqual([
      "stabilise",
      "repair",
      "improve",
      "sustain",
    ]);
  });

  it("designates a secondary with Progress 8 of -0.62 in Stabilise and says why", async () => {
    const data = await server.client().request<{ designate: Designation }>(DESIGNATE, {
      framework: "phase-model",
      evidence: [
        { indicator: "phase", value: "secondary" },
        { indicator: "Latest Ofsted judgement", value: "Good" },
        { indicator: "P8", value: "-0.62" },
      ],
    });
    expect(data.designate.level).toEqual({
      key: "stabilise",
      label: "D: Challenged and Vulnerable (Stabilise)",
      rank: 1,
      risk: "high",
    });
    expect(data.designate.reasons.map((reason) => reason.message)).toContain(
      "Progress 8 -0.62 is at or below -0.5: D: Challenged and Vulnerable (Stabilise)",
    );
    expect(data.designate.support).toContainEqual({
      activity: "Bespoke support",
      quantity: 18,
      unit: "days",
      per: "year",
    });
  });

  it("answers insufficient evidence, not a level, when nothing is usable", async () => {
    const data = await server.client().request<{ designate: Designation }>(DESIGNATE, {
      framework: "tiered-support",
      evidence: [{ indicator: "P8", value: "SUPP" }],
    });
    expect(data.designate.level).toBeNull();
    expect(data.designate.insufficientEvidence).toBe(true);
  });

  it("rejects an unreadable cell with BAD_USER_INPUT naming the indicator and what it accepts", async () => {
    const error = await server
      .client()
      .request(DESIGNATE, {
        framework: "phase-model",
        evidence: [{ indicator: "Latest Ofsted judgement", value: "Goodish" }],
      })
      .catch(graphQLErrorOf);
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toContain("ofsted.overall");
    expect(error.message).toContain("Goodish");
    expect(error.message).toContain("Requires improvement");
  });

  it("rejects an unknown framework naming the presets", async () => {
    const error = await server
      .client()
      .request(DESIGNATE, { framework: "no-such", evidence: [] })
      .catch(graphQLErrorOf);
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toContain("phase-model");
  });

  it("designates 10,000 rows in one designateBatch, in order, agreeing with single designations", async () => {
    const rows = Array.from({ length: 10_000 }, (_, index) =>
      demoEvidence(DEMO_ROWS[index % DEMO_ROWS.length]!),
    );
    const data = await server
      .client()
      .request<{ designateBatch: { level: { key: string } | null }[] }>(BATCH, {
        framework: "risk-designation",
        rows,
      });
    expect(data.designateBatch).toHaveLength(10_000);
    for (const [index, row] of DEMO_ROWS.entries()) {
      const single = await server.client().request<{ designate: Designation }>(DESIGNATE, {
        framework: "risk-designation",
        evidence: demoEvidence(row),
      });
      expect(data.designateBatch[index]!.level?.key ?? null).toBe(
        single.designate.level?.key ?? null,
      );
      expect(data.designateBatch[index + DEMO_ROWS.length]!.level?.key ?? null).toBe(
        single.designate.level?.key ?? null,
      );
    }
  });

  it("fails a batch with a bad row listing the row, or answers it in place with reportBadRows", async () => {
    const rows = [[{ indicator: "P8", value: "0.3" }], [{ indicator: "P8", value: "twelve" }]];
    const error = await server
      .client()
      .request(BATCH, { framework: "phase-model", rows })
      .catch(graphQLErrorOf);
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/^rows\[1\]: Progress 8/);
    const problem = {
      code: "BAD_USER_INPUT",
      row: 1,
      column: "P8",
      indicator: "ks4.progress8",
      field: "value",
      message: expect.stringMatching(/^Progress 8 \(ks4\.progress8\): cannot read "twelve"/),
    };
    expect(error.problems).toEqual([expect.objectContaining(problem)]);
    const data = await server.client().request<{
      designateBatch: { level: { key: string } | null; problems: unknown[] }[];
    }>(BATCH, { framework: "phase-model", rows, reportBadRows: true });
    expect(data.designateBatch[0]!.level?.key).toBe("sustain");
    expect(data.designateBatch[0]!.problems).toEqual([]);
    expect(data.designateBatch[1]!.level).toBeNull();
    expect(data.designateBatch[1]!.problems).toEqual([problem]);
  });

  it("refuses a batch larger than the limit with a clear message", async () => {
    const rows = Array.from({ length: 10_001 }, () => [{ indicator: "P8", value: "0" }]);
    const error = await server
      .client()
      .request(BATCH, { framework: "phase-model", rows })
      .catch(graphQLErrorOf);
    expect(error.code).toBe("QUERY_TOO_COMPLEX");
    expect(error.message).toContain("asks for 10001 rows");
    expect(error.message).toContain("the limit is 10000 per operation");
  });

  it("lets a trust admin save a framework from JSON, then designates with it", async () => {
    const presets = await server
      .client()
      .request<{ frameworks: { key: string; definition: Record<string, unknown> }[] }>(gql`
        {
          frameworks {
            key
            definition
          }
        }
      `);
    const copy = structuredClone(
      presets.frameworks.find((framework) => framework.key === "phase-model")!.definition,
    );
    copy.key = "northern-lights";
    copy.name = "Northern Lights model";
    copy.sources = (copy.sources as { kind: string }[]).filter(
      (source) => source.kind === "inspection",
    );
    const admin = server.client(server.tokens["trust-admin"]);
    await admin.request(
      gql`
        mutation Save($definition: JSONObject!) {
          saveFramework(definition: $definition) {
            key
            preset
          }
        }
      `,
      { definition: copy },
    );
    const data = await admin.request<{ designate: Designation }>(DESIGNATE, {
      framework: "northern-lights",
      evidence: [
        { indicator: "P8", value: "-0.9" },
        { indicator: "Ofsted", value: "Good" },
      ],
    });
    expect(data.designate.level?.key).toBe("improve");
    const anonymous = await server
      .client()
      .request(DESIGNATE, { framework: "northern-lights", evidence: [] })
      .catch(graphQLErrorOf);
    expect(anonymous.code).toBe("BAD_USER_INPUT");
  });

  it("rejects a framework document with errors pointing into it", async () => {
    const bad = {
      key: "broken",
      name: "Broken",
      levels: [
        { key: "a", label: "A", rank: 1, risk: "high" },
        { key: "b", label: "B", rank: 2, risk: "low" },
      ],
      sources: [
        {
          kind: "threshold",
          id: "p8",
          indicator: "ks4.progress8",
          cuts: [{ op: "<", value: 0, level: "c" }],
          otherwise: "b",
        },
      ],
      combine: { method: "lowest" },
    };
    const error = await server
      .client(server.tokens["trust-admin"])
      .request(
        gql`
          mutation Save($definition: JSONObject!) {
            saveFramework(definition: $definition) {
              key
            }
          }
        `,
        { definition: bad },
      )
      .catch(graphQLErrorOf);
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.problems.map((problem: { field: string }) => problem.field)).toContain(
      "sources[0].cuts[0].level",
    );
  });
});

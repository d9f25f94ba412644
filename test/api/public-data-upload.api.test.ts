// importPublicData over real HTTP: a GraphQL multipart request (the spec's
// operations, map and file parts, built with undici's FormData) from a data
// manager or trust admin loads a public file and answers the same report as
// POST /public-data; a file over PUBLIC_DATA_LIMIT, another role, no token,
// no CSRF-prevention header are refused with GraphQL-shaped errors; another
// trust's upload never touches the demo trust's values or national figures.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "../../server/auth/tokens.js";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";

const FIXTURES = new URL("../fixtures/public-data/", import.meta.url);
const IMPORT = `mutation Import($file: Upload!, $year: AcademicYear) {
  importPublicData(file: $file, designationYear: $year) {
    fileName kind kindLabel edition encoding rows bytes skipped matched missing loaded unchanged
    olderThanHeld academiesCreated academiesUpdated predecessorsLinked
    nationalFigures { indicator phase year value }
    nationalLoaded nationalUnchanged nationalOlderThanHeld designated designationYear notes
  }
}`;

interface Answer {
  readonly status: number;
  readonly body: {
    data?: { importPublicData: Record<string, unknown> } | null;
    errors?: { message: string; extensions: { code: string } }[];
  };
}

describe.each(await storesToTest())(
  "importPublicData (GraphQL multipart upload) on %s",
  (store) => {
    let server: TestServer;
    let otherAdmin: string;
    beforeAll(async () => {
      server = await startTestServer(store, { PUBLIC_DATA_LIMIT: "64kb" });
      const prisma = server.handle.prisma;
      const other = await prisma.trust.create({ data: { uid: "TR09876", name: "Other Trust" } });
      await prisma.academy.create({
        data: { trustId: other.id, urn: "140001", name: "Other Trust's 140001", phase: "primary" },
      });
      otherAdmin = (
        await issueToken(prisma, { trustId: other.id, role: "trust-admin", name: "Other admin" })
      ).token;
    });
    afterAll(async () => {
      await server?.stop();
    });

    async function upload(
      name: string,
      token: string | null,
      options: { content?: Buffer; preflight?: boolean } = {},
    ): Promise<Answer> {
      const content = options.content ?? (await readFile(new URL(name, FIXTURES)));
      const form = new FormData();
      form.append(
        "operations",
        JSON.stringify({ query: IMPORT, variables: { file: null, year: "2026/27" } }),
      );
      form.append("map", JSON.stringify({ 0: ["variables.file"] }));
      form.append("0", new Blob([new Uint8Array(content)], { type: "text/csv" }), name);
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          ...(options.preflight === false ? {} : { "apollo-require-preflight": "true" }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: form,
      });
      return { status: response.status, body: (await response.json()) as Answer["body"] };
    }

    it("loads a KS2 file for a data manager, England row included, and answers the same report as POST /public-data", async () => {
      const first = await upload("ks2_school_attainment_data.csv", server.tokens["data-manager"]);
      expect(first.status).toBe(200);
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data?.importPublicData).toMatchObject({
        fileName: "ks2_school_attainment_data.csv",
        kind: "KS2",
        edition: "2024/25",
        matched: ["140001", "140004", "140005", "140007", "140009", "140013"],
        skipped: 1,
        loaded: 6,
        nationalFigures: [
          { indicator: "ks2.rwmExpected", phase: null, year: "2024/25", value: 62 },
        ],
        nationalLoaded: 1,
        designationYear: "2026/27",
      });

      // The same file again through each door: nothing new, and the same report.
      const again = await upload("ks2_school_attainment_data.csv", server.tokens["trust-admin"]);
      const response = await fetch(
        `${server.url}/public-data?name=ks2_school_attainment_data.csv&designationYear=2026/27`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${server.tokens["data-manager"]}` },
          body: new Uint8Array(await readFile(new URL("ks2_school_attainment_data.csv", FIXTURES))),
        },
      );
      const { report } = (await response.json()) as { report: Record<string, unknown> };
      // GraphQL spells the enums' values in capitals (the route keeps the words).
      expect(again.body.data?.importPublicData).toEqual({
        ...report,
        kind: "KS2",
        encoding: String(report.encoding).toUpperCase(),
      });
      expect(report).toMatchObject({
        loaded: 0,
        unchanged: 6,
        nationalUnchanged: 1,
        designated: 0,
      });

      const figures = await server.client(server.tokens.leader).request<{
        nationalBenchmarks: {
          indicator: string;
          phase: string | null;
          value: number;
          builtIn: boolean;
          fileName: string | null;
        }[];
      }>('{ nationalBenchmarks(year: "2026/27") { indicator phase value builtIn fileName } }');
      expect(
        figures.nationalBenchmarks.find((figure) => figure.indicator === "ks2.rwmExpected"),
      ).toEqual({
        indicator: "ks2.rwmExpected",
        phase: null,
        value: 62,
        builtIn: false,
        fileName: "ks2_school_attainment_data.csv",
      });
    });

    it("refuses a file over PUBLIC_DATA_LIMIT with 413, while reading it and by its length", async () => {
      const gias = await readFile(new URL("edubasealldata20261130.csv", FIXTURES));
      const over = await upload("edubasealldata.csv", server.tokens["data-manager"], {
        content: Buffer.concat([gias, Buffer.alloc(70 * 1024, 0x20)]),
      });
      expect(over.status).toBe(413);
      expect(over.body.errors).toEqual([
        expect.objectContaining({
          message: "edubasealldata.csv is larger than the limit of 64kb (PUBLIC_DATA_LIMIT)",
          extensions: { code: "BAD_REQUEST" },
        }),
      ]);
      const far = await upload("edubasealldata.csv", server.tokens["data-manager"], {
        content: Buffer.alloc(400 * 1024, 0x20),
      });
      expect(far).toEqual({
        status: 413,
        body: {
          errors: [
            {
              message: "The upload is larger than the limit of 64kb (PUBLIC_DATA_LIMIT)",
              extensions: { code: "BAD_REQUEST" },
            },
          ],
        },
      });
      // Nothing of the refused file was stored: the roster is the demo's 14 academies.
      expect(
        await server.handle.prisma.publicImport.count({ where: { kind: "gias-establishments" } }),
      ).toBe(0);
    });

    it.each([
      ["leader", 403, "FORBIDDEN"],
      ["governor", 403, "FORBIDDEN"],
      ["academy", 403, "FORBIDDEN"],
      [null, 401, "UNAUTHENTICATED"],
    ] as const)("refuses %s with %s before reading the file", async (role, status, code) => {
      const answer = await upload(
        "ks2_school_attainment_data.csv",
        role ? server.tokens[role] : null,
      );
      expect(answer.status).toBe(status);
      expect(answer.body.errors?.map((error) => error.extensions.code)).toEqual([code]);
    });

    it("refuses an upload without Apollo's CSRF-prevention header, saying which header to send", async () => {
      const answer = await upload("ks2_school_attainment_data.csv", server.tokens["data-manager"], {
        preflight: false,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.message).toMatch(/apollo-require-preflight: true/);
    });

    it("loads another trust's upload into that trust alone", async () => {
      const before = await server.client(server.tokens.leader).request<{
        publicEvidence: { value: string; fileName: string } | null;
      }>('{ publicEvidence(urn: "140001", indicator: "ks2.rwmExpected") { value fileName } }');
      expect(before.publicEvidence?.fileName).toBe("ks2_school_attainment_data.csv");
      const crafted = Buffer.from(
        [
          "time_period,geographic_level,school_urn,subject,breakdown_topic,breakdown,expected_standard_pupil_percent",
          '202526,National,,"Reading, writing and maths",All pupils,Total,40',
          '202526,School,140001,"Reading, writing and maths",All pupils,Total,11',
        ].join("\n"),
      );
      const theirs = await upload("crafted.csv", otherAdmin, { content: crafted });
      expect(theirs.body.data?.importPublicData).toMatchObject({
        matched: ["140001"],
        loaded: 1,
        nationalLoaded: 1,
      });
      // The demo trust's value and national figures are its own still.
      const after = await server.client(server.tokens.leader).request<{
        publicEvidence: { value: string; fileName: string } | null;
        nationalBenchmarks: { indicator: string; value: number; fileName: string | null }[];
      }>('{ publicEvidence(urn: "140001", indicator: "ks2.rwmExpected") { value fileName } nationalBenchmarks(year: "2026/27") { indicator value fileName } }');
      expect(after.publicEvidence).toEqual(before.publicEvidence);
      expect(
        after.nationalBenchmarks.find((figure) => figure.indicator === "ks2.rwmExpected"),
      ).toEqual({
        indicator: "ks2.rwmExpected",
        value: 62,
        fileName: "ks2_school_attainment_data.csv",
      });
    });
  },
);

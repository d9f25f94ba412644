// POST /public-data over real HTTP: a data manager or trust admin sends a
// public file as the request body and gets the load's report (or a stream of
// progress lines ending in it); other roles, no token, an unknown file and a
// file over PUBLIC_DATA_LIMIT are refused with a clear error.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";

const FIXTURES = new URL("../fixtures/public-data/", import.meta.url);

/** Every door's error shape: GraphQL's. */
interface ErrorBody {
  readonly message: string;
  readonly extensions: { code: string; problems?: { field: string; message: string }[] };
}

describe.each(await storesToTest())("POST /public-data on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store, { PUBLIC_DATA_LIMIT: "64kb" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function post(
    name: string,
    token: string | null,
    body?: Buffer,
    accept = "application/json",
  ) {
    const content = body ?? (await readFile(new URL(name, FIXTURES)));
    return fetch(
      `${server.url}/public-data?name=${encodeURIComponent(name)}&designationYear=2026/27`,
      {
        method: "POST",
        headers: {
          "content-type": "text/csv",
          accept,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: new Uint8Array(content),
      },
    );
  }

  it("loads a KS2 file for a data manager and answers with what it found", async () => {
    const response = await post("ks2_school_attainment_data.csv", server.tokens["data-manager"]);
    expect(response.status).toBe(200);
    const { report } = (await response.json()) as { report: Record<string, unknown> };
    expect(report).toMatchObject({
      kind: "ks2",
      edition: "2024/25",
      matched: ["140001", "140004", "140005", "140007", "140009", "140013"],
      skipped: 1,
      loaded: 6,
    });
  });

  it("streams progress lines ending in the report when asked for NDJSON", async () => {
    const response = await post(
      "ofsted-mi-report-card-era.csv",
      server.tokens["trust-admin"],
      undefined,
      "application/x-ndjson",
    );
    expect(response.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, { kind?: string; rows?: number }>);
    expect(lines[0]?.progress?.rows).toBe(15);
    expect(lines.at(-1)?.report?.kind).toBe("ofsted-mi");
  });

  it.each([
    ["leader", 403, "FORBIDDEN"],
    ["academy", 403, "FORBIDDEN"],
    [null, 401, "UNAUTHENTICATED"],
  ] as const)("refuses %s with %s", async (role, status, code) => {
    const response = await post(
      "ks2_school_attainment_data.csv",
      role ? server.tokens[role] : null,
    );
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code } }],
    });
  });

  it("shows the public source of a filled inspection in the academy card's designation reasons", async () => {
    // The MI file was loaded above (the NDJSON test); 140001's report card is in it.
    const data = await server.client(server.tokens.leader).request<{
      academyCard: { designation: { reasons: { source: string; message: string }[] } | null };
    }>(
      `query Card($urn: URN!, $year: AcademicYear!) {
        academyCard(urn: $urn, year: $year) { designation { reasons { source message } } }
      }`,
      { urn: "140001", year: "2026/27" },
    );
    const messages = data.academyCard.designation?.reasons.map((reason) => reason.message) ?? [];
    expect(messages).toContain(
      "Inspection taken from Ofsted, report card 20 Jan 2026, from the MI file as at 31 Jul 2026 (ofsted-mi-report-card-era.csv): no inspection recorded for 2026/27",
    );
  });

  it("refuses a file it does not recognise, naming it and the headers it expected", async () => {
    const response = await post(
      "scores.csv",
      server.tokens["data-manager"],
      Buffer.from("Name,Score\nA,1\n"),
    );
    expect(response.status).toBe(400);
    const [error] = ((await response.json()) as { errors: ErrorBody[] }).errors;
    expect(error?.extensions.code).toBe("BAD_USER_INPUT");
    expect(error?.message).toMatch(/scores\.csv: not a public data file.*KS2 school results/);
    expect(error?.extensions.problems?.[0]?.field).toBe("file");
  });

  it("refuses a prefer that is neither TRUST nor PUBLIC, naming the value and what is accepted", async () => {
    const response = await fetch(
      `${server.url}/public-data?name=ks2_school_attainment_data.csv&prefer=newest`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${server.tokens["data-manager"]}` },
        body: new Uint8Array(await readFile(new URL("ks2_school_attainment_data.csv", FIXTURES))),
      },
    );
    expect(response.status).toBe(400);
    const [error] = ((await response.json()) as { errors: ErrorBody[] }).errors;
    expect(error?.extensions.code).toBe("BAD_USER_INPUT");
    expect(error?.message).toBe(
      'prefer: "newest" is not a preference; accepts TRUST (the trust\'s value wins) or PUBLIC (the public figure wins)',
    );
  });

  it("refuses a file over the configured limit while streaming it, with no Content-Length", async () => {
    const gias = await readFile(new URL("edubasealldata20261130.csv", FIXTURES));
    const chunks = [gias, Buffer.alloc(70 * 1024, 0x20)];
    const response = await fetch(`${server.url}/public-data?name=edubasealldata.csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.tokens["data-manager"]}` },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(new Uint8Array(next));
          else controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: ErrorBody[] }).errors[0]?.message).toBe(
      "edubasealldata.csv is larger than the limit of 64kb (PUBLIC_DATA_LIMIT)",
    );
  });

  it("refuses a file over the configured limit with 413", async () => {
    const big = Buffer.concat([
      await readFile(new URL("edubasealldata20261130.csv", FIXTURES)),
      Buffer.alloc(70 * 1024, 0x20),
    ]);
    const response = await post("edubasealldata.csv", server.tokens["data-manager"], big);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: "edubasealldata.csv is larger than the limit of 64kb (PUBLIC_DATA_LIMIT)",
          extensions: { code: "BAD_REQUEST" },
        },
      ],
    });
  });
});

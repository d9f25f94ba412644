// MAT.EVIDENCE against the real server: after a data manager loads KS2 and
// Ofsted files, a signed-in cell shows the stored value (a number for a
// result, the words of a report-card grade), #N/A naming the publisher's
// reason for a suppressed value, and #N/A asking to sign in when signed out.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installCustomFunctionsMock } from "./custom-functions-mock.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { saveConnection } from "../../addin/shared/connection.js";
import { configureFunctions, evidence } from "../../addin/functions/index.js";

const FIXTURES = new URL("../fixtures/public-data/", import.meta.url);
let server: TestServer;

async function upload(name: string): Promise<void> {
  const response = await fetch(`${server.url}/public-data?name=${name}`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.tokens["data-manager"]}` },
    body: new Uint8Array(await readFile(new URL(name, FIXTURES))),
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  await installCustomFunctionsMock();
  server = await startTestServer("sqlite");
  await upload("ks2_school_attainment_data.csv");
  await upload("ofsted-mi-report-card-era.csv");
  configureFunctions();
});

afterAll(async () => {
  configureFunctions();
  await server?.stop();
});

describe("MAT.EVIDENCE", () => {
  it.each([
    ["140001", "ks2.rwmExpected", undefined, 78],
    ["140001", "KS2 RWM %", "2025/26", 78],
    ["140001", "ofsted.achievement", undefined, "Exceptional"],
    ["140002", "ofsted.overall", undefined, 2],
  ])("returns %s's %s (year %s) as %j", async (urn, indicator, year, value) => {
    await saveConnection({ serverUrl: server.url, token: server.tokens.leader });
    expect(await evidence(urn, indicator, year)).toBe(value);
  });

  it.each([
    [
      "140004",
      "ks2.rwmExpected",
      undefined,
      "not available: confidential (c) (DfE KS2 school results 2024/25, from ks2_school_attainment_data.csv)",
    ],
    [
      "140001",
      "ks2.rwmExpected",
      "2023/24",
      "No public value of ks2.rwmExpected for 140001 up to 2023/24",
    ],
    ["140001", "ks4.progress8", undefined, "No public value of ks4.progress8"],
  ])("shows #N/A for %s's %s (year %s): %s", async (urn, indicator, year, message) => {
    await saveConnection({ serverUrl: server.url, token: server.tokens.leader });
    await expect(evidence(urn, indicator, year)).rejects.toMatchObject({
      code: "#N/A",
      message: expect.stringContaining(message),
    });
  });

  it("asks to sign in when signed out, and refuses a URN of five digits", async () => {
    await saveConnection({ serverUrl: server.url, token: null });
    await expect(evidence("140001", "ks2.rwmExpected")).rejects.toMatchObject({
      code: "#N/A",
      message: expect.stringContaining("Sign in"),
    });
    await expect(evidence("14000", "ks2.rwmExpected")).rejects.toMatchObject({ code: "#VALUE!" });
  });
});

// The Power BI recipe (docs/clients.md "Power BI"): Power Query cannot run
// here, so this reads the M query from the page itself and checks, against a
// real server, everything it relies on: the URL Web.Contents builds from
// BaseUrl, RelativePath and Query (the year URL-encoded, as Power Query
// sends it) answers with the Authorization header the query sends; the JSON
// has the `rows` and `columns` Table.FromRecords reads; and every column the
// query types is there with values of that type (or null).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server.js";

const PAGE = readFileSync(new URL("../../docs/clients.md", import.meta.url), "utf8");
const QUERY = /```powerquery\n([\s\S]+?)```/.exec(PAGE)?.[1] ?? "";

/** What the M query names: its relative path, query and header, and each typed column. */
const recipe = {
  relativePath: /RelativePath = "([^"]+)"/.exec(QUERY)?.[1],
  query: /Query = \[(\w+) = Year\]/.exec(QUERY)?.[1],
  header: /Headers = \[Authorization = "Bearer " & Token\]/.test(QUERY),
  reads: /Table\.FromRecords\(Source\[rows\], Source\[columns\]/.test(QUERY),
  columns: [...QUERY.matchAll(/\{"(\w+)", type (\w+)\}/g)].map((match) => ({
    name: match[1]!,
    type: match[2]!,
  })),
};

/** Whether a JSON value is what Power Query's type accepts (null always is). */
function fits(value: unknown, type: string): boolean {
  if (value === null) return true;
  switch (type) {
    case "text":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "logical":
      return typeof value === "boolean";
    case "datetimezone":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) && /Z$/.test(value);
    default:
      return false;
  }
}

describe("the Power Query recipe in docs/clients.md", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is on the page, reading a flat read by RelativePath with the year and the token", () => {
    expect(recipe).toMatchObject({
      relativePath: "data/targets.json",
      query: "year",
      header: true,
      reads: true,
    });
    expect(recipe.columns.length).toBeGreaterThan(5);
  });

  it("reads a URL the server answers, with every column it types, each of that type", async () => {
    // Web.Contents(BaseUrl, [RelativePath, Query]) joins them and encodes the query's values.
    const url = `${server.url}/${recipe.relativePath}?${new URLSearchParams({ [recipe.query!]: "2025/26" })}`;
    expect(url).toContain("year=2025%2F26");
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${server.tokens.leader}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { columns: string[]; rows: Record<string, unknown>[] };
    expect(body.rows.length).toBeGreaterThan(10);
    for (const { name, type } of recipe.columns) {
      expect(body.columns).toContain(name);
      for (const row of body.rows)
        expect(fits(row[name], type), `${name}: ${String(row[name])}`).toBe(true);
    }
    // Measured targets give Power BI numbers to chart, not only nulls.
    expect(body.rows.some((row) => typeof row.latest === "number")).toBe(true);
  });

  it("names the other tables by RelativePath, and each answers", async () => {
    const others = [...PAGE.matchAll(/RelativePath = "(data\/\w+\.json)"/g)].map(
      (match) => match[1]!,
    );
    expect(others).toEqual(
      expect.arrayContaining(["data/overview.json", "data/designations.json"]),
    );
    for (const path of others) {
      const response = await fetch(`${server.url}/${path}?year=2025%2F26`, {
        headers: { Authorization: `Bearer ${server.tokens.governor}` },
      });
      expect(response.status, path).toBe(200);
    }
  });

  it("is refused without the header, which is why the service must skip its test connection", async () => {
    const response = await fetch(`${server.url}/${recipe.relativePath}?year=2025%2F26`);
    expect(response.status).toBe(401);
  });
});

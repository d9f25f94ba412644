// Excel as it really behaves, for the custom functions (issue 14):
// - a cell of a matrix row showing an Excel error reaches the function (the
//   build writes allowErrorForDataTypeAny) as { type: "Error", errorType },
//   is read as not available, and MAT.EXPLAIN names the cell;
// - Excel does not recalculate custom functions after sign-in, so the
//   runtime asks it to (sign-in, sign-out, another workbook's sign-in read
//   from the shared storage, 1 September);
// - the build refuses an http:// PUBLIC_URL, writes a help page per function
//   (served by the server at /addin/help/) and the server sends the bundle
//   compressed.
// Real server over HTTP; only the CustomFunctions global is a stand-in.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrlOf, buildAddin } from "../../addin/build.js";
import { TABLE_FORMS } from "../../addin/help-pages.js";
import type { SettingsStore } from "../../addin/shared/connection.js";
import {
  configureFunctions,
  designation,
  explain,
  SIGN_IN_MESSAGE,
  stored,
  support,
  target,
} from "../../addin/functions/index.js";
import { cellErrorText } from "../../addin/functions/excel-error.js";
import { cellAddress } from "../../addin/functions/evidence-row.js";
import {
  excelRecalculation,
  loadWithDocument,
  Recalculation,
} from "../../addin/functions/recalculation.js";
import { mockExcelContext } from "./taskpane-support/office-mock-context.js";
import { installCustomFunctionsMock } from "./custom-functions-mock.js";
import { DEMO_MATRIX, HEADER_ROW, shown } from "./functions-fixtures.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const YEAR = "2025/26";
const NOT_AVAILABLE = { type: "Error", errorType: "NotAvailable", basicValue: "#N/A" };
let server: TestServer;

/** OfficeRuntime.storage as every workbook's runtime sees it: one store. */
function sharedStorage(): SettingsStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: async (key) => map.get(key) ?? null,
    setItem: async (key, value) => void map.set(key, value),
    removeItem: async (key) => void map.delete(key),
  };
}

async function until(test: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  await installCustomFunctionsMock();
  server = await startTestServer("sqlite");
});

afterAll(async () => {
  configureFunctions();
  await server?.stop();
});

describe("error cells in a matrix row", () => {
  it("reads Excel's error objects as the error Excel shows", () => {
    expect(cellErrorText({ type: "Error", errorType: "NotAvailable" })).toBe("#N/A");
    expect(cellErrorText({ type: "Error", errorType: "Div0" })).toBe("#DIV/0!");
    expect(cellErrorText(NOT_AVAILABLE)).toBe("#N/A");
    expect(cellErrorText("#N/A")).toBeNull();
    expect(cellErrorText(0)).toBeNull();
    expect(cellAddress("'Risk matrix'!A3:AE3", 0, 6)).toBe("'Risk matrix'!G3");
    expect(cellAddress("Sheet1!$Z$10:$AC$12", 2, 3)).toBe("Sheet1!AC12");
  });

  it("designates a row with a #N/A cell as if the cell were blank, and MAT.EXPLAIN names the cell", async () => {
    const store = sharedStorage();
    store.map.set(
      "mat.connection",
      JSON.stringify({ serverUrl: server.url, token: server.tokens.leader }),
    );
    configureFunctions({ store, readFormats: null, recalculate: null, connectionPollMs: null });
    const column = HEADER_ROW[0]!.indexOf("Ofsted QoE");
    expect(column).toBeGreaterThan(0);
    const row = DEMO_MATRIX[0]!.values[0]!;
    const withError = [row.map((value, index) => (index === column ? NOT_AVAILABLE : value))];
    const withBlank = [row.map((value, index) => (index === column ? "" : value))];
    const expected = await designation("phase-model", withBlank, HEADER_ROW);
    expect(await designation("phase-model", withError, HEADER_ROW)).toBe(expected);
    const invocation = {
      parameterAddresses: ["", "'Risk matrix'!A3:AE3", "'Risk matrix'!A1:AE1"],
    } as unknown as CustomFunctions.Invocation;
    const text = await explain("phase-model", withError, HEADER_ROW, invocation);
    expect(text).toContain("Not available (the cell shows #N/A): Ofsted QoE in 'Risk matrix'!G3");
    // Without headers: indicator and value pairs, the value an error.
    const pairs = [
      ["Phase", "primary"],
      ["Latest Ofsted judgement", { type: "Error", errorType: "Ref" }],
    ];
    const paired = await explain("phase-model", pairs, undefined, {
      parameterAddresses: ["", "Sheet1!H2:I3"],
    } as unknown as CustomFunctions.Invocation);
    expect(paired).toContain("Latest Ofsted judgement in Sheet1!I3");
  });

  it("answers #N/A, naming the argument, when a level or year cell shows an error", async () => {
    expect(await shown(support("phase-model", NOT_AVAILABLE as unknown as string))).toEqual({
      code: "#N/A",
      message: "level: the cell holds #N/A",
    });
    expect(
      await shown(target("140001", "attendance.absence", NOT_AVAILABLE as unknown as string)),
    ).toEqual({ code: "#N/A", message: "year: the cell holds #N/A" });
  });
});

describe("recalculation that follows the data", () => {
  it("recalculates on sign-in and sign-out, and when another workbook signs in", async () => {
    const store = sharedStorage();
    const reasons: string[] = [];
    const runtime = configureFunctions({
      store,
      readFormats: null,
      recalculate: async () => true,
      recalculateDelayMs: 10,
      connectionFreshMs: 20,
      connectionPollMs: 50,
    });
    const recalculated = () => runtime.recalculation.reasons;
    await until(() => recalculated().includes("runtime started"));
    expect(await shown(stored("140001", YEAR))).toEqual({ code: "#N/A", message: SIGN_IN_MESSAGE });

    // Another workbook's task pane signs in: it writes the shared storage, and
    // this runtime hears nothing but reads it within the poll interval.
    store.map.set(
      "mat.connection",
      JSON.stringify({ serverUrl: server.url, token: server.tokens.leader }),
    );
    await until(() => recalculated().includes("signed in"));
    expect(await stored("140001", YEAR)).toBe("A: Self-Sustaining (Sustain)");

    // And signs out.
    store.map.set("mat.connection", JSON.stringify({ serverUrl: server.url, token: null }));
    await until(() => recalculated().includes("signed out"));
    expect(await shown(stored("140001", YEAR))).toEqual({ code: "#N/A", message: SIGN_IN_MESSAGE });
    reasons.push(...recalculated());
    expect(reasons).toEqual(["runtime started", "signed in", "signed out"]);
  });

  it("asks Excel for a full recalculation where ExcelApi 1.1 is supported, and nothing elsewhere", async () => {
    // Excel itself, stood in for by office-addin-mock: what the add-in asks of it.
    const calculations: unknown[] = [];
    const excel = mockExcelContext({
      workbook: { application: { calculate: (type: unknown) => calculations.push(type) } },
    });
    const supported = new Set(["ExcelApi 1.1", "SharedRuntime 1.1"]);
    const startup: unknown[] = [];
    const host = globalThis as { Excel?: unknown; Office?: unknown };
    host.Excel = {
      run: async (batch: (context: Excel.RequestContext) => Promise<unknown>) =>
        batch(excel.context),
      CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    };
    host.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) => supported.has(`${name} ${version}`),
        },
      },
      addin: { setStartupBehavior: async (behavior: unknown) => void startup.push(behavior) },
      StartupBehavior: { load: "Load", none: "None" },
    };
    try {
      const recalculate = excelRecalculation()!;
      expect(await recalculate()).toBe(true);
      expect(calculations).toEqual(["Full"]);
      expect(excel.syncs()).toBe(1);
      expect(await loadWithDocument()).toBe(true);
      expect(startup).toEqual(["Load"]);

      supported.clear();
      expect(await recalculate()).toBe(false);
      expect(await loadWithDocument()).toBe(false);
      expect(calculations).toEqual(["Full"]);
      expect(startup).toEqual(["Load"]);
    } finally {
      delete host.Excel;
      delete host.Office;
    }
    expect(excelRecalculation()).toBeNull();
  });

  it("recalculates when the academic year turns, at 1 September", async () => {
    const turn = new Date(2026, 8, 1).getTime();
    const started = Date.now();
    const now = () => new Date(turn - 300 + (Date.now() - started));
    let calls = 0;
    const recalculation = new Recalculation(async () => {
      calls += 1;
      return true;
    }, 5);
    recalculation.followYear(now);
    await until(() => calls === 1, 4_000);
    expect(recalculation.reasons).toEqual(["new academic year"]);
    recalculation.close();
  });

  it("coalesces a burst of requests into one recalculation", async () => {
    let calls = 0;
    const recalculation = new Recalculation(async () => {
      calls += 1;
      return true;
    }, 30);
    for (let index = 0; index < 20; index += 1) recalculation.request("reconnected");
    await until(() => calls === 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toBe(1);
    recalculation.close();
  });
});

describe("the build and what the server serves", () => {
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "mat-addin-"));
    await buildAddin({ outDir, baseUrl: "https://mat.example.org", minify: false });
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it("refuses an http:// PUBLIC_URL, naming what to set", async () => {
    expect(() => baseUrlOf("http://mat.example.org")).toThrow(
      /PUBLIC_URL: "http:\/\/mat\.example\.org" is http:\/\/.*Set PUBLIC_URL to the https:\/\//,
    );
    const run = promisify(execFile);
    const failure = await run("npx", ["tsx", "--tsconfig", "tsconfig.run.json", "addin/build.ts"], {
      env: { ...process.env, PUBLIC_URL: "http://mat.example.org" },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain("Set PUBLIC_URL to the https://");
  });

  it("writes allowErrorForDataTypeAny and a served help page, with the table form, for every function", async () => {
    const metadata = JSON.parse(await readFile(join(outDir, "functions.json"), "utf8")) as {
      allowErrorForDataTypeAny?: boolean;
      functions: { id: string; helpUrl?: string }[];
    };
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    for (const entry of metadata.functions) {
      const name = entry.id.toLowerCase();
      expect(entry.helpUrl).toBe(`https://mat.example.org/addin/help/${name}.html`);
      const html = await readFile(join(outDir, "help", `${name}.html`), "utf8");
      expect(html).toContain(`<h1>MAT.${entry.id}</h1>`);
      expect(html).toContain("In an Excel table");
      for (const form of TABLE_FORMS[entry.id]!)
        expect(html).toContain(form.replace(/&/g, "&amp;"));
    }
    const manifest = await readFile(join(outDir, "manifest.xml"), "utf8");
    expect(manifest).toContain('"https://mat.example.org/addin/help/index.html"');
    expect(manifest).not.toContain("help.html");
  });

  it("serves the help pages, and the task pane bundle compressed", async () => {
    // The server serves dist/addin (npm run build:addin).
    const page = await fetch(`${server.url}/addin/help/designation.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("=MAT.DESIGNATION(");
    const index = await fetch(`${server.url}/addin/help/index.html`);
    expect(await index.text()).toContain('href="designation.html"');

    const plain = await fetch(`${server.url}/addin/taskpane.js`, {
      headers: { "accept-encoding": "identity" },
    });
    const bytes = (await plain.arrayBuffer()).byteLength;
    expect(plain.headers.get("content-encoding")).toBeNull();
    const { request } = await import("node:http");
    const compressed = await new Promise<{ encoding: string | undefined; length: number }>(
      (resolve, reject) => {
        request(
          `${server.url}/addin/taskpane.js`,
          { headers: { "accept-encoding": "gzip" } },
          (response) => {
            let length = 0;
            response.on("data", (chunk: Buffer) => (length += chunk.length));
            response.on("end", () =>
              resolve({ encoding: response.headers["content-encoding"], length }),
            );
          },
        )
          .on("error", reject)
          .end();
      },
    );
    expect(compressed.encoding).toBe("gzip");
    expect(compressed.length).toBeLessThan(bytes / 2);
  });
});

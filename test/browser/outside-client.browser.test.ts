// A browser client on another origin, as an outside developer writes one
// (docs/clients.md): a page served by a second HTTP server on its own port
// runs Apollo Client with its default headers and client awareness, reads
// the trust overview, follows progress over graphql-ws, and downloads the
// overview workbook reading its file name from Content-Disposition. The
// server allows that origin through CORS_ORIGINS; the same page from an
// origin not listed is refused by the browser. Real server, real Chromium.
// With CLIENT_SCREENSHOTS=docs the page's screenshot is written to
// docs/clients/ (docs/clients.md shows it); otherwise to test-results/.
import { mkdir } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { gql } from "graphql-request";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { chromiumAvailable, launchChromium } from "../support/chromium.js";

const available = chromiumAvailable();

const YEAR = "2025/26";
const DOCS = process.env.CLIENT_SCREENSHOTS === "docs";
const SHOTS = new URL(DOCS ? "../../docs/clients/" : "../../test-results/", import.meta.url);

const MEASURE = gql`
  mutation Measure($input: MeasurementInput!) {
    recordMeasurement(input: $input) {
      value
    }
  }
`;

/** The page: a table for the overview, a list for live changes, a place for the download. */
function pageHtml(server: string, token: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trust dashboard (outside client)</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 24px; color: #1b1b1b; }
  h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 20px 0 6px; }
  #status { color: #555; margin: 0 0 12px; }
  table { border-collapse: collapse; } th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #ddd; }
  .rag { display: inline-block; min-width: 18px; text-align: center; margin-right: 4px; border-radius: 3px; color: #fff; }
  .green { background: #107c10; } .amber { background: #c19c00; } .red { background: #c50f1f; }
  #live li { margin: 2px 0; }
</style></head>
<body>
<h1>Trust dashboard</h1><p id="trust"></p><p id="status">Connecting...</p>
<table id="overview"><thead><tr><th>URN</th><th>Academy</th><th>Designation</th><th>Status</th><th>Targets (RAG)</th></tr></thead><tbody></tbody></table>
<h2>Live progress</h2><ul id="live"></ul>
<h2>Export</h2><p id="download">...</p>
<script>window.MAT_SERVER = ${JSON.stringify(server)}; window.MAT_TOKEN = ${JSON.stringify(token)}; window.MAT_YEAR = ${JSON.stringify(YEAR)};</script>
<script type="module" src="/outside-page.js"></script>
</body></html>`;
}

describe.skipIf(!available)("a browser client on another origin", () => {
  let server: TestServer;
  let pages: http.Server;
  let pagePort: number;
  let browser: Browser;
  let bundle: string;

  beforeAll(async () => {
    const built = await build({
      entryPoints: [fileURLToPath(new URL("./outside-client/outside-page.ts", import.meta.url))],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    bundle = built.outputFiles[0]!.text;
    // The page server: another port, so another origin. It knows the API's address once both run.
    let html = "";
    pages = http.createServer((request, response) => {
      if (request.url === "/outside-page.js") {
        response.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
        return;
      }
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    });
    await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
    pagePort = (pages.address() as AddressInfo).port;
    server = await startTestServer("sqlite", {
      // Only this origin besides the server's own: http://localhost:<pagePort> is not listed.
      CORS_ORIGINS: `http://127.0.0.1:${pagePort}`,
    });
    html = pageHtml(server.url, server.tokens.leader);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => pages?.close(resolve));
  });

  /** Opens the page at `origin`, keeping the headers of each request it sends to the API. */
  async function open(origin: string): Promise<{ page: Page; sent: Record<string, string>[] }> {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    const sent: Record<string, string>[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(server.url)) sent.push(request.headers());
    });
    await page.goto(`${origin}/`);
    return { page, sent };
  }

  it("reads the overview with Apollo Client's default headers, follows progress live and downloads the export by its name", async () => {
    const { page, sent } = await open(`http://127.0.0.1:${pagePort}`);
    await page.waitForFunction(() => window.outside?.download !== null, null, { timeout: 20_000 });
    const state = await page.evaluate(() => window.outside);
    expect(state.errors).toEqual([]);
    expect(state.overview?.trustName).toBe("Northern Lights Academy Trust");
    expect(state.overview?.academies.length).toBeGreaterThan(10);
    expect(state.download).toEqual({
      file: "trust-overview-2025-26.xlsx",
      bytes: expect.any(Number),
    });
    expect(state.download!.bytes).toBeGreaterThan(1000);
    // Apollo Client sent its client-awareness headers, which need the preflight to allow them.
    expect(sent[0]).toMatchObject({
      "apollographql-client-name": "trust-dashboard",
      "apollographql-client-version": "1.0.0",
      "content-type": "application/json",
    });

    // A measurement recorded elsewhere reaches the page over graphql-ws.
    await page.waitForFunction(() => window.outside.subscribed, null, { timeout: 10_000 });
    const input = {
      urn: "140001",
      year: YEAR,
      metric: "attendance.absence",
      period: "SPRING2",
      value: 6.1,
      source: "outside-client test",
    };
    // The subscription is acknowledged a moment after it is sent: record until one arrives.
    for (let attempt = 0; attempt < 50; attempt++) {
      await server.client(server.tokens["data-manager"]).request(MEASURE, { input });
      const heard = await page
        .waitForFunction(() => window.outside.events.length > 0, null, { timeout: 400 })
        .then(() => true)
        .catch(() => false);
      if (heard) break;
    }
    const events = await page.evaluate(() => window.outside.events);
    expect(events[0]).toMatchObject({
      urn: "140001",
      metric: "attendance.absence",
      measurement: { period: "SPRING2", value: 6.1 },
    });
    await page
      .getByText(/140001 attendance\.absence SPRING2: 6\.1/)
      .first()
      .waitFor();
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({
      path: fileURLToPath(new URL("outside-client.png", SHOTS)),
      fullPage: true,
    });
    await page.close();
  }, 60_000);

  it("is refused by the browser from an origin CORS_ORIGINS does not list, with nothing read", async () => {
    // localhost and 127.0.0.1 are different origins to a browser.
    const { page } = await open(`http://localhost:${pagePort}`);
    await page.waitForFunction(() => (window.outside?.errors.length ?? 0) > 0, null, {
      timeout: 20_000,
    });
    const state = await page.evaluate(() => window.outside);
    expect(state.overview).toBeNull();
    expect(state.errors).toEqual([expect.stringMatching(/^overview: .*Failed to fetch/)]);
    expect(await page.locator("#status").textContent()).toContain("Could not read the overview");
    await mkdir(SHOTS, { recursive: true });
    await page.setViewportSize({ width: 900, height: 320 });
    await page.screenshot({ path: fileURLToPath(new URL("outside-client-refused.png", SHOTS)) });
    await page.close();
  }, 60_000);
});

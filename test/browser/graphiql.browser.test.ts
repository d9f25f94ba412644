// The GraphQL IDE works with no internet: GraphiQL is served from npm
// packages by the server and runs a query in a real (headless) Chromium.
import { mkdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { chromiumAvailable, launchChromium } from "../support/chromium.js";

const available = chromiumAvailable();

describe.skipIf(!available)("GraphQL IDE page", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    // The example runs without a token: public evaluation on.
    server = await startTestServer("sqlite", { PUBLIC_EVALUATION: "true" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("loads GraphiQL from this server only and runs the example designation", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const outside: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith("ws://127.0.0.1"))
        outside.push(request.url());
    });
    await page.goto(`${server.url}/graphiql`);
    await page.waitForSelector(".graphiql-container");
    await page.locator(".graphiql-execute-button").click();
    // Two operations in the editor: GraphiQL asks which one to run.
    await page.getByRole("menuitem", { name: "TryADesignation" }).click();
    await expect
      .poll(async () => page.locator(".result-window").innerText(), { timeout: 10_000 })
      .toMatch(/Challenged and Vulnerable/);
    await mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/graphiql.png" });
    expect(outside).toEqual([]);
  });
});

// The "Public data" tab in Chromium at 320 px against the real server: a data
// manager picks GIAS, Ofsted MI and KS2 files, loads them in one go (GIAS
// first, whatever the order picked), follows each file's progress and reads
// what each did; a leader is told only a trust admin or data manager loads
// public data. Screenshots go to test-results/taskpane-public-data-*.png.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { demoWorkbookSeed } from "./taskpane-support/demo-workbook.js";
import { overflowWidth, screenshot, unlabelledControls } from "./taskpane-support/page-checks.js";
import {
  launchTaskpaneBrowser,
  pageErrors,
  type TaskpaneBrowser,
} from "./taskpane-support/taskpane-browser.js";

const TRUST = "Northern Lights Academy Trust";
const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/public-data/${name}`, import.meta.url));

let server: TestServer;
let browser: TaskpaneBrowser;

beforeAll(async () => {
  server = await startTestServer("sqlite");
  browser = await launchTaskpaneBrowser(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectPaneHealthy(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await overflowWidth(page), `${name}: wider than the task pane`).toBe(0);
  expect(await unlabelledControls(page), `${name}: controls without a label`).toEqual([]);
}

async function connect(page: Page, token: string): Promise<void> {
  await page.getByLabel("Access token").fill(token);
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByText(`Connected to ${TRUST}`).waitFor();
}

describe("Load public data in the task pane", () => {
  it("loads GIAS, Ofsted MI and KS2 files, GIAS first, and says what each did", async () => {
    const page = await browser.open(demoWorkbookSeed());
    await connect(page, server.tokens["data-manager"]);
    await page.getByRole("tab", { name: "Public data" }).click();
    await page.getByRole("heading", { name: "Load public data" }).waitFor();
    await expectPaneHealthy(page, "public-data");
    await page
      .getByLabel("Files")
      .first()
      .setInputFiles([
        fixture("ks2_school_attainment_data.csv"),
        fixture("ofsted-mi-report-card-era.csv"),
        fixture("edubasealldata20261130.csv"),
      ]);
    await page.getByRole("button", { name: "Load 3 files" }).click();
    const results = page.getByRole("list", { name: "What each file loaded" });
    await results.getByRole("listitem").nth(2).waitFor({ timeout: 60_000 });
    const items = await results.getByRole("listitem").allInnerTexts();
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(
      /^edubasealldata20261130\.csv\s*GIAS establishments, 2024-09-01; 14 of your academies matched/,
    );
    expect(items[1]).toMatch(
      /^ks2_school_attainment_data\.csv\s*DfE KS2 school results, 2024\/25; 6 of your academies matched; 6 values loaded/,
    );
    expect(items[2]).toMatch(
      /^ofsted-mi-report-card-era\.csv\s*Ofsted management information, 2026-07-31; 14 of your academies matched; 158 values loaded/,
    );
    await expectPaneHealthy(page, "public-data-loaded");
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it("shows a refused file's reason, naming the file", async () => {
    const page = await browser.open(demoWorkbookSeed());
    await connect(page, server.tokens["trust-admin"]);
    await page.getByRole("tab", { name: "Public data" }).click();
    await page
      .getByLabel("Files")
      .first()
      .setInputFiles({
        name: "scores.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("Name,Score\nA,1\n"),
      });
    await page.getByRole("button", { name: "Load" }).click();
    await page.getByText(/scores\.csv: not a public data file/).waitFor();
    await expectPaneHealthy(page, "public-data-refused");
  }, 60_000);

  it("tells a leader that only a trust admin or data manager loads public data", async () => {
    const page = await browser.open(demoWorkbookSeed());
    await connect(page, server.tokens.leader);
    await page.getByRole("tab", { name: "Public data" }).click();
    await page.getByText("Only a trust admin or data manager loads public data.").waitFor();
    expect(await page.getByLabel("Files").count()).toBe(0);
  }, 60_000);
});

// What a browser test file of the task pane starts with: the real server on
// SQLite with the demo trust and headless Chromium, both stopped after the
// file; and signing in with a token on the Connect tab.
import { afterAll, beforeAll } from "vitest";
import type { Page } from "playwright-core";
import { startTestServer, type TestServer } from "../../support/test-server.js";
import { launchTaskpaneBrowser, type TaskpaneBrowser } from "./taskpane-browser.js";

export const DEMO_TRUST = "Northern Lights Academy Trust";

export interface TaskpaneSuite {
  readonly server: TestServer;
  readonly browser: TaskpaneBrowser;
}

/** Starts the server and the browser before the file's tests; the answer's fields are set once they have. */
export function taskpaneSuite(): TaskpaneSuite {
  const suite = {} as { server: TestServer; browser: TaskpaneBrowser };
  beforeAll(async () => {
    suite.server = await startTestServer("sqlite");
    suite.browser = await launchTaskpaneBrowser(suite.server.url);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** Signs in on the Connect tab and waits for the trust's name. */
export async function connectWith(page: Page, token: string): Promise<void> {
  await page.getByLabel("Access token").fill(token);
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByText(`Connected to ${DEMO_TRUST}`).waitFor();
}

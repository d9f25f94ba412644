// Headless Chromium (Debian's, never downloaded) with the task pane loaded
// from the real server's origin at Excel's task-pane width. The page, its
// bundle and Office.js are answered by the test (page.route): the task pane
// built fresh from source (or the add-in build's output), the mock Office
// host in place of Microsoft's CDN, a stub for the custom functions; GraphQL
// goes to the real server.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { bundleMockOffice, bundleTaskpane, taskpaneHtml } from "./bundle.js";
import type { MockOfficeTheme } from "./mock-office-host.js";
import type { WorkbookSeed } from "./mock-workbook.js";
import { SIGN_IN_OPTIONS_PATH } from "../../../server/shared/index.js";
import { CHROMIUM, launchChromium } from "../../support/chromium.js";

export const TASKPANE_WIDTH = 320;
const OFFICE_JS = "https://appsforoffice.microsoft.com/**";
const ERRORS = new WeakMap<Page, string[]>();

export interface TaskpaneBrowser {
  /**
   * Opens the pane with the mock workbook seeded. With `builtDir`, every
   * /addin/ file comes from that output of addin/build.ts (the page, the real
   * custom functions and the shipped bundle) instead of the fresh bundle.
   * With `storageError`, Office's storage refuses every read with that message.
   * With `width`, the pane is that wide instead of Excel's default 320 px; with
   * `officeTheme`, Office.context.officeTheme answers those colours. With
   * `allowOrigins`, those origins are reached too (an identity provider;
   * its test certificate accepted); with `officeUnsupported`, the host lacks
   * those requirement sets.
   */
  open(
    seed: WorkbookSeed,
    options?: {
      builtDir?: string;
      storageError?: string;
      width?: number;
      officeTheme?: MockOfficeTheme;
      allowOrigins?: readonly string[];
      officeUnsupported?: readonly string[];
    },
  ): Promise<Page>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
  ".map": "application/json",
  ".xml": "application/xml",
};

/** Waits for Debian's chromium (it may still be installing), up to `timeoutMs`. */
export async function waitForChromium(timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(CHROMIUM)) {
    if (Date.now() > until)
      throw new Error(`${CHROMIUM} did not appear; install Debian's chromium`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

export async function launchTaskpaneBrowser(serverUrl: string): Promise<TaskpaneBrowser> {
  await waitForChromium();
  const [taskpane, html] = await Promise.all([bundleTaskpane(), taskpaneHtml()]);
  const browser: Browser = await launchChromium([
    // The page is answered by the test (route.fulfill), so Chromium cannot tell it came from
    // the loopback server and would block its WebSocket back to it as a local-network request.
    // In Excel the page comes from the server itself.
    "--disable-features=LocalNetworkAccessChecks",
  ]);
  const contexts: BrowserContext[] = [];
  return {
    async open(seed, options = {}) {
      const office = await bundleMockOffice(seed);
      const allowed = new Set([serverUrl, ...(options.allowOrigins ?? [])]);
      const context = await browser.newContext({
        viewport: { width: options.width ?? TASKPANE_WIDTH, height: 900 },
        deviceScaleFactor: 1,
        ignoreHTTPSErrors: allowed.size > 1,
      });
      contexts.push(context);
      // Nothing leaves the machine: only the test server, origins the test allows and the routes below answer.
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        return allowed.has(url.origin) ? route.fallback() : route.abort("blockedbyclient");
      });
      await context.route(OFFICE_JS, (route) =>
        route.fulfill({ contentType: "text/javascript", body: office }),
      );
      const { builtDir } = options;
      if (builtDir) {
        await context.route(`${serverUrl}/addin/**`, async (route) => {
          // The server's own answer under /addin/, not a built file.
          if (new URL(route.request().url()).pathname === SIGN_IN_OPTIONS_PATH)
            return route.fallback();
          const file = join(
            builtDir,
            new URL(route.request().url()).pathname.slice("/addin/".length),
          );
          if (!file.startsWith(builtDir) || !existsSync(file))
            return route.fulfill({ status: 404 });
          return route.fulfill({
            contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
            body: await readFile(file),
          });
        });
      } else {
        await context.route(`${serverUrl}/addin/taskpane.html`, (route) =>
          route.fulfill({ contentType: "text/html", body: html }),
        );
        await context.route(`${serverUrl}/addin/taskpane.js`, (route) =>
          route.fulfill({ contentType: "text/javascript", body: taskpane }),
        );
        await context.route(`${serverUrl}/addin/functions.js`, (route) =>
          route.fulfill({
            contentType: "text/javascript",
            body: "// custom functions: not under test here\n",
          }),
        );
      }
      if (options.storageError !== undefined) {
        await context.addInitScript((message) => {
          window.__officeStorageError = message;
        }, options.storageError);
      }
      if (options.officeTheme !== undefined) {
        await context.addInitScript((theme) => {
          window.__officeTheme = theme;
        }, options.officeTheme);
      }
      if (options.officeUnsupported !== undefined) {
        await context.addInitScript(
          (sets) => {
            window.__officeUnsupported = sets;
          },
          [...options.officeUnsupported],
        );
      }
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      ERRORS.set(page, errors);
      await page.goto(`${serverUrl}/addin/taskpane.html`);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
    },
  };
}

/** Errors the page logged or threw since it opened. */
export function pageErrors(page: Page): string[] {
  return ERRORS.get(page) ?? [];
}

// Signing in with Microsoft 365, the whole way, in headless Chromium: the
// task pane (with office-addin's host mocked, Excel being unavailable here)
// asks the real server how to sign in, MSAL.js signs in at a real OpenID
// provider running on this machine (oidc-provider over TLS, in place of
// Microsoft Entra ID), and the server verifies the provider's JWT and finds
// the trust's user linked to its issuer and subject. Both of Microsoft's
// routes: nested app authentication (a host with NestedAppAuth 1.1; MSAL's
// popup here, as it falls back outside Office) and the Office dialog (our
// sign-in page, redirect, messageParent). Also: the token renewed silently
// before it expires, an account no trust links told what to ask for, a
// closed dialog, and the pasted token still there as the fallback.
import { mkdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { startOidcProvider, type LocalOidcProvider } from "../support/oidc-provider.js";
import {
  launchTaskpaneBrowser,
  pageErrors,
  type TaskpaneBrowser,
} from "./taskpane-support/taskpane-browser.js";
import { demoWorkbookSeed } from "./taskpane-support/demo-workbook.js";
import { DEMO_TRUST } from "./taskpane-support/taskpane-suite.js";
import { layoutProblems } from "./taskpane-support/layout-checks.js";
import { unlabelledControls } from "./taskpane-support/page-checks.js";
import { SIGNED_IN_PATH, SIGN_IN_DIALOG_PATH } from "../../server/shared/index.js";

/** With ADDIN_SCREENSHOTS=docs the 320 px screenshots go to docs/addin-pane/ (docs/addin.md). */
const SHOTS = new URL(
  process.env.ADDIN_SCREENSHOTS === "docs" ? "../../docs/addin-pane/" : "../../test-results/",
  import.meta.url,
);

/** The Connect screen fits Excel's 320 px pane, each control labelled; kept as a picture. */
async function expectFits(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
  expect(await layoutProblems(page), name).toEqual([]);
  expect(await unlabelledControls(page), name).toEqual([]);
}

/** Access tokens live 310 s: the pane renews 5 minutes before, so 10 s after signing in. */
const TOKEN_SECONDS = 310;
const STORED = "office-runtime-storage:mat.connection";

interface StoredConnection {
  serverUrl: string;
  token: string | null;
  signedInWith?: string;
  account?: string;
  expiresAt?: string;
}

let provider: LocalOidcProvider;
let server: TestServer;
let browser: TaskpaneBrowser;

beforeAll(async () => {
  provider = await startOidcProvider({
    accessTokenSeconds: TOKEN_SECONDS,
    people: {
      ada: { name: "Ada Lovelace", email: "ada@northern-lights.example" },
      zed: { name: "Zed Stranger", email: "zed@elsewhere.example" },
    },
  });
  server = await startTestServer("sqlite", provider.env);
  provider.register(server.url, [SIGNED_IN_PATH, SIGN_IN_DIALOG_PATH]);
  // The trust admin linked Ada's user to her account at the provider (issuer + subject).
  await server.handle.prisma.user.create({
    data: {
      trustId: server.handle.demo!.trustId,
      name: "Ada Leader",
      role: "leader",
      oidcIssuer: provider.issuer,
      oidcSubject: "ada",
    },
  });
  browser = await launchTaskpaneBrowser(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

/** Signs in on the provider's own pages (its development login takes any password), in the window it opened. */
async function signInAtProvider(window: Page, login: string): Promise<void> {
  await window.waitForURL((url) => url.href.startsWith(provider.issuer));
  await window.locator("input[name=login]").fill(login);
  await window.locator("input[name=password]").fill("any password");
  await window.locator("button[type=submit]").click();
  // The consent page: the add-in asks for the API's scope.
  await window.getByRole("button", { name: /continue/i }).click();
}

async function stored(page: Page): Promise<StoredConnection | null> {
  const text = await page.evaluate((key) => localStorage.getItem(key), STORED);
  return text ? (JSON.parse(text) as StoredConnection) : null;
}

async function openPane(officeUnsupported: string[] = []): Promise<Page> {
  const page = await browser.open(demoWorkbookSeed(), {
    allowOrigins: [provider.issuer],
    officeUnsupported,
  });
  await page.getByRole("button", { name: "Sign in with Microsoft 365" }).waitFor();
  return page;
}

function contextOf(page: Page): BrowserContext {
  return page.context();
}

describe("Sign in with Microsoft 365", () => {
  it("offers Microsoft 365 first, with the access token a click away", async () => {
    const page = await openPane();
    expect(await page.getByLabel("Access token").count()).toBe(0);
    await expectFits(page, "connect-microsoft365");
    await page.getByRole("button", { name: "Use an access token instead" }).click();
    await page.getByLabel("Access token").waitFor();
    await expectFits(page, "connect-microsoft365-token");
    await page.getByLabel("Access token").fill(server.tokens["data-manager"]);
    await page.getByRole("button", { name: "Connect" }).click();
    await page.getByText(`Connected to ${DEMO_TRUST}`).waitFor();
    expect((await stored(page))?.signedInWith).toBeUndefined();
  });

  it("signs in with nested app authentication where the host has it, then renews the token silently before it expires", async () => {
    const page = await openPane();
    const popup = contextOf(page).waitForEvent("page");
    await page.getByRole("button", { name: "Sign in with Microsoft 365" }).click();
    await signInAtProvider(await popup, "ada");

    await page.getByText(`Connected to ${DEMO_TRUST}`).waitFor();
    await page.getByText("Signed in as Ada Leader (leader)").waitFor();
    await page.getByText("With Microsoft 365 as ada@northern-lights.example").waitFor();
    await expectFits(page, "connected-microsoft365");
    const first = await stored(page);
    expect(first).toMatchObject({
      serverUrl: server.url,
      signedInWith: "microsoft365",
      account: "ada@northern-lights.example",
    });
    // The provider's JWT for our API, not one of our own tokens.
    expect(first!.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const lifetime = Date.parse(first!.expiresAt!) - Date.now();
    expect(lifetime).toBeGreaterThan(250_000);
    expect(lifetime).toBeLessThanOrEqual(TOKEN_SECONDS * 1000);
    // Never in the workbook.
    expect(await page.evaluate(() => window.__excelMock!.settingsWrites)).toEqual([]);

    // The trust's data is read with it.
    await page.getByRole("tab", { name: "Academy cards" }).click();
    await page.getByRole("combobox", { name: "Academy" }).click();
    await page.getByRole("option", { name: /Oakfield Primary Academy/ }).waitFor();
    await page.keyboard.press("Escape");

    // Ten seconds on, five minutes before it expires, a new token without asking Ada.
    await expect
      .poll(async () => (await stored(page))?.token, { timeout: 40_000, interval: 1_000 })
      .not.toBe(first!.token);
    const renewed = await stored(page);
    expect(renewed?.signedInWith).toBe("microsoft365");
    expect(Date.parse(renewed!.expiresAt!)).toBeGreaterThan(Date.parse(first!.expiresAt!));
    const me = await page.evaluate(
      async ([url, token]) => {
        const response = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: "{ me { name } }" }),
        });
        return ((await response.json()) as { data: { me: { name: string } } }).data.me.name;
      },
      [server.url, renewed!.token!] as const,
    );
    expect(me).toBe("Ada Leader");
    await page.getByRole("tab", { name: "Connect" }).click();
    await page.getByText("Signed in as Ada Leader (leader)").waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it("signs in through the Office dialog where the host lacks nested app authentication", async () => {
    const page = await openPane(["NestedAppAuth"]);
    const dialog = contextOf(page).waitForEvent("page");
    await page.getByRole("button", { name: "Sign in with Microsoft 365" }).click();
    const window = await dialog;
    expect(window.url()).toContain(SIGN_IN_DIALOG_PATH);
    await signInAtProvider(window, "ada");
    // Back on our page, which hands the token to the pane and is closed by it.
    await page.getByText(`Connected to ${DEMO_TRUST}`).waitFor();
    await page.getByText("With Microsoft 365 as ada@northern-lights.example").waitFor();
    await expect.poll(() => window.isClosed(), { timeout: 10_000 }).toBe(true);
    expect((await stored(page))?.signedInWith).toBe("microsoft365");
  });

  it("tells a person whose account no trust links what to ask their trust admin for", async () => {
    const page = await openPane();
    const popup = contextOf(page).waitForEvent("page");
    await page.getByRole("button", { name: "Sign in with Microsoft 365" }).click();
    await signInAtProvider(await popup, "zed");
    const message = page.getByText(/no user of a trust here is linked to this account/);
    await message.waitFor();
    await expectFits(page, "connect-microsoft365-unlinked");
    const text = await message.textContent();
    expect(text).toContain("zed@elsewhere.example");
    expect(text).toContain(`issuer (Microsoft 365: tenant id) ${provider.issuer}`);
    expect(text).toContain("subject (object id) zed");
    expect((await stored(page))?.token ?? null).toBeNull();
    await page.getByRole("button", { name: "Use an access token instead" }).waitFor();
  });

  it("says so when the sign-in dialog is closed before signing in", async () => {
    const page = await openPane(["NestedAppAuth"]);
    const dialog = contextOf(page).waitForEvent("page");
    await page.getByRole("button", { name: "Sign in with Microsoft 365" }).click();
    const window = await dialog;
    await window.waitForURL((url) => url.href.startsWith(provider.issuer));
    await window.close();
    await page.getByText("The sign-in window was closed before signing in.").waitFor();
    await page.getByRole("button", { name: "Sign in with Microsoft 365" }).waitFor();
  });
});

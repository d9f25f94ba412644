// The task pane opens a board paper: it asks the real server for a
// short-lived link with its token and hands that link to Office's browser
// window (Office mocked with office-addin-mock); the link opens the paper
// with no header, and the token never appears in it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OfficeMockObject } from "office-addin-mock";
import { startTestServer, type TestServer } from "../support/test-server.js";
import {
  academyCardPaperPath,
  openPaper,
  overviewPaperPath,
  paperLink,
} from "../../addin/taskpane/papers/open-paper.js";

describe("the task pane opens board papers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(() => {
    delete (globalThis as { Office?: unknown }).Office;
  });

  it("opens the academy card in Office's browser window through a signed link, never the token", async () => {
    const opened: string[] = [];
    (globalThis as { Office?: unknown }).Office = new OfficeMockObject({
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) =>
            name === "OpenBrowserWindowApi" && version === "1.1",
        },
        ui: { openBrowserWindow: (url: string) => opened.push(url) },
      },
    });
    const connection = { serverUrl: server.url, token: server.tokens.governor };
    const url = await openPaper(connection, academyCardPaperPath("140001", "2025/26"));
    expect(opened).toEqual([url]);
    expect(url).toMatch(
      new RegExp(`^${server.url}/papers/academy-card\\?urn=140001&year=2025%2F26&link=`),
    );
    expect(url).not.toContain(server.tokens.governor);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Oakfield Primary Academy");
  });

  it("gives an academy user a link to the overview, and says why a bad token is refused", async () => {
    const connection = { serverUrl: server.url, token: server.tokens.academy };
    const url = await paperLink(connection, overviewPaperPath("2025/26"));
    expect((await fetch(url)).status).toBe(200);
    await expect(
      paperLink({ serverUrl: server.url, token: "mat_not-a-token" }, overviewPaperPath("2025/26")),
    ).rejects.toThrow(/unknown, expired or revoked/);
  });
});

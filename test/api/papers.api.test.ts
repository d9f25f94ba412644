// Board papers as printable pages over real HTTP: GET /papers/academy-card
// and /papers/overview answer server-rendered HTML with the bearer token, or
// with the five-minute signed link the task pane asks for (POST /papers/link)
// and a browser opens without any header. Scoped like the API, every text
// escaped, and no token ever in a URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { paperLinks } from "../../server/http/paper-links.js";
import { academicYearOf } from "../../server/shared/index.js";
import { tableOf, workbookOf } from "../support/paper-sheets.js";

const YEAR = "2025/26";
const CARD = `/papers/academy-card?urn=140001&year=${encodeURIComponent(YEAR)}`;

describe("board papers as printable pages", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
    await server.client(server.tokens["data-manager"]).request(
      gql`
        mutation Create($input: AcademyInput!) {
          createAcademy(input: $input) {
            urn
          }
        }
      `,
      {
        input: {
          urn: "150701",
          name: `<script>alert("x")</script> & "Sons" </style>`,
          phase: "PRIMARY",
        },
      },
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  function get(path: string, token: string | null = server.tokens.leader) {
    return fetch(`${server.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  async function linkFor(paper: string, token: string = server.tokens.leader) {
    const response = await fetch(`${server.url}/papers/link`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ paper }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as { url: string; expiresInSeconds: number };
  }

  async function codeOf(response: Response): Promise<string | undefined> {
    return ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]
      ?.extensions.code;
  }

  it("serves the academy card as an A4 page with the title block, designation, each target and the RAG legend", async () => {
    const response = await get(CARD);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    const page = await response.text();
    expect(page).toContain("@page { size: A4 portrait");
    expect(page).toContain("Northern Lights Academy Trust");
    expect(page).toContain("Academy card: Oakfield Primary Academy (URN 140001), primary");
    expect(page).toMatch(/<dt>Data as at<\/dt>\s*<dd>\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d<\/dd>/);
    expect(page).toContain("Designation that counts");
    expect(page).toContain("Overall absence");
    expect(page).toContain("lower is better");
    expect(page).toMatch(/Summer 2|Whole year/);
    expect(page).not.toMatch(/\b(autumn|spring|summer)[12]\b/);
    expect(page).toContain('aria-label="RAG legend"');
    // The trend as an inline chart, with its figures in words for a screen reader.
    expect(page).toMatch(/<svg[^>]+role="img"[^>]+aria-label="Overall absence: Autumn 1 /);
  });

  it("serves the overview in landscape with changes since the last board, or the date given", async () => {
    const page = await (await get(`/papers/overview?year=${YEAR}`)).text();
    expect(page).toContain("@page { size: A4 landscape");
    expect(page).toContain("Phase model (Stabilise, Repair, Improve, Sustain)");
    expect(page).toContain("Confirmed (agreed by, when)");
    expect(page).toMatch(/Changes since \d{1,2} [A-Z][a-z]{2} \d{4}/);
    const since = await (await get(`/papers/overview?year=${YEAR}&since=2025-11-01`)).text();
    expect(since).toContain("Changes since 1 Nov 2025");
    expect(since).toContain("the date chosen, 1 Nov 2025");
    const bad = await get(`/papers/overview?year=${YEAR}&since=yesterday`);
    expect(bad.status).toBe(400);
    expect(await codeOf(bad)).toBe("BAD_USER_INPUT");
  });

  it("escapes every text from the trust's data, in the page and in its print footer", async () => {
    const page = await (await get(`/papers/academy-card?urn=150701&year=2025%2F26`)).text();
    expect(page).not.toContain("<script>");
    expect(page).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Sons&quot;",
    );
    // One <style> element only: the name did not close it.
    expect(page.match(/<\/style>/g)).toHaveLength(1);
  });

  it("refuses a request with no token and no link, an academy user another academy, and a bad year", async () => {
    const anonymous = await get(CARD, null);
    expect(anonymous.status).toBe(401);
    expect(await codeOf(anonymous)).toBe("UNAUTHENTICATED");
    const other = await get(
      `/papers/academy-card?urn=140002&year=2025%2F26`,
      server.tokens.academy,
    );
    expect(other.status).toBe(404);
    expect(await codeOf(other)).toBe("NOT_FOUND");
    expect((await get(CARD, server.tokens.academy)).status).toBe(200);
    const badYear = await get(`/papers/overview?year=2025-26`);
    expect(badYear.status).toBe(400);
  });

  it("opens a paper from a signed link with no header; the link carries no token and fits only its paper", async () => {
    const { url, expiresInSeconds } = await linkFor(CARD);
    expect(expiresInSeconds).toBe(300);
    expect(url).toMatch(/^\/papers\/academy-card\?urn=140001&year=2025%2F26&link=/);
    for (const token of Object.values(server.tokens)) expect(url).not.toContain(token);
    const opened = await get(url, null);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Oakfield Primary Academy");
    // The same link on another academy's card, or altered, is refused.
    const moved = url.replace("urn=140001", "urn=140002");
    expect((await get(moved, null)).status).toBe(401);
    const link = new URL(url, server.url).searchParams.get("link")!;
    const tampered = `${CARD}&link=${encodeURIComponent(`${link.slice(0, -2)}AA`)}`;
    const refused = await get(tampered, null);
    expect(refused.status).toBe(401);
    expect(await codeOf(refused)).toBe("UNAUTHENTICATED");
  });

  it("keeps a signed link within its user's scope: an academy user's link to another academy is NOT_FOUND", async () => {
    const { url } = await linkFor(
      `/papers/academy-card?urn=140002&year=2025%2F26`,
      server.tokens.academy,
    );
    const opened = await get(url, null);
    expect(opened.status).toBe(404);
  });

  it("refuses a link to anything but a paper, and a link asked for without a token", async () => {
    for (const paper of [
      "/export/overview.xlsx?year=2025%2F26",
      "https://evil.example/papers/overview",
      42,
    ]) {
      const response = await fetch(`${server.url}/papers/link`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${server.tokens.leader}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ paper }),
      });
      expect(response.status, String(paper)).toBe(400);
    }
    const anonymous = await fetch(`${server.url}/papers/link`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ paper: CARD }),
    });
    expect(anonymous.status).toBe(401);
  });

  it("lets a link lapse after five minutes", async () => {
    const links = paperLinks("a key of at least thirty-two characters, for the test");
    const viewer = (await server.handle.services.prisma.user.findFirstOrThrow({
      where: { role: "leader" },
    }))!;
    const signedAt = new Date("2026-01-12T09:00:00Z");
    const link = links.sign(
      {
        userId: viewer.id,
        name: viewer.name,
        trustId: viewer.trustId,
        role: "leader",
        academyUrns: null,
        tokenId: null,
      },
      CARD,
      signedAt,
    );
    const at = (seconds: number) => new Date(signedAt.getTime() + seconds * 1000);
    await expect(links.open(server.handle.prisma, link, CARD, at(299))).resolves.toMatchObject({
      userId: viewer.id,
      role: "leader",
    });
    await expect(links.open(server.handle.prisma, link, CARD, at(300))).rejects.toThrow(
      /has expired/,
    );
    // Another key (another server's) does not accept it.
    await expect(
      paperLinks(undefined).open(server.handle.prisma, link, CARD, at(1)),
    ).rejects.toThrow(/not one this server gave/);
  });

  it("stops a link working once the token it was asked with is revoked", async () => {
    const admin = server.client(server.tokens["trust-admin"]);
    const { me } = await server
      .client(server.tokens.leader)
      .request<{ me: { userId: string } }>(gql`
        {
          me {
            userId
          }
        }
      `);
    const issued = await admin.request<{ issueToken: { token: string; record: { id: string } } }>(
      gql`
        mutation Issue($id: ID!) {
          issueToken(userId: $id, label: "papers", days: 7) {
            token
            record {
              id
            }
          }
        }
      `,
      { id: me.userId },
    );
    const { url } = await linkFor(CARD, issued.issueToken.token);
    expect((await get(url, null)).status).toBe(200);
    await admin.request(
      gql`
        mutation Revoke($id: ID!) {
          revokeToken(id: $id) {
            revokedAt
          }
        }
      `,
      { id: issued.issueToken.record.id },
    );
    const refused = await get(url, null);
    expect(refused.status).toBe(401);
    expect(
      ((await refused.json()) as { errors: { message: string }[] }).errors[0]?.message,
    ).toMatch(/revoked/);
  });

  it("counts support delivered against each entitlement, as the card does, on the page and in the workbook", async () => {
    const leader = server.client(server.tokens.leader);
    const uses = async () =>
      (
        await leader.request<{
          academyCard: {
            supportUse: {
              activity: string;
              unit: string;
              delivered: number;
              allocated: number;
              from: string;
            }[];
          };
        }>(
          gql`
            query Use($year: AcademicYear!) {
              academyCard(urn: "140001", year: $year) {
                supportUse {
                  activity
                  unit
                  delivered
                  allocated
                  from
                }
              }
            }
          `,
          { year: YEAR },
        )
      ).academyCard.supportUse;
    const [first] = await uses();
    expect(first, "the demo academy has counted support").toBeDefined();
    await leader.request(
      gql`
        mutation Record($input: SupportDeliveryInput!) {
          recordSupportDelivered(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          urn: "140001",
          activity: first!.activity,
          deliveredBy: "Sam Patel (SIA)",
          deliveredOn: first!.from,
          summary: "Learning walk and feedback",
          quantity: 1,
        },
      },
    );
    const after = (await uses()).find((use) => use.activity === first!.activity)!;
    expect(after.delivered).toBe(first!.delivered + 1);
    const line = `${after.activity}: ${after.delivered} of ${after.allocated} `;
    const page = await (await get(CARD)).text();
    expect(page).toContain(line.replaceAll("&", "&amp;"));
    const sheet = await workbookOf(
      await (
        await get(`/export/academy-card.xlsx?urn=140001&year=${encodeURIComponent(YEAR)}`)
      ).arrayBuffer(),
    );
    const texts = sheet.worksheets.flatMap((worksheet) => {
      const cells: string[] = [];
      worksheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
      return cells;
    });
    expect(texts.some((text) => text.includes(line))).toBe(true);
  });
});

describe("board papers in the year the demo trust is living", () => {
  let server: TestServer;
  const year = academicYearOf(new Date());
  beforeAll(async () => {
    // Autumn evidence, the October board's decisions, spring evidence suggesting a review.
    server = await startTestServer("sqlite", { DEMO_LIVE_YEAR: "true" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("says which designations were agreed, by whom and when, and where a review is suggested", async () => {
    const response = await fetch(`${server.url}/papers/overview?year=${encodeURIComponent(year)}`, {
      headers: { authorization: `Bearer ${server.tokens.leader}` },
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/Trust Board, \d{1,2} Oct \d{4} \(Demo clerk to the Trust Board\)/);
    // Changes are counted from that board unless told otherwise.
    expect(page).toMatch(/Changes since \d{1,2} Oct \d{4}/);
    // Spring evidence, and the review it suggests, is seeded once spring has begun (January to August).
    if (new Date().getUTCMonth() < 8) expect(page).toContain("Agreed; review suggested");
    const sheet = (
      await workbookOf(
        await (
          await fetch(`${server.url}/export/overview.xlsx?year=${encodeURIComponent(year)}`, {
            headers: { authorization: `Bearer ${server.tokens.leader}` },
          })
        ).arrayBuffer(),
      )
    ).worksheets[0]!;
    const statuses = tableOf(sheet, "URN").records.map((record) => record["Status"]!.value);
    expect(
      statuses.every((status) =>
        ["agreed", "review suggested", "not yet agreed", "provisional"].includes(String(status)),
      ),
    ).toBe(true);
    expect(statuses).toContain("agreed");
  });
});

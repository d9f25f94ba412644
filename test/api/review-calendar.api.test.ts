// Issue 15 over real HTTP on both stores: the review calendar in GraphQL and
// as iCalendar feeds (bearer or a read-only calendar token in the address),
// and support delivered recorded against entitlements and shown used of
// allocated on the card and the overview.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import {
  graphQLErrorOf,
  startTestServer,
  storesToTest,
  type TestServer,
} from "../support/test-server.js";
import { issueToken } from "../../server/auth/tokens.js";

const YEAR = "2025/26";
const TRUST = "TR04567";

const CALENDAR = gql`
  query Calendar($year: AcademicYear!, $urn: URN, $from: Date, $to: Date) {
    reviewCalendar(year: $year, urn: $urn, from: $from, to: $to) {
      id
      kind
      urn
      academyName
      date
      halfTerm
      start
      end
      title
      entitlement
      detail
    }
  }
`;

const RECORD = gql`
  mutation Record($input: SupportDeliveryInput!) {
    recordSupportDelivered(input: $input) {
      id
      urn
      year
      activity
      deliveredOn
      quantity
      deliveredBy
      summary
      notes
      recordedBy
    }
  }
`;

const CARD_SUPPORT = gql`
  query CardSupport($urn: URN!, $year: AcademicYear!) {
    academyCard(urn: $urn, year: $year) {
      supportUse {
        activity
        unit
        period
        allocated
        delivered
        status
        words
      }
    }
  }
`;

interface Event {
  id: string;
  kind: string;
  urn: string | null;
  academyName: string | null;
  date: string;
  start: string | null;
  title: string;
  entitlement: string | null;
}

interface Use {
  activity: string;
  period: string;
  allocated: number;
  delivered: number;
  status: string;
  words: string;
}

describe.each(await storesToTest())("the review calendar and support delivered on %s", (store) => {
  let server: TestServer;
  let governorToken: string;
  beforeAll(async () => {
    server = await startTestServer(store);
    governorToken = server.tokens.governor;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const calendar = async (token: string, variables: Record<string, unknown>) =>
    (
      await server
        .client(token)
        .request<{ reviewCalendar: Event[] }>(CALENDAR, { year: YEAR, ...variables })
    ).reviewCalendar;

  it("gives a leader every academy's meetings and visits and the October trust board, on school days", async () => {
    const events = await calendar(server.tokens.leader, {});
    const urns = new Set(events.map((event) => event.urn));
    expect(urns.size).toBeGreaterThan(3);
    const board = events.filter((event) => event.kind === "TRUST_BOARD");
    expect(board.map((event) => event.date.slice(0, 7))).toEqual(["2025-10"]);
    expect(board[0]!.urn).toBeNull();
    // The phase model's weekly HT and MAT SLT briefing for every academy, at 08:00 London.
    const briefing = events.find(
      (event) => event.kind === "LEADERSHIP_BRIEFING" && event.date === "2025-09-08",
    )!;
    expect(briefing.start).toBe("2025-09-08T07:00:00.000Z");
    for (const event of events) expect([0, 6]).not.toContain(new Date(event.date).getUTCDay());
  });

  it("keeps a window and one academy's events only", async () => {
    const events = await calendar(server.tokens.leader, {
      urn: "140001",
      from: "2025-11-03",
      to: "2025-12-19",
    });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.urn === "140001")).toBe(true);
    expect(events.every((event) => event.date >= "2025-11-03" && event.date <= "2025-12-19")).toBe(
      true,
    );
    expect(events.some((event) => event.kind === "TRUST_BOARD")).toBe(false);
  });

  it("gives a governor only their academy's events, and NOT_FOUND for another", async () => {
    const events = await calendar(governorToken, {});
    expect(new Set(events.filter((e) => e.urn).map((e) => e.urn))).toEqual(new Set(["140001"]));
    const refused = await server
      .client(governorToken)
      .request(CALENDAR, { year: YEAR, urn: "140002" })
      .catch(graphQLErrorOf);
    expect(refused).toMatchObject({ code: "NOT_FOUND" });
  });

  it("records support delivered, audits it, and counts it used of allocated on the card and overview", async () => {
    const leader = server.client(server.tokens.leader);
    const before = (
      await leader.request<{ academyCard: { supportUse: Use[] } }>(CARD_SUPPORT, {
        urn: "140002",
        year: YEAR,
      })
    ).academyCard.supportUse;
    const ceo = before.find((entry) => entry.activity === "CEO visit")!;
    expect(ceo).toMatchObject({ period: "HALF_TERM", allocated: 1 });
    const recorded = (
      await leader.request<{ recordSupportDelivered: Record<string, unknown> }>(RECORD, {
        input: {
          urn: "140002",
          activity: "CEO visit",
          deliveredOn: "2026-07-14",
          deliveredBy: "Dr Amina Shah (CEO)",
          summary: "Learning walk with the head; Year 6 books",
          notes: "Follow up on attendance",
        },
      })
    ).recordSupportDelivered;
    expect(recorded).toMatchObject({
      urn: "140002",
      year: YEAR,
      activity: "CEO visit",
      quantity: 1,
      recordedBy: "Demo leader",
    });
    const after = (
      await leader.request<{ academyCard: { supportUse: Use[] } }>(CARD_SUPPORT, {
        urn: "140002",
        year: YEAR,
      })
    ).academyCard.supportUse;
    // 2025/26 is over: it is counted as at its end, in summer2.
    expect(after.find((entry) => entry.activity === "CEO visit")).toMatchObject({
      delivered: 1,
      status: "COMPLETE",
      words: "CEO visit: 1 of 1 visit this half term",
    });
    const overview = await leader.request<{
      trustOverview: { academies: { academy: { urn: string }; supportUse: Use[] }[] };
    }>(
      gql`
        query ($year: AcademicYear!) {
          trustOverview(year: $year) {
            academies {
              academy {
                urn
              }
              supportUse {
                activity
                delivered
                status
              }
            }
          }
        }
      `,
      { year: YEAR },
    );
    const row = overview.trustOverview.academies.find((entry) => entry.academy.urn === "140002")!;
    expect(row.supportUse.find((entry) => entry.activity === "CEO visit")!.delivered).toBe(1);
    const list = await leader.request<{ supportDelivered: { deliveredBy: string }[] }>(
      gql`
        query {
          supportDelivered(urn: "140002", year: "${YEAR}") {
            deliveredBy
          }
        }
      `,
    );
    expect(list.supportDelivered.map((entry) => entry.deliveredBy)).toContain(
      "Dr Amina Shah (CEO)",
    );
    const audit = await server.client(server.tokens["trust-admin"]).request<{
      auditLog: { edges: { node: { action: string; entity: string } }[] };
    }>(gql`
      query {
        auditLog(first: 5, entity: SUPPORT_DELIVERY) {
          edges {
            node {
              action
              entity
            }
          }
        }
      }
    `);
    expect(audit.auditLog.edges.map((edge) => edge.node.action)).toContain(
      "SUPPORT_DELIVERY_CREATE",
    );
  });

  it.each([
    [
      "an activity that is not one of the academy's entitlements",
      { activity: "Yoga retreat" },
      "activity",
    ],
    ["a day in the future", { deliveredOn: "2099-01-05" }, "deliveredOn"],
    ["a quantity that is not in halves", { quantity: 0.3 }, "quantity"],
    ["no summary", { summary: " " }, "summary"],
  ])("refuses %s, naming the field", async (_, change, field) => {
    const error = await server
      .client(server.tokens.leader)
      .request(RECORD, {
        input: {
          urn: "140001",
          activity: "CEO visit",
          deliveredOn: "2026-03-10",
          deliveredBy: "CEO",
          summary: "Visit",
          ...change,
        },
      })
      .catch(graphQLErrorOf);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT" });
    expect((error as ReturnType<typeof graphQLErrorOf>).problems[0]!.field).toBe(field);
  });

  describe("iCalendar feeds", () => {
    const get = (path: string, token?: string) =>
      fetch(`${server.url}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });

    async function calendarToken(token: string): Promise<{ id: string; secret: string }> {
      const issued = await server.client(token).request<{
        createCalendarToken: {
          token: string;
          trustFeedPath: string;
          calendarToken: { id: string };
        };
      }>(gql`
        mutation {
          createCalendarToken(label: "Outlook") {
            token
            trustFeedPath
            calendarToken {
              id
            }
          }
        }
      `);
      expect(issued.createCalendarToken.trustFeedPath).toBe(
        `/calendar/${TRUST}.ics?token=${issued.createCalendarToken.token}`,
      );
      return {
        id: issued.createCalendarToken.calendarToken.id,
        secret: issued.createCalendarToken.token,
      };
    }

    it("serves the trust's feed with a bearer token: Europe/London times, stable UIDs, the same events as the API", async () => {
      const response = await get(`/calendar/${TRUST}.ics?year=${YEAR}`, server.tokens.leader);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
      const text = await response.text();
      expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/London");
      // The weekly briefing at 08:00 London on 8 Sep 2025 (BST) as a London wall-clock time.
      expect(text).toContain("DTSTART;TZID=Europe/London:20250908T080000");
      expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
      const uids = [...text.replace(/\r\n /g, "").matchAll(/^UID:(.+)$/gm)].map((m) => m[1]);
      const events = await calendar(server.tokens.leader, {});
      expect(uids).toHaveLength(events.length);
      expect(new Set(uids).size).toBe(uids.length);
      const again = await (
        await get(`/calendar/${TRUST}.ics?year=${YEAR}`, server.tokens.leader)
      ).text();
      expect([...again.replace(/\r\n /g, "").matchAll(/^UID:(.+)$/gm)].map((m) => m[1])).toEqual(
        uids,
      );
    });

    it("serves a feed to a calendar token in the address, and stops when it is revoked", async () => {
      const { id, secret } = await calendarToken(server.tokens.leader);
      const academy = await get(`/calendar/${TRUST}/140001.ics?year=${YEAR}&token=${secret}`);
      expect(academy.status).toBe(200);
      expect(academy.headers.get("referrer-policy")).toBe("no-referrer");
      const text = await academy.text();
      expect(text).toContain("Oakfield Primary Academy");
      expect(text).not.toContain("TZID=Europe/London:20251014"); // no trust board in one academy's feed
      // A calendar token is not an API token.
      const api = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query: "{ me { name } }" }),
      });
      expect(api.status).toBe(401);
      const exported = await get(`/export/overview.xlsx?year=${YEAR}`, secret);
      expect(exported.status).toBe(401);
      await server.client(server.tokens.leader).request(
        gql`
          mutation ($id: ID!) {
            revokeCalendarToken(id: $id) {
              revokedAt
            }
          }
        `,
        { id },
      );
      const revoked = await get(`/calendar/${TRUST}.ics?token=${secret}`);
      expect(revoked.status).toBe(401);
    });

    it("refuses an API token in the address, so it never lands in a calendar's settings", async () => {
      const response = await get(`/calendar/${TRUST}.ics?token=${server.tokens.leader}`);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("calendar token");
    });

    it("keeps trusts and scopes apart: another trust's uid is not found, a governor's feed has only their academy", async () => {
      const { secret } = await calendarToken(governorToken);
      const own = await (await get(`/calendar/${TRUST}.ics?year=${YEAR}&token=${secret}`)).text();
      expect(own).toContain("Oakfield Primary Academy");
      const others = (await calendar(server.tokens.leader, {}))
        .map((event) => event.academyName)
        .filter((name): name is string => name !== null && name !== "Oakfield Primary Academy");
      for (const name of new Set(others)) expect(own).not.toContain(name);
      expect((await get(`/calendar/${TRUST}/140002.ics?token=${secret}`)).status).toBe(404);
      const other = await server.handle.prisma.trust.create({
        data: { uid: "TR09999", name: "Other Trust" },
      });
      const stranger = await issueToken(server.handle.prisma, {
        trustId: other.id,
        role: "trust-admin",
        name: "Other admin",
      });
      const refused = await get(`/calendar/${TRUST}.ics`, stranger.token);
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain("Oakfield");
      expect((await get(`/calendar/${TRUST}.ics`)).status).toBe(401);
    });
  });
});

// Issue 15: the review calendar (the year's meetings and visits from the
// designation that counts and the framework's entitlements) and support
// delivered against support allocated.
import { describe, expect, it } from "vitest";
import {
  deliveredOfAllocated,
  englandTermDates,
  eventsBetween,
  isBritishSummerTime,
  londonInstant,
  preset,
  reviewCalendar,
  schoolDays,
  type CalendarEvent,
} from "../../server/domain/index.js";
import type { TrustMeeting } from "../../server/shared/index.js";

const YEAR = "2026/27";
const termDates = englandTermDates(YEAR);
const days = schoolDays(termDates);
const schoolDates = new Set(days.map((day) => day.date));

function calendarOf(frameworkKey: string, level: string, meetings = false): CalendarEvent[] {
  const framework = preset(frameworkKey)!;
  return reviewCalendar({
    year: YEAR,
    termDates,
    academies: [{ urn: "100001", name: "Oak Academy", support: framework.supportFor(level) }],
    meetings: meetings ? framework.definition.meetings : [],
  });
}

const monthOf = (event: CalendarEvent) => event.date.slice(0, 7);
const ofKind = (events: readonly CalendarEvent[], kind: CalendarEvent["kind"]) =>
  events.filter((event) => event.kind === kind);

describe("seed 003 (risk-designation): a high-risk academy", () => {
  const events = calendarOf("risk-designation", "stabilise", true);

  it("has six progress boards, in September, November, January, March, May and June", () => {
    const boards = ofKind(events, "progressBoard");
    expect(boards.map(monthOf)).toEqual([
      "2026-09",
      "2026-11",
      "2027-01",
      "2027-03",
      "2027-05",
      "2027-06",
    ]);
    expect(boards.every((board) => board.title === "Progress board meeting: Oak Academy")).toBe(
      true,
    );
  });

  it("has 20 school improvement adviser days in each term, on 20 different school days", () => {
    const adviser = ofKind(events, "adviserDay");
    for (const term of ["autumn", "spring", "summer"] as const) {
      const inTerm = adviser.filter((event) => event.term === term);
      expect(inTerm).toHaveLength(20);
      expect(new Set(inTerm.map((event) => event.date)).size).toBe(20);
      expect(inTerm[2]!.detail).toBe("day 3 of 20 this term");
    }
    expect(adviser.every((event) => event.start === null)).toBe(true);
  });

  it("has the five SIP day visits of Strand 5 (Sep, Nov, Jan, Mar, Jun)", () => {
    expect(ofKind(events, "sipVisit").map(monthOf)).toEqual([
      "2026-09",
      "2026-11",
      "2027-01",
      "2027-03",
      "2027-06",
    ]);
  });

  it("has the education improvement team a week after each board and the standards committee a week after that", () => {
    const boards = ofKind(events, "progressBoard");
    const team = ofKind(events, "improvementTeam");
    const committee = ofKind(events, "standardsCommittee");
    expect(team).toHaveLength(6);
    expect(committee).toHaveLength(6);
    boards.forEach((board, index) => {
      const gap = (later: string, earlier: string) =>
        (Date.parse(later) - Date.parse(earlier)) / 86_400_000;
      expect(gap(team[index]!.date, board.date)).toBeGreaterThanOrEqual(7);
      expect(gap(team[index]!.date, board.date)).toBeLessThan(21);
      expect(gap(committee[index]!.date, team[index]!.date)).toBeGreaterThanOrEqual(7);
      expect(committee[index]!.urn).toBeNull();
    });
  });

  it("has the October trust board", () => {
    expect(ofKind(events, "trustBoard").map(monthOf)).toEqual(["2026-10"]);
  });
});

describe("seed 003: a some-risk academy", () => {
  it("has three progress boards (Sep, Jan, May) and its adviser days spread over the year", () => {
    const events = calendarOf("risk-designation", "improve");
    expect(ofKind(events, "progressBoard").map(monthOf)).toEqual(["2026-09", "2027-01", "2027-05"]);
    expect(ofKind(events, "adviserDay")).toHaveLength(10);
  });

  it("has no adviser days at low risk", () => {
    expect(ofKind(calendarOf("risk-designation", "sustain"), "adviserDay")).toEqual([]);
  });
});

describe("seed 001 (tiered-support): CEO 1:1s", () => {
  const weeks = [...new Set(days.map((day) => day.week))];

  it("gives a Tier 4 academy a CEO 1:1 in every school week, at 15:30 London time", () => {
    const meetings = ofKind(calendarOf("tiered-support", "tier4"), "ceoOneToOne");
    expect(meetings).toHaveLength(weeks.length);
    expect(meetings.map((event) => days.find((day) => day.date === event.date)!.week)).toEqual(
      weeks,
    );
    const september = meetings[1]!;
    expect(september.date).toBe("2026-09-07");
    expect(september.start!.toISOString()).toBe("2026-09-07T14:30:00.000Z");
    const december = meetings.find((event) => event.date.startsWith("2026-12"))!;
    expect(december.start!.toISOString()).toBe(`${december.date}T15:30:00.000Z`);
    expect(december.end!.getTime() - december.start!.getTime()).toBe(3_600_000);
    expect(december.detail).toBe("every week");
  });

  it.each([
    ["tier3", 2],
    ["tier2", 4],
    ["tier1", 4],
  ])("gives a %s academy a CEO 1:1 every %i school weeks", (level, every) => {
    const meetings = ofKind(calendarOf("tiered-support", level), "ceoOneToOne");
    expect(meetings).toHaveLength(Math.ceil(weeks.length / every));
  });

  it("gives Tier 4 a health check every term and a fortnightly governor committee", () => {
    const events = calendarOf("tiered-support", "tier4");
    expect(ofKind(events, "healthCheck").map((event) => event.term)).toEqual([
      "autumn",
      "spring",
      "summer",
    ]);
    expect(ofKind(events, "governanceCommittee")).toHaveLength(Math.ceil(weeks.length / 2));
  });
});

describe("every preset's calendar", () => {
  const cases = ["phase-model", "tiered-support", "risk-matrix", "risk-designation"].flatMap(
    (key) => preset(key)!.levels.map((level) => [key, level.key] as const),
  );

  it.each(cases)("%s %s: every event on a school day (a weekday in term)", (key, level) => {
    const events = calendarOf(key, level, true);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(schoolDates.has(event.date), `${event.title} on ${event.date}`).toBe(true);
    }
  });

  it.each(cases)("%s %s: ids are unique and the same every time", (key, level) => {
    const first = calendarOf(key, level, true).map((event) => event.id);
    expect(new Set(first).size).toBe(first.length);
    expect(calendarOf(key, level, true).map((event) => event.id)).toEqual(first);
  });

  it("is in date order", () => {
    const events = calendarOf("phase-model", "stabilise", true);
    const dates = events.map((event) => event.date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe("windows and trust meetings", () => {
  it("keeps the events between two days, both included", () => {
    const events = calendarOf("tiered-support", "tier4");
    const window = eventsBetween(events, "2026-09-07", "2026-09-14");
    expect(window.map((event) => event.date)).toEqual(["2026-09-07", "2026-09-14"]);
  });

  it("moves a follow-up meeting that would fall in a holiday to the next school day", () => {
    const meeting: TrustMeeting = {
      kind: "standardsCommittee",
      title: "Standards committee",
      follows: { kind: "trustBoard", days: 10 },
    };
    const board: TrustMeeting = {
      kind: "trustBoard",
      title: "Trust board",
      cadence: { every: "months", months: ["Oct"] },
      weekday: "Fri",
      weekOfMonth: 4,
    };
    const events = reviewCalendar({
      year: YEAR,
      termDates,
      academies: [],
      meetings: [board, meeting],
    });
    expect(events.map((event) => [event.kind, event.date])).toEqual([
      ["trustBoard", "2026-10-23"],
      // 2 Nov is in half term; autumn2 starts on Monday 9 Nov.
      ["standardsCommittee", "2026-11-09"],
    ]);
  });
});

describe("Europe/London times", () => {
  it.each([
    ["2027-03-26", "16:00", "2027-03-26T16:00:00.000Z"],
    ["2027-03-29", "16:00", "2027-03-29T15:00:00.000Z"],
    ["2026-10-23", "09:00", "2026-10-23T08:00:00.000Z"],
    ["2026-10-26", "09:00", "2026-10-26T09:00:00.000Z"],
  ])("%s at %s London is %s", (day, time, instant) => {
    expect(londonInstant(day, time).toISOString()).toBe(instant);
  });

  it("knows British Summer Time from its last-Sunday rule", () => {
    expect(isBritishSummerTime(new Date("2027-03-28T00:59:00Z"))).toBe(false);
    expect(isBritishSummerTime(new Date("2027-03-28T01:00:00Z"))).toBe(true);
    expect(isBritishSummerTime(new Date("2026-10-25T00:59:00Z"))).toBe(true);
    expect(isBritishSummerTime(new Date("2026-10-25T01:00:00Z"))).toBe(false);
  });
});

describe("support delivered against allocated", () => {
  const highRisk = preset("risk-designation")!.supportFor("stabilise");
  const adviser = "School improvement adviser";
  const days12 = Array.from({ length: 12 }, (_, index) => ({
    activity: adviser,
    deliveredOn: `2026-09-${String(index + 7).padStart(2, "0")}`,
    quantity: 1,
  }));
  const use = (delivered: Parameters<typeof deliveredOfAllocated>[1], asAt: string) =>
    deliveredOfAllocated(highRisk, delivered, termDates, asAt);

  it('says "12 of up to 20 days this term" for twelve adviser days in the autumn term', () => {
    const sia = use(days12, "2026-11-20").find((entry) => entry.activity === adviser)!;
    expect(sia).toMatchObject({
      period: "term",
      from: "2026-09-01",
      to: "2026-12-18",
      allocated: 20,
      allocatedText: "up to 20",
      delivered: 12,
      words: "School improvement adviser: 12 of up to 20 days this term",
    });
  });

  it.each([
    ["behind the schedule by late November", days12, "2026-12-10", "under"],
    ["on track early in the term", days12.slice(0, 3), "2026-09-16", "onTrack"],
    ["complete with all twenty", [...days12, ...days12.slice(0, 8)], "2026-12-18", "complete"],
    ["over with twenty-one", [...days12, ...days12.slice(0, 9)], "2026-12-18", "over"],
  ])("is %s", (_, delivered, asAt, status) => {
    expect(use(delivered, asAt).find((entry) => entry.activity === adviser)!.status).toBe(status);
  });

  it("starts each term afresh: autumn's days do not count in spring", () => {
    const sia = use(days12, "2027-02-01").find((entry) => entry.activity === adviser)!;
    expect(sia.delivered).toBe(0);
    expect(sia.from).toBe("2027-01-04");
  });

  it("counts half days and the year's boards against the year", () => {
    const boards = use(
      [
        { activity: "Progress board meeting", deliveredOn: "2026-09-08", quantity: 1 },
        { activity: adviser, deliveredOn: "2026-09-08", quantity: 0.5 },
      ],
      "2026-10-01",
    );
    expect(boards.find((entry) => entry.activity === "Progress board meeting")).toMatchObject({
      period: "year",
      allocated: 6,
      delivered: 1,
      expectedByNow: 1,
      status: "onTrack",
    });
    expect(boards.find((entry) => entry.activity === adviser)!.delivered).toBe(0.5);
  });

  it("counts a weekly entitlement per term, its allocation the meetings scheduled", () => {
    const tier4 = preset("tiered-support")!.supportFor("tier4");
    const ceo = deliveredOfAllocated(tier4, [], termDates, "2026-09-30").find(
      (entry) => entry.activity === "CEO 1:1",
    )!;
    const autumnWeeks = new Set(days.filter((day) => day.term === "autumn").map((d) => d.week));
    expect(ceo.period).toBe("term");
    expect(ceo.allocated).toBe(autumnWeeks.size);
    expect(ceo.status).toBe("under");
  });

  it("leaves out support with no number to count (as needed)", () => {
    const activities = use([], "2026-10-01").map((entry) => entry.activity);
    expect(activities).not.toContain("Additional support and resource as required");
    expect(activities).toContain("School improvement partner");
  });
});

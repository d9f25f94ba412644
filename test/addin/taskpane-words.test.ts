// The pane's words for people and its reading of Office's theme colours.
import { describe, expect, it } from "vitest";
import { luminance } from "../../addin/taskpane/office-theme.js";
import { periodWords, roleWords, statusWords } from "../../addin/taskpane/words.js";
import {
  deliveryBadge,
  kindWords,
  thisAndNextHalfTerm,
  whenWords,
} from "../../addin/taskpane/academy-card/support-words.js";
import { PERIODS, ROLES } from "../../server/shared/index.js";

describe("words the task pane shows", () => {
  it("says roles, periods and statuses as people do", () => {
    expect(ROLES.map(roleWords)).toEqual([
      "trust admin",
      "data manager",
      "leader",
      "governor",
      "academy",
    ]);
    expect(PERIODS.map(periodWords)).toEqual([
      "Autumn 1",
      "Autumn 2",
      "Spring 1",
      "Spring 2",
      "Summer 1",
      "Summer 2",
      "Autumn",
      "Spring",
      "Summer",
      "Whole year",
    ]);
    expect(["draft", "proposed", "reviewed", "agreed", "directChange"].map(statusWords)).toEqual([
      "Draft",
      "Proposed",
      "Reviewed",
      "Agreed",
      "Direct change",
    ]);
  });

  it("tells Office's dark themes from its light ones by the body background", () => {
    // Body backgrounds like those of Office's Black and Dark Grey themes, and of its light ones.
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#262626")!).toBeLessThan(0.2);
    expect(luminance("#E6E6E6")!).toBeGreaterThan(0.2);
    expect(luminance("#FFF")).toBe(1);
    expect(luminance("not a colour")).toBeNull();
  });
});

describe("the card's support and calendar in words", () => {
  it("gives a meeting's day and London time, and a visit as all day", () => {
    expect(whenWords("2026-12-08", "2026-12-08T16:00:00.000Z")).toBe("Tue 8 Dec, 16:00");
    expect(whenWords("2026-09-08", "2026-09-08T15:00:00.000Z")).toBe("Tue 8 Sept, 16:00");
    expect(whenWords("2026-12-10", null)).toBe("Thu 10 Dec, all day");
  });

  it("names kinds and delivery as people say them", () => {
    expect(kindWords("PROGRESS_BOARD")).toBe("Progress board meeting");
    expect(kindWords("CEO_ONE_TO_ONE")).toBe("CEO 1:1");
    expect(["UNDER", "ON_TRACK", "COMPLETE", "OVER"].map((s) => deliveryBadge(s).label)).toEqual([
      "Behind",
      "On track",
      "All delivered",
      "Over",
    ]);
  });

  it("shows this half term's events still to come and the next half term's", () => {
    const events = [
      { date: "2026-10-20", halfTerm: "AUTUMN1" },
      { date: "2026-11-10", halfTerm: "AUTUMN2" },
      { date: "2026-12-08", halfTerm: "AUTUMN2" },
      { date: "2027-01-12", halfTerm: "SPRING1" },
      { date: "2027-02-23", halfTerm: "SPRING2" },
    ];
    expect(thisAndNextHalfTerm(events, "2026-12-02")).toEqual([
      { halfTerm: "AUTUMN2", events: [{ date: "2026-12-08", halfTerm: "AUTUMN2" }] },
      { halfTerm: "SPRING1", events: [{ date: "2027-01-12", halfTerm: "SPRING1" }] },
    ]);
    // Before the year's first event: the first half term with events, and the next.
    expect(thisAndNextHalfTerm(events, "2026-09-01").map((half) => half.halfTerm)).toEqual([
      "AUTUMN1",
      "AUTUMN2",
    ]);
    expect(thisAndNextHalfTerm([], "2026-12-02")).toEqual([]);
  });
});

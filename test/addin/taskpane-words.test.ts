// The pane's words for people and its reading of Office's theme colours.
import { describe, expect, it } from "vitest";
import { luminance } from "../../addin/taskpane/office-theme.js";
import { periodWords, roleWords, statusWords } from "../../addin/taskpane/words.js";
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

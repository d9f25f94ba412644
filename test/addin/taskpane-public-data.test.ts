// The task pane's reading of a load: the report's key facts in one line, and
// an error body of the server (GraphQL's shape, from every door) as the
// message shown, whatever the status.
import { describe, expect, it } from "vitest";
import {
  errorMessageOf,
  reportSummary,
  type PublicLoadReport,
} from "../../addin/taskpane/public-data/upload-public-file.js";

const KS2: PublicLoadReport = {
  fileName: "ks2_school_attainment_data.csv",
  kind: "ks2",
  kindLabel: "DfE KS2 school results",
  edition: "2024/25",
  rows: 11,
  skipped: 1,
  matched: ["140001", "140004"],
  missing: ["140009"],
  loaded: 2,
  unchanged: 0,
  olderThanHeld: 0,
  academiesCreated: [],
  academiesUpdated: [],
  predecessorsLinked: 0,
  nationalLoaded: 1,
  designated: 2,
  designationYear: "2026/27",
  notes: [],
};

describe("the Public data tab's reading of a load", () => {
  it.each([
    [
      KS2,
      "DfE KS2 school results, 2024/25; 2 of your academies matched; 2 values loaded; 0 unchanged; 1 England figures loaded as national benchmarks; 1 other schools skipped; missing: 140009; 2 designations for 2026/27 changed",
    ],
    [
      { ...KS2, loaded: 0, unchanged: 2, nationalLoaded: 0, missing: [], designated: 0 },
      "DfE KS2 school results, 2024/25; 2 of your academies matched; 0 values loaded; 2 unchanged; 1 other schools skipped",
    ],
  ])("sums up a report in one line", (report, line) => {
    expect(reportSummary(report)).toBe(line);
  });

  it.each([
    [
      {
        errors: [
          {
            message: "Sign in: send an Authorization: Bearer token.",
            extensions: { code: "UNAUTHENTICATED" },
          },
        ],
      },
      "Sign in: send an Authorization: Bearer token.",
    ],
    [
      {
        errors: [
          {
            message: "big.csv is larger than the limit of 100mb (PUBLIC_DATA_LIMIT)",
            extensions: { code: "BAD_REQUEST" },
          },
        ],
      },
      "big.csv is larger than the limit of 100mb (PUBLIC_DATA_LIMIT)",
    ],
    // The shape the routes answered before: no longer read as an error.
    [{ error: { code: "FORBIDDEN", message: "old shape" } }, null],
    [{ report: KS2 }, null],
    [null, null],
    ["Bad Gateway", null],
  ])("reads the message of %j", (body, message) => {
    expect(errorMessageOf(body)).toBe(message);
  });
});

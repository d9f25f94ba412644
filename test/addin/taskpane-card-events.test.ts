// How an open academy card takes a live event's target (cardWithTarget): one
// row per case, with the reason.
import { describe, expect, it } from "vitest";
import type { AcademyCard, CardTarget } from "../../addin/taskpane/api/index.js";
import {
  cardWithTarget,
  type TargetReport,
} from "../../addin/taskpane/academy-card/card-with-target.js";

function target(metric: string, latest: number | null, targetValue = 5): CardTarget {
  return {
    id: `t-${metric}`,
    urn: "140001",
    year: "2025/26",
    metric,
    metricLabel: metric,
    baseline: 6,
    target: targetValue,
    tolerance: null,
    status: "agreed",
    version: 1,
    nextStep: null,
    canTakeNextStep: false,
    signOff: [],
    pendingChange: null,
    milestones: [],
    measurements: [],
    progress: {
      latest,
      latestPeriod: latest === null ? null : "summer2",
      expected: null,
      shortOfExpected: null,
      gapClosed: null,
      onTrack: null,
      rag: null,
      national: null,
      nationalFigure: null,
      differenceFromNational: null,
      provisional: false,
      tolerance: 0.25,
    },
  };
}

const card: AcademyCard = {
  year: "2025/26",
  academy: { urn: "140001", name: "Oakfield Primary Academy", phase: "primary" },
  designation: null,
  targets: [target("attendance.absence", 4.9), target("ks2.rwmExpected", 77.8)],
};

const report = (overrides: Partial<TargetReport>): TargetReport => ({
  urn: "140001",
  year: "2025/26",
  metric: "attendance.absence",
  target: target("attendance.absence", 3.2),
  ...overrides,
});

/** What the card shows after the event: each target's metric and latest value. */
const shown = (patched: AcademyCard) =>
  patched.targets.map((entry) => [entry.metric, entry.progress.latest, entry.target]);

describe("an open card taking a live event", () => {
  it.each([
    {
      reason: "a measurement replaces its target's progress",
      event: report({}),
      expected: [
        ["attendance.absence", 3.2, 5],
        ["ks2.rwmExpected", 77.8, 5],
      ],
    },
    {
      reason: "a new target is added in metric order, as the server orders them",
      event: report({
        metric: "attendance.persistentAbsence",
        target: target("attendance.persistentAbsence", null, 8),
      }),
      expected: [
        ["attendance.absence", 4.9, 5],
        ["attendance.persistentAbsence", null, 8],
        ["ks2.rwmExpected", 77.8, 5],
      ],
    },
    {
      reason: "a target reported as gone is removed",
      event: report({ metric: "ks2.rwmExpected", target: null }),
      expected: [["attendance.absence", 4.9, 5]],
    },
    {
      reason: "another year's event leaves the card open on this year as it is",
      event: report({ year: "2024/25" }),
      expected: [
        ["attendance.absence", 4.9, 5],
        ["ks2.rwmExpected", 77.8, 5],
      ],
    },
    {
      reason: "another academy's event (one that arrives after switching) changes nothing",
      event: report({ urn: "140002" }),
      expected: [
        ["attendance.absence", 4.9, 5],
        ["ks2.rwmExpected", 77.8, 5],
      ],
    },
  ])("$reason", ({ event, expected }) => {
    expect(shown(cardWithTarget(card, event))).toEqual(expected);
  });

  it("leaves the card it was given untouched (React state)", () => {
    const before = JSON.stringify(card);
    cardWithTarget(card, report({}));
    expect(JSON.stringify(card)).toBe(before);
  });
});

// The trust overview: every academy with the designation that counts in the
// year, its RAG counts for the year and what changed since a date, in a fixed
// number of set-based queries whatever the number of academies.
import { badInput, dayInWords, indicatorByKey, isPeriod, type Rag } from "../domain/index.js";
import { periodWords, valueWords } from "../papers/paper-words.js";
import type { Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import { academyScope, type AcademyRow } from "./academy.service.js";
import { targetProgress, type MeasurementRow, type TargetRow } from "./academy-card.service.js";
import type { NationalBenchmarkService } from "./national-benchmark.service.js";
import type {
  DesignationRead,
  DesignationService,
  YearDesignation,
} from "./designation.service.js";
import { groupBy } from "./group-by.js";
import { yearProblem } from "../shared/index.js";

export interface RagCounts {
  green: number;
  amber: number;
  red: number;
  /** Targets with no measurement yet. */
  none: number;
}

/** How many of an academy's targets stand at each sign-off status, and how many have a change pending. */
export interface TargetCounts {
  draft: number;
  proposed: number;
  reviewed: number;
  agreed: number;
  changePending: number;
}

export function emptyTargetCounts(): TargetCounts {
  return { draft: 0, proposed: 0, reviewed: 0, agreed: 0, changePending: 0 };
}

export function countTarget(
  counts: TargetCounts,
  target: { status: string; pendingStatus: string | null },
): void {
  if (
    target.status === "draft" ||
    target.status === "proposed" ||
    target.status === "reviewed" ||
    target.status === "agreed"
  )
    counts[target.status]++;
  if (target.pendingStatus !== null) counts.changePending++;
}

export interface OverviewChange {
  readonly at: Date;
  readonly kind: "designation" | "target" | "measurement";
  readonly summary: string;
  /** The same change in a board paper's words: names, periods and dates, no codes. */
  readonly words: string;
}

export interface OverviewRow {
  readonly academy: AcademyRow;
  /** The designation that counts in the year; null when the year has none and no earlier decision carries over. */
  readonly designation: YearDesignation | null;
  readonly rag: RagCounts;
  readonly targets: TargetCounts;
  readonly changes: OverviewChange[];
}

/** What the overview reads of a target: its progress, sign-off counts and change line (no versions, no pending values). */
const OVERVIEW_TARGET_COLUMNS = {
  academyId: true,
  year: true,
  metric: true,
  baseline: true,
  target: true,
  milestones: true,
  tolerance: true,
  status: true,
  pendingStatus: true,
  version: true,
  updatedAt: true,
} as const;

export class OverviewService {
  constructor(
    private readonly prisma: Db,
    private readonly designations: DesignationService,
    private readonly nationals: NationalBenchmarkService,
  ) {}

  async overview(
    viewer: Viewer,
    year: string,
    changedSince: Date | null,
    read: DesignationRead = { reasons: true },
  ): Promise<OverviewRow[]> {
    const problem = yearProblem("year", year);
    if (problem) throw badInput([problem]);
    const scope = academyScope(viewer);
    const academyFilter =
      viewer.academyUrns === null ? {} : { academy: { urn: { in: [...viewer.academyUrns] } } };
    const [academies, designations, targets, latest, recent, national] = await Promise.all([
      this.prisma.academy.findMany({ where: scope, orderBy: { urn: "asc" } }),
      this.designations.yearDesignations(viewer, null, year, undefined, read),
      this.prisma.target.findMany({
        where: { trustId: viewer.trustId, year, ...academyFilter },
        select: OVERVIEW_TARGET_COLUMNS,
      }),
      // Progress reads only the measurement that counts as latest, kept on write (latest-measurement.ts):
      // one row per metric, not the year's measurements.
      this.prisma.latestMeasurement.findMany({
        where: { trustId: viewer.trustId, year, ...academyFilter },
        select: {
          academyId: true,
          metric: true,
          period: true,
          value: true,
          provisional: true,
          enteredAt: true,
        },
      }),
      changedSince
        ? this.prisma.measurement.findMany({
            where: {
              trustId: viewer.trustId,
              createdAt: { gte: changedSince },
              year,
              ...academyFilter,
            },
            select: {
              academyId: true,
              metric: true,
              period: true,
              value: true,
              provisional: true,
              createdAt: true,
            },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          })
        : [],
      this.nationals.lookup(viewer.trustId),
    ]);
    const targetsOf = groupBy(targets, (row) => row.academyId);
    const latestOf = new Map(
      latest.map((row) => [
        `${row.academyId}|${row.metric}`,
        [
          {
            period: row.period,
            value: row.value,
            provisional: row.provisional,
            createdAt: row.enteredAt,
          },
        ],
      ]),
    );
    const recentOf = groupBy(recent, (row) => row.academyId);
    return academies.map((academy) => {
      const rag: RagCounts = { green: 0, amber: 0, red: 0, none: 0 };
      const targetCounts = emptyTargetCounts();
      const changes: OverviewChange[] = [];
      for (const target of targetsOf.get(academy.id) ?? []) {
        countTarget(targetCounts, target);
        const result = targetProgress(
          target,
          academy.phase,
          latestOf.get(`${academy.id}|${target.metric}`) ?? [],
          national,
        );
        countRag(rag, result.rag);
        if (changedSince && target.updatedAt >= changedSince) {
          changes.push({
            at: target.updatedAt,
            kind: "target",
            summary: `${target.metric} target ${target.status}${target.pendingStatus ? `, change ${target.pendingStatus}` : ""} (version ${target.version})`,
            words: `${metricName(target.metric)} target ${target.status}${target.pendingStatus ? `, a change ${target.pendingStatus}` : ""}`,
          });
        }
      }
      const view = designations.get(academy.id) ?? null;
      const designation =
        view && (view.counts.decision !== null || view.newestComputed !== null) ? view : null;
      if (changedSince && designation) {
        const labelOf = (key: string | null) =>
          key ? (designation.framework.level(key)?.label ?? key) : "insufficient evidence";
        for (const event of designation.history) {
          if (event.at < changedSince) continue;
          changes.push(
            event.kind === "computed"
              ? {
                  at: event.at,
                  kind: "designation",
                  summary: `computed ${labelOf(event.computed.computedLevel)} from ${event.computed.year} ${event.computed.term} evidence (${event.computed.frameworkKey})`,
                  words: `${termWords(event.computed.term)} ${event.computed.year} evidence indicates ${labelOf(event.computed.computedLevel)}${event.computed.provisional ? " (provisional)" : ""}`,
                }
              : {
                  at: event.at,
                  kind: "designation",
                  summary: `${event.decision.body} agreed ${labelOf(event.decision.level)} for ${event.decision.year}${event.decision.term ? ` ${event.decision.term}` : ""} on ${event.decision.agreedOn} (${event.decision.decidedBy})${event.decision.reason ? `: ${event.decision.reason}` : ""}`,
                  words: `${event.decision.body} agreed ${labelOf(event.decision.level)} for ${event.decision.year}${event.decision.term ? ` (${termWords(event.decision.term).toLowerCase()})` : ""} on ${dayInWords(event.decision.agreedOn)} (${event.decision.decidedBy})${event.decision.reason ? `: ${event.decision.reason}` : ""}`,
                },
          );
        }
      }
      for (const measurement of recentOf.get(academy.id) ?? []) {
        changes.push({
          at: measurement.createdAt,
          kind: "measurement",
          summary: `${measurement.metric} ${measurement.period}: ${measurement.value}${measurement.provisional ? " (provisional)" : ""}`,
          words: measurementWords(measurement),
        });
      }
      changes.sort((a, b) => b.at.getTime() - a.at.getTime());
      return { academy, designation, rag, targets: targetCounts, changes };
    });
  }
}

function metricName(metric: string): string {
  return indicatorByKey(metric)?.label ?? metric;
}

function termWords(term: string): string {
  return isPeriod(term) ? periodWords(term) : term;
}

/** "Persistent absence, Autumn 2: 14.2% (provisional)" */
function measurementWords(measurement: {
  metric: string;
  period: string;
  value: number;
  provisional: boolean;
}): string {
  const indicator = indicatorByKey(measurement.metric);
  const value = indicator ? valueWords(indicator, measurement.value) : String(measurement.value);
  return `${metricName(measurement.metric)}, ${termWords(measurement.period)}: ${value}${measurement.provisional ? " (provisional)" : ""}`;
}

function countRag(counts: RagCounts, rag: Rag | null): void {
  if (rag === null) counts.none++;
  else counts[rag]++;
}

export type { TargetRow, MeasurementRow };

// Academy cards: targets per academy, year and metric with their status and
// versions, measurements through the year, and progress against each target.
import {
  badInput,
  benchmarkLookup,
  conflict,
  forbidden,
  HALF_TERMS,
  indicatorByKey,
  isPeriod,
  NATIONAL_BENCHMARKS,
  notFound,
  PERIODS,
  progress,
  readCell,
  yearProblem,
  type HalfTerm,
  type Indicator,
  type Period,
  type Phase,
  type Problem,
  type Progress,
} from "../domain/index.js";
import type { Db } from "../db/index.js";
import { canSeeAcademy, type Viewer } from "../auth/viewer.js";
import { roleHas } from "../auth/roles.js";
import type { AuditService } from "./audit.service.js";
import type { AcademyRow, AcademyService } from "./academy.service.js";
import { eventJson, type LiveEvents } from "../live/live-events.js";
import { groupBy } from "./group-by.js";

export const TARGET_STATUSES = ["draft", "proposed", "reviewed", "agreed"] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

const MEASURABLE = new Set(["number", "percent", "points", "rate", "count", "grade"]);
const national = benchmarkLookup(NATIONAL_BENCHMARKS);

export interface TargetRow {
  readonly id: string;
  readonly academyId: string;
  readonly year: string;
  readonly metric: string;
  readonly baseline: number;
  readonly target: number;
  readonly milestones: string;
  readonly tolerance: number | null;
  readonly status: string;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
  readonly createdAt: Date;
}

export interface MeasurementRow {
  readonly id: string;
  readonly academyId: string;
  readonly year: string;
  readonly metric: string;
  readonly period: string;
  readonly value: number;
  readonly provisional: boolean;
  readonly source: string;
  readonly enteredBy: string;
  readonly createdAt: Date;
}

export interface TargetWithProgress {
  readonly target: TargetRow;
  readonly progress: Progress;
  readonly measurements: MeasurementRow[];
}

export interface AcademyCardData {
  readonly academy: AcademyRow;
  readonly year: string;
  readonly targets: TargetWithProgress[];
}

export interface TargetInput {
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly baseline: number;
  readonly target: number;
  readonly milestones?:
    readonly { readonly period: string; readonly value: number }[] | null | undefined;
  readonly tolerance?: number | null | undefined;
  readonly expectedVersion?: number | null | undefined;
  readonly reason?: string | null | undefined;
}

export interface MeasurementInput {
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly period: string;
  readonly value: number;
  readonly provisional?: boolean | null | undefined;
  readonly source?: string | null | undefined;
}

function metricProblem(metric: string, field = "metric"): Problem | null {
  const indicator = indicatorByKey(metric);
  if (indicator && MEASURABLE.has(indicator.kind)) return null;
  return {
    field,
    value: String(metric).slice(0, 60),
    message: `${field}: "${String(metric).slice(0, 60)}" is not a measurable indicator; use a key such as attendance.absence, ks2.rwmExpected or ks4.progress8`,
  };
}

function valueProblem(indicator: Indicator, field: string, value: number): Problem | null {
  if (!Number.isFinite(value)) return { field, message: `${field}: must be a finite number` };
  // Values arrive as numbers in the indicator's own unit: 62 means 62%.
  const reading = readCell(indicator, indicator.kind === "percent" ? `${value}%` : value);
  return reading.ok
    ? null
    : { ...reading.problem, field, message: `${field}: ${reading.problem.message}` };
}

/** Progress of one target from its measurements, against the national figure for the academy's phase. */
export function targetProgress(
  target: TargetRow,
  phase: string,
  measurements: readonly Pick<MeasurementRow, "period" | "value" | "provisional" | "createdAt">[],
): Progress {
  const indicator = indicatorByKey(target.metric);
  const milestones = JSON.parse(target.milestones) as Partial<Record<HalfTerm, number>>;
  const benchmark = national(target.metric, phase as Phase, target.year);
  return progress(
    {
      direction: indicator?.direction ?? "higher",
      baseline: target.baseline,
      target: target.target,
      milestones,
      tolerance: target.tolerance,
    },
    measurements.map((measurement) => ({
      period: measurement.period as Period,
      value: measurement.value,
      provisional: measurement.provisional,
      enteredAt: measurement.createdAt,
    })),
    benchmark?.value ?? null,
  );
}

/** Most cards in one `academyCards` request (each URN is a bound parameter). */
export const MAX_CARDS = 500;

export class AcademyCardService {
  constructor(
    private readonly prisma: Db,
    private readonly academies: AcademyService,
    private readonly audit: AuditService,
    private readonly events: LiveEvents,
  ) {}

  async card(viewer: Viewer, urn: string, year: string): Promise<AcademyCardData> {
    const [card] = await this.cards(viewer, [urn], year);
    if (!card) throw notFound(`No academy with URN ${String(urn).slice(0, 20)} in your trust`);
    return card;
  }

  /**
   * Many academies' cards for a year in three set-based queries, in the order
   * asked; null for a URN that is not an academy the viewer may see.
   */
  async cards(
    viewer: Viewer,
    urns: readonly string[],
    year: string,
  ): Promise<(AcademyCardData | null)[]> {
    const problem = yearProblem("year", year);
    if (problem) throw badInput([problem]);
    if (urns.length > MAX_CARDS) {
      throw badInput([
        {
          field: "urns",
          message: `urns: at most ${MAX_CARDS} academies per request, got ${urns.length}`,
        },
      ]);
    }
    const visible = [...new Set(urns)].filter((urn) => canSeeAcademy(viewer, urn));
    const academies = await this.prisma.academy.findMany({
      where: { trustId: viewer.trustId, urn: { in: visible } },
    });
    const ids = academies.map((academy) => academy.id);
    const [targets, measurements] = await Promise.all([
      this.prisma.target.findMany({
        where: { trustId: viewer.trustId, year, academyId: { in: ids } },
        orderBy: { metric: "asc" },
      }),
      this.prisma.measurement.findMany({
        where: { trustId: viewer.trustId, year, academyId: { in: ids } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
    ]);
    const byUrn = new Map(academies.map((academy) => [academy.urn, academy]));
    const targetsOf = groupBy(targets, (target) => target.academyId);
    const measurementsOf = groupBy(
      measurements,
      (measurement) => `${measurement.academyId}|${measurement.metric}`,
    );
    return urns.map((urn) => {
      const academy = byUrn.get(urn);
      if (!academy) return null;
      return {
        academy,
        year,
        targets: (targetsOf.get(academy.id) ?? []).map((target) => {
          const own = measurementsOf.get(`${academy.id}|${target.metric}`) ?? [];
          return {
            target,
            progress: targetProgress(target, academy.phase, own),
            measurements: own,
          };
        }),
      };
    });
  }

  async target(
    viewer: Viewer,
    urn: string,
    metric: string,
    year: string,
  ): Promise<TargetWithProgress> {
    const card = await this.card(viewer, urn, year);
    const found = card.targets.find((entry) => entry.target.metric === metric);
    if (!found) throw notFound(`Academy ${urn} has no ${metric} target for ${year}`);
    return found;
  }

  /** Creates a target, or changes one (with the version last seen; an agreed target also needs a reason). */
  async setTarget(viewer: Viewer, input: TargetInput): Promise<TargetRow> {
    const problems: Problem[] = [];
    const yearIssue = yearProblem("year", input.year);
    if (yearIssue) problems.push(yearIssue);
    const metricIssue = metricProblem(input.metric);
    if (metricIssue) problems.push(metricIssue);
    const indicator = indicatorByKey(input.metric);
    if (indicator && !metricIssue) {
      for (const [field, value] of [
        ["baseline", input.baseline],
        ["target", input.target],
      ] as const) {
        const issue = valueProblem(indicator, field, value);
        if (issue) problems.push(issue);
      }
    }
    const milestones: Partial<Record<HalfTerm, number>> = {};
    (input.milestones ?? []).forEach((milestone, index) => {
      if (!(HALF_TERMS as readonly string[]).includes(milestone.period)) {
        problems.push({
          field: `milestones[${index}].period`,
          value: String(milestone.period).slice(0, 20),
          message: `milestones[${index}].period: "${String(milestone.period).slice(0, 20)}" is not a half term; use ${HALF_TERMS.join(", ")}`,
        });
      } else if (indicator && !metricIssue) {
        const issue = valueProblem(indicator, `milestones[${index}].value`, milestone.value);
        if (issue) problems.push(issue);
        milestones[milestone.period as HalfTerm] = milestone.value;
      }
    });
    if (
      input.tolerance !== undefined &&
      input.tolerance !== null &&
      !(input.tolerance >= 0 && Number.isFinite(input.tolerance))
    ) {
      problems.push({ field: "tolerance", message: "tolerance: must be 0 or more" });
    }
    if (problems.length > 0) throw badInput(problems);
    const academy = await this.academies.get(viewer, input.urn);
    const saved = await this.prisma.$transaction(async (tx) => {
      const existing = await tx.target.findUnique({
        where: {
          academyId_year_metric: { academyId: academy.id, year: input.year, metric: input.metric },
        },
      });
      const data = {
        baseline: input.baseline,
        target: input.target,
        milestones: JSON.stringify(milestones),
        tolerance: input.tolerance ?? null,
        updatedBy: viewer.userId,
      };
      if (!existing) {
        const row = await tx.target.create({
          data: {
            ...data,
            trustId: viewer.trustId,
            academyId: academy.id,
            year: input.year,
            metric: input.metric,
            status: "draft",
          },
        });
        await this.audit.record(tx, viewer, "target.create", "Target", row.id, null, row);
        return row;
      }
      if (input.expectedVersion === undefined || input.expectedVersion === null) {
        throw badInput([
          {
            field: "expectedVersion",
            message: `expectedVersion: this target exists (version ${existing.version}); pass the version you are changing`,
          },
        ]);
      }
      const locked = existing.status === "agreed" || existing.status === "reviewed";
      if (
        locked &&
        !roleHas(viewer.role, "reviewTargets") &&
        !roleHas(viewer.role, "recordEvidence")
      ) {
        throw forbidden(`This target is ${existing.status}; only the trust can change it now.`);
      }
      const reason = input.reason?.trim() ?? "";
      if (existing.status === "agreed" && reason.length === 0) {
        throw badInput([
          {
            field: "reason",
            message: "reason: this target is agreed and locked; changing it needs a reason",
          },
        ]);
      }
      const updated = await tx.target.updateMany({
        where: { id: existing.id, version: input.expectedVersion },
        data: { ...data, version: { increment: 1 } },
      });
      if (updated.count === 0) {
        throw conflict(
          `The ${input.metric} target for ${input.urn} was changed by someone else (now version ${existing.version}, you had ${input.expectedVersion}); reload and try again`,
        );
      }
      await tx.targetVersion.create({
        data: {
          targetId: existing.id,
          version: existing.version,
          snapshot: JSON.stringify(existing),
          reason: reason || null,
          changedBy: viewer.userId,
        },
      });
      const row = await tx.target.findUniqueOrThrow({ where: { id: existing.id } });
      await this.audit.record(tx, viewer, "target.update", "Target", row.id, existing, row);
      return row;
    });
    await this.publishTarget(viewer, input.urn, input.year, input.metric);
    return saved;
  }

  /** Moves a target through draft, proposed, reviewed and agreed. */
  async setStatus(
    viewer: Viewer,
    input: { id: string; status: string; expectedVersion: number; reason?: string | null },
  ): Promise<TargetRow> {
    if (!(TARGET_STATUSES as readonly string[]).includes(input.status)) {
      throw badInput([
        {
          field: "status",
          value: input.status.slice(0, 20),
          message: `status: "${input.status.slice(0, 20)}" is not a status; use ${TARGET_STATUSES.join(", ")}`,
        },
      ]);
    }
    const existing = await this.prisma.target.findFirst({
      where: { id: input.id, trustId: viewer.trustId },
      include: { academy: true },
    });
    if (!existing || !canSeeAcademy(viewer, existing.academy.urn))
      throw notFound("No such target in your trust");
    const status = input.status as TargetStatus;
    const trustDecision =
      status === "reviewed" ||
      status === "agreed" ||
      existing.status === "agreed" ||
      existing.status === "reviewed";
    if (trustDecision && !roleHas(viewer.role, "reviewTargets"))
      throw forbidden("Only a leader or trust admin reviews and agrees targets.");
    if (existing.status === "agreed" && status !== "agreed" && !(input.reason ?? "").trim()) {
      throw badInput([
        { field: "reason", message: "reason: reopening an agreed target needs a reason" },
      ]);
    }
    const saved = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.target.updateMany({
        where: { id: existing.id, version: input.expectedVersion },
        data: { status, version: { increment: 1 }, updatedBy: viewer.userId },
      });
      if (updated.count === 0)
        throw conflict(
          `The target was changed by someone else (now version ${existing.version}, you had ${input.expectedVersion}); reload and try again`,
        );
      const { academy: _academy, ...before } = existing;
      await tx.targetVersion.create({
        data: {
          targetId: existing.id,
          version: existing.version,
          snapshot: JSON.stringify(before),
          reason: input.reason?.trim() || null,
          changedBy: viewer.userId,
        },
      });
      const row = await tx.target.findUniqueOrThrow({ where: { id: existing.id } });
      await this.audit.record(tx, viewer, `target.${status}`, "Target", row.id, before, row);
      return row;
    });
    await this.publishTarget(viewer, existing.academy.urn, existing.year, existing.metric);
    return saved;
  }

  async versions(viewer: Viewer, targetId: string) {
    const academy = viewer.academyUrns ? { academy: { urn: { in: [...viewer.academyUrns] } } } : {};
    return this.prisma.targetVersion.findMany({
      where: { targetId, target: { trustId: viewer.trustId, ...academy } },
      orderBy: { version: "desc" },
    });
  }

  async recordMeasurement(
    viewer: Viewer,
    input: MeasurementInput,
  ): Promise<{ measurement: MeasurementRow; academy: AcademyRow }> {
    const problems: Problem[] = [];
    const yearIssue = yearProblem("year", input.year);
    if (yearIssue) problems.push(yearIssue);
    const metricIssue = metricProblem(input.metric);
    if (metricIssue) problems.push(metricIssue);
    if (!isPeriod(input.period)) {
      problems.push({
        field: "period",
        value: String(input.period).slice(0, 20),
        accepts: PERIODS.join(", "),
        message: `period: "${String(input.period).slice(0, 20)}" is not a period; use a half term (autumn1 ... summer2), a term (autumn, spring, summer) or year`,
      });
    }
    const indicator = indicatorByKey(input.metric);
    if (indicator && !metricIssue) {
      const issue = valueProblem(indicator, "value", input.value);
      if (issue) problems.push(issue);
    }
    if ((input.source ?? "").length > 200)
      problems.push({ field: "source", message: "source: at most 200 characters" });
    if (problems.length > 0) throw badInput(problems);
    const academy = await this.academies.get(viewer, input.urn);
    const measurement = await this.prisma.$transaction(async (tx) => {
      const row = await tx.measurement.create({
        data: {
          trustId: viewer.trustId,
          academyId: academy.id,
          year: input.year,
          metric: input.metric,
          period: input.period,
          value: input.value,
          provisional: input.provisional ?? false,
          source: input.source ?? "",
          enteredBy: viewer.userId,
        },
      });
      await this.audit.record(tx, viewer, "measurement.create", "Measurement", row.id, null, row);
      return row;
    });
    // Published after the commit, carrying the new progress, not just an id.
    this.events.publish({
      kind: "progressChanged",
      trustId: viewer.trustId,
      urn: academy.urn,
      year: input.year,
      metric: input.metric,
      at: measurement.createdAt.toISOString(),
      measurement: eventJson(measurement),
      target: await this.snapshot(viewer, academy.urn, input.metric, input.year),
    });
    return { measurement, academy };
  }

  /** The target with its progress as plain JSON for an event; null when there is none. */
  async snapshot(
    viewer: Viewer,
    urn: string,
    metric: string,
    year: string,
  ): Promise<Record<string, unknown> | null> {
    const found = await this.target(viewer, urn, metric, year).catch(() => null);
    return found ? eventJson(found) : null;
  }

  private async publishTarget(
    viewer: Viewer,
    urn: string,
    year: string,
    metric: string,
  ): Promise<void> {
    this.events.publish({
      kind: "targetChanged",
      trustId: viewer.trustId,
      urn,
      year,
      metric,
      at: new Date().toISOString(),
      target: await this.snapshot(viewer, urn, metric, year),
    });
  }

  /** Measurements recorded since a time (for a client catching up after a disconnection), oldest first. */
  async measurementsSince(
    viewer: Viewer,
    since: Date,
    filter: { urn: string | null; metric: string | null },
  ) {
    return this.prisma.measurement.findMany({
      where: {
        trustId: viewer.trustId,
        createdAt: { gt: since },
        ...(filter.metric ? { metric: filter.metric } : {}),
        academy: filter.urn
          ? { urn: filter.urn }
          : viewer.academyUrns
            ? { urn: { in: [...viewer.academyUrns] } }
            : {},
      },
      include: { academy: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 1000,
    });
  }
}

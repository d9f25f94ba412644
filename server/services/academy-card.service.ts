// Academy cards: targets per academy, year and metric, signed off in order
// (DOMAIN.md "Academy card") with every version kept, measurements through the
// year, and progress against each target.
import {
  afterEdit,
  badInput,
  benchmarkWords,
  conflict,
  directChangeProblems,
  DomainError,
  forbidden,
  HALF_TERMS,
  hasNationalPosition,
  indicatorByKey,
  isPeriod,
  accumulationOf,
  notFound,
  PERIODS,
  precisionOf,
  progress,
  readMetricValue,
  takeStep,
  type BenchmarkLookup,
  type HalfTerm,
  type Indicator,
  type Period,
  type Phase,
  type Progress,
  type SignOffState,
  type StepOutcome,
} from "../domain/index.js";
import { newId, Prisma, type Db } from "../db/index.js";
import { canSeeAcademy, type Viewer } from "../auth/viewer.js";
import type { AuditService } from "./audit.service.js";
import { ownAcademyRows, type AcademyRow, type AcademyService } from "./academy.service.js";
import { pageOf, rowsToRead, type Page, type PageWindow } from "./page.js";
import type { EventBus, LiveEvent, MeasurementPayload } from "../live/events/index.js";
import { groupBy } from "./group-by.js";
import { keepLatest } from "./latest-measurement.js";
import type { NationalBenchmarkService } from "./national-benchmark.service.js";
import {
  yearProblem,
  type Problem,
  type SignOffBody,
  type SignOffStep,
  type TargetAction,
  type TargetStatus,
  ErrorCode,
} from "../shared/index.js";

const MEASURABLE = new Set(["number", "percent", "points", "rate", "count", "grade"]);

export interface TargetRow {
  readonly id: string;
  readonly academyId: string;
  readonly year: string;
  readonly metric: string;
  readonly baseline: number;
  readonly target: number;
  /** Half term -> milestone value (a Json column). */
  readonly milestones: unknown;
  readonly tolerance: number | null;
  readonly status: TargetStatus;
  readonly pendingStatus: TargetStatus | null;
  readonly pendingBaseline: number | null;
  readonly pendingTarget: number | null;
  /** Half term -> milestone value, as the pending change has them (a Json column). */
  readonly pendingMilestones: unknown;
  readonly pendingTolerance: number | null;
  readonly pendingReason: string | null;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
  readonly createdAt: Date;
}

/** One kept version of a target (a change or a sign-off step). */
export interface TargetVersionRow {
  readonly id: string;
  readonly targetId: string;
  readonly version: number;
  readonly action: TargetAction;
  readonly status: TargetStatus;
  readonly change: boolean;
  readonly baseline: number;
  readonly target: number;
  /** Half term -> milestone value (a Json column). */
  readonly milestones: unknown;
  readonly tolerance: number | null;
  readonly bodyKind: SignOffBody | null;
  readonly body: string | null;
  readonly meetingOn: string | null;
  readonly reason: string | null;
  readonly changedBy: string;
  readonly changedByName: string;
  readonly changedAt: Date;
}

/** A measurement as recorded: the same shape a progressChanged event carries it in. */
export type MeasurementRow = MeasurementPayload;

/** Progress, with which national figure it was compared with. */
export interface TargetProgress extends Progress {
  /**
   * The national figure's phase, year and source: "secondary, 2023/24" (built
   * in) or "all schools, 2024/25, from ks2_school_attainment_data.csv"
   * (loaded); null when there is no national comparison.
   */
  readonly nationalFigure: string | null;
}

export interface TargetWithProgress {
  readonly target: TargetRow;
  readonly progress: TargetProgress;
  readonly measurements: MeasurementRow[];
  /** Every version, newest first (the sign-off steps are read from them). */
  readonly versions: TargetVersionRow[];
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
  readonly period: Period;
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

/** The values of a target as given, read by the metric's rules (percent: 0.185 is 18.5). */
export interface TargetValues {
  readonly baseline: number;
  readonly target: number;
  readonly milestones: Partial<Record<HalfTerm, number>>;
  readonly tolerance: number | null;
}

export interface TargetValuesInput {
  readonly baseline: number;
  readonly target: number;
  readonly milestones?:
    readonly { readonly period: string; readonly value: number }[] | null | undefined;
  readonly tolerance?: number | null | undefined;
}

function readTargetValues(
  indicator: Indicator,
  input: TargetValuesInput,
  problems: Problem[],
): TargetValues {
  const read = (field: string, value: number): number => {
    const reading = readMetricValue(indicator, field, value);
    if (!reading.ok) {
      problems.push(reading.problem);
      return Number.NaN;
    }
    return reading.value;
  };
  const baseline = read("baseline", input.baseline);
  const target = read("target", input.target);
  const milestones: Partial<Record<HalfTerm, number>> = {};
  (input.milestones ?? []).forEach((milestone, index) => {
    if (!(HALF_TERMS as readonly string[]).includes(milestone.period)) {
      problems.push({
        field: `milestones[${index}].period`,
        value: String(milestone.period).slice(0, 20),
        accepts: HALF_TERMS.join(", "),
        message: `milestones[${index}].period: "${String(milestone.period).slice(0, 20)}" is not a half term; use ${HALF_TERMS.join(", ")}`,
      });
      return;
    }
    milestones[milestone.period as HalfTerm] = read(`milestones[${index}].value`, milestone.value);
  });
  const tolerance = input.tolerance ?? null;
  if (tolerance !== null && !(tolerance >= 0 && Number.isFinite(tolerance))) {
    problems.push({
      field: "tolerance",
      value: String(tolerance),
      message: "tolerance: must be 0 or more, in the metric's unit",
    });
  }
  return { baseline, target, milestones, tolerance };
}

/**
 * Progress of one target from its measurements, against the national figure
 * for the academy's phase (like with like) that the trust's `national` lookup
 * gives: a figure it loaded from a DfE file, else the built-in one.
 */
export function targetProgress(
  target: Pick<TargetRow, "metric" | "year" | "baseline" | "target" | "milestones" | "tolerance">,
  phase: string,
  measurements: readonly Pick<MeasurementRow, "period" | "value" | "provisional" | "createdAt">[],
  national: BenchmarkLookup,
): TargetProgress {
  const indicator = indicatorByKey(target.metric);
  const milestones = target.milestones as Partial<Record<HalfTerm, number>>;
  const benchmark =
    indicator && hasNationalPosition(indicator)
      ? national(target.metric, phase as Phase, target.year)
      : null;
  const result = progress(
    {
      direction: indicator?.direction ?? "higher",
      baseline: target.baseline,
      target: target.target,
      milestones,
      tolerance: target.tolerance,
      accumulation: accumulationOf(target.metric),
      precision: indicator ? precisionOf(indicator) : 2,
    },
    measurements.map((measurement) => ({
      period: measurement.period as Period,
      value: measurement.value,
      provisional: measurement.provisional,
      enteredAt: measurement.createdAt,
    })),
    benchmark?.value ?? null,
  );
  return { ...result, nationalFigure: benchmark ? benchmarkWords(benchmark) : null };
}

/** Today's date (UTC, ISO): a board's meeting cannot be after it. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function signOffState(row: Pick<TargetRow, "status" | "pendingStatus">): SignOffState {
  return {
    status: row.status as TargetStatus,
    pending: (row.pendingStatus ?? null) as SignOffState["pending"],
  };
}

function refusal(outcome: Extract<StepOutcome, { ok: false }>): DomainError {
  return outcome.kind === ErrorCode.FORBIDDEN
    ? forbidden(outcome.problem.message)
    : badInput([outcome.problem]);
}

/** The order measurements were entered in (time, then id): the order the card reads them. */
function enteredOrder(a: MeasurementRow, b: MeasurementRow): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * What a read of cards leaves out when no one will be shown it: the year's
 * measurements (progress then reads the latest of each metric, kept on write)
 * and the targets' versions (the sign-off trail). Left out, they read as none.
 */
export interface CardRead {
  readonly measurements: boolean;
  readonly versions: boolean;
}

/** Most cards in one `academyCards` request (each URN is a bound parameter). */
export const MAX_CARDS = 500;

export class AcademyCardService {
  constructor(
    private readonly prisma: Db,
    private readonly academies: AcademyService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly nationals: NationalBenchmarkService,
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
    read: CardRead = { measurements: true, versions: true },
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
    const where = { trustId: viewer.trustId, year, academyId: { in: ids } };
    const [targets, measurements, versions, national] = await Promise.all([
      this.prisma.target.findMany({ where, orderBy: { metric: "asc" } }),
      read.measurements
        ? // Ordered here, not by the database: an ORDER BY on createdAt draws SQLite to the
          // (trustId, createdAt) index and every year of the trust, instead of the academies' own rows.
          this.prisma.measurement.findMany({ where }).then((rows) => rows.sort(enteredOrder))
        : // Progress needs only the latest, kept on write (latest-measurement.ts).
          this.prisma.latestMeasurement
            .findMany({ where })
            .then((rows) => rows.map((row) => ({ ...row, createdAt: row.enteredAt }))),
      read.versions
        ? this.prisma.targetVersion.findMany({
            where: { parent: where },
            orderBy: [{ targetId: "asc" }, { version: "desc" }],
          })
        : [],
      this.nationals.lookup(viewer.trustId),
    ]);
    const versionsOf = groupBy(versions, (version) => version.targetId);
    const byUrn = new Map(academies.map((academy) => [academy.urn, academy]));
    const targetsOf = groupBy(targets, (target) => target.academyId);
    // The year's measurements, or only the latest of each metric.
    const measurementsOf = groupBy<
      Pick<
        MeasurementRow,
        "academyId" | "metric" | "period" | "value" | "provisional" | "createdAt"
      >
    >(measurements, (measurement) => `${measurement.academyId}|${measurement.metric}`);
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
            progress: targetProgress(target, academy.phase, own, national),
            measurements: read.measurements ? (own as MeasurementRow[]) : [],
            versions: versionsOf.get(target.id) ?? [],
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
    // A metric that is no measurable indicator is a bad argument, not a
    // missing target: say so, as setTarget does, before looking anything up.
    const metricIssue = metricProblem(metric);
    if (metricIssue) throw badInput([metricIssue]);
    const card = await this.card(viewer, urn, year);
    const found = card.targets.find((entry) => entry.target.metric === metric);
    if (!found) throw notFound(`Academy ${urn} has no ${metric} target for ${year}`);
    return found;
  }

  /**
   * Creates a target (a draft), or edits one with the version last seen: a
   * draft stays a draft, a proposed or reviewed target goes back to draft, and
   * an agreed target keeps its agreed values while the new ones wait as a
   * pending change (with a reason) for proposal, review and agreement.
   */
  async setTarget(viewer: Viewer, input: TargetInput): Promise<TargetRow> {
    const problems: Problem[] = [];
    const yearIssue = yearProblem("year", input.year);
    if (yearIssue) problems.push(yearIssue);
    const metricIssue = metricProblem(input.metric);
    if (metricIssue) problems.push(metricIssue);
    const indicator = indicatorByKey(input.metric);
    const values = indicator && !metricIssue ? readTargetValues(indicator, input, problems) : null;
    if ((input.reason ?? "").length > 500)
      problems.push({ field: "reason", message: "reason: at most 500 characters" });
    if (problems.length > 0 || values === null) throw badInput(problems);
    const academy = await this.academies.get(viewer, input.urn);
    const saved = await this.events.transaction(async (tx) => {
      this.events.emit(tx, targetChanged(viewer, input.urn, input.year, input.metric));
      const existing = await tx.target.findUnique({
        where: {
          academyId_year_metric: { academyId: academy.id, year: input.year, metric: input.metric },
        },
      });
      const milestones = values.milestones;
      const version = (
        row: TargetRow,
        action: TargetAction,
        change: boolean,
        reason: string | null,
      ) =>
        tx.targetVersion.create({
          data: {
            targetId: row.id,
            version: row.version,
            action,
            status: change ? (row.pendingStatus ?? "draft") : row.status,
            change,
            baseline: values.baseline,
            target: values.target,
            milestones,
            tolerance: values.tolerance,
            reason,
            changedBy: viewer.userId,
            changedByName: viewer.name,
          },
        });
      if (!existing) {
        const row = await tx.target.create({
          data: {
            trustId: viewer.trustId,
            academyId: academy.id,
            year: input.year,
            metric: input.metric,
            baseline: values.baseline,
            target: values.target,
            milestones,
            tolerance: values.tolerance,
            status: "draft",
            updatedBy: viewer.userId,
          },
        });
        await version(row, "created", false, null);
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
      const next = afterEdit(signOffState(existing));
      const reason = input.reason?.trim() || null;
      if (next.change && reason === null) {
        throw badInput([
          {
            field: "reason",
            message:
              "reason: this target is agreed; a change to it needs a reason, and goes to the local governing board and the trust board before it replaces the agreed value",
          },
        ]);
      }
      const data = next.change
        ? {
            pendingStatus: "draft" as const,
            pendingBaseline: values.baseline,
            pendingTarget: values.target,
            pendingMilestones: milestones,
            pendingTolerance: values.tolerance,
            pendingReason: reason,
          }
        : {
            status: next.status,
            baseline: values.baseline,
            target: values.target,
            milestones,
            tolerance: values.tolerance,
          };
      const updated = await tx.target.updateMany({
        where: { id: existing.id, version: input.expectedVersion },
        data: { ...data, updatedBy: viewer.userId, version: { increment: 1 } },
      });
      if (updated.count === 0) {
        throw conflict(
          `The ${input.metric} target for ${input.urn} was changed by someone else (now version ${existing.version}, you had ${input.expectedVersion}); reload and try again`,
        );
      }
      const row = await tx.target.findUniqueOrThrow({ where: { id: existing.id } });
      await version(row, "edited", next.change, reason);
      await this.audit.record(tx, viewer, "target.update", "Target", row.id, existing, row);
      return row;
    });
    return saved;
  }

  /** The target with its academy, if the viewer may see it; NOT_FOUND otherwise (another academy's target is never revealed). */
  private async visibleTarget(viewer: Viewer, id: string) {
    const existing = await this.prisma.target.findFirst({
      where: { id, trustId: viewer.trustId },
      include: { academy: true },
    });
    if (!existing || !canSeeAcademy(viewer, existing.academy.urn))
      throw notFound("No such target in your trust (or not one of your academies)");
    return existing;
  }

  /**
   * One sign-off step: propose (the academy or the trust), review (the local
   * governing board) or agree (the trust board), on the target or on its
   * pending change. A step out of order is refused, naming what must come first.
   */
  async signOff(
    viewer: Viewer,
    input: {
      id: string;
      step: SignOffStep;
      expectedVersion: number;
      meetingOn?: string | null;
      body?: string | null;
    },
  ): Promise<TargetRow> {
    const existing = await this.visibleTarget(viewer, input.id);
    const outcome = takeStep(signOffState(existing), {
      step: input.step,
      role: viewer.role,
      meetingOn: input.meetingOn,
      bodyName: input.body,
      today: today(),
    });
    if (!outcome.ok) throw refusal(outcome);
    const saved = await this.events.transaction(async (tx) => {
      this.events.emit(
        tx,
        targetChanged(viewer, existing.academy.urn, existing.year, existing.metric),
      );
      const applied = outcome.applyChange
        ? {
            baseline: existing.pendingBaseline ?? existing.baseline,
            target: existing.pendingTarget ?? existing.target,
            milestones: (existing.pendingMilestones ??
              existing.milestones) as Prisma.InputJsonValue,
            tolerance: existing.pendingTolerance,
          }
        : {};
      const updated = await tx.target.updateMany({
        where: { id: existing.id, version: input.expectedVersion },
        data: {
          ...applied,
          status: outcome.state.status,
          pendingStatus: outcome.state.pending,
          ...(outcome.applyChange
            ? {
                pendingBaseline: null,
                pendingTarget: null,
                pendingMilestones: Prisma.DbNull,
                pendingTolerance: null,
                pendingReason: null,
              }
            : {}),
          updatedBy: viewer.userId,
          version: { increment: 1 },
        },
      });
      if (updated.count === 0) {
        throw conflict(
          `The ${existing.metric} target for ${existing.academy.urn} was changed by someone else (now version ${existing.version}, you had ${input.expectedVersion}); reload and try again`,
        );
      }
      const row = await tx.target.findUniqueOrThrow({ where: { id: existing.id } });
      const values = outcome.change
        ? {
            baseline: existing.pendingBaseline ?? existing.baseline,
            target: existing.pendingTarget ?? existing.target,
            milestones: (existing.pendingMilestones ??
              existing.milestones) as Prisma.InputJsonValue,
            tolerance: existing.pendingTolerance,
          }
        : {
            baseline: row.baseline,
            target: row.target,
            milestones: row.milestones as Prisma.InputJsonValue,
            tolerance: row.tolerance,
          };
      await tx.targetVersion.create({
        data: {
          targetId: row.id,
          version: row.version,
          action: outcome.reached,
          status: outcome.reached,
          change: outcome.change,
          ...values,
          bodyKind: outcome.body,
          body: outcome.bodyName,
          meetingOn: outcome.meetingOn,
          reason: outcome.change ? existing.pendingReason : null,
          changedBy: viewer.userId,
          changedByName: viewer.name,
        },
      });
      const { academy: _academy, ...before } = existing;
      await this.audit.record(tx, viewer, `target.${input.step}`, "Target", row.id, before, row);
      return row;
    });
    return saved;
  }

  /**
   * An exceptional change to an agreed target recorded directly for the trust
   * board (a leader or trust admin), with the reason and the meeting's date;
   * marked as such in the history. Any pending change is set aside.
   */
  async changeAgreed(
    viewer: Viewer,
    input: TargetValuesInput & {
      id: string;
      expectedVersion: number;
      reason: string;
      meetingOn: string;
      body?: string | null;
    },
  ): Promise<TargetRow> {
    const existing = await this.visibleTarget(viewer, input.id);
    const refused = directChangeProblems(
      signOffState(existing),
      viewer.role,
      input.reason,
      input.meetingOn,
      today(),
    );
    if (refused && !refused.ok) throw refusal(refused);
    const indicator = indicatorByKey(existing.metric)!;
    const problems: Problem[] = [];
    const values = readTargetValues(indicator, input, problems);
    const bodyName = input.body?.trim() || "Trust Board";
    if (bodyName.length > 60)
      problems.push({ field: "body", message: "body: at most 60 characters" });
    if (problems.length > 0) throw badInput(problems);
    const milestones = values.milestones;
    const saved = await this.events.transaction(async (tx) => {
      this.events.emit(
        tx,
        targetChanged(viewer, existing.academy.urn, existing.year, existing.metric),
      );
      const updated = await tx.target.updateMany({
        where: { id: existing.id, version: input.expectedVersion },
        data: {
          baseline: values.baseline,
          target: values.target,
          milestones,
          tolerance: values.tolerance,
          pendingStatus: null,
          pendingBaseline: null,
          pendingTarget: null,
          pendingMilestones: Prisma.DbNull,
          pendingTolerance: null,
          pendingReason: null,
          updatedBy: viewer.userId,
          version: { increment: 1 },
        },
      });
      if (updated.count === 0) {
        throw conflict(
          `The ${existing.metric} target for ${existing.academy.urn} was changed by someone else (now version ${existing.version}, you had ${input.expectedVersion}); reload and try again`,
        );
      }
      const row = await tx.target.findUniqueOrThrow({ where: { id: existing.id } });
      await tx.targetVersion.create({
        data: {
          targetId: row.id,
          version: row.version,
          action: "directChange",
          status: "agreed",
          change: false,
          baseline: values.baseline,
          target: values.target,
          milestones,
          tolerance: values.tolerance,
          bodyKind: "trustBoard",
          body: bodyName,
          meetingOn: input.meetingOn,
          reason: input.reason.trim(),
          changedBy: viewer.userId,
          changedByName: viewer.name,
        },
      });
      const { academy: _academy, ...before } = existing;
      await this.audit.record(tx, viewer, "target.directChange", "Target", row.id, before, row);
      return row;
    });
    return saved;
  }

  /** A page of a target's versions, newest first, with how many it has (NOT_FOUND for a target the viewer may not see). */
  async history(
    viewer: Viewer,
    targetId: string,
    window: PageWindow<number>,
  ): Promise<{ page: Page<TargetVersionRow>; count: () => Promise<number> }> {
    await this.visibleTarget(viewer, targetId);
    const forward = window.take === "first";
    const rows = await this.prisma.targetVersion.findMany({
      where: {
        targetId,
        AND: [
          ...(window.after !== null ? [{ version: { lt: window.after } }] : []),
          ...(window.before !== null ? [{ version: { gt: window.before } }] : []),
        ],
      },
      orderBy: { version: forward ? "desc" : "asc" },
      take: rowsToRead(window),
    });
    return {
      page: pageOf(window, rows),
      count: () => this.prisma.targetVersion.count({ where: { targetId } }),
    };
  }

  /**
   * Targets by id, of academies the viewer may see, each with its progress
   * and the URN of its academy: one academy-card read per year asked.
   */
  async targetsByIds(
    viewer: Viewer,
    ids: readonly string[],
  ): Promise<Map<string, { urn: string; entry: TargetWithProgress }>> {
    const rows = await this.prisma.target.findMany({
      where: { id: { in: [...ids] }, ...ownAcademyRows(viewer) },
      select: { id: true, year: true, academy: { select: { urn: true } } },
    });
    const found = new Map<string, { urn: string; entry: TargetWithProgress }>();
    for (const [year, targets] of groupBy(rows, (row) => row.year)) {
      const cards = await this.cards(
        viewer,
        targets.map((row) => row.academy.urn),
        year,
      );
      for (const card of cards)
        for (const entry of card?.targets ?? [])
          if (targets.some((row) => row.id === entry.target.id))
            found.set(entry.target.id, { urn: card!.academy.urn, entry });
    }
    return found;
  }

  /** Measurements by id, of academies the viewer may see. */
  async measurementsByIds(viewer: Viewer, ids: readonly string[]): Promise<MeasurementRow[]> {
    return this.prisma.measurement.findMany({
      where: { id: { in: [...ids] }, ...ownAcademyRows(viewer) },
    });
  }

  async recordMeasurement(viewer: Viewer, input: MeasurementInput): Promise<MeasurementRow> {
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
    let value = input.value;
    if (indicator && !metricIssue) {
      // Read by the same rule as a cell of evidence: for a percent metric 0.185 is 18.5%.
      const reading = readMetricValue(indicator, "value", input.value);
      if (reading.ok) value = reading.value;
      else problems.push(reading.problem);
    }
    if ((input.source ?? "").length > 200)
      problems.push({ field: "source", message: "source: at most 200 characters" });
    if (problems.length > 0) throw badInput(problems);
    const academyId = await this.academies.idOf(viewer, input.urn);
    return this.events.transaction(async (tx) => {
      const row = {
        id: newId(),
        trustId: viewer.trustId,
        academyId,
        year: input.year,
        metric: input.metric,
        period: input.period,
        value,
        provisional: input.provisional ?? false,
        source: input.source ?? "",
        enteredBy: viewer.userId,
        createdAt: new Date(),
      };
      // Raw SQL (the same text on both stores), like the audit entry and the
      // outbox: a recording is the hot write, and Prisma compiles every model
      // query anew (docs/live-progress.md, "Throughput").
      await tx.$executeRaw`
        INSERT INTO "Measurement" ("id", "trustId", "academyId", "year", "metric", "period", "value", "provisional", "source", "enteredBy", "createdAt")
        VALUES (${row.id}, ${row.trustId}, ${row.academyId}, ${row.year}, ${row.metric}, ${row.period}, ${row.value}, ${row.provisional}, ${row.source}, ${row.enteredBy}, ${row.createdAt})`;
      await keepLatest(tx, [row]);
      await this.audit.record(tx, viewer, "measurement.create", "Measurement", row.id, null, row);
      this.events.emit(tx, {
        kind: "progressChanged",
        trustId: viewer.trustId,
        urn: input.urn,
        data: { year: input.year, metric: input.metric, measurement: row },
      });
      return row;
    });
  }

  /**
   * The academy's card for a year as of a live event, shared by every
   * subscriber who shows it: read once, then brought forward along the
   * trust's events in commit order by the measurements recorded for it, and
   * read again after any other change to the academy (EventBus.sharedValue).
   */
  liveCard(viewer: Viewer, event: LiveEvent, year: string): Promise<AcademyCardData> {
    const { urn } = event;
    return this.events
      .sharedValue(event.trustId, `card|${urn}|${year}`, event.seq, {
        read: async () => {
          const [card, national] = await Promise.all([
            this.card(viewer, urn, year),
            this.nationals.lookup(viewer.trustId),
          ]);
          return { card, national };
        },
        apply: (live, later) => {
          if (later.urn !== urn) return live;
          if (later.kind !== "progressChanged") return null;
          if (later.data.year !== year) return live;
          return {
            ...live,
            card: withMeasurement(live.card, later.data.measurement, live.national),
          };
        },
      })
      .then((live) => live.card);
  }
}

/**
 * The card with one more measurement, in the order the card reads them
 * (recorded time, then id), and its target's progress worked out again; the
 * same card when the measurement is on it already or no target shows it.
 */
export function withMeasurement(
  card: AcademyCardData,
  measurement: MeasurementRow,
  national: BenchmarkLookup,
): AcademyCardData {
  const index = card.targets.findIndex((entry) => entry.target.metric === measurement.metric);
  const entry = card.targets[index];
  if (!entry || entry.measurements.some((known) => known.id === measurement.id)) return card;
  const after = (known: MeasurementRow) =>
    known.createdAt.getTime() > measurement.createdAt.getTime() ||
    (known.createdAt.getTime() === measurement.createdAt.getTime() && known.id > measurement.id);
  const at = entry.measurements.findIndex(after);
  const measurements = entry.measurements.slice();
  measurements.splice(at < 0 ? measurements.length : at, 0, measurement);
  const targets = card.targets.slice();
  targets[index] = {
    ...entry,
    measurements,
    progress: targetProgress(entry.target, card.academy.phase, measurements, national),
  };
  return { ...card, targets };
}

/** The event a target change emits: subscribers read the target with its progress when they show it. */
function targetChanged(viewer: Viewer, urn: string, year: string, metric: string) {
  return { kind: "targetChanged", trustId: viewer.trustId, urn, data: { year, metric } } as const;
}

// Translates service rows and engine results into GraphQL objects. No rules
// here: only shape.
import type {
  CompiledFramework,
  CountingStatus,
  Coverage,
  Designation,
  EvidenceEntry,
  HalfTerm,
  Level,
  MatrixDesignations,
  Period,
  Reason,
  Term,
} from "../domain/index.js";
import { formatValue, indicatorByKey, signOffTrail } from "../domain/index.js";
import { statusTextOf } from "../services/designation-line.js";
import { wireProblem } from "./errors.js";
import type {
  DecisionRow,
  EvidenceRow,
  StoredDesignationRow,
  YearDesignation,
} from "../services/designation.service.js";
import {
  DesignationCycle,
  DesignationEventKind,
  DesignationStatus,
  DurationUnit,
  type DesignationDecisionType,
  type DesignationThatCountsType,
} from "./types/designation-that-counts.type.js";
import type {
  MeasurementRow,
  TargetVersionRow,
  TargetWithProgress,
} from "../services/academy-card.service.js";
import type { FrameworkType, LevelType } from "./types/framework.type.js";
import type { UserRow } from "../services/administration.service.js";
import type { UserType } from "./types/administration.type.js";
import type { ColumnMapEntryRow } from "../services/column-map.service.js";
import type { ColumnMapEntryType } from "./types/column-map.type.js";
import {
  CoverageStatus,
  type CoverageType,
  type DesignationType,
  type ProblemType,
} from "./types/designation.type.js";
import type { RowDesignationsType } from "./types/row-designations.type.js";
import type { EvidenceRecordType, StoredDesignationType } from "./types/stored-designation.type.js";
import type {
  MeasurementType,
  MilestoneType,
  TargetSignOffType,
  TargetType,
  TargetVersionType,
} from "./types/academy-card.type.js";
import { type Problem, type SignOffStep, type TargetStatus } from "../shared/index.js";

export function toLevel(level: Level): LevelType {
  return { key: level.key, label: level.label, rank: level.rank, risk: level.risk };
}

export function toFramework(framework: CompiledFramework, preset: boolean): FrameworkType {
  return {
    key: framework.key,
    name: framework.name,
    description: framework.description,
    seed: framework.seed,
    preset,
    levels: framework.levels.map(toLevel),
    definition: { ...framework.definition },
    aliases: Object.entries(framework.definition.aliases).map(([header, indicator]) => ({
      header,
      indicator,
    })),
  };
}

export function toProblem(problem: Problem): ProblemType {
  return wireProblem(problem);
}

export function toDesignation(designation: Designation): DesignationType {
  return {
    framework: designation.framework,
    level: designation.level ? toLevel(designation.level) : null,
    insufficientEvidence: designation.insufficientEvidence,
    inspectionBand: designation.inspectionBand,
    categoryOfConcern: designation.categoryOfConcern,
    reasons: designation.reasons.map((reason) => ({ ...reason })),
    support: designation.support.map((entry) => ({ ...entry })),
    problems: [],
    status: designation.coverage.provisional ? CoverageStatus.PROVISIONAL : CoverageStatus.COMPLETE,
    coverage: toCoverage(designation.coverage),
  };
}

function toCoverage(coverage: Coverage): CoverageType {
  return {
    used: [...coverage.used],
    missing: coverage.missing.map((missing) => ({ ...missing })),
    unreadable: coverage.unreadable.map((unreadable) => ({ ...unreadable })),
    provisional: coverage.provisional,
  };
}

const NO_COVERAGE: CoverageType = { used: [], missing: [], unreadable: [], provisional: false };

/** designateRows' flat answer: a list per figure, one entry per row; explanations when asked. */
export function toRowDesignations(
  framework: CompiledFramework,
  designated: MatrixDesignations,
  explain: boolean,
): RowDesignationsType {
  const count = designated.rows.length;
  const levelKeys: (string | null)[] = new Array(count);
  const provisional: boolean[] = new Array(count);
  const insufficientEvidence: boolean[] = new Array(count);
  const problems: ProblemType[] = [];
  designated.rows.forEach((outcome, row) => {
    const designation = outcome.designation;
    levelKeys[row] = designation?.level?.key ?? null;
    provisional[row] = designation?.coverage.provisional ?? false;
    insufficientEvidence[row] = designation?.insufficientEvidence ?? false;
    if (outcome.problems) for (const problem of outcome.problems) problems.push(toProblem(problem));
  });
  return {
    framework: framework.key,
    levels: framework.levels.map(toLevel),
    levelKeys,
    provisional,
    insufficientEvidence,
    problems,
    unknownHeaders: designated.unknownHeaders.map(toProblem),
    explanations: explain
      ? designated.rows.map(({ designation }) => ({
          reasons: designation ? designation.reasons.map((reason) => ({ ...reason })) : [],
          coverage: designation ? toCoverage(designation.coverage) : NO_COVERAGE,
        }))
      : null,
  };
}

export function toBadRow(framework: string, problems: readonly Problem[]): DesignationType {
  return {
    framework,
    level: null,
    insufficientEvidence: false,
    inspectionBand: null,
    categoryOfConcern: null,
    reasons: [],
    support: [],
    problems: problems.map(toProblem),
    status: CoverageStatus.COMPLETE,
    coverage: { used: [], missing: [], unreadable: [], provisional: false },
  };
}

export function toStoredDesignation(
  row: StoredDesignationRow,
  framework: CompiledFramework | null,
): StoredDesignationType {
  const computed = levelOf(framework, row.computedLevel);
  let reasons: Reason[] | null = null;
  return {
    id: row.id,
    framework: row.frameworkKey,
    year: row.year,
    term: row.term as Term,
    computed,
    level: computed,
    insufficientEvidence: row.insufficientEvidence,
    // Parsed only when a query asks for them (an overview of a thousand academies rarely does).
    get reasons(): Reason[] {
      reasons ??= row.reasons as Reason[];
      return reasons;
    },
    provisional: row.provisional,
    missingSources: [...(row.missingSources as string[])],
    createdAt: row.createdAt,
  };
}

/** Milestones as stored (a Json object of half term -> value), in the half terms' order. */
function toMilestones(stored: unknown): MilestoneType[] {
  const milestones = (stored ?? {}) as Record<string, number>;
  return Object.entries(milestones).map(([period, value]) => ({
    period: period as HalfTerm,
    value,
  }));
}

type SignOffBody = TargetSignOffType["body"];
type TargetAction = TargetVersionType["action"];

function toSignOff(row: TargetVersionRow): TargetSignOffType {
  return {
    action: row.action as TargetAction,
    body: (row.bodyKind ?? "trustBoard") as SignOffBody,
    bodyName: row.body ?? "",
    meetingOn: row.meetingOn,
    byId: row.changedBy,
    at: row.changedAt,
    reason: row.reason,
  };
}

export function toTargetVersion(row: TargetVersionRow): TargetVersionType {
  return {
    version: row.version,
    action: row.action as TargetAction,
    status: row.status as TargetStatus,
    change: row.change,
    baseline: row.baseline,
    target: row.target,
    milestones: toMilestones(row.milestones),
    tolerance: row.tolerance,
    body: row.bodyKind as SignOffBody | null,
    bodyName: row.body,
    meetingOn: row.meetingOn,
    reason: row.reason,
    changedById: row.changedBy,
    changedAt: row.changedAt,
  };
}

export function toMeasurement(row: MeasurementRow): MeasurementType {
  const indicator = indicatorByKey(row.metric);
  const { enteredBy, ...fields } = row;
  return {
    ...fields,
    enteredById: enteredBy,
    period: row.period as Period,
    readAs: indicator ? formatValue(indicator, row.value) : String(row.value),
  };
}

const NEXT_STEP: Readonly<Record<string, SignOffStep>> = {
  draft: "propose",
  proposed: "review",
  reviewed: "agree",
};

/** A level key as the API shows it; a key the framework no longer has keeps its key as label. */
function levelOf(framework: CompiledFramework | null, key: string | null): LevelType | null {
  const found = key && framework ? framework.level(key) : undefined;
  return found ? toLevel(found) : key ? { key, label: key, rank: 0, risk: "" } : null;
}

export function toDecision(
  row: DecisionRow,
  framework: CompiledFramework | null,
): DesignationDecisionType {
  return {
    id: row.id,
    framework: row.frameworkKey,
    year: row.year,
    term: row.term as Term | null,
    level: levelOf(framework, row.level)!,
    computed: levelOf(framework, row.computedLevel),
    provisional: row.provisional,
    override: row.level !== row.computedLevel,
    decidedById: row.decidedById,
    decidedByName: row.decidedBy,
    body: row.body,
    agreedOn: row.agreedOn,
    reason: row.reason,
    recordedAt: row.createdAt,
  };
}

const STATUS: Readonly<Record<CountingStatus, DesignationStatus>> = {
  agreed: DesignationStatus.AGREED,
  notYetAgreed: DesignationStatus.NOT_YET_AGREED,
  reviewSuggested: DesignationStatus.REVIEW_SUGGESTED,
};

export function toDesignationThatCounts(view: YearDesignation): DesignationThatCountsType {
  const { counts, framework } = view;
  const stored = (row: StoredDesignationRow | null | undefined) =>
    row ? toStoredDesignation(row, framework) : null;
  const decision = counts.decision ? toDecision(counts.decision.row, framework) : null;
  const latest = stored(view.newestComputed);
  const time = view.timeInLevel;
  return {
    year: view.year,
    framework: framework.key,
    cycle: view.cycle === "termly" ? DesignationCycle.TERMLY : DesignationCycle.ANNUAL,
    term: (counts.decision ? counts.decision.term : (counts.computed?.term ?? null)) as Term | null,
    status: STATUS[counts.status],
    provisional: counts.provisional,
    missingSources: counts.computed ? [...(counts.computed.row.missingSources as string[])] : [],
    level: levelOf(framework, counts.level),
    statusText: statusTextOf(view),
    decision,
    agreedInEarlierYear: counts.agreedInEarlierYear,
    proposal: stored(counts.proposal?.row),
    reviewSuggested: stored(counts.reviewSuggested?.row),
    latestComputed: latest,
    computed: latest?.computed ?? null,
    get reasons(): Reason[] {
      return latest?.reasons ?? [];
    },
    support: view.support.map((entry) => ({ ...entry })),
    timeInLevel: time
      ? {
          since: time.since,
          months: time.months,
          terms: time.terms,
          expected: time.expected
            ? {
                min: time.expected.min,
                max: time.expected.max,
                unit: time.expected.unit === "terms" ? DurationUnit.TERMS : DurationUnit.MONTHS,
              }
            : null,
          beyondExpected: time.beyondExpected,
          flag: time.flag,
        }
      : null,
    history: view.history.map((event) =>
      event.kind === "computed"
        ? {
            kind: DesignationEventKind.COMPUTED,
            at: event.at,
            computed: toStoredDesignation(event.computed, framework),
            decision: null,
          }
        : {
            kind: DesignationEventKind.DECISION,
            at: event.at,
            computed: null,
            decision: toDecision(event.decision, framework),
          },
    ),
    confirmed: decision?.level ?? null,
    confirmedBy: decision?.decidedByName ?? null,
    confirmedAt: decision?.recordedAt ?? null,
    agreedOn: decision?.agreedOn ?? null,
    overrideReason: decision?.reason ?? null,
  };
}

export function toTarget(urn: string, entry: TargetWithProgress): TargetType {
  const { target, progress, measurements, versions } = entry;
  const trail = signOffTrail(versions, target.pendingStatus !== null);
  const nextStep = NEXT_STEP[target.pendingStatus ?? target.status] ?? null;
  let mapped: MeasurementType[] | null = null;
  return {
    id: target.id,
    urn,
    year: target.year,
    metric: target.metric,
    metricLabel: indicatorByKey(target.metric)?.label ?? target.metric,
    baseline: target.baseline,
    target: target.target,
    milestones: toMilestones(target.milestones),
    tolerance: target.tolerance,
    status: target.status as TargetStatus,
    signOff: trail.inForce.map(toSignOff),
    pendingChange:
      target.pendingStatus === null
        ? null
        : {
            status: target.pendingStatus as TargetStatus,
            baseline: target.pendingBaseline ?? target.baseline,
            target: target.pendingTarget ?? target.target,
            milestones: toMilestones(target.pendingMilestones),
            tolerance: target.pendingTolerance,
            reason: target.pendingReason,
            steps: trail.pending.map(toSignOff),
          },
    nextStep,
    version: target.version,
    updatedAt: target.updatedAt,
    progress: { ...progress },
    // Mapped only when a query asks for them (the add-in's cards do not).
    get measurements(): MeasurementType[] {
      mapped ??= measurements.map(toMeasurement);
      return mapped;
    },
  };
}

export function toEvidenceRecord(row: EvidenceRow): EvidenceRecordType {
  const cells = row.entries as EvidenceEntry[];
  return {
    id: row.id,
    year: row.year,
    term: row.term as Term,
    entries: cells.map((cell) => ({
      indicator: cell.indicator,
      value:
        cell.value === null || cell.value === undefined
          ? null
          : typeof cell.value === "string"
            ? cell.value
            : String(cell.value),
      percentFormatted: cell.percentFormatted ?? null,
    })),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

export function toUser(row: UserRow): UserType {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    academyUrns: [...row.academyUrns],
    signIn:
      row.oidcIssuer && row.oidcSubject
        ? { issuer: row.oidcIssuer, subject: row.oidcSubject }
        : null,
    tokens: [...row.tokens],
    createdAt: row.createdAt,
  };
}

export function toColumnMapEntry(row: ColumnMapEntryRow): ColumnMapEntryType {
  return {
    header: row.header,
    indicator: row.indicator,
    updatedById: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

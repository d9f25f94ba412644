// Translates service rows and engine results into GraphQL objects. No rules
// here: only shape.
import type { CompiledFramework, Designation, Level, Problem, Reason } from "../domain/index.js";
import { indicatorByKey } from "../domain/index.js";
import type { StoredDesignationRow } from "../services/designation.service.js";
import type { TargetWithProgress } from "../services/academy-card.service.js";
import type { FrameworkType, LevelType } from "./types/framework.type.js";
import type { DesignationType, ProblemType } from "./types/designation.type.js";
import type { StoredDesignationType } from "./types/stored-designation.type.js";
import type { TargetType } from "./types/academy-card.type.js";

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
    definition: JSON.stringify(framework.definition),
  };
}

export function toProblem(problem: Problem): ProblemType {
  return {
    field: problem.field,
    message: problem.message,
    value: problem.value ?? null,
    accepts: problem.accepts ?? null,
  };
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
  };
}

export function toStoredDesignation(
  row: StoredDesignationRow,
  framework: CompiledFramework | null,
): StoredDesignationType {
  const level = (key: string | null) => {
    const found = key && framework ? framework.level(key) : undefined;
    return found ? toLevel(found) : key ? { key, label: key, rank: 0, risk: "" } : null;
  };
  const computed = level(row.computedLevel);
  const confirmed = level(row.confirmedLevel);
  let reasons: Reason[] | null = null;
  return {
    id: row.id,
    framework: row.frameworkKey,
    year: row.year,
    term: row.term,
    computed,
    confirmed,
    level: confirmed ?? computed,
    insufficientEvidence: row.insufficientEvidence,
    // Parsed only when a query asks for them (an overview of a thousand academies rarely does).
    get reasons(): Reason[] {
      reasons ??= JSON.parse(row.reasons) as Reason[];
      return reasons;
    },
    confirmedBy: row.confirmedBy,
    confirmedAt: row.confirmedAt,
    agreedOn: row.agreedOn,
    overrideReason: row.overrideReason,
    current: row.current,
    createdAt: row.createdAt,
  };
}

export function toTarget(urn: string, entry: TargetWithProgress): TargetType {
  const { target, progress, measurements } = entry;
  const milestones = JSON.parse(target.milestones) as Record<string, number>;
  return {
    id: target.id,
    urn,
    year: target.year,
    metric: target.metric,
    metricLabel: indicatorByKey(target.metric)?.label ?? target.metric,
    baseline: target.baseline,
    target: target.target,
    milestones: Object.entries(milestones).map(([period, value]) => ({ period, value })),
    tolerance: target.tolerance,
    status: target.status,
    version: target.version,
    updatedAt: target.updatedAt,
    progress: { ...progress },
    measurements,
  };
}

// Designates one row of evidence under one framework, as every path that reads
// a trust's matrix does (CLI, designate, designateBatch, recordEvidence): the
// headers are resolved by the trust's column map, then the framework's own
// aliases, then the catalogue; a cell that cannot be read blocks the framework
// only when the framework uses its indicator, and is listed as unreadable
// otherwise (DOMAIN.md "Reading a trust's own workbook").
import { badInput } from "./errors.js";
import {
  readEvidenceParts,
  type EvidenceEntry,
  type EvidenceParts,
  type ReadProblem,
} from "./evidence.js";
import type { ColumnChoice } from "./headers.js";
import type { CompiledFramework, Coverage, Designation } from "./frameworks/compile-framework.js";

export interface DesignateEntriesOptions {
  readonly year?: string | null;
  /** The trust's saved column map, resolved before the framework's aliases. */
  readonly columnMap?: readonly ColumnChoice[] | null;
}

/** True when a problem concerns an indicator the framework reads (or every framework). */
export function blocks(framework: CompiledFramework, problem: ReadProblem): boolean {
  return problem.indicators === null || problem.indicators.some((key) => framework.reads.has(key));
}

/**
 * The designation of one row; throws BAD_USER_INPUT listing the problems that
 * concern this framework. Problems that do not are in `coverage.unreadable`.
 */
export function designateEntries(
  framework: CompiledFramework,
  entries: readonly EvidenceEntry[],
  options: DesignateEntriesOptions = {},
): Designation {
  const headers =
    options.columnMap && options.columnMap.length > 0
      ? framework.headers.withColumnMap(options.columnMap)
      : framework.headers;
  return designateParts(framework, readEvidenceParts(entries, headers), options.year ?? null);
}

/**
 * The designation of a row already read (by readEvidenceParts, or a compiled
 * row reader); throws BAD_USER_INPUT listing the problems that concern this
 * framework, and lists the others in `coverage.unreadable`.
 */
export function designateParts(
  framework: CompiledFramework,
  { evidence, problems }: EvidenceParts,
  year: string | null,
): Designation {
  let unreadable: Coverage["unreadable"] | undefined;
  if (problems !== null) {
    const blocking = problems.filter((problem) => blocks(framework, problem));
    if (blocking.length > 0) throw badInput(blocking.map((problem) => problem.problem));
    unreadable = problems.map((problem) => ({
      indicator:
        problem.indicators?.join(" or ") ?? problem.problem.column ?? problem.problem.field,
      message: problem.problem.message,
    }));
  }
  return framework.designate(evidence, { year, unreadable });
}

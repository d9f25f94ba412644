// Evidence and the designations computed from it. Recording evidence for a
// year and term recomputes the stored designation (the earlier one is kept as
// history); a leader confirms it or overrides it with a reason.
import {
  badInput,
  conflict,
  isTerm,
  notFound,
  readEvidence,
  TERMS,
  yearProblem,
  DomainError,
  type Designation,
  type EvidenceEntry,
  type Problem,
} from "../domain/index.js";
import type { Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import { canSeeAcademy } from "../auth/viewer.js";
import type { AuditService, Tx } from "./audit.service.js";
import type { FrameworkService } from "./framework.service.js";
import { eventJson, type LiveEvents } from "../live/live-events.js";

export interface StoredDesignationRow {
  readonly id: string;
  readonly academyId: string;
  readonly frameworkKey: string;
  readonly year: string;
  readonly term: string;
  readonly computedLevel: string | null;
  readonly insufficientEvidence: boolean;
  readonly reasons: string;
  readonly confirmedLevel: string | null;
  readonly confirmedBy: string | null;
  readonly confirmedAt: Date | null;
  readonly agreedOn: string | null;
  readonly overrideReason: string | null;
  readonly current: boolean;
  readonly createdAt: Date;
}

export interface EvidenceRow {
  readonly id: string;
  readonly academyId: string;
  readonly year: string;
  readonly term: string;
  readonly entries: string;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

export interface RecordEvidenceInput {
  readonly urn: string;
  readonly year: string;
  readonly term: string;
  readonly evidence: readonly EvidenceEntry[];
  /** The version the writer last saw; required to change existing evidence. */
  readonly expectedVersion?: number | null | undefined;
}

function periodProblems(year: string, term: string, at = ""): Problem[] {
  const problems: Problem[] = [];
  const yearIssue = yearProblem(`${at}year`, year);
  if (yearIssue) problems.push(yearIssue);
  if (!isTerm(term)) {
    problems.push({
      field: `${at}term`,
      value: String(term).slice(0, 20),
      accepts: TERMS.join(", "),
      message: `${at}term: "${String(term).slice(0, 20)}" is not a term; use ${TERMS.join(", ")}`,
    });
  }
  return problems;
}

export class DesignationService {
  constructor(
    private readonly prisma: Db,
    private readonly frameworks: FrameworkService,
    private readonly audit: AuditService,
    private readonly events: LiveEvents,
  ) {}

  private async trustFramework(viewer: Viewer) {
    const trust = await this.prisma.trust.findUniqueOrThrow({ where: { id: viewer.trustId } });
    return this.frameworks.resolve(viewer, trust.frameworkKey);
  }

  /** Records one academy's evidence; returns the stored evidence and the new designation. */
  async record(
    viewer: Viewer,
    input: RecordEvidenceInput,
  ): Promise<{ evidence: EvidenceRow; designation: StoredDesignationRow }> {
    const [result] = await this.recordMany(viewer, input.year, input.term, [input]);
    return result as { evidence: EvidenceRow; designation: StoredDesignationRow };
  }

  /**
   * Records many rows of the risk matrix for a year and term in one
   * transaction: any bad row rejects them all, listing every problem by row.
   */
  async recordMany(
    viewer: Viewer,
    year: string,
    term: string,
    rows: readonly Omit<RecordEvidenceInput, "year" | "term">[],
  ): Promise<{ evidence: EvidenceRow; designation: StoredDesignationRow }[]> {
    const single = rows.length === 1;
    const problems = periodProblems(year, term);
    const framework = await this.trustFramework(viewer);
    const designations: Designation[] = [];
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const at = single ? "" : `rows[${index}].`;
      if (!canSeeAcademy(viewer, row.urn))
        problems.push({
          field: `${at}urn`,
          message: `${at}urn: no academy with URN ${String(row.urn).slice(0, 20)} in your trust`,
        });
      if (seen.has(row.urn))
        problems.push({ field: `${at}urn`, message: `${at}urn: URN ${row.urn} appears twice` });
      seen.add(row.urn);
      try {
        designations.push(framework.designate(readEvidence(row.evidence), { year }));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push(
          ...error.problems.map((problem) => ({
            ...problem,
            field: `${at}${problem.field}`,
            message: `${at}${problem.message}`,
          })),
        );
      }
    });
    if (problems.length > 0) throw badInput(problems);

    const results = await this.prisma.$transaction(
      async (tx) => {
        const academies = await tx.academy.findMany({
          // The whole trust's academies, not an IN list: a batch may exceed the database's parameter limit.
          where: { trustId: viewer.trustId },
        });
        const byUrn = new Map(academies.map((academy) => [academy.urn, academy]));
        const missing = rows
          .map((row, index) => ({ row, index }))
          .filter(({ row }) => !byUrn.has(row.urn));
        if (missing.length > 0) {
          throw badInput(
            missing.map(({ row, index }) => ({
              field: single ? "urn" : `rows[${index}].urn`,
              message: `${single ? "" : `rows[${index}].`}urn: no academy with URN ${String(row.urn).slice(0, 20)} in your trust`,
            })),
          );
        }
        const out: { evidence: EvidenceRow; designation: StoredDesignationRow }[] = [];
        for (const [index, row] of rows.entries()) {
          const academy = byUrn.get(row.urn)!;
          const entries = JSON.stringify(
            row.evidence.map((entry) => ({
              indicator: entry.indicator,
              value: entry.value ?? null,
            })),
          );
          const existing = await tx.evidenceRecord.findUnique({
            where: { academyId_year_term: { academyId: academy.id, year, term } },
          });
          let evidence: EvidenceRow;
          if (existing) {
            if (row.expectedVersion === undefined || row.expectedVersion === null) {
              throw badInput([
                {
                  field: single ? "expectedVersion" : `rows[${index}].expectedVersion`,
                  message: `expectedVersion: evidence for ${row.urn} ${year} ${term} exists (version ${existing.version}); pass the version you are changing`,
                },
              ]);
            }
            const updated = await tx.evidenceRecord.updateMany({
              where: { id: existing.id, version: row.expectedVersion },
              data: { entries, version: { increment: 1 }, updatedBy: viewer.userId },
            });
            if (updated.count === 0) {
              throw conflict(
                `Evidence for ${row.urn} ${year} ${term} was changed by someone else (now version ${existing.version}, you had ${row.expectedVersion}); reload and try again`,
              );
            }
            evidence = await tx.evidenceRecord.findUniqueOrThrow({ where: { id: existing.id } });
          } else {
            evidence = await tx.evidenceRecord.create({
              data: {
                trustId: viewer.trustId,
                academyId: academy.id,
                year,
                term,
                entries,
                updatedBy: viewer.userId,
              },
            });
          }
          const designation = await this.store(
            tx,
            viewer,
            academy.id,
            framework.key,
            year,
            term,
            designations[index]!,
          );
          await this.audit.record(
            tx,
            viewer,
            existing ? "evidence.update" : "evidence.create",
            "Evidence",
            evidence.id,
            existing?.entries ?? null,
            entries,
          );
          out.push({ evidence, designation });
        }
        return out;
      },
      { timeout: 300_000 },
    );
    const at = new Date().toISOString();
    rows.forEach((row, index) =>
      this.events.publish({
        kind: "designationChanged",
        trustId: viewer.trustId,
        urn: row.urn,
        at,
        designation: eventJson(results[index]!.designation),
      }),
    );
    return results;
  }

  private async store(
    tx: Tx,
    viewer: Viewer,
    academyId: string,
    frameworkKey: string,
    year: string,
    term: string,
    result: Designation,
  ): Promise<StoredDesignationRow> {
    await tx.designation.updateMany({
      where: { academyId, current: true },
      data: { current: false },
    });
    return tx.designation.create({
      data: {
        trustId: viewer.trustId,
        academyId,
        frameworkKey,
        year,
        term,
        computedLevel: result.level?.key ?? null,
        insufficientEvidence: result.insufficientEvidence,
        reasons: JSON.stringify(result.reasons),
        current: true,
      },
    });
  }

  /** Confirms the current designation (agreed by the trust board on a date), or overrides it with a reason. */
  async confirm(
    viewer: Viewer,
    input: { urn: string; agreedOn: string; level?: string | null; reason?: string | null },
  ): Promise<StoredDesignationRow> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.agreedOn) || Number.isNaN(Date.parse(input.agreedOn))) {
      throw badInput([
        {
          field: "agreedOn",
          value: input.agreedOn.slice(0, 20),
          message: `agreedOn: "${input.agreedOn.slice(0, 20)}" is not a date; use 2025-10-14`,
        },
      ]);
    }
    if (!canSeeAcademy(viewer, input.urn))
      throw notFound(`No academy with URN ${input.urn} in your trust`);
    const academy = await this.prisma.academy.findUnique({
      where: { trustId_urn: { trustId: viewer.trustId, urn: input.urn } },
    });
    if (!academy) throw notFound(`No academy with URN ${input.urn.slice(0, 20)} in your trust`);
    const current = await this.prisma.designation.findFirst({
      where: { academyId: academy.id, current: true },
    });
    if (!current)
      throw notFound(`Academy ${input.urn} has no designation yet; record its evidence first`);
    const framework = await this.frameworks.resolve(viewer, current.frameworkKey);
    const level = input.level ?? current.computedLevel;
    if (level === null || !framework.level(level)) {
      throw badInput([
        {
          field: "level",
          value: String(level),
          message: `level: "${String(level)}" is not a level of ${framework.key}; levels are ${framework.levels.map((item) => item.key).join(", ")}`,
        },
      ]);
    }
    const reason = input.reason?.trim() ?? "";
    if (level !== current.computedLevel && reason.length === 0) {
      throw badInput([
        {
          field: "reason",
          message: `reason: confirming ${level} instead of the computed ${current.computedLevel ?? "insufficient evidence"} needs a reason`,
        },
      ]);
    }
    const updated = await this.prisma.$transaction(async (tx) => {
      const row = await tx.designation.update({
        where: { id: current.id },
        data: {
          confirmedLevel: level,
          confirmedBy: `${viewer.name} (${viewer.userId})`,
          confirmedAt: new Date(),
          agreedOn: input.agreedOn,
          overrideReason: level === current.computedLevel ? null : reason,
        },
      });
      await this.audit.record(
        tx,
        viewer,
        level === current.computedLevel ? "designation.confirm" : "designation.override",
        "Designation",
        row.id,
        current,
        row,
      );
      return row;
    });
    this.events.publish({
      kind: "designationChanged",
      trustId: viewer.trustId,
      urn: input.urn,
      at: new Date().toISOString(),
      designation: eventJson(updated),
    });
    return updated;
  }

  async current(viewer: Viewer, academyId: string): Promise<StoredDesignationRow | null> {
    return this.prisma.designation.findFirst({
      where: { trustId: viewer.trustId, academyId, current: true },
    });
  }

  /** Current designations for many academies in one query (for loaders and the overview). */
  async currentFor(
    viewer: Viewer,
    academyIds: readonly string[],
  ): Promise<Map<string, StoredDesignationRow>> {
    const rows = await this.prisma.designation.findMany({
      where: { trustId: viewer.trustId, academyId: { in: [...academyIds] }, current: true },
    });
    return new Map(rows.map((row) => [row.academyId, row]));
  }

  async history(viewer: Viewer, academyId: string): Promise<StoredDesignationRow[]> {
    return this.prisma.designation.findMany({
      where: { trustId: viewer.trustId, academyId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
    });
  }

  async evidence(viewer: Viewer, academyId: string, year: string | null): Promise<EvidenceRow[]> {
    return this.prisma.evidenceRecord.findMany({
      where: { trustId: viewer.trustId, academyId, ...(year ? { year } : {}) },
      orderBy: [{ year: "desc" }, { term: "asc" }],
    });
  }
}

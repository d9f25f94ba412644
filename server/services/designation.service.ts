// Evidence, the designations computed from it and the trust's decisions.
// Recording evidence for a year and term computes a designation for that year
// only (filled from earlier evidence where the year has no value); both kinds
// of record are append-only. Which one counts is the domain's rule
// (server/domain/designations); this service loads the records and asks it.
import {
  badInput,
  inRow,
  conflict,
  designationThatCounts,
  evidenceForYear,
  isTerm,
  isoDate,
  levelShortName,
  notFound,
  readEvidence,
  timeInLevel,
  designateEntries,
  TERMS,
  DomainError,
  type CompiledFramework,
  type ComputedRecord,
  type Cycle,
  type DecisionRecord,
  type Designation,
  type DesignationThatCounts,
  type EvidenceEntry,
  type EvidenceLayer,
  type Reason,
  type Term,
  type TimeInLevel,
} from "../domain/index.js";
import { jsonValue, type Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import { canSeeAcademy } from "../auth/viewer.js";
import type { AuditService, Tx } from "./audit.service.js";
import type { FrameworkService } from "./framework.service.js";
import type { EventBus } from "../live/events/index.js";
import { groupBy } from "./group-by.js";
import { loadColumnMap } from "./column-map.service.js";
import { ownAcademyRows } from "./academy.service.js";
import { pagesPerAcademy } from "./newest-per-academy.js";
import type { NewestFirstKey, Page, PageWindow } from "./page.js";
import {
  academicYearOf,
  yearProblem,
  type Problem,
  type SupportEntitlement,
} from "../shared/index.js";

/** A computed designation as stored. */
export interface StoredDesignationRow {
  readonly id: string;
  readonly academyId: string;
  readonly frameworkKey: string;
  readonly year: string;
  readonly term: string;
  readonly computedLevel: string | null;
  readonly insufficientEvidence: boolean;
  readonly provisional: boolean;
  /** Words for the required sources with no usable value (a Json array). */
  readonly missingSources: unknown;
  /** The engine's reasons (a Json array). */
  readonly reasons: unknown;
  readonly createdAt: Date;
}

/** A decision as stored. */
export interface DecisionRow {
  readonly id: string;
  readonly academyId: string;
  readonly frameworkKey: string;
  readonly year: string;
  readonly term: string | null;
  readonly level: string;
  readonly computedId: string | null;
  readonly computedLevel: string | null;
  readonly provisional: boolean;
  readonly decidedBy: string;
  readonly decidedById: string;
  readonly body: string;
  readonly agreedOn: string;
  readonly reason: string | null;
  readonly createdAt: Date;
}

export type ComputedFacts = ComputedRecord & { readonly row: StoredDesignationRow };
export type DecisionFacts = DecisionRecord & { readonly row: DecisionRow };

/** The designation that counts for an academy in a year, with everything shown beside it. */
export interface YearDesignation {
  readonly academyId: string;
  readonly year: string;
  readonly framework: CompiledFramework;
  readonly cycle: Cycle;
  readonly counts: DesignationThatCounts<ComputedFacts, DecisionFacts>;
  /** The year's newest computed designation under the framework. */
  readonly newestComputed: StoredDesignationRow | null;
  /** The support the level that counts is entitled to. */
  readonly support: readonly SupportEntitlement[];
  readonly timeInLevel: TimeInLevel | null;
  /** The year's computed designations and every decision up to the year, newest first. */
  readonly history: readonly (
    | { readonly kind: "computed"; readonly at: Date; readonly computed: StoredDesignationRow }
    | { readonly kind: "decision"; readonly at: Date; readonly decision: DecisionRow }
  )[];
}

/** What the engine says about coverage, as stored with each computed designation. */
export function coverageOf(result: Designation): { provisional: boolean; missing: string[] } {
  return {
    provisional: result.coverage.provisional,
    missing: result.coverage.missing.map((item) => item.label),
  };
}

function computedFacts(row: StoredDesignationRow): ComputedFacts {
  return {
    framework: row.frameworkKey,
    year: row.year,
    term: (isTerm(row.term) ? row.term : "autumn") as Term,
    level: row.computedLevel,
    provisional: row.provisional,
    recordedAt: row.createdAt,
    row,
  };
}

function decisionFacts(row: DecisionRow): DecisionFacts {
  return {
    framework: row.frameworkKey,
    year: row.year,
    term: row.term !== null && isTerm(row.term) ? row.term : null,
    level: row.level,
    agreedOn: row.agreedOn,
    recordedAt: row.createdAt,
    row,
  };
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function dateProblem(field: string, value: string): Problem | null {
  if (DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(value))) return null;
  return {
    field,
    value: value.slice(0, 20),
    accepts: "a date such as 2025-10-14",
    message: `${field}: "${value.slice(0, 20)}" is not a date; use 2025-10-14`,
  };
}

export interface DecideInput {
  readonly urn: string;
  readonly year: string;
  /** Termly frameworks: the term decided. */
  readonly term?: string | null;
  /** The level agreed; the year's computed level when left out. */
  readonly level?: string | null;
  /** The body that agreed it: "Trust Board". */
  readonly body: string;
  readonly agreedOn: string;
  readonly reason?: string | null;
}

export interface EvidenceRow {
  readonly id: string;
  readonly academyId: string;
  readonly year: string;
  readonly term: string;
  /** The cells as given (a Json array of { indicator, value, percentFormatted? }). */
  readonly entries: unknown;
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

const TERM_ORDER: Readonly<Record<string, number>> = { autumn: 0, spring: 1, summer: 2 };

/** The trust's matrix rows as evidence layers: each describes its year; later rows later in the list. */
function matrixLayers(
  rows: readonly { year: string; term: string; entries: unknown }[],
): EvidenceLayer[] {
  return [...rows]
    .sort((a, b) =>
      a.year === b.year
        ? (TERM_ORDER[a.term] ?? 0) - (TERM_ORDER[b.term] ?? 0)
        : a.year < b.year
          ? -1
          : 1,
    )
    .map((row) => ({
      describes: row.year,
      date: null,
      source: `the risk matrix for ${row.year} ${row.term}`,
      entries: row.entries as EvidenceEntry[],
    }));
}

/**
 * What a read of designations leaves out: the engine's reasons are most of a
 * computed designation's bytes, and a trust's overview rarely shows them
 * (without them, each row's reasons read as none).
 */
export interface DesignationRead {
  readonly reasons: boolean;
}

export class DesignationService {
  constructor(
    private readonly prisma: Db,
    private readonly frameworks: FrameworkService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** The framework the trust designates with now. */
  async trustFramework(viewer: Viewer): Promise<CompiledFramework> {
    const trust = await this.prisma.trust.findUniqueOrThrow({ where: { id: viewer.trustId } });
    return this.frameworks.resolve(viewer, trust.frameworkKey);
  }

  /** Records one academy's evidence; returns the stored evidence and the designation computed from it. */
  async record(
    viewer: Viewer,
    input: RecordEvidenceInput,
  ): Promise<{ evidence: EvidenceRow; designation: StoredDesignationRow }> {
    const [result] = await this.recordRows(viewer, input.year, input.term, [input], false);
    return result as { evidence: EvidenceRow; designation: StoredDesignationRow };
  }

  /**
   * Records many rows of the risk matrix for a year and term in one
   * transaction: any bad row rejects them all, listing every problem by row.
   * Each row's designation is computed for that year only, from the row and,
   * where it has no value, the latest earlier evidence of the academy.
   */
  async recordMany(
    viewer: Viewer,
    year: string,
    term: string,
    rows: readonly Omit<RecordEvidenceInput, "year" | "term">[],
  ): Promise<{ evidence: EvidenceRow; designation: StoredDesignationRow }[]> {
    return this.recordRows(viewer, year, term, rows, true);
  }

  /** Records rows in one transaction; `batch`: problems carry their row (recordEvidenceBatch). */
  private async recordRows(
    viewer: Viewer,
    year: string,
    term: string,
    rows: readonly Omit<RecordEvidenceInput, "year" | "term">[],
    batch: boolean,
  ): Promise<{ evidence: EvidenceRow; designation: StoredDesignationRow }[]> {
    const placed = (problem: Problem, index: number) => (batch ? inRow(problem, index) : problem);
    const problems = periodProblems(year, term);
    const framework = await this.trustFramework(viewer);
    // Headers as the trust's saved column map, then its framework, reads them.
    const columnMap = await loadColumnMap(this.prisma, viewer.trustId);
    const seen = new Map<string, number>();
    const addProblems = (error: unknown, index: number) => {
      if (!(error instanceof DomainError)) throw error;
      problems.push(...error.problems.map((problem) => placed(problem, index)));
    };
    const notInTrust = (urn: string, index: number) =>
      placed(
        {
          field: "urn",
          code: "NOT_FOUND",
          value: String(urn).slice(0, 20),
          message: `urn: no academy with URN ${String(urn).slice(0, 20)} in your trust`,
        },
        index,
      );
    // The trust's academies, so a URN outside it is listed with every other problem.
    const academiesBefore = await this.prisma.academy.findMany({
      where: { trustId: viewer.trustId },
      select: { id: true, urn: true },
    });
    const idOfUrn = new Map(academiesBefore.map((academy) => [academy.urn, academy.id]));
    rows.forEach((row, index) => {
      if (!canSeeAcademy(viewer, row.urn) || !idOfUrn.has(row.urn))
        problems.push(notInTrust(row.urn, index));
      const earlier = seen.get(row.urn);
      if (earlier !== undefined)
        problems.push(
          placed(
            {
              field: "urn",
              value: row.urn,
              accepts: "each academy once per batch",
              message: `urn: URN ${row.urn} is also in rows[${earlier}]; accepts each academy once per batch`,
            },
            index,
          ),
        );
      else seen.set(row.urn, index);
      try {
        designateEntries(framework, row.evidence, { year, columnMap });
      } catch (error) {
        addProblems(error, index);
      }
    });
    if (problems.length > 0) throw badInput(problems);

    // Earlier evidence of the trust (this year's other terms and earlier years) fills the gaps.
    const earlierRows = await this.prisma.evidenceRecord.findMany({
      where: { trustId: viewer.trustId, year: { lte: year } },
      select: { academyId: true, year: true, term: true, entries: true },
    });
    const earlierOf = groupBy(
      earlierRows.filter((row) => !(row.year === year && row.term === term)),
      (row) => row.academyId,
    );
    const designations: { result: Designation; reasons: Reason[] }[] = [];
    rows.forEach((row, index) => {
      const academyId = idOfUrn.get(row.urn);
      const filled = evidenceForYear(
        year,
        row.evidence,
        matrixLayers(academyId ? (earlierOf.get(academyId) ?? []) : []),
      );
      try {
        const result = designateEntries(framework, filled.entries, { year, columnMap });
        designations.push({
          result,
          reasons: [
            ...result.reasons,
            ...filled.filled.map((fill) => ({
              source: fill.indicator,
              indicated: null,
              rating: null,
              message: fill.reason,
            })),
          ],
        });
      } catch (error) {
        addProblems(error, index);
      }
    });
    if (problems.length > 0) throw badInput(problems);

    const results = await this.events.transaction(
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
          throw badInput(missing.map(({ row, index }) => notInTrust(row.urn, index)));
        }
        const out: { evidence: EvidenceRow; designation: StoredDesignationRow }[] = [];
        for (const [index, row] of rows.entries()) {
          const academy = byUrn.get(row.urn)!;
          // Stored as given, with the cell's number format when known: read
          // again through designateEntries with the trust's column map.
          const entries = jsonValue(
            row.evidence.map((entry) => ({
              indicator: entry.indicator,
              value: entry.value ?? null,
              ...(entry.percentFormatted != null
                ? { percentFormatted: entry.percentFormatted }
                : {}),
            })),
          );
          const existing = await tx.evidenceRecord.findUnique({
            where: { academyId_year_term: { academyId: academy.id, year, term: term as Term } },
          });
          let evidence: EvidenceRow;
          if (existing) {
            if (row.expectedVersion === undefined || row.expectedVersion === null) {
              throw badInput([
                placed(
                  {
                    field: "expectedVersion",
                    accepts: `the version you are changing (${existing.version})`,
                    message: `expectedVersion: evidence for ${row.urn} ${year} ${term} exists (version ${existing.version}); pass the version you are changing`,
                  },
                  index,
                ),
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
                term: term as Term,
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
          this.events.emit(tx, {
            kind: "designationChanged",
            trustId: viewer.trustId,
            urn: row.urn,
            data: { year },
          });
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
    return results;
  }

  /**
   * Appends a designation computed elsewhere (a public data load) the way
   * recording evidence does: provisional and coverage stored alike, and a
   * designationChanged event emitted in the same transaction (`tx` must be one
   * `events.transaction` started).
   */
  async storeComputed(
    tx: Tx,
    viewer: Viewer,
    academy: { readonly id: string; readonly urn: string },
    frameworkKey: string,
    year: string,
    term: string,
    computed: { result: Designation; reasons: Reason[] },
  ): Promise<StoredDesignationRow> {
    const row = await this.store(tx, viewer, academy.id, frameworkKey, year, term, computed);
    this.events.emit(tx, {
      kind: "designationChanged",
      trustId: viewer.trustId,
      urn: academy.urn,
      data: { year },
    });
    return row;
  }

  /** Appends a computed designation: nothing earlier is changed. */
  private async store(
    tx: Tx,
    viewer: Viewer,
    academyId: string,
    frameworkKey: string,
    year: string,
    term: string,
    computed: { result: Designation; reasons: Reason[] },
  ): Promise<StoredDesignationRow> {
    const coverage = coverageOf(computed.result);
    return tx.designation.create({
      data: {
        trustId: viewer.trustId,
        academyId,
        frameworkKey,
        year,
        term: term as Term,
        computedLevel: computed.result.level?.key ?? null,
        insufficientEvidence: computed.result.insufficientEvidence,
        provisional: coverage.provisional,
        missingSources: jsonValue(coverage.missing),
        reasons: jsonValue(computed.reasons),
      },
    });
  }

  /**
   * Records the trust's decision on an academy's designation for a year (and
   * term, for a termly framework): the computed level agreed, or another level
   * with a reason. Nothing earlier is changed; the new decision supersedes.
   */
  async decide(viewer: Viewer, input: DecideInput): Promise<YearDesignation> {
    const framework = await this.trustFramework(viewer);
    const cycle = framework.definition.cycle;
    const problems: Problem[] = [];
    const yearIssue = yearProblem("year", input.year);
    if (yearIssue) problems.push(yearIssue);
    const dateIssue = dateProblem("agreedOn", input.agreedOn);
    if (dateIssue) problems.push(dateIssue);
    const body = input.body.trim();
    if (body.length === 0 || body.length > 100)
      problems.push({
        field: "body",
        value: input.body.slice(0, 20),
        accepts: 'the body that agreed it, 1 to 100 characters, e.g. "Trust Board"',
        message: 'body: name the body that agreed it, e.g. "Trust Board" (1 to 100 characters)',
      });
    const term = input.term ?? null;
    if (cycle === "termly" && (term === null || !isTerm(term)))
      problems.push({
        field: "term",
        value: String(term ?? "").slice(0, 20),
        accepts: TERMS.join(", "),
        message: `term: ${framework.key} designates each term; give the term decided (${TERMS.join(", ")})`,
      });
    if (cycle === "annual" && term !== null)
      problems.push({
        field: "term",
        value: term.slice(0, 20),
        message: `term: ${framework.key} designates once a year; leave term out`,
      });
    if (problems.length > 0) throw badInput(problems);
    if (!canSeeAcademy(viewer, input.urn))
      throw notFound(`No academy with URN ${input.urn.slice(0, 20)} in your trust`);
    const academy = await this.prisma.academy.findUnique({
      where: { trustId_urn: { trustId: viewer.trustId, urn: input.urn } },
    });
    if (!academy) throw notFound(`No academy with URN ${input.urn.slice(0, 20)} in your trust`);
    const computed = await this.prisma.designation.findFirst({
      where: {
        academyId: academy.id,
        frameworkKey: framework.key,
        year: input.year,
        ...(cycle === "termly" ? { term: term as Term } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const level = input.level ?? computed?.computedLevel ?? null;
    const levels = framework.levels.map((item) => item.key).join(", ");
    if (level === null)
      throw badInput([
        {
          field: "level",
          message: `level: ${input.urn} has no level computed for ${input.year}${cycle === "termly" ? ` ${term}` : ""}; give the level agreed (${levels}) and a reason`,
        },
      ]);
    if (!framework.level(level))
      throw badInput([
        {
          field: "level",
          value: level.slice(0, 40),
          accepts: levels,
          message: `level: "${level.slice(0, 40)}" is not a level of ${framework.key}; levels are ${levels}`,
        },
      ]);
    const reason = input.reason?.trim() ?? "";
    if (reason.length === 0) {
      const why =
        computed === null || computed.computedLevel === null
          ? `agreeing ${level} with no level computed for ${input.year} needs a reason`
          : level !== computed.computedLevel
            ? `agreeing ${level} instead of the computed ${computed.computedLevel} needs a reason`
            : computed.provisional
              ? `agreeing the provisional ${level} (missing: ${(computed.missingSources as string[]).join(", ") || "a required source"}) needs a reason`
              : null;
      if (why) throw badInput([{ field: "reason", message: `reason: ${why}` }]);
    }
    await this.events.transaction(async (tx) => {
      const row = await tx.designationDecision.create({
        data: {
          trustId: viewer.trustId,
          academyId: academy.id,
          frameworkKey: framework.key,
          year: input.year,
          term: cycle === "termly" ? (term as Term) : null,
          level,
          computedId: computed?.id ?? null,
          computedLevel: computed?.computedLevel ?? null,
          provisional: computed?.provisional ?? false,
          decidedBy: viewer.name,
          decidedById: viewer.userId,
          body,
          agreedOn: input.agreedOn,
          reason: reason.length > 0 ? reason : null,
        },
      });
      await this.audit.record(
        tx,
        viewer,
        level === computed?.computedLevel ? "designation.agree" : "designation.override",
        "DesignationDecision",
        row.id,
        null,
        row,
      );
      this.events.emit(tx, {
        kind: "designationChanged",
        trustId: viewer.trustId,
        urn: input.urn,
        data: { year: input.year },
      });
    });
    const found = await this.yearDesignations(viewer, [academy.id], input.year);
    return found.get(academy.id)!;
  }

  /**
   * The earlier API's confirmation: a Trust Board decision for the year (and
   * term) of the academy's newest computed designation under the trust's framework.
   */
  async confirm(
    viewer: Viewer,
    input: { urn: string; agreedOn: string; level?: string | null; reason?: string | null },
  ): Promise<YearDesignation> {
    if (!canSeeAcademy(viewer, input.urn))
      throw notFound(`No academy with URN ${input.urn.slice(0, 20)} in your trust`);
    const framework = await this.trustFramework(viewer);
    const newest = await this.prisma.designation.findFirst({
      where: {
        trustId: viewer.trustId,
        frameworkKey: framework.key,
        academy: { urn: input.urn },
      },
      orderBy: [{ year: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    });
    if (!newest) {
      const academy = await this.prisma.academy.findUnique({
        where: { trustId_urn: { trustId: viewer.trustId, urn: input.urn } },
      });
      if (!academy) throw notFound(`No academy with URN ${input.urn.slice(0, 20)} in your trust`);
      throw notFound(`Academy ${input.urn} has no designation yet; record its evidence first`);
    }
    return this.decide(viewer, {
      urn: input.urn,
      year: newest.year,
      term: framework.definition.cycle === "termly" ? newest.term : null,
      level: input.level ?? null,
      body: "Trust Board",
      agreedOn: input.agreedOn,
      reason: input.reason ?? null,
    });
  }

  /**
   * The designation that counts in `year` for each academy (all the viewer's
   * academies when `academyIds` is null), in three queries whatever their number.
   */
  async yearDesignations(
    viewer: Viewer,
    academyIds: readonly string[] | null,
    year: string,
    today: string = isoDate(new Date()),
    read: DesignationRead = { reasons: true },
  ): Promise<Map<string, YearDesignation>> {
    const problem = yearProblem("year", year);
    if (problem) throw badInput([problem]);
    const framework = await this.trustFramework(viewer);
    const cycle = framework.definition.cycle;
    const scope =
      academyIds !== null
        ? { academyId: { in: [...academyIds] } }
        : viewer.academyUrns === null
          ? {}
          : { academy: { urn: { in: [...viewer.academyUrns] } } };
    const [computedRows, decisionRows, evidenceRows] = await Promise.all([
      read.reasons
        ? this.prisma.designation.findMany({
            where: { trustId: viewer.trustId, frameworkKey: framework.key, year, ...scope },
          })
        : this.prisma.designation
            .findMany({
              where: { trustId: viewer.trustId, frameworkKey: framework.key, year, ...scope },
              omit: { reasons: true },
            })
            .then((rows) => rows.map((row) => ({ ...row, reasons: [] }))),
      this.prisma.designationDecision.findMany({
        where: {
          trustId: viewer.trustId,
          frameworkKey: framework.key,
          year: { lte: year },
          ...scope,
        },
      }),
      this.prisma.evidenceRecord.findMany({
        where: { trustId: viewer.trustId, year, ...scope },
        select: { academyId: true, term: true, entries: true },
      }),
    ]);
    const computedOf = groupBy(computedRows, (row) => row.academyId);
    const decisionsOf = groupBy(decisionRows, (row) => row.academyId);
    const evidenceOf = groupBy(evidenceRows, (row) => row.academyId);
    const ids = academyIds ?? [...new Set([...computedOf.keys(), ...decisionsOf.keys()])];
    const out = new Map<string, YearDesignation>();
    for (const academyId of ids) {
      const computed = (computedOf.get(academyId) ?? []).map(computedFacts);
      const decisions = (decisionsOf.get(academyId) ?? []).map(decisionFacts);
      const counts = designationThatCounts({
        year,
        framework: framework.key,
        cycle,
        computed,
        decisions,
      });
      const newestComputed =
        counts.computed?.row ??
        counts.proposal?.row ??
        counts.reviewSuggested?.row ??
        newest(computed);
      const level = counts.level !== null ? framework.level(counts.level) : undefined;
      let support: readonly SupportEntitlement[] = [];
      if (level) {
        const rows = evidenceOf.get(academyId) ?? [];
        const latest = [...rows].sort(
          (a, b) => (TERM_ORDER[b.term] ?? 0) - (TERM_ORDER[a.term] ?? 0),
        )[0];
        try {
          support = framework.supportFor(
            level.key,
            latest ? readEvidence(latest.entries as unknown as EvidenceEntry[]) : undefined,
          );
        } catch {
          support = framework.supportFor(level.key);
        }
      }
      const time =
        counts.decision && level
          ? timeInLevel({
              decision: counts.decision,
              decisions,
              today,
              levelLabel: levelShortName(level.label),
              expected: level.expectedDuration ?? null,
            })
          : null;
      const history = [
        ...computed.map((item) => ({
          kind: "computed" as const,
          at: item.row.createdAt,
          computed: item.row,
        })),
        ...decisions.map((item) => ({
          kind: "decision" as const,
          at: item.row.createdAt,
          decision: item.row,
        })),
      ].sort((a, b) => b.at.getTime() - a.at.getTime());
      out.set(academyId, {
        academyId,
        year,
        framework,
        cycle,
        counts,
        newestComputed,
        support,
        timeInLevel: time,
        history,
      });
    }
    return out;
  }

  /** Each academy's stored evidence (of one year, or of every year), newest year first, in one query. */
  async evidenceOf(
    viewer: Viewer,
    academyIds: readonly string[],
    year: string | null,
  ): Promise<Map<string, EvidenceRow[]>> {
    const rows = await this.prisma.evidenceRecord.findMany({
      where: {
        trustId: viewer.trustId,
        academyId: { in: [...academyIds] },
        ...(year ? { year } : {}),
      },
      orderBy: [{ year: "desc" }, { term: "asc" }, { id: "asc" }],
    });
    return groupBy(rows, (row) => row.academyId);
  }

  /** A page of each academy's computed designations, under any framework and year, newest first: one query. */
  async historyPages(
    viewer: Viewer,
    academyIds: readonly string[],
    window: PageWindow<NewestFirstKey>,
  ): Promise<Map<string, Page<StoredDesignationRow>>> {
    return pagesPerAcademy(this.prisma, "Designation", viewer.trustId, academyIds, window);
  }

  /** A page of each academy's decisions, under any framework, newest first: one query. */
  async decisionPages(
    viewer: Viewer,
    academyIds: readonly string[],
    window: PageWindow<NewestFirstKey>,
  ): Promise<Map<string, Page<DecisionRow>>> {
    return pagesPerAcademy(this.prisma, "DesignationDecision", viewer.trustId, academyIds, window);
  }

  /** How many computed designations each academy has: one query. */
  async historyCounts(viewer: Viewer, academyIds: readonly string[]): Promise<Map<string, number>> {
    const counts = await this.prisma.designation.groupBy({
      by: ["academyId"],
      where: { trustId: viewer.trustId, academyId: { in: [...academyIds] } },
      _count: { _all: true },
    });
    return new Map(counts.map((row) => [row.academyId, row._count._all]));
  }

  /** How many decisions each academy has: one query. */
  async decisionCounts(
    viewer: Viewer,
    academyIds: readonly string[],
  ): Promise<Map<string, number>> {
    const counts = await this.prisma.designationDecision.groupBy({
      by: ["academyId"],
      where: { trustId: viewer.trustId, academyId: { in: [...academyIds] } },
      _count: { _all: true },
    });
    return new Map(counts.map((row) => [row.academyId, row._count._all]));
  }

  /** Computed designations by id, of academies the viewer may see. */
  async computedByIds(viewer: Viewer, ids: readonly string[]): Promise<StoredDesignationRow[]> {
    return this.prisma.designation.findMany({
      where: { id: { in: [...ids] }, ...ownAcademyRows(viewer) },
    });
  }

  /** Decisions by id, of academies the viewer may see. */
  async decisionsByIds(viewer: Viewer, ids: readonly string[]): Promise<DecisionRow[]> {
    return this.prisma.designationDecision.findMany({
      where: { id: { in: [...ids] }, ...ownAcademyRows(viewer) },
    });
  }

  /** Stored evidence by id, of academies the viewer may see. */
  async evidenceByIds(viewer: Viewer, ids: readonly string[]): Promise<EvidenceRow[]> {
    return this.prisma.evidenceRecord.findMany({
      where: { id: { in: [...ids] }, ...ownAcademyRows(viewer) },
    });
  }
}

function newest(computed: readonly ComputedFacts[]): StoredDesignationRow | null {
  let best: ComputedFacts | null = null;
  for (const item of computed)
    if (best === null || item.recordedAt.getTime() > best.recordedAt.getTime()) best = item;
  return best?.row ?? null;
}

/** The academic year a day falls in, "2026/27". */
export function currentAcademicYear(now: Date = new Date()): string {
  return academicYearOf(now);
}

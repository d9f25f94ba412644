// Academies of a trust: URN-keyed, created one at a time or imported many at
// once (all or nothing, with a per-row error report). Every query is scoped
// to the viewer's trust and, for academy users, to their academies.
import { badInput, inRow, notFound, forbidden, type Phase } from "../domain/index.js";
import type { Db } from "../db/index.js";
import { canSeeAcademy, type Viewer } from "../auth/viewer.js";
import type { AuditService } from "./audit.service.js";
import { pageOf, rowsToRead, type Page, type PageWindow } from "./page.js";
import { identifierProblem, type Problem, roleHas } from "../shared/index.js";

export const PHASES: readonly Phase[] = [
  "primary",
  "secondary",
  "all-through",
  "special",
  "alternative provision",
];

export interface AcademyInput {
  readonly urn: string;
  readonly name: string;
  readonly phase: string;
  readonly laestab?: string | null | undefined;
  readonly ukprn?: string | null | undefined;
}

export interface AcademyRow {
  readonly id: string;
  readonly trustId: string;
  readonly urn: string;
  readonly name: string;
  readonly phase: string;
  readonly laestab: string | null;
  readonly ukprn: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Which academies a page lists. */
export interface AcademyFilter {
  readonly phase: string | null;
  readonly search: string | null;
}

/** The where-clause that keeps a viewer inside its trust and its academies. */
export function academyScope(viewer: Viewer): { trustId: string; urn?: { in: string[] } } {
  return viewer.academyUrns === null
    ? { trustId: viewer.trustId }
    : { trustId: viewer.trustId, urn: { in: [...viewer.academyUrns] } };
}

/** The where-clause that keeps a viewer to rows of its trust's academies it may see (rows with an `academy` relation). */
export function ownAcademyRows(viewer: Viewer): {
  trustId: string;
  academy?: { urn: { in: string[] } };
} {
  return viewer.academyUrns === null
    ? { trustId: viewer.trustId }
    : { trustId: viewer.trustId, academy: { urn: { in: [...viewer.academyUrns] } } };
}

function validate(input: AcademyInput): { problems: Problem[]; clean: AcademyInput } {
  const problems: Problem[] = [];
  const urn = String(input.urn ?? "").trim();
  const name = String(input.name ?? "").trim();
  const phase = String(input.phase ?? "")
    .trim()
    .toLowerCase();
  const laestab = input.laestab ? String(input.laestab).trim() : null;
  const ukprn = input.ukprn ? String(input.ukprn).trim() : null;
  const urnProblem = identifierProblem("urn", "urn", urn);
  if (urnProblem) problems.push(urnProblem);
  if (name.length === 0 || name.length > 200) {
    problems.push({
      field: "name",
      accepts: "a name of 1 to 200 characters",
      message: "name: an academy needs a name of 1 to 200 characters",
    });
  }
  if (!(PHASES as readonly string[]).includes(phase)) {
    problems.push({
      field: "phase",
      value: phase.slice(0, 40),
      accepts: PHASES.join(", "),
      message: `phase: "${phase.slice(0, 40)}" is not a phase; use one of ${PHASES.join(", ")}`,
    });
  }
  if (laestab) {
    const problem = identifierProblem("laestab", "laestab", laestab);
    if (problem) problems.push(problem);
  }
  if (ukprn) {
    const problem = identifierProblem("ukprn", "ukprn", ukprn);
    if (problem) problems.push(problem);
  }
  return { problems, clean: { urn, name, phase, laestab, ukprn } };
}

export class AcademyService {
  constructor(
    private readonly prisma: Db,
    private readonly audit: AuditService,
    /** True on PostgreSQL, whose text comparisons are case-sensitive. */
    private readonly caseInsensitiveMode: boolean,
  ) {}

  /** The academy with this URN in the viewer's trust; NOT_FOUND when absent or out of the viewer's scope. */
  async get(viewer: Viewer, urn: string): Promise<AcademyRow> {
    const academy = canSeeAcademy(viewer, urn)
      ? await this.prisma.academy.findUnique({
          where: { trustId_urn: { trustId: viewer.trustId, urn } },
        })
      : null;
    if (!academy) throw notFound(`No academy with URN ${String(urn).slice(0, 20)} in your trust`);
    return academy;
  }

  /**
   * The id of an academy the viewer may see (what a recording needs of it):
   * raw SQL, because it runs for every measurement recorded and a model
   * query is compiled anew each time.
   */
  async idOf(viewer: Viewer, urn: string): Promise<string> {
    const [row] = canSeeAcademy(viewer, urn)
      ? await this.prisma.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "Academy" WHERE "trustId" = ${viewer.trustId} AND "urn" = ${urn}`
      : [];
    if (!row) throw notFound(`No academy with URN ${String(urn).slice(0, 20)} in your trust`);
    return row.id;
  }

  /** A page of the viewer's academies, ordered by URN. */
  async list(
    viewer: Viewer,
    filter: AcademyFilter,
    window: PageWindow<string>,
  ): Promise<Page<AcademyRow>> {
    const forward = window.take === "first";
    const rows = await this.prisma.academy.findMany({
      where: {
        AND: [
          this.matching(viewer, filter),
          ...(window.after ? [{ urn: { gt: window.after } }] : []),
          ...(window.before ? [{ urn: { lt: window.before } }] : []),
        ],
      },
      orderBy: { urn: forward ? "asc" : "desc" },
      take: rowsToRead(window),
    });
    return pageOf(window, rows);
  }

  /** How many of the viewer's academies match. */
  async count(viewer: Viewer, filter: AcademyFilter): Promise<number> {
    return this.prisma.academy.count({ where: this.matching(viewer, filter) });
  }

  /** Academies by id, of those the viewer may see. */
  async byIds(viewer: Viewer, ids: readonly string[]): Promise<AcademyRow[]> {
    return this.prisma.academy.findMany({
      where: { id: { in: [...ids] }, ...academyScope(viewer) },
    });
  }

  /** Ids of the trust's academies by URN (every academy of the trust: events name academies a viewer may not see). */
  async idsByUrn(viewer: Viewer, urns: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.academy.findMany({
      where: { trustId: viewer.trustId, urn: { in: [...urns] } },
      select: { id: true, urn: true },
    });
    return new Map(rows.map((row) => [row.urn, row.id]));
  }

  private matching(viewer: Viewer, filter: AcademyFilter) {
    return {
      ...academyScope(viewer),
      ...(filter.phase ? { phase: filter.phase } : {}),
      ...(filter.search
        ? {
            OR: [
              // SQLite's LIKE already ignores case; PostgreSQL needs to be told.
              {
                name: {
                  contains: filter.search,
                  ...(this.caseInsensitiveMode ? { mode: "insensitive" as const } : {}),
                },
              },
              { urn: { startsWith: filter.search } },
            ],
          }
        : {}),
    };
  }

  async create(viewer: Viewer, input: AcademyInput): Promise<AcademyRow> {
    this.mayManage(viewer);
    const { problems, clean } = validate(input);
    if (problems.length > 0) throw badInput(problems);
    return this.prisma.$transaction(async (tx) => {
      const existing = await tx.academy.findUnique({
        where: { trustId_urn: { trustId: viewer.trustId, urn: clean.urn } },
      });
      if (existing)
        throw badInput([
          {
            field: "urn",
            value: clean.urn,
            message: `urn: academy ${clean.urn} already exists in your trust`,
          },
        ]);
      const row = await tx.academy.create({ data: { ...clean, trustId: viewer.trustId } as never });
      await this.audit.record(tx, viewer, "academy.create", "Academy", row.id, null, clean);
      return row;
    });
  }

  async update(
    viewer: Viewer,
    urn: string,
    input: Partial<Omit<AcademyInput, "urn">>,
  ): Promise<AcademyRow> {
    this.mayManage(viewer);
    const current = await this.get(viewer, urn);
    const merged = {
      urn,
      name: input.name ?? current.name,
      phase: input.phase ?? current.phase,
      laestab: input.laestab === undefined ? current.laestab : input.laestab,
      ukprn: input.ukprn === undefined ? current.ukprn : input.ukprn,
    };
    const { problems, clean } = validate(merged);
    if (problems.length > 0) throw badInput(problems);
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.academy.update({
        where: { id: current.id },
        data: {
          name: clean.name,
          phase: clean.phase,
          laestab: clean.laestab ?? null,
          ukprn: clean.ukprn ?? null,
        },
      });
      await this.audit.record(tx, viewer, "academy.update", "Academy", row.id, current, clean);
      return row;
    });
  }

  /** Creates or updates many academies in one transaction; any bad row rejects them all, listing every problem. */
  async import(
    viewer: Viewer,
    rows: readonly AcademyInput[],
  ): Promise<{ created: number; updated: number; academies: AcademyRow[] }> {
    this.mayManage(viewer);
    const problems: Problem[] = [];
    const seen = new Map<string, number>();
    const clean = rows.map((row, index) => {
      const result = validate(row);
      problems.push(...result.problems.map((problem) => inRow(problem, index)));
      const earlier = seen.get(result.clean.urn);
      if (earlier !== undefined) {
        problems.push({
          field: "urn",
          row: index,
          value: result.clean.urn,
          accepts: "each academy once per import",
          message: `urn: URN ${result.clean.urn} is also in rows[${earlier}]; accepts each academy once per import`,
        });
      } else seen.set(result.clean.urn, index);
      return result.clean;
    });
    if (problems.length > 0) throw badInput(problems);
    return this.prisma.$transaction(
      async (tx) => {
        const existing = await tx.academy.findMany({
          // The whole trust's URNs, not an IN list: an import may exceed the database's parameter limit.
          where: { trustId: viewer.trustId },
        });
        const byUrn = new Map(existing.map((row) => [row.urn, row]));
        const academies: AcademyRow[] = [];
        let created = 0;
        for (const row of clean) {
          const data = {
            name: row.name,
            phase: row.phase,
            laestab: row.laestab ?? null,
            ukprn: row.ukprn ?? null,
          };
          const before = byUrn.get(row.urn);
          if (before) {
            academies.push(await tx.academy.update({ where: { id: before.id }, data }));
          } else {
            academies.push(
              await tx.academy.create({ data: { ...data, urn: row.urn, trustId: viewer.trustId } }),
            );
            created++;
          }
        }
        await this.audit.record(tx, viewer, "academy.import", "Academy", "*", null, {
          created,
          updated: clean.length - created,
          urns: clean.map((row) => row.urn),
        });
        return { created, updated: clean.length - created, academies };
      },
      { timeout: 120_000 },
    );
  }

  private mayManage(viewer: Viewer): void {
    if (!roleHas(viewer.role, "manageAcademies"))
      throw forbidden("Only a trust admin or data manager manages academies.");
  }
}

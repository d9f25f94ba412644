import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  Int,
  Mutation,
  Query,
  Resolver,
} from "type-graphql";
import { badInput } from "../../domain/index.js";
import type { Context } from "../context.type.js";
import { ACADEMY_PAGES, AcademyConnectionType } from "../types/connections.type.js";
import { connectionOf, encodeCursor, PageArgs, windowOf, type Connection } from "../relay/index.js";
import type { AcademyRow } from "../../services/academy.service.js";
import {
  AcademyImportResultType,
  AcademyInput,
  AcademyType,
  AcademyUpdateInput,
} from "../types/academy.type.js";
import {
  RecordEvidenceResultType,
  StoredDesignationType,
} from "../types/stored-designation.type.js";
import { EvidenceInput } from "../types/evidence.input.js";
import { RecordEvidenceRowInput } from "../types/record-evidence.input.js";
import { toDesignationThatCounts, toEvidenceRecord, toStoredDesignation } from "../mappers.js";
import { AcademicYearScalar, CalendarDateScalar, URNScalar } from "../scalars.js";
import { PhaseEnum, TermEnum } from "../types/school.enums.js";
import type { Phase, Term } from "../../domain/index.js";
import { frameworkOf } from "../framework-of.js";
import type { StoredDesignationRow, YearDesignation } from "../../services/designation.service.js";
import { DesignationThatCountsType } from "../types/designation-that-counts.type.js";

/** The designation that counts as the API shows it; null when the year has no record at all. */
export function shownDesignation(view: YearDesignation | null): DesignationThatCountsType | null {
  if (!view || (view.counts.decision === null && view.newestComputed === null)) return null;
  return toDesignationThatCounts(view);
}

/** The academies query's arguments: a page, and which academies. */
@ArgsType()
class AcademiesArgs extends PageArgs(ACADEMY_PAGES.max) {
  @Field(() => PhaseEnum, { nullable: true, description: "Only this phase." })
  phase?: Phase | null;

  @Field(() => String, { nullable: true, description: "Name contains, or URN starts with." })
  search?: string | null;
}

async function stored(context: Context, row: StoredDesignationRow): Promise<StoredDesignationType> {
  return toStoredDesignation(row, await frameworkOf(context, row.frameworkKey));
}

@Resolver(() => AcademyType)
export class AcademyResolver {
  @Authorized("read")
  @Query(() => AcademyType, {
    nullable: true,
    description:
      "An academy of your trust by URN; null, with a NOT_FOUND error at this field's path, when it is not yours to see (another trust's academy answers as a missing one). Sibling fields keep their data.",
  })
  async academy(
    @Arg("urn", () => URNScalar, { description: "Six digits." }) urn: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<AcademyType | null> {
    return services.academies.get(viewer!, urn);
  }

  @Authorized("read")
  @Query(() => AcademyConnectionType, {
    description: "Your trust's academies, a page at a time, ordered by URN.",
  })
  async academies(
    @Args(() => AcademiesArgs) args: AcademiesArgs,
    @Ctx() { viewer, services }: Context,
  ): Promise<Connection<AcademyRow>> {
    const window = windowOf(args, ACADEMY_PAGES.cursor, ACADEMY_PAGES.max);
    const filter = { phase: args.phase ?? null, search: args.search ?? null };
    return connectionOf(
      await services.academies.list(viewer!, filter, window),
      (academy) => encodeCursor(ACADEMY_PAGES.cursor, academy.urn),
      (academy) => academy,
      () => services.academies.count(viewer!, filter),
    );
  }

  @Authorized("manageAcademies")
  @Mutation(() => AcademyType, { description: "Creates an academy in your trust." })
  async createAcademy(
    @Arg("input", () => AcademyInput, { description: "The academy." }) input: AcademyInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<AcademyType> {
    return services.academies.create(viewer!, input);
  }

  @Authorized("manageAcademies")
  @Mutation(() => AcademyType, { description: "Changes an academy's name, phase or identifiers." })
  async updateAcademy(
    @Arg("urn", () => URNScalar, { description: "URN of the academy." }) urn: string,
    @Arg("input", () => AcademyUpdateInput, { description: "What changes." })
    input: AcademyUpdateInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<AcademyType> {
    return services.academies.update(viewer!, urn, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.phase ? { phase: input.phase } : {}),
      ...(input.laestab !== undefined ? { laestab: input.laestab } : {}),
      ...(input.ukprn !== undefined ? { ukprn: input.ukprn } : {}),
    });
  }

  @Authorized("manageAcademies")
  @Mutation(() => AcademyImportResultType, {
    description:
      "Creates or updates many academies at once: all or nothing; a bad row rejects the import with every problem listed by row.",
  })
  async importAcademies(
    @Arg("rows", () => [AcademyInput], { description: "The academies." }) rows: AcademyInput[],
    @Ctx() { viewer, services, maxBatchRows }: Context,
  ): Promise<AcademyImportResultType> {
    if (rows.length > maxBatchRows)
      throw badInput([
        {
          field: "rows",
          message: `rows: at most ${maxBatchRows} academies per import, got ${rows.length}`,
        },
      ]);
    return services.academies.import(viewer!, rows);
  }

  @Authorized("recordEvidence")
  @Mutation(() => RecordEvidenceResultType, {
    description:
      "Records an academy's evidence for a year and term and recomputes its designation under the trust's framework.",
  })
  async recordEvidence(
    @Arg("urn", () => URNScalar, { description: "URN of the academy." }) urn: string,
    @Arg("year", () => AcademicYearScalar, { description: "Academic year, e.g. 2025/26." })
    year: string,
    @Arg("term", () => TermEnum, { description: "The term of the evidence." }) term: Term,
    @Arg("evidence", () => [EvidenceInput], { description: "The academy's cells." })
    evidence: EvidenceInput[],
    @Arg("expectedVersion", () => Int, {
      nullable: true,
      description: "Required to change existing evidence: the version you last saw.",
    })
    expectedVersion: number | null,
    @Ctx() context: Context,
  ): Promise<RecordEvidenceResultType> {
    const result = await context.services.designations.record(context.viewer!, {
      urn,
      year,
      term,
      evidence,
      expectedVersion,
    });
    return {
      urn,
      evidence: toEvidenceRecord(result.evidence),
      designation: await stored(context, result.designation),
    };
  }

  @Authorized("recordEvidence")
  @Mutation(() => [RecordEvidenceResultType], {
    description:
      "Records many rows of the risk matrix for a year and term in one transaction: a bad row rejects them all, with every problem listed by row.",
  })
  async recordEvidenceBatch(
    @Arg("year", () => AcademicYearScalar, { description: "Academic year." }) year: string,
    @Arg("term", () => TermEnum, { description: "The term of the evidence." }) term: Term,
    @Arg("rows", () => [RecordEvidenceRowInput], { description: "One row per academy." })
    rows: RecordEvidenceRowInput[],
    @Ctx() context: Context,
  ): Promise<RecordEvidenceResultType[]> {
    if (rows.length > context.maxBatchRows)
      throw badInput([
        {
          field: "rows",
          message: `rows: at most ${context.maxBatchRows} rows per batch, got ${rows.length}`,
        },
      ]);
    const results = await context.services.designations.recordMany(
      context.viewer!,
      year,
      term,
      rows,
    );
    return Promise.all(
      results.map(async (result, index) => ({
        urn: rows[index]!.urn,
        evidence: toEvidenceRecord(result.evidence),
        designation: await stored(context, result.designation),
      })),
    );
  }

  @Authorized("confirmDesignations")
  @Mutation(() => DesignationThatCountsType, {
    description:
      "Records the trust's decision on an academy's designation for a year (and term, for a termly framework): the computed level agreed, or another level with a reason. Decisions are never edited or erased: this one supersedes earlier ones, which stay in the history. Returns the designation that counts afterwards.",
  })
  async decideDesignation(
    @Arg("urn", () => URNScalar, { description: "URN of the academy." }) urn: string,
    @Arg("year", () => AcademicYearScalar, {
      description: "The designation year decided, e.g. 2026/27.",
    })
    year: string,
    @Arg("term", () => TermEnum, {
      nullable: true,
      description: "Termly frameworks only: the term decided.",
    })
    term: Term | null,
    @Arg("level", () => String, {
      nullable: true,
      description: "The level agreed; the year's computed level when left out.",
    })
    level: string | null,
    @Arg("body", () => String, { description: 'The body that agreed it, e.g. "Trust Board".' })
    body: string,
    @Arg("agreedOn", () => CalendarDateScalar, {
      description: "Date the body agreed it, e.g. 2026-10-14.",
    })
    agreedOn: string,
    @Arg("reason", () => String, {
      nullable: true,
      description:
        "Why: required when the level is not the computed one, when the computed one is provisional, or when none was computed.",
    })
    reason: string | null,
    @Ctx() context: Context,
  ): Promise<DesignationThatCountsType> {
    const view = await context.services.designations.decide(context.viewer!, {
      urn,
      year,
      term,
      level,
      body,
      agreedOn,
      reason,
    });
    return toDesignationThatCounts(view);
  }

  @Authorized("confirmDesignations")
  @Mutation(() => DesignationThatCountsType, {
    deprecationReason: "Use decideDesignation, which names the year, term and body.",
    description:
      "Records a Trust Board decision for the year (and term) of the academy's newest computed designation: the computed level, or another level with a reason. Returns the designation that counts afterwards.",
  })
  async confirmDesignation(
    @Arg("urn", () => URNScalar, { description: "URN of the academy." }) urn: string,
    @Arg("agreedOn", () => CalendarDateScalar, {
      description: "Date the trust board agreed it, e.g. 2025-10-14.",
    })
    agreedOn: string,
    @Arg("level", () => String, {
      nullable: true,
      description: "A different level key, to override the computed one.",
    })
    level: string | null,
    @Arg("reason", () => String, {
      nullable: true,
      description: "Why, required when the level differs from the computed one.",
    })
    reason: string | null,
    @Ctx() context: Context,
  ): Promise<DesignationThatCountsType> {
    return toDesignationThatCounts(
      await context.services.designations.confirm(context.viewer!, {
        urn,
        agreedOn,
        level,
        reason,
      }),
    );
  }
}

// The fields of an academy that read per academy: each goes through a loader
// of the request (server/graphql/loaders), so a page of academies reads each
// field in one set of queries, whatever the page's size.
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context.type.js";
import { AcademyType } from "../types/academy.type.js";
import {
  EvidenceRecordType,
  type StoredDesignationType,
} from "../types/stored-designation.type.js";
import {
  DesignationThatCountsType,
  type DesignationDecisionType,
} from "../types/designation-that-counts.type.js";
import {
  DECISION_PAGES,
  DesignationDecisionConnectionType,
  HISTORY_PAGES,
  StoredDesignationConnectionType,
} from "../types/connections.type.js";
import { toDecision, toEvidenceRecord, toStoredDesignation } from "../mappers.js";
import { AcademicYearScalar } from "../scalars.js";
import { frameworkOf } from "../framework-of.js";
import {
  connectionOf,
  encodeCursor,
  PageArgs,
  windowOf,
  type Connection,
  type PageArguments,
} from "../relay/index.js";
import { currentAcademicYear } from "../../services/designation.service.js";
import { shownDesignation } from "./academy.resolver.js";

const HistoryPageArgs = PageArgs(HISTORY_PAGES.max);
const DecisionPageArgs = PageArgs(DECISION_PAGES.max);

const newestFirstKey = (row: { createdAt: Date; id: string }) => ({
  at: row.createdAt,
  id: row.id,
});

@Resolver(() => AcademyType)
export class AcademyFieldsResolver {
  @FieldResolver(() => DesignationThatCountsType, {
    nullable: true,
    description:
      "The designation that counts for the academy in a year (this academic year when no year is given), with its status, decision, proposal, support and time in level; null when the year has no designation or decision and no earlier decision carries over.",
  })
  async designation(
    @Root() academy: AcademyType,
    @Arg("year", () => AcademicYearScalar, {
      nullable: true,
      description: "Academic year, e.g. 2026/27; this academic year when left out.",
    })
    year: string | null,
    @Ctx() context: Context,
  ): Promise<DesignationThatCountsType | null> {
    return shownDesignation(
      await context.loaders.yearDesignation.load({
        options: year ?? currentAcademicYear(),
        id: academy.id,
      }),
    );
  }

  @FieldResolver(() => DesignationThatCountsType, {
    nullable: true,
    deprecationReason: "Use designation(year).",
    description:
      "The designation that counts in a year (this academic year when no year is given).",
  })
  async currentDesignation(
    @Root() academy: AcademyType,
    @Arg("year", () => AcademicYearScalar, {
      nullable: true,
      description: "Academic year, e.g. 2026/27; this academic year when left out.",
    })
    year: string | null,
    @Ctx() context: Context,
  ): Promise<DesignationThatCountsType | null> {
    return this.designation(academy, year, context);
  }

  @FieldResolver(() => DesignationDecisionConnectionType, {
    description:
      "Every decision on the academy's designation, under any framework, newest first, a page at a time. None is ever edited or erased.",
  })
  async designationDecisions(
    @Root() academy: AcademyType,
    @Args(() => DecisionPageArgs) args: PageArguments,
    @Ctx() context: Context,
  ): Promise<Connection<DesignationDecisionType>> {
    const window = windowOf(args, DECISION_PAGES.cursor, DECISION_PAGES.max);
    const page = await context.loaders.designationDecisions.load({
      options: window,
      id: academy.id,
    });
    return connectionOf(
      page,
      (row) => encodeCursor(DECISION_PAGES.cursor, newestFirstKey(row)),
      async (row) => toDecision(row, await frameworkOf(context, row.frameworkKey)),
      () => context.loaders.designationDecisionCount.load({ options: null, id: academy.id }),
    );
  }

  @FieldResolver(() => StoredDesignationConnectionType, {
    description:
      "Every designation computed for the academy, under any framework and year, newest first, a page at a time.",
  })
  async designationHistory(
    @Root() academy: AcademyType,
    @Args(() => HistoryPageArgs) args: PageArguments,
    @Ctx() context: Context,
  ): Promise<Connection<StoredDesignationType>> {
    const window = windowOf(args, HISTORY_PAGES.cursor, HISTORY_PAGES.max);
    const page = await context.loaders.designationHistory.load({
      options: window,
      id: academy.id,
    });
    return connectionOf(
      page,
      (row) => encodeCursor(HISTORY_PAGES.cursor, newestFirstKey(row)),
      async (row) => toStoredDesignation(row, await frameworkOf(context, row.frameworkKey)),
      () => context.loaders.designationHistoryCount.load({ options: null, id: academy.id }),
    );
  }

  @FieldResolver(() => [EvidenceRecordType], {
    description:
      "Stored evidence, newest year first (a year's terms autumn, spring, summer): at most three records a year.",
  })
  async evidence(
    @Root() academy: AcademyType,
    @Arg("year", () => AcademicYearScalar, {
      nullable: true,
      description: "Only this academic year.",
    })
    year: string | null,
    @Ctx() context: Context,
  ): Promise<EvidenceRecordType[]> {
    return (await context.loaders.evidence.load({ options: year, id: academy.id })).map(
      toEvidenceRecord,
    );
  }
}

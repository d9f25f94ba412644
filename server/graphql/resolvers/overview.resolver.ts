import { Arg, Args, ArgsType, Authorized, Ctx, Field, Info, Query, Resolver } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { asksFor } from "../asks-for.js";
import type { Context } from "../context.type.js";
import { TrustOverviewType, ViewerType } from "../types/overview.type.js";
import { AuditEntityEnum, AuditEntryType, type AuditEntity } from "../types/audit.type.js";
import { toAuditEntry } from "../audit-entries.js";
import { AcademicYearScalar } from "../scalars.js";
import { toDesignationThatCounts } from "../mappers.js";
import { AUDIT_PAGES, AuditEntryConnectionType } from "../types/connections.type.js";
import { connectionOf, encodeCursor, PageArgs, windowOf, type Connection } from "../relay/index.js";
import { emptyTargetCounts } from "../../services/overview.service.js";

/** The audit log's arguments: a page, and which entries. */
@ArgsType()
class AuditLogArgs extends PageArgs(AUDIT_PAGES.max) {
  @Field(() => Date, { nullable: true, description: "Only changes since this time." })
  since?: Date | null;

  @Field(() => AuditEntityEnum, {
    nullable: true,
    description: "Only this kind of record, e.g. TARGET.",
  })
  entity?: AuditEntity | null;
}

@Resolver()
export class OverviewResolver {
  @Authorized("read")
  @Query(() => ViewerType, { description: "Who you are signed in as." })
  async me(@Ctx() { viewer, services }: Context): Promise<ViewerType> {
    const trust = await services.prisma.trust.findUniqueOrThrow({ where: { id: viewer!.trustId } });
    return {
      userId: viewer!.userId,
      name: viewer!.name,
      role: viewer!.role,
      trustName: trust.name,
      academyUrns: viewer!.academyUrns ? [...viewer!.academyUrns].sort() : [],
    };
  }

  @Authorized("read")
  @Query(() => TrustOverviewType, {
    description:
      "Every academy with the designation that counts in the year (agreed, not yet agreed, review suggested, provisional; support; time in level), its RAG counts for the year and what changed since a date. Served in a fixed number of database queries.",
  })
  async trustOverview(
    @Arg("year", () => AcademicYearScalar, { description: "Academic year, e.g. 2025/26." })
    year: string,
    @Arg("changedSince", () => Date, {
      nullable: true,
      description: "List changes since this time.",
    })
    changedSince: Date | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TrustOverviewType> {
    const { viewer, services } = context;
    const [trust, rows] = await Promise.all([
      services.prisma.trust.findUniqueOrThrow({ where: { id: viewer!.trustId } }),
      // The engine's reasons are read only when the query shows them.
      services.overview.overview(viewer!, year, changedSince, {
        reasons: asksFor(info, "reasons"),
      }),
    ]);
    const totals = { green: 0, amber: 0, red: 0, none: 0 };
    const targetTotals = emptyTargetCounts();
    const academies = await Promise.all(
      rows.map(async (row) => {
        totals.green += row.rag.green;
        totals.amber += row.rag.amber;
        totals.red += row.rag.red;
        totals.none += row.rag.none;
        for (const status of Object.keys(targetTotals) as (keyof typeof targetTotals)[])
          targetTotals[status] += row.targets[status];
        return {
          ...row,
          // The year travels with each row for its supportUse field.
          year,
          designation: row.designation ? toDesignationThatCounts(row.designation) : null,
        };
      }),
    );
    return { trustName: trust.name, year, academies, totals, targetTotals };
  }

  @Authorized("readAudit")
  @Query(() => AuditEntryConnectionType, {
    description: "The audit log of your trust, newest first, a page at a time.",
  })
  async auditLog(
    @Args(() => AuditLogArgs) args: AuditLogArgs,
    @Ctx() { viewer, services }: Context,
  ): Promise<Connection<AuditEntryType>> {
    const window = windowOf(args, AUDIT_PAGES.cursor, AUDIT_PAGES.max);
    const filter = { since: args.since ?? null, entity: args.entity ?? null };
    return connectionOf(
      await services.audit.list(viewer!, filter, window),
      (row) => encodeCursor(AUDIT_PAGES.cursor, { at: row.at, id: row.id }),
      toAuditEntry,
      () => services.audit.count(viewer!, filter),
    );
  }
}

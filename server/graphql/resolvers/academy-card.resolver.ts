import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.type.js";
import { asksFor } from "../asks-for.js";
import type { AcademyCardData, CardRead } from "../../services/academy-card.service.js";
import {
  AcademyCardType,
  MeasurementInput,
  MeasurementType,
  TargetInput,
  TargetType,
  TargetValuesInput,
  TargetVersionType,
} from "../types/academy-card.type.js";
import { toMeasurement, toTarget, toTargetVersion } from "../mappers.js";
import type { TargetRow } from "../../services/academy-card.service.js";
import { shownDesignation } from "./academy.resolver.js";
import { AcademicYearScalar, CalendarDateScalar, URNScalar } from "../scalars.js";
import { TargetVersionConnectionType, VERSION_PAGES } from "../types/connections.type.js";
import {
  connectionOf,
  encodeCursor,
  PageArgs,
  rowIdOf,
  windowOf,
  type Connection,
  type PageArguments,
} from "../relay/index.js";

const VersionPageArgs = PageArgs(VERSION_PAGES.max);

const TARGET_ID = "The target's id (as Target.id gives it).";
import { mayTakeStep, type SignOffStep } from "../../shared/index.js";

/** What the query shows of the cards: a workbook's cards read neither measurements nor versions. */
function cardRead(info: GraphQLResolveInfo): CardRead {
  return {
    measurements: asksFor(info, "measurements"),
    versions: asksFor(info, "signOff") || asksFor(info, "pendingChange"),
  };
}

/** Cards as the API shows them, with the designation that counts in each card's year (one set of queries for all). */
async function cardTypes(
  context: Context,
  cards: readonly (AcademyCardData | null)[],
): Promise<(AcademyCardType | null)[]> {
  const found = cards.filter((card): card is AcademyCardData => card !== null);
  const views = await Promise.all(
    found.map((card) =>
      context.loaders.yearDesignation.load({ options: card.year, id: card.academy.id }),
    ),
  );
  const designations = new Map(found.map((card, index) => [card, views[index] ?? null]));
  return Promise.all(
    cards.map(async (card) => {
      if (!card) return null;
      return {
        academy: card.academy,
        year: card.year,
        designation: shownDesignation(designations.get(card) ?? null),
        targets: card.targets.map((entry) => toTarget(card.academy.urn, entry)),
      };
    }),
  );
}

@Resolver()
export class AcademyCardResolver {
  @Authorized("read")
  @Query(() => AcademyCardType, {
    nullable: true,
    description:
      "An academy's card for a year: targets, measurements and progress. Null, with a NOT_FOUND error at this field's path, for an academy that is not yours to see; sibling fields keep their data.",
  })
  async academyCard(
    @Arg("urn", () => URNScalar, { description: "URN of the academy." }) urn: string,
    @Arg("year", () => AcademicYearScalar, { description: "Academic year, e.g. 2025/26." })
    year: string,
    @Ctx() context: Context,
  ): Promise<AcademyCardType | null> {
    const card = await context.services.cards.card(context.viewer!, urn, year);
    const [mapped] = await cardTypes(context, [card]);
    return mapped!;
  }

  @Authorized("read")
  @Query(() => [AcademyCardType], {
    nullable: "items",
    description:
      "Many academies' cards for a year in one request (at most 500), in the order asked; null for a URN that is not one of your academies. What a workbook full of MAT.CARD cells asks for.",
  })
  async academyCards(
    @Arg("urns", () => [URNScalar], { description: "URNs of the academies." }) urns: string[],
    @Arg("year", () => AcademicYearScalar, { description: "Academic year, e.g. 2025/26." })
    year: string,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<(AcademyCardType | null)[]> {
    return cardTypes(
      context,
      await context.services.cards.cards(context.viewer!, urns, year, cardRead(info)),
    );
  }

  @Authorized("read")
  @Query(() => TargetType, {
    nullable: true,
    description:
      "One target and its progress; null, with a NOT_FOUND error at this field's path, when the academy has no such target or is not yours to see (BAD_USER_INPUT there when the metric is not a measurable indicator).",
  })
  async target(
    @Arg("urn", () => URNScalar, { description: "URN of the academy." }) urn: string,
    @Arg("metric", () => String, { description: "Indicator key." }) metric: string,
    @Arg("year", () => AcademicYearScalar, { description: "Academic year." }) year: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<TargetType | null> {
    return toTarget(urn, await services.cards.target(viewer!, urn, metric, year));
  }

  @Authorized("read")
  @Query(() => TargetVersionConnectionType, {
    nullable: true,
    description:
      "Every version of a target, newest first, a page at a time: each change and sign-off step with status, values, body, meeting date, reason and who by name. Null, with a NOT_FOUND error at this field's path, for a target that is not one of your academies'.",
  })
  async targetVersions(
    @Arg("id", () => ID, { description: TARGET_ID }) id: string,
    @Args(() => VersionPageArgs) args: PageArguments,
    @Ctx() { viewer, services }: Context,
  ): Promise<Connection<TargetVersionType> | null> {
    const window = windowOf(args, VERSION_PAGES.cursor, VERSION_PAGES.max);
    const { page, count } = await services.cards.history(
      viewer!,
      rowIdOf("Target", "id", id),
      window,
    );
    return connectionOf(
      page,
      (row) => encodeCursor(VERSION_PAGES.cursor, row.version),
      toTargetVersion,
      count,
    );
  }

  @Authorized("editTargets")
  @Mutation(() => TargetType, {
    description:
      "Creates a target (as draft) or edits one. Editing needs expectedVersion (CONFLICT if someone else changed it first). A proposed or reviewed target goes back to draft; an agreed target keeps its agreed values and the edit becomes its pendingChange (a reason is required), which goes through proposed, reviewed and agreed.",
  })
  async setTarget(
    @Arg("input", () => TargetInput, { description: "The target." }) input: TargetInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<TargetType> {
    await services.cards.setTarget(viewer!, input);
    return toTarget(
      input.urn,
      await services.cards.target(viewer!, input.urn, input.metric, input.year),
    );
  }

  @Authorized("editTargets")
  @Mutation(() => TargetType, {
    description:
      "Proposes a draft target, or a pending change to an agreed one (the academy or the trust). BAD_USER_INPUT when it is not a draft.",
  })
  async proposeTarget(
    @Arg("id", () => ID, { description: TARGET_ID }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last saw." })
    expectedVersion: number,
    @Ctx() context: Context,
  ): Promise<TargetType> {
    return this.step(context, { id, step: "propose", expectedVersion });
  }

  @Authorized("reviewTargets")
  @Mutation(() => TargetType, {
    description:
      "Records the local governing board's review of a proposed target (or change): a governor of the academy, or a leader or trust admin recording it for the board. BAD_USER_INPUT when it is not proposed, naming what must come first.",
  })
  async reviewTarget(
    @Arg("id", () => ID, { description: TARGET_ID }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last saw." })
    expectedVersion: number,
    @Arg("meetingOn", () => CalendarDateScalar, {
      description: "The date the board met, e.g. 2026-10-01.",
    })
    meetingOn: string,
    @Arg("body", () => String, {
      nullable: true,
      description: 'The board\'s own name; default "LGB" (seed 004: "Academy Advisory Board").',
    })
    body: string | null,
    @Ctx() context: Context,
  ): Promise<TargetType> {
    return this.step(context, { id, step: "review", expectedVersion, meetingOn, body });
  }

  @Authorized("agreeTargets")
  @Mutation(() => TargetType, {
    description:
      "Records the trust board's agreement of a reviewed target (or change), with the meeting's date: a leader or trust admin. A draft or proposed target cannot be agreed (BAD_USER_INPUT).",
  })
  async agreeTarget(
    @Arg("id", () => ID, { description: TARGET_ID }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last saw." })
    expectedVersion: number,
    @Arg("meetingOn", () => CalendarDateScalar, {
      description: "The date the trust board met, e.g. 2026-10-14.",
    })
    meetingOn: string,
    @Arg("body", () => String, { nullable: true, description: 'Default "Trust Board".' })
    body: string | null,
    @Ctx() context: Context,
  ): Promise<TargetType> {
    return this.step(context, { id, step: "agree", expectedVersion, meetingOn, body });
  }

  @Authorized("agreeTargets")
  @Mutation(() => TargetType, {
    description:
      "Exceptional circumstances only: records a change to an agreed target made directly by the trust board, with the reason and the meeting's date, marked as a direct change in the history. A pending change is set aside.",
  })
  async changeAgreedTarget(
    @Arg("id", () => ID, { description: TARGET_ID }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last saw." })
    expectedVersion: number,
    @Arg("values", () => TargetValuesInput, { description: "The new values." })
    values: TargetValuesInput,
    @Arg("reason", () => String, { description: "Why the trust board changed it." })
    reason: string,
    @Arg("meetingOn", () => CalendarDateScalar, { description: "The date the trust board met." })
    meetingOn: string,
    @Ctx() context: Context,
  ): Promise<TargetType> {
    const row = await context.services.cards.changeAgreed(context.viewer!, {
      ...values,
      id: rowIdOf("Target", "id", id),
      expectedVersion,
      reason,
      meetingOn,
    });
    return this.shown(context, row);
  }

  private async step(
    context: Context,
    input: {
      id: string;
      step: SignOffStep;
      expectedVersion: number;
      meetingOn?: string;
      body?: string | null;
    },
  ): Promise<TargetType> {
    return this.shown(
      context,
      await context.services.cards.signOff(context.viewer!, {
        ...input,
        id: rowIdOf("Target", "id", input.id),
      }),
    );
  }

  private async shown(context: Context, row: TargetRow): Promise<TargetType> {
    const { viewer, services } = context;
    const academy = await services.prisma.academy.findUniqueOrThrow({
      where: { id: row.academyId },
    });
    return toTarget(
      academy.urn,
      await services.cards.target(viewer!, academy.urn, row.metric, row.year),
    );
  }

  @Authorized("recordMeasurements")
  @Mutation(() => MeasurementType, {
    description: "Records a measurement; subscribers to the academy's progress are told at once.",
  })
  async recordMeasurement(
    @Arg("input", () => MeasurementInput, { description: "The measurement." })
    input: MeasurementInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<MeasurementType> {
    return toMeasurement(await services.cards.recordMeasurement(viewer!, input));
  }
}

/** Fields of a target that depend on who is asking. */
@Resolver(() => TargetType)
export class TargetFieldsResolver {
  @FieldResolver(() => Boolean, {
    description:
      "True when your role may take the next sign-off step (the buttons a pane shows); the academy is always one of yours, or you would not see the target.",
  })
  canTakeNextStep(@Root() target: TargetType, @Ctx() { viewer }: Context): boolean {
    if (!viewer || target.nextStep === null) return false;
    return mayTakeStep(viewer.role, target.nextStep);
  }
}

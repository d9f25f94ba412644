import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context.type.js";
import type { AcademyCardData } from "../../services/academy-card.service.js";
import {
  AcademyCardType,
  MeasurementInput,
  MeasurementType,
  TargetInput,
  TargetType,
  TargetVersionType,
} from "../types/academy-card.type.js";
import { toStoredDesignation, toTarget } from "../mappers.js";
import { frameworkOf } from "../framework-of.js";

/** Cards as the API shows them, with each academy's current designation (one query for all). */
async function cardTypes(
  context: Context,
  cards: readonly (AcademyCardData | null)[],
): Promise<(AcademyCardType | null)[]> {
  const found = cards.filter((card): card is AcademyCardData => card !== null);
  const designations = await context.services.designations.currentFor(
    context.viewer!,
    found.map((card) => card.academy.id),
  );
  return Promise.all(
    cards.map(async (card) => {
      if (!card) return null;
      const designation = designations.get(card.academy.id) ?? null;
      return {
        academy: card.academy,
        year: card.year,
        designation: designation
          ? toStoredDesignation(designation, await frameworkOf(context, designation.frameworkKey))
          : null,
        targets: card.targets.map((entry) => toTarget(card.academy.urn, entry)),
      };
    }),
  );
}

@Resolver()
export class AcademyCardResolver {
  @Authorized("read")
  @Query(() => AcademyCardType, {
    description: "An academy's card for a year: targets, measurements and progress.",
  })
  async academyCard(
    @Arg("urn", () => String, { description: "URN of the academy." }) urn: string,
    @Arg("year", () => String, { description: "Academic year, e.g. 2025/26." }) year: string,
    @Ctx() context: Context,
  ): Promise<AcademyCardType> {
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
    @Arg("urns", () => [String], { description: "URNs of the academies." }) urns: string[],
    @Arg("year", () => String, { description: "Academic year, e.g. 2025/26." }) year: string,
    @Ctx() context: Context,
  ): Promise<(AcademyCardType | null)[]> {
    return cardTypes(context, await context.services.cards.cards(context.viewer!, urns, year));
  }

  @Authorized("read")
  @Query(() => TargetType, {
    description: "One target and its progress; NOT_FOUND when the academy has no such target.",
  })
  async target(
    @Arg("urn", () => String, { description: "URN of the academy." }) urn: string,
    @Arg("metric", () => String, { description: "Indicator key." }) metric: string,
    @Arg("year", () => String, { description: "Academic year." }) year: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<TargetType> {
    return toTarget(urn, await services.cards.target(viewer!, urn, metric, year));
  }

  @Authorized("read")
  @Query(() => [TargetVersionType], { description: "Earlier versions of a target, newest first." })
  async targetVersions(
    @Arg("id", () => ID, { description: "Target id." }) id: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<TargetVersionType[]> {
    return services.cards.versions(viewer!, id);
  }

  @Authorized("editTargets")
  @Mutation(() => TargetType, {
    description:
      "Creates a target (as draft) or changes one. Changing needs expectedVersion (CONFLICT if someone else changed it first); an agreed target also needs a reason, and the earlier version is kept.",
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

  @Authorized("editTargets", "reviewTargets")
  @Mutation(() => TargetType, {
    description:
      "Moves a target to draft, proposed, reviewed or agreed. Reviewing and agreeing are for leaders; reopening an agreed target needs a reason.",
  })
  async setTargetStatus(
    @Arg("id", () => ID, { description: "Target id." }) id: string,
    @Arg("status", () => String, { description: "draft, proposed, reviewed or agreed." })
    status: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last saw." })
    expectedVersion: number,
    @Arg("reason", () => String, {
      nullable: true,
      description: "Why, when reopening an agreed target.",
    })
    reason: string | null,
    @Ctx() { viewer, services }: Context,
  ): Promise<TargetType> {
    const row = await services.cards.setStatus(viewer!, { id, status, expectedVersion, reason });
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
    return (await services.cards.recordMeasurement(viewer!, input)).measurement;
  }
}

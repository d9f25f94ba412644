import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context.type.js";
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
    const { viewer, services } = context;
    const card = await services.cards.card(viewer!, urn, year);
    const designation = await services.designations.current(viewer!, card.academy.id);
    return {
      academy: card.academy,
      year,
      designation: designation
        ? toStoredDesignation(designation, await frameworkOf(context, designation.frameworkKey))
        : null,
      targets: card.targets.map((entry) => toTarget(urn, entry)),
    };
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

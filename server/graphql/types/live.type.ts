import { Field, ObjectType } from "type-graphql";
import { MeasurementType, TargetType } from "./academy-card.type.js";
import { DesignationThatCountsType } from "./designation-that-counts.type.js";

@ObjectType("ProgressChange", {
  description: "A measurement was recorded: the measurement and the target's new progress.",
})
export class ProgressChangeType {
  @Field(() => String, { description: "URN of the academy." })
  urn!: string;

  @Field(() => String, { description: "Academic year." })
  year!: string;

  @Field(() => String, { description: "Indicator key." })
  metric!: string;

  @Field(() => Date, {
    description:
      "When the measurement was recorded; pass the latest seen as `since` when reconnecting.",
  })
  at!: Date;

  @Field(() => MeasurementType, { description: "The measurement recorded." })
  measurement!: MeasurementType;

  @Field(() => TargetType, {
    nullable: true,
    description: "The target for the metric with its new progress; null when there is no target.",
  })
  target!: TargetType | null;
}

@ObjectType("DesignationChange", {
  description: "Evidence was recorded or a decision made for an academy's designation year.",
})
export class DesignationChangeType {
  @Field(() => String, { description: "URN of the academy." })
  urn!: string;

  @Field(() => Date, { description: "When." })
  at!: Date;

  @Field(() => String, { description: "The designation year that changed." })
  year!: string;

  @Field(() => DesignationThatCountsType, {
    nullable: true,
    description: "The designation that counts in that year now.",
  })
  designation!: DesignationThatCountsType | null;
}

@ObjectType("TargetChange", {
  description: "A target was created, changed or moved to another status.",
})
export class TargetChangeType {
  @Field(() => String, { description: "URN of the academy." })
  urn!: string;

  @Field(() => String, { description: "Academic year." })
  year!: string;

  @Field(() => String, { description: "Indicator key." })
  metric!: string;

  @Field(() => Date, { description: "When." })
  at!: Date;

  @Field(() => TargetType, { nullable: true, description: "The target now, with its progress." })
  target!: TargetType | null;
}

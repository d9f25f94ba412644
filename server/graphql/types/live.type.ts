import { Field, ObjectType } from "type-graphql";
import { MeasurementType, TargetType } from "./academy-card.type.js";
import { StoredDesignationType } from "./stored-designation.type.js";

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
  description: "An academy's designation was recomputed, confirmed or overridden.",
})
export class DesignationChangeType {
  @Field(() => String, { description: "URN of the academy." })
  urn!: string;

  @Field(() => Date, { description: "When." })
  at!: Date;

  @Field(() => StoredDesignationType, { description: "The designation now." })
  designation!: StoredDesignationType;
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

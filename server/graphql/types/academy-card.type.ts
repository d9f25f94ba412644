import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { AcademyType } from "./academy.type.js";
import { StoredDesignationType } from "./stored-designation.type.js";

@ObjectType("Milestone", { description: "The value a target expects by a half term." })
export class MilestoneType {
  @Field(() => String, { description: "Half term: autumn1 ... summer2." })
  period!: string;

  @Field(() => Float, { description: "Expected value by then." })
  value!: number;
}

@InputType({ description: "A milestone on the way to a target." })
export class MilestoneInput {
  @Field(() => String, { description: "Half term: autumn1 ... summer2." })
  period!: string;

  @Field(() => Float, { description: "Expected value by then, in the metric's unit." })
  value!: number;
}

@ObjectType("Measurement", { description: "A measured value of a metric for a period." })
export class MeasurementType {
  @Field(() => ID, { description: "Opaque id." })
  id!: string;

  @Field(() => String, { description: "Indicator key." })
  metric!: string;

  @Field(() => String, { description: "Academic year." })
  year!: string;

  @Field(() => String, { description: "Half term, term or year." })
  period!: string;

  @Field(() => Float, { description: "Value in the metric's unit (62 means 62%)." })
  value!: number;

  @Field(() => Boolean, { description: "True until the figure is final." })
  provisional!: boolean;

  @Field(() => String, { description: "Where the figure came from." })
  source!: string;

  @Field(() => String, { description: "Who entered it (user id)." })
  enteredBy!: string;

  @Field(() => Date, { description: "When it was entered." })
  createdAt!: Date;
}

@ObjectType("Progress", { description: "Progress against a target, as DOMAIN.md defines it." })
export class ProgressType {
  @Field(() => Float, { nullable: true, description: "Latest measured value." })
  latest!: number | null;

  @Field(() => String, { nullable: true, description: "Period of the latest value." })
  latestPeriod!: string | null;

  @Field(() => Boolean, { description: "True when the latest value is provisional." })
  provisional!: boolean;

  @Field(() => Float, {
    nullable: true,
    description: "(latest - baseline) / (target - baseline): 1 means the gap is closed.",
  })
  gapClosed!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The value expected by the latest period: its milestone, else the target.",
  })
  expected!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True when the latest value meets the expected value, in the metric's direction.",
  })
  onTrack!: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "green (on track), amber (within tolerance) or red; null with no measurement.",
  })
  rag!: string | null;

  @Field(() => Float, {
    description: "Tolerance used for amber: as set, or a quarter of |target - baseline|.",
  })
  tolerance!: number;

  @Field(() => Float, {
    nullable: true,
    description: "National benchmark for the metric, phase and year.",
  })
  national!: number | null;

  @Field(() => Float, { nullable: true, description: "latest - national." })
  differenceFromNational!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True when the latest value is at least as good as national.",
  })
  atOrAboveNational!: boolean | null;
}

@ObjectType("Target", { description: "An academy-card target for a year and metric." })
export class TargetType {
  @Field(() => ID, { description: "Opaque id." })
  id!: string;

  @Field(() => String, { description: "URN of the academy." })
  urn!: string;

  @Field(() => String, { description: "Academic year." })
  year!: string;

  @Field(() => String, { description: "Indicator key of the metric." })
  metric!: string;

  @Field(() => String, { description: "Label of the metric." })
  metricLabel!: string;

  @Field(() => Float, { description: "Last year's value." })
  baseline!: number;

  @Field(() => Float, { description: "The target value." })
  target!: number;

  @Field(() => [MilestoneType], { description: "Milestones per half term." })
  milestones!: MilestoneType[];

  @Field(() => Float, { nullable: true, description: "Tolerance for amber, as set." })
  tolerance!: number | null;

  @Field(() => String, { description: "draft, proposed, reviewed or agreed (locked)." })
  status!: string;

  @Field(() => Int, {
    description:
      "Version for optimistic concurrency; pass it as expectedVersion to change the target.",
  })
  version!: number;

  @Field(() => Date, { description: "When it last changed." })
  updatedAt!: Date;

  @Field(() => ProgressType, { description: "Progress against the target." })
  progress!: ProgressType;

  @Field(() => [MeasurementType], {
    description: "Measurements of the metric this year, oldest first.",
  })
  measurements!: MeasurementType[];
}

@ObjectType("AcademyCard", {
  description: "An academy's targets for a year and its progress against them.",
})
export class AcademyCardType {
  @Field(() => AcademyType, { description: "The academy." })
  academy!: AcademyType;

  @Field(() => String, { description: "Academic year." })
  year!: string;

  @Field(() => StoredDesignationType, {
    nullable: true,
    description: "The academy's current designation.",
  })
  designation!: StoredDesignationType | null;

  @Field(() => [TargetType], { description: "Targets, by metric." })
  targets!: TargetType[];
}

@InputType({ description: "A target to create, or changes to one." })
export class TargetInput {
  @Field(() => String, { description: "URN of the academy." })
  urn!: string;

  @Field(() => String, { description: "Academic year, e.g. 2025/26." })
  year!: string;

  @Field(() => String, { description: "Indicator key of the metric." })
  metric!: string;

  @Field(() => Float, { description: "Last year's value." })
  baseline!: number;

  @Field(() => Float, { description: "The target value." })
  target!: number;

  @Field(() => [MilestoneInput], { nullable: true, description: "Milestones per half term." })
  milestones?: MilestoneInput[] | null;

  @Field(() => Float, {
    nullable: true,
    description: "Tolerance for amber; default a quarter of |target - baseline|.",
  })
  tolerance?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Required to change an existing target: the version you last saw.",
  })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: "Required to change an agreed target." })
  reason?: string | null;
}

@InputType({ description: "A measurement to record." })
export class MeasurementInput {
  @Field(() => String, { description: "URN of the academy." })
  urn!: string;

  @Field(() => String, { description: "Academic year." })
  year!: string;

  @Field(() => String, { description: "Indicator key." })
  metric!: string;

  @Field(() => String, { description: "autumn1 ... summer2, autumn, spring, summer or year." })
  period!: string;

  @Field(() => Float, { description: "Value in the metric's unit (62 means 62%)." })
  value!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: "True until the figure is final (default false).",
  })
  provisional?: boolean | null;

  @Field(() => String, { nullable: true, description: "Where the figure came from." })
  source?: string | null;
}

@ObjectType("TargetVersion", { description: "An earlier version of a target." })
export class TargetVersionType {
  @Field(() => Int, { description: "The version number it had." })
  version!: number;

  @Field(() => String, { description: "The target as it was, as JSON." })
  snapshot!: string;

  @Field(() => String, { nullable: true, description: "Why it changed." })
  reason!: string | null;

  @Field(() => String, { description: "Who changed it (user id)." })
  changedBy!: string;

  @Field(() => Date, { description: "When." })
  changedAt!: Date;
}

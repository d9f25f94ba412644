import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { NODE_ID_DESCRIPTION, NodeInterface } from "../relay/index.js";
import type { HalfTerm, Period, Rag } from "../../domain/index.js";
import type { SignOffBody, SignOffStep, TargetAction, TargetStatus } from "../../shared/index.js";
import { AcademicYearScalar, CalendarDateScalar, URNScalar } from "../scalars.js";
import { AcademyType } from "./academy.type.js";
import { DesignationThatCountsType } from "./designation-that-counts.type.js";
import {
  HalfTermEnum,
  PeriodEnum,
  RagEnum,
  SignOffBodyEnum,
  SignOffStepEnum,
  TargetActionEnum,
  TargetStatusEnum,
} from "./academy-card.enums.js";

@ObjectType("Milestone", { description: "The value a target expects by a half term." })
export class MilestoneType {
  @Field(() => HalfTermEnum, { description: "Half term: autumn1 ... summer2." })
  period!: HalfTerm;

  @Field(() => Float, { description: "Expected value by then." })
  value!: number;
}

@InputType({ description: "A milestone on the way to a target." })
export class MilestoneInput {
  @Field(() => HalfTermEnum, { description: "Half term: autumn1 ... summer2." })
  period!: HalfTerm;

  @Field(() => Float, {
    description: "Expected value by then, in the metric's unit (percent: 0.185 is read as 18.5%).",
  })
  value!: number;
}

@ObjectType("Measurement", {
  implements: NodeInterface,
  description: "A measured value of a metric for a period.",
})
export class MeasurementType {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field(() => String, { description: "Indicator key." })
  metric!: string;

  @Field(() => AcademicYearScalar, { description: "Academic year." })
  year!: string;

  @Field(() => PeriodEnum, { description: "Half term, term or year." })
  period!: Period;

  @Field(() => Float, { description: "Value in the metric's unit (62 means 62%)." })
  value!: number;

  @Field(() => String, {
    description:
      'The value as read, in the metric\'s unit ("18.5%" for 0.185 of a percent metric).',
  })
  readAs!: string;

  @Field(() => Boolean, { description: "True until the figure is final." })
  provisional!: boolean;

  @Field(() => String, { description: "Where the figure came from." })
  source!: string;

  /** The user id of who entered it (the `enteredBy` field resolves the user). */
  enteredById!: string;

  @Field(() => Date, { description: "When it was entered." })
  createdAt!: Date;
}

@ObjectType("Progress", { description: "Progress against a target, as DOMAIN.md defines it." })
export class ProgressType {
  @Field(() => Float, { nullable: true, description: "Latest measured value." })
  latest!: number | null;

  @Field(() => PeriodEnum, { nullable: true, description: "Period of the latest value." })
  latestPeriod!: Period | null;

  @Field(() => Boolean, { description: "True when the latest value is provisional." })
  provisional!: boolean;

  @Field(() => Float, {
    nullable: true,
    description:
      "(latest - baseline) / (target - baseline): 1 means the gap is closed; null with no measurement or when the target equals the baseline.",
  })
  gapClosed!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The value expected by the latest period, rounded to the metric's precision: its milestone; else the straight line between the nearest anchors (baseline at point 0, milestones, target at point 6), or target x p / 6 for a metric that adds up through the year; the target for a whole-year measurement.",
  })
  expected!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "How far the latest value is short of the expectation, in the metric's direction (0 when on track).",
  })
  shortOfExpected!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True when the latest value meets the expected value, in the metric's direction.",
  })
  onTrack!: boolean | null;

  @Field(() => RagEnum, {
    nullable: true,
    description:
      "GREEN (on track), AMBER (within tolerance) or RED; null with no measurement (no data).",
  })
  rag!: Rag | null;

  @Field(() => Float, {
    description:
      "Tolerance used for amber: as set, or a quarter of |target - baseline| (of |target| when they are equal), rounded to the metric's precision.",
  })
  tolerance!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "National figure for the metric, phase and year; null where the units do not match (a count such as permanent exclusions is never compared with a rate).",
  })
  national!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which national figure: its phase, year and source ("secondary, 2023/24" built in, or "all schools, 2024/25, from ks2_school_attainment_data.csv" loaded from a DfE file); null with no national comparison.',
  })
  nationalFigure!: string | null;

  @Field(() => Float, { nullable: true, description: "The latest value minus national." })
  differenceFromNational!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True when the latest value is at least as good as national.",
  })
  atOrAboveNational!: boolean | null;
}

@ObjectType("TargetSignOff", { description: "One sign-off step taken on a target." })
export class TargetSignOffType {
  @Field(() => TargetActionEnum, {
    description: "The step: PROPOSED, REVIEWED, AGREED or DIRECT_CHANGE.",
  })
  action!: TargetAction;

  @Field(() => SignOffBodyEnum, { description: "Who the step was taken for." })
  body!: SignOffBody;

  @Field(() => String, {
    description:
      'The body\'s own name: "Academy", "Trust", "LGB", "Academy Advisory Board", "Trust Board".',
  })
  bodyName!: string;

  @Field(() => CalendarDateScalar, {
    nullable: true,
    description: "The date the board met; null for a proposal.",
  })
  meetingOn!: string | null;

  /** The user id of who recorded it (the `by` field resolves the user). */
  byId!: string;

  @Field(() => Date, { description: "When it was recorded." })
  at!: Date;

  @Field(() => String, { nullable: true, description: "Why, for a change." })
  reason!: string | null;
}

@ObjectType("PendingTargetChange", {
  description: "New values for an agreed target, waiting for proposal, review and agreement.",
})
export class PendingTargetChangeType {
  @Field(() => TargetStatusEnum, { description: "DRAFT, PROPOSED or REVIEWED." })
  status!: TargetStatus;

  @Field(() => Float, { description: "Baseline as the change has it." })
  baseline!: number;

  @Field(() => Float, { description: "Target as the change has it." })
  target!: number;

  @Field(() => [MilestoneType], { description: "Milestones as the change has them." })
  milestones!: MilestoneType[];

  @Field(() => Float, { nullable: true, description: "Tolerance as the change has it." })
  tolerance!: number | null;

  @Field(() => String, { nullable: true, description: "Why the change is asked for." })
  reason!: string | null;

  @Field(() => [TargetSignOffType], { description: "Steps the change has taken, oldest first." })
  steps!: TargetSignOffType[];
}

@ObjectType("Target", {
  implements: NodeInterface,
  description: "An academy-card target for a year and metric.",
})
export class TargetType {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field(() => URNScalar, { description: "URN of the academy." })
  urn!: string;

  @Field(() => AcademicYearScalar, { description: "Academic year." })
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

  @Field(() => TargetStatusEnum, {
    description: "Where the values in force stand: DRAFT, PROPOSED, REVIEWED or AGREED.",
  })
  status!: TargetStatus;

  @Field(() => [TargetSignOffType], {
    description:
      "The sign-off steps behind the values in force, oldest first: who, the body and the date the board met.",
  })
  signOff!: TargetSignOffType[];

  @Field(() => PendingTargetChangeType, {
    nullable: true,
    description:
      "A change to an agreed target on its way through proposed, reviewed and agreed; the agreed values stay in force meanwhile.",
  })
  pendingChange!: PendingTargetChangeType | null;

  @Field(() => SignOffStepEnum, {
    nullable: true,
    description:
      "The next sign-off step for the target (or its pending change); null when it is agreed with no change pending.",
  })
  nextStep!: SignOffStep | null;

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

  @Field(() => AcademicYearScalar, { description: "Academic year." })
  year!: string;

  @Field(() => DesignationThatCountsType, {
    nullable: true,
    description:
      "The designation that counts in the card's year, with its status (agreed, not yet agreed, review suggested, provisional), support and time in level.",
  })
  designation!: DesignationThatCountsType | null;

  @Field(() => [TargetType], { description: "Targets, by metric." })
  targets!: TargetType[];
}

@InputType({ description: "A target to create, or changes to one." })
export class TargetInput {
  @Field(() => URNScalar, { description: "URN of the academy." })
  urn!: string;

  @Field(() => AcademicYearScalar, { description: "Academic year, e.g. 2025/26." })
  year!: string;

  @Field(() => String, { description: "Indicator key of the metric." })
  metric!: string;

  @Field(() => Float, { description: "Last year's value (percent: 0.185 is read as 18.5%)." })
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

  @Field(() => String, {
    nullable: true,
    description:
      "Required to change an agreed target: the change waits, as pendingChange, for proposal, review and agreement.",
  })
  reason?: string | null;
}

@InputType({ description: "A measurement to record." })
export class MeasurementInput {
  @Field(() => URNScalar, { description: "URN of the academy." })
  urn!: string;

  @Field(() => AcademicYearScalar, { description: "Academic year." })
  year!: string;

  @Field(() => String, { description: "Indicator key." })
  metric!: string;

  @Field(() => PeriodEnum, { description: "AUTUMN1 ... SUMMER2, AUTUMN, SPRING, SUMMER or YEAR." })
  period!: Period;

  @Field(() => Float, {
    description:
      "Value in the metric's unit, read as a cell is: for a percent metric 62 is 62% and a number strictly between 0 and 1 a fraction (0.185 is 18.5%).",
  })
  value!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: "True until the figure is final (default false).",
  })
  provisional?: boolean | null;

  @Field(() => String, { nullable: true, description: "Where the figure came from." })
  source?: string | null;
}

@ObjectType("TargetVersion", {
  description: "One kept version of a target: a change or a sign-off step, never edited.",
})
export class TargetVersionType {
  @Field(() => Int, { description: "The version number after this step." })
  version!: number;

  @Field(() => TargetActionEnum, { description: "What made this version." })
  action!: TargetAction;

  @Field(() => TargetStatusEnum, {
    description:
      "The status reached (of the target, or of its pending change when change is true).",
  })
  status!: TargetStatus;

  @Field(() => Boolean, {
    description: "True when this step concerns a change to an agreed target.",
  })
  change!: boolean;

  @Field(() => Float, { description: "Baseline this version concerns." })
  baseline!: number;

  @Field(() => Float, { description: "Target this version concerns." })
  target!: number;

  @Field(() => [MilestoneType], { description: "Milestones this version concerns." })
  milestones!: MilestoneType[];

  @Field(() => Float, {
    nullable: true,
    description: "Tolerance this version concerns; null for the default.",
  })
  tolerance!: number | null;

  @Field(() => SignOffBodyEnum, {
    nullable: true,
    description: "Who a sign-off step was taken for; null for an edit.",
  })
  body!: SignOffBody | null;

  @Field(() => String, {
    nullable: true,
    description: 'The body\'s own name ("LGB", "Trust Board").',
  })
  bodyName!: string | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: "The date the board met." })
  meetingOn!: string | null;

  @Field(() => String, { nullable: true, description: "Why it changed." })
  reason!: string | null;

  /** The user id of who made this version (the `changedBy` field resolves the user). */
  changedById!: string;

  @Field(() => Date, { description: "When." })
  changedAt!: Date;
}

@InputType({
  description: "New values for an agreed target, recorded directly for the trust board.",
})
export class TargetValuesInput {
  @Field(() => Float, { description: "Last year's value (percent: 0.185 is read as 18.5%)." })
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
}

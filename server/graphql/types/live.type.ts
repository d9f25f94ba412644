import { Field, ObjectType } from "type-graphql";
import { AcademicYearScalar, URNScalar } from "../scalars.js";
import { MeasurementType, TargetType } from "./academy-card.type.js";
import { DesignationThatCountsType } from "./designation-that-counts.type.js";

@ObjectType("ProgressChange", {
  description: "A measurement was recorded: the measurement and the target's new progress.",
})
export class ProgressChangeType {
  @Field(() => String, {
    description:
      "This change's position in the trust's sequence of changes, opaque: pass the last one you received as `after` to resume.",
  })
  cursor!: string;

  @Field(() => URNScalar, { description: "URN of the academy." })
  urn!: string;

  @Field(() => AcademicYearScalar, { description: "Academic year." })
  year!: string;

  @Field(() => String, { description: "Indicator key." })
  metric!: string;

  @Field(() => Date, {
    description:
      "When the change was committed (informative: resume with `cursor`, which follows commit order; times from several servers do not).",
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
  @Field(() => String, {
    description:
      "This change's position in the trust's sequence of changes, opaque: pass the last one you received as `after` to resume.",
  })
  cursor!: string;

  @Field(() => URNScalar, { description: "URN of the academy." })
  urn!: string;

  @Field(() => Date, {
    description: "When the change was committed (informative: resume with `cursor`).",
  })
  at!: Date;

  @Field(() => AcademicYearScalar, { description: "The designation year that changed." })
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
  @Field(() => String, {
    description:
      "This change's position in the trust's sequence of changes, opaque: pass the last one you received as `after` to resume.",
  })
  cursor!: string;

  @Field(() => URNScalar, { description: "URN of the academy." })
  urn!: string;

  @Field(() => AcademicYearScalar, { description: "Academic year." })
  year!: string;

  @Field(() => String, { description: "Indicator key." })
  metric!: string;

  @Field(() => Date, {
    description: "When the change was committed (informative: resume with `cursor`).",
  })
  at!: Date;

  @Field(() => TargetType, { nullable: true, description: "The target now, with its progress." })
  target!: TargetType | null;
}

@ObjectType("ProgressChangePage", {
  description: "A page of ProgressChange events after a cursor, oldest first.",
})
export class ProgressChangePageType {
  @Field(() => [ProgressChangeType], { description: "The changes, in commit order." })
  changes!: ProgressChangeType[];

  @Field(() => String, {
    description:
      "Where this page stopped: pass it as `after` for the next page, or to the subscription to continue live.",
  })
  cursor!: string;

  @Field(() => Boolean, {
    description: "More changes follow `cursor`: ask again with `after: cursor`.",
  })
  hasMore!: boolean;
}

@ObjectType("DesignationChangePage", {
  description: "A page of DesignationChange events after a cursor, oldest first.",
})
export class DesignationChangePageType {
  @Field(() => [DesignationChangeType], { description: "The changes, in commit order." })
  changes!: DesignationChangeType[];

  @Field(() => String, {
    description:
      "Where this page stopped: pass it as `after` for the next page, or to the subscription to continue live.",
  })
  cursor!: string;

  @Field(() => Boolean, {
    description: "More changes follow `cursor`: ask again with `after: cursor`.",
  })
  hasMore!: boolean;
}

@ObjectType("TargetChangePage", {
  description: "A page of TargetChange events after a cursor, oldest first.",
})
export class TargetChangePageType {
  @Field(() => [TargetChangeType], { description: "The changes, in commit order." })
  changes!: TargetChangeType[];

  @Field(() => String, {
    description:
      "Where this page stopped: pass it as `after` for the next page, or to the subscription to continue live.",
  })
  cursor!: string;

  @Field(() => Boolean, {
    description: "More changes follow `cursor`: ask again with `after: cursor`.",
  })
  hasMore!: boolean;
}

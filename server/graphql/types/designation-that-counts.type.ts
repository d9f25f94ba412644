// The trust's year in the API (DOMAIN.md "The trust's year: which designation
// counts"): the designation that counts, typed from the start: its status as
// an enum, the decision with who, body, date and reason, the proposal and the
// newer computed designation beside it, support, time in level and history.
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { NODE_ID_DESCRIPTION, NodeInterface } from "../relay/index.js";
import type { Term } from "../../domain/index.js";
import { AcademicYearScalar, CalendarDateScalar } from "../scalars.js";
import { TermEnum } from "./school.enums.js";
import { LevelType } from "./framework.type.js";
import { ReasonType, SupportEntitlementType } from "./designation.type.js";
import { StoredDesignationType } from "./stored-designation.type.js";

export enum DesignationStatus {
  AGREED = "AGREED",
  NOT_YET_AGREED = "NOT_YET_AGREED",
  REVIEW_SUGGESTED = "REVIEW_SUGGESTED",
}
registerEnumType(DesignationStatus, {
  name: "DesignationStatus",
  description: "Whether the designation that counts has been agreed by the trust.",
  valuesConfig: {
    AGREED: { description: "A decision counts and no newer computed designation disagrees." },
    NOT_YET_AGREED: {
      description: "No decision counts: the year's newest computed designation does.",
    },
    REVIEW_SUGGESTED: {
      description:
        "A decision counts, and a newer computed designation indicates another level; it never replaces the decision by itself.",
    },
  },
});

export enum DesignationCycle {
  ANNUAL = "ANNUAL",
  TERMLY = "TERMLY",
}
registerEnumType(DesignationCycle, {
  name: "DesignationCycle",
  description: "How often a framework designates.",
  valuesConfig: {
    ANNUAL: { description: "Once a year." },
    TERMLY: { description: "Each term (autumn, spring, summer)." },
  },
});

export enum DurationUnit {
  TERMS = "TERMS",
  MONTHS = "MONTHS",
}
registerEnumType(DurationUnit, {
  name: "DurationUnit",
  description: "The unit of an expected time in level.",
  valuesConfig: {
    TERMS: { description: "Terms of the school year." },
    MONTHS: { description: "Calendar months." },
  },
});

export enum DesignationEventKind {
  COMPUTED = "COMPUTED",
  DECISION = "DECISION",
}
registerEnumType(DesignationEventKind, {
  name: "DesignationEventKind",
  description: "A record in a designation history.",
  valuesConfig: {
    COMPUTED: { description: "A designation the rules computed from evidence." },
    DECISION: { description: "A decision of the trust." },
  },
});

@ObjectType("DesignationDecision", {
  implements: NodeInterface,
  description:
    "The trust's decision on an academy's designation: the computed level agreed, or another level with a reason. Never edited or erased; a later decision supersedes.",
})
export class DesignationDecisionType {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field(() => String, { description: "Framework it was made under." })
  framework!: string;

  @Field(() => AcademicYearScalar, { description: "The designation year decided, e.g. 2026/27." })
  year!: string;

  @Field(() => TermEnum, {
    nullable: true,
    description: "Termly frameworks: the term decided; null for an annual framework.",
  })
  term!: Term | null;

  @Field(() => LevelType, { description: "The level agreed." })
  level!: LevelType;

  @Field(() => LevelType, {
    nullable: true,
    description: "The level computed when it was decided; null when none was computed.",
  })
  computed!: LevelType | null;

  @Field(() => Boolean, {
    description: "True when the computed designation it was made against was provisional.",
  })
  provisional!: boolean;

  @Field(() => Boolean, {
    description: "True when the level agreed is not the level computed.",
  })
  override!: boolean;

  /** The user id of who recorded it (the `decidedBy` field resolves the user). */
  decidedById!: string;

  /** Who recorded it, by name, as recorded (for the deprecated confirmedBy). */
  decidedByName!: string;

  @Field(() => String, { description: 'The body that agreed it, e.g. "Trust Board".' })
  body!: string;

  @Field(() => CalendarDateScalar, { description: "Date the body agreed it." })
  agreedOn!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Why: required when the level is not the computed one or the computed one was provisional.",
  })
  reason!: string | null;

  @Field(() => Date, { description: "When it was recorded." })
  recordedAt!: Date;
}

@ObjectType("ExpectedDuration", {
  description: "How long an academy is expected to stay at a level, per the framework.",
})
export class ExpectedDurationType {
  @Field(() => Int, { description: "Shortest expected." })
  min!: number;

  @Field(() => Int, { description: "Longest expected; past it the academy is flagged." })
  max!: number;

  @Field(() => DurationUnit, { description: "Terms or months." })
  unit!: DurationUnit;
}

@ObjectType("TimeInLevel", {
  description:
    "How long the academy has been at the level that counts: from the first decision at the level (across years) until a decision at another level.",
})
export class TimeInLevelType {
  @Field(() => CalendarDateScalar, {
    description: "Date agreed of the first decision at the level.",
  })
  since!: string;

  @Field(() => Int, { description: "Whole calendar months since then." })
  months!: number;

  @Field(() => Int, {
    description: "Terms at the level, counting the term of the first decision as the first.",
  })
  terms!: number;

  @Field(() => ExpectedDurationType, {
    nullable: true,
    description: "The framework's expected time at the level; null when it gives none.",
  })
  expected!: ExpectedDurationType | null;

  @Field(() => Boolean, { description: "True when past the longest expected time." })
  beyondExpected!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'E.g. "beyond the expected time in Repair (20 months)"; null within it.',
  })
  flag!: string | null;
}

@ObjectType("DesignationEvent", {
  description: "One record of a designation history: a computed designation or a decision.",
})
export class DesignationEventType {
  @Field(() => DesignationEventKind, { description: "Which kind of record." })
  kind!: DesignationEventKind;

  @Field(() => Date, { description: "When it was recorded." })
  at!: Date;

  @Field(() => StoredDesignationType, {
    nullable: true,
    description: "The computed designation, for kind COMPUTED.",
  })
  computed!: StoredDesignationType | null;

  @Field(() => DesignationDecisionType, {
    nullable: true,
    description: "The decision, for kind DECISION.",
  })
  decision!: DesignationDecisionType | null;
}

@ObjectType("DesignationThatCounts", {
  description:
    "The designation that counts for an academy in a year: the latest decision for the year; else the latest decision of an earlier year with this year's computed designation proposed beside it; else the year's newest computed designation, not yet agreed.",
})
export class DesignationThatCountsType {
  @Field(() => AcademicYearScalar, {
    description: "The designation year asked about, e.g. 2026/27.",
  })
  year!: string;

  @Field(() => String, { description: "The trust's framework." })
  framework!: string;

  @Field(() => DesignationCycle, { description: "Annual or termly." })
  cycle!: DesignationCycle;

  @Field(() => TermEnum, {
    nullable: true,
    description:
      "The term of the record that counts (termly: the term decided; otherwise the term of the evidence computed).",
  })
  term!: Term | null;

  @Field(() => DesignationStatus, { description: "Agreed, not yet agreed or review suggested." })
  status!: DesignationStatus;

  @Field(() => Boolean, {
    description:
      "True when the level that counts is computed and was reached without a required source.",
  })
  provisional!: boolean;

  @Field(() => [String], {
    description:
      "The required sources missing from the computed designation that counts (when provisional).",
  })
  missingSources!: string[];

  @Field(() => LevelType, {
    nullable: true,
    description: "The level that counts; null when nothing does yet.",
  })
  level!: LevelType | null;

  @Field(() => String, {
    description:
      'The status in words, e.g. "agreed by Trust Board, 14 Oct 2026 (Ada Leader); review suggested: spring evidence indicates B: Self-Improving (Improve)".',
  })
  statusText!: string;

  @Field(() => DesignationDecisionType, {
    nullable: true,
    description: "The decision that counts, for this year or carried from an earlier one.",
  })
  decision!: DesignationDecisionType | null;

  @Field(() => Boolean, {
    description: "True when the decision that counts was made for an earlier year.",
  })
  agreedInEarlierYear!: boolean;

  @Field(() => StoredDesignationType, {
    nullable: true,
    description:
      "When the decision counts from an earlier year: this year's newest computed designation, proposed, not yet agreed.",
  })
  proposal!: StoredDesignationType | null;

  @Field(() => StoredDesignationType, {
    nullable: true,
    description:
      "A computed designation newer than the decision that counts, at another level: review suggested.",
  })
  reviewSuggested!: StoredDesignationType | null;

  @Field(() => StoredDesignationType, {
    nullable: true,
    description: "The year's newest computed designation under the trust's framework.",
  })
  latestComputed!: StoredDesignationType | null;

  @Field(() => LevelType, {
    nullable: true,
    description: "The level of the year's newest computed designation.",
  })
  computed!: LevelType | null;

  @Field(() => [ReasonType], {
    description: "The reasons of the year's newest computed designation.",
  })
  reasons!: ReasonType[];

  @Field(() => [SupportEntitlementType], {
    description: "The support the level that counts is entitled to.",
  })
  support!: SupportEntitlementType[];

  @Field(() => TimeInLevelType, {
    nullable: true,
    description: "Time at the level that counts; null until a decision counts.",
  })
  timeInLevel!: TimeInLevelType | null;

  @Field(() => [DesignationEventType], {
    description:
      "The year's computed designations and every decision up to the year under the framework, newest first.",
  })
  history!: DesignationEventType[];

  @Field(() => LevelType, {
    nullable: true,
    deprecationReason: "Use decision.level.",
    description: "The level of the decision that counts.",
  })
  confirmed!: LevelType | null;

  @Field(() => String, {
    nullable: true,
    deprecationReason: "Use decision.decidedBy.name.",
    description: "Who recorded the decision that counts.",
  })
  confirmedBy!: string | null;

  @Field(() => Date, {
    nullable: true,
    deprecationReason: "Use decision.recordedAt.",
    description: "When the decision that counts was recorded.",
  })
  confirmedAt!: Date | null;

  @Field(() => CalendarDateScalar, {
    nullable: true,
    deprecationReason: "Use decision.agreedOn.",
    description: "Date the decision that counts was agreed.",
  })
  agreedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    deprecationReason: "Use decision.reason.",
    description: "The reason of the decision that counts.",
  })
  overrideReason!: string | null;
}

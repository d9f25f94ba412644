import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import type { InspectionBand } from "../../domain/index.js";
import type { CategoryOfConcern } from "../../domain/inspection/category-of-concern.js";
import type { ErrorCode, WireProblem } from "../errors.js";
import { ErrorCodeEnum } from "./error-code.enum.js";
import { LevelType } from "./framework.type.js";
import { domainEnum } from "./domain-enum.js";

export const InspectionBandEnum = domainEnum<InspectionBand>({
  name: "InspectionBand",
  description:
    "The band an inspection's raw grades fall in, by the trust's cross-walk (DOMAIN.md \"Inspection band\").",
  values: {
    Concern: "A category of concern, or an inadequate grade.",
    Weak: "Requires improvement, or leadership needing attention.",
    Secure: "Good or expected standard, not strong in all.",
    Strong: "Outstanding, or strong standard or better in every area.",
  },
});

export const CategoryOfConcernEnum = domainEnum<CategoryOfConcern>({
  name: "CategoryOfConcern",
  description: "An Ofsted category of concern derived from the raw grades.",
  values: {
    "special measures": "Special measures.",
    "serious weaknesses": "Serious weaknesses.",
    "requires significant improvement":
      "Requires significant improvement (report cards: an area at Urgent improvement or safeguarding not met).",
    inadequate: "Inadequate (a grade 4 under OE or EIF-2024), with no category named.",
  },
});

@ObjectType("Reason", {
  description: "What one source of evidence indicated, and why, in words a governor understands.",
})
export class ReasonType {
  @Field(() => String, {
    description:
      "The source: inspection, outcomes.secondary, an indicator key, best fit, override.",
  })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: "The level key the source indicated; null when it was skipped.",
  })
  indicated!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "The rating the source gave, in a best-fit framework.",
  })
  rating!: number | null;

  @Field(() => String, {
    description:
      'The explanation, e.g. "Progress 8 -0.62 is at or below -0.5: D: Challenged and Vulnerable (Stabilise)".',
  })
  message!: string;
}

@ObjectType("SupportEntitlement", { description: "Support an academy at a level is entitled to." })
export class SupportEntitlementType {
  @Field(() => String, { description: 'The activity, e.g. "MAT QA review".' })
  activity!: string;

  @Field(() => Float, {
    description: "How many (the upper figure when the entitlement is a range).",
  })
  quantity!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The quantity as written when not a plain number: "2-3", "up to 10".',
  })
  quantityText!: string | null;

  @Field(() => String, { description: "Unit: visit, days, review." })
  unit!: string;

  @Field(() => String, { description: "Per period: half term, term, year, week." })
  per!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Conditions or notes, e.g. "on the school\'s request".',
  })
  note!: string | null;
}

@ObjectType("Problem", {
  description:
    "One thing wrong with the input: where (row, column, indicator, field), what kind (code), what is wrong and what would be accepted. Batch errors list every problem in extensions.problems in this shape, with extensions.problemCount.",
})
export class ProblemType implements WireProblem {
  @Field(() => ErrorCodeEnum, {
    description:
      "BAD_USER_INPUT, or NOT_FOUND when what the input names does not exist (a header that names no indicator, a URN not in your trust).",
  })
  code!: ErrorCode;

  @Field(() => Int, {
    nullable: true,
    description:
      "The item of a batch (rows of designateBatch, recordEvidenceBatch and importAcademies; entries of saveColumnMap), counted from 0 in the order sent; null outside a batch.",
  })
  row!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The cell's column: its header as you wrote it (or the indicator key sent in its place); for a column-map entry, its header. Null when the problem is not a cell's.",
  })
  column!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The key of the indicator concerned (ks4.progress8); null when there is none (a header that names no indicator, a field such as urn).",
  })
  indicator!: string | null;

  @Field(() => String, {
    description:
      'The input field at fault as the schema names it ("urn", "expectedVersion", "milestones[0].value"); for a cell, "indicator" (its header) or "value"; in a framework definition, a path such as sources[2].cuts[0].level. Never the batch position: that is row.',
  })
  field!: string;

  @Field(() => String, {
    description:
      "What is wrong and what would be accepted, naming the field or indicator; without the batch position.",
  })
  message!: string;

  @Field(() => String, { nullable: true, description: "The value as given." })
  value!: string | null;

  @Field(() => String, { nullable: true, description: "What would be accepted, in words." })
  accepts!: string | null;
}

/** Whether a computed level rests on every source its framework requires. */
export enum CoverageStatus {
  COMPLETE = "COMPLETE",
  PROVISIONAL = "PROVISIONAL",
}

registerEnumType(CoverageStatus, {
  name: "CoverageStatus",
  description: "Whether a designation rests on every source its framework requires.",
  valuesConfig: {
    COMPLETE: { description: "Every required source was used." },
    PROVISIONAL: {
      description:
        "A level was reached without a required source (Coverage.missing says which); agreeing it needs a reason.",
    },
  },
});

@ObjectType("MissingSource", {
  description: "A source the framework requires that gave no level for this academy.",
})
export class MissingSourceType {
  @Field(() => String, {
    description:
      'The source id(s) in the framework, e.g. "sef.overall" or "outcomes.secondary or outcomes.primary".',
  })
  source!: string;

  @Field(() => String, { description: 'What is missing, in words a board reads: "SEF judgement".' })
  label!: string;
}

@ObjectType("UnreadableIndicator", {
  description:
    "A cell that could not be read for an indicator this framework does not use: reported, and not blocking.",
})
export class UnreadableIndicatorType {
  @Field(() => String, {
    description: "The indicator key (or the choices of an ambiguous header).",
  })
  indicator!: string;

  @Field(() => String, { description: "What could not be read and what is accepted." })
  message!: string;
}

@ObjectType("Coverage", {
  description:
    "Which sources a designation rests on: used, missing (required but absent) and unreadable.",
})
export class CoverageType {
  @Field(() => [String], {
    description:
      'Source ids that gave a level or rating ("inspection", "outcomes.secondary", "sef.overall").',
  })
  used!: string[];

  @Field(() => [MissingSourceType], { description: "Required sources with no usable value." })
  missing!: MissingSourceType[];

  @Field(() => [UnreadableIndicatorType], {
    description: "Cells that could not be read for indicators this framework does not use.",
  })
  unreadable!: UnreadableIndicatorType[];

  @Field(() => Boolean, {
    description:
      "True when a level was reached without a required source; false when insufficient evidence.",
  })
  provisional!: boolean;
}

@ObjectType("Designation", {
  description: "The result of designating one academy's evidence under a framework.",
})
export class DesignationType {
  @Field(() => String, { description: "The framework key." })
  framework!: string;

  @Field(() => LevelType, {
    nullable: true,
    description: "The level; null when the evidence is insufficient or the row could not be read.",
  })
  level!: LevelType | null;

  @Field(() => Boolean, { description: "True when no source of evidence was usable." })
  insufficientEvidence!: boolean;

  @Field(() => InspectionBandEnum, {
    nullable: true,
    description: "Inspection band derived from the raw grades: CONCERN, WEAK, SECURE or STRONG.",
  })
  inspectionBand!: InspectionBand | null;

  @Field(() => CategoryOfConcernEnum, {
    nullable: true,
    description: "Ofsted category of concern derived from the raw grades, if any.",
  })
  categoryOfConcern!: CategoryOfConcern | null;

  @Field(() => [ReasonType], {
    description: "One reason per source, in the framework's order, then overrides.",
  })
  reasons!: ReasonType[];

  @Field(() => [SupportEntitlementType], { description: "Support entitlements for the level." })
  support!: SupportEntitlementType[];

  @Field(() => [ProblemType], {
    description: "Only with designateBatch(reportBadRows: true): why this row could not be read.",
  })
  problems!: ProblemType[];

  @Field(() => CoverageStatus, {
    description:
      "COMPLETE or PROVISIONAL (a level reached without a required source). A row that could not be read or has insufficient evidence is COMPLETE with no level.",
  })
  status!: CoverageStatus;

  @Field(() => CoverageType, {
    description: "The sources used, the required ones missing, and cells that could not be read.",
  })
  coverage!: CoverageType;
}

import { Field, ID, Int, ObjectType } from "type-graphql";
import { NODE_ID_DESCRIPTION, NodeInterface } from "../relay/index.js";
import type { Term } from "../../domain/index.js";
import { AcademicYearScalar, URNScalar } from "../scalars.js";
import { TermEnum } from "./school.enums.js";
import { LevelType } from "./framework.type.js";
import { ReasonType } from "./designation.type.js";

@ObjectType("StoredDesignation", {
  implements: NodeInterface,
  description:
    "A designation computed from an academy's evidence for a year and term. Every one is kept; the trust's decisions are separate records.",
})
export class StoredDesignationType {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field(() => String, { description: "Framework it was computed under." })
  framework!: string;

  @Field(() => AcademicYearScalar, { description: "Academic year of the evidence, e.g. 2025/26." })
  year!: string;

  @Field(() => TermEnum, { description: "Term of the evidence." })
  term!: Term;

  @Field(() => LevelType, {
    nullable: true,
    description: "The level the rules computed; null when the evidence was insufficient.",
  })
  computed!: LevelType | null;

  @Field(() => LevelType, {
    nullable: true,
    description: "The level computed (the same as computed; kept for earlier clients).",
  })
  level!: LevelType | null;

  @Field(() => Boolean, { description: "True when no source of evidence was usable." })
  insufficientEvidence!: boolean;

  @Field(() => [ReasonType], { description: "The reasons the rules gave." })
  reasons!: ReasonType[];

  @Field(() => Boolean, {
    description: "True when a level was reached without a required source of the framework.",
  })
  provisional!: boolean;

  @Field(() => [String], {
    description: 'The required sources that had no usable value, e.g. "SEF judgement".',
  })
  missingSources!: string[];

  @Field(() => Date, { description: "When it was computed." })
  createdAt!: Date;
}

@ObjectType("EvidenceEntry", {
  description: "One recorded cell of evidence: the indicator and the value as the cell showed it.",
})
export class EvidenceEntryType {
  @Field(() => String, {
    description: "The indicator as given: a key (ks4.progress8) or a workbook header (P8).",
  })
  indicator!: string;

  @Field(() => String, {
    nullable: true,
    description: "The value as the cell showed it; null when blank.",
  })
  value!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "True when the cell was percent-formatted, false for another format; null when not known.",
  })
  percentFormatted!: boolean | null;
}

@ObjectType("EvidenceRecord", {
  implements: NodeInterface,
  description: "An academy's stored evidence for a year and term (its risk-matrix row).",
})
export class EvidenceRecordType {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field(() => AcademicYearScalar, { description: "Academic year." })
  year!: string;

  @Field(() => TermEnum, { description: "Term." })
  term!: Term;

  @Field(() => [EvidenceEntryType], { description: "The cells as recorded, in order." })
  entries!: EvidenceEntryType[];

  @Field(() => Int, {
    description:
      "Version for optimistic concurrency; pass it as expectedVersion to change this evidence.",
  })
  version!: number;

  @Field(() => Date, { description: "When it last changed." })
  updatedAt!: Date;
}

@ObjectType("RecordEvidenceResult", {
  description: "Stored evidence and the designation recomputed from it.",
})
export class RecordEvidenceResultType {
  @Field(() => URNScalar, { description: "URN of the academy." })
  urn!: string;

  @Field(() => EvidenceRecordType, { description: "The stored evidence." })
  evidence!: EvidenceRecordType;

  @Field(() => StoredDesignationType, {
    description: "The designation computed from it (for that year only).",
  })
  designation!: StoredDesignationType;
}

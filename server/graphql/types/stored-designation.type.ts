import { Field, ID, Int, ObjectType } from "type-graphql";
import { LevelType } from "./framework.type.js";
import { ReasonType } from "./designation.type.js";

@ObjectType("StoredDesignation", {
  description:
    "An academy's designation as stored: computed from evidence, and as confirmed by the trust.",
})
export class StoredDesignationType {
  @Field(() => ID, { description: "Opaque id." })
  id!: string;

  @Field(() => String, { description: "Framework it was computed under." })
  framework!: string;

  @Field(() => String, { description: "Academic year of the evidence, e.g. 2025/26." })
  year!: string;

  @Field(() => String, { description: "Term of the evidence: autumn, spring or summer." })
  term!: string;

  @Field(() => LevelType, {
    nullable: true,
    description: "The level the rules computed; null when the evidence was insufficient.",
  })
  computed!: LevelType | null;

  @Field(() => LevelType, {
    nullable: true,
    description: "The level the trust confirmed; differs from computed only with a reason.",
  })
  confirmed!: LevelType | null;

  @Field(() => LevelType, {
    nullable: true,
    description: "The level that counts: confirmed when there is one, else computed.",
  })
  level!: LevelType | null;

  @Field(() => Boolean, { description: "True when no source of evidence was usable." })
  insufficientEvidence!: boolean;

  @Field(() => [ReasonType], { description: "The reasons the rules gave." })
  reasons!: ReasonType[];

  @Field(() => String, { nullable: true, description: "Who confirmed it." })
  confirmedBy!: string | null;

  @Field(() => Date, { nullable: true, description: "When it was confirmed." })
  confirmedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Date the trust board agreed it (ISO date).",
  })
  agreedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Why the confirmed level differs from the computed one.",
  })
  overrideReason!: string | null;

  @Field(() => Boolean, {
    description: "True for the academy's current designation; false for history.",
  })
  current!: boolean;

  @Field(() => Date, { description: "When it was computed." })
  createdAt!: Date;
}

@ObjectType("EvidenceRecord", {
  description: "An academy's stored evidence for a year and term (its risk-matrix row).",
})
export class EvidenceRecordType {
  @Field(() => ID, { description: "Opaque id." })
  id!: string;

  @Field(() => String, { description: "Academic year." })
  year!: string;

  @Field(() => String, { description: "Term." })
  term!: string;

  @Field(() => String, {
    description: "The cells as recorded: a JSON array of { indicator, value }.",
  })
  entries!: string;

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
  @Field(() => String, { description: "URN of the academy." })
  urn!: string;

  @Field(() => EvidenceRecordType, { description: "The stored evidence." })
  evidence!: EvidenceRecordType;

  @Field(() => StoredDesignationType, { description: "The new current designation." })
  designation!: StoredDesignationType;
}

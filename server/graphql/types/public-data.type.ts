import { Field, ObjectType, registerEnumType } from "type-graphql";
import { AcademicYearScalar, CalendarDateScalar, URNScalar } from "../scalars.js";

export enum PublicDataKind {
  OFSTED_MI = "ofsted-mi",
  GIAS_ESTABLISHMENTS = "gias-establishments",
  GIAS_LINKS = "gias-links",
  KS2 = "ks2",
  KS4 = "ks4",
  ABSENCE = "absence",
  EXCLUSIONS = "exclusions",
}

registerEnumType(PublicDataKind, {
  name: "PublicDataKind",
  description: "Which public file a value came from.",
  valuesConfig: {
    OFSTED_MI: { description: "Ofsted's monthly management information on school inspections." },
    GIAS_ESTABLISHMENTS: { description: "DfE Get Information about Schools, all establishments." },
    GIAS_LINKS: { description: "DfE Get Information about Schools, links (predecessors)." },
    KS2: { description: "DfE key stage 2 school-level results." },
    KS4: { description: "DfE key stage 4 school-level results." },
    ABSENCE: { description: "DfE pupil absence, school level." },
    EXCLUSIONS: { description: "DfE suspensions and permanent exclusions, school level." },
  },
});

@ObjectType("PublicEvidence", {
  description:
    "A value loaded from a public file for one of the trust's academies, with where it came from.",
})
export class PublicEvidenceType {
  @Field(() => URNScalar, { description: "The academy's URN." })
  urn!: string;

  @Field(() => String, {
    description: "The indicator key, such as ks2.rwmExpected or ofsted.inclusion.",
  })
  indicator!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The value as published (a grade's words, a number as text); null when not available.",
  })
  value!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why there is no value, in the publisher\'s terms ("confidential (c)"); null when there is one.',
  })
  unavailable!: string | null;

  @Field(() => AcademicYearScalar, {
    description: "The academic year the value describes, such as 2024/25.",
  })
  describes!: string;

  @Field(() => CalendarDateScalar, {
    nullable: true,
    description:
      "The row's own date for the value (an inspection's start date); null when the file gives none.",
  })
  date!: string | null;

  @Field(() => PublicDataKind, { description: "The kind of file it came from." })
  kind!: PublicDataKind;

  @Field(() => String, {
    nullable: true,
    description: 'Which inspection of an Ofsted row: "report card", "OEIF graded inspection"...',
  })
  inspection!: string | null;

  @Field(() => URNScalar, {
    nullable: true,
    description:
      "The predecessor school's URN when the value belongs to the school the academy replaced.",
  })
  predecessorUrn!: string | null;

  @Field(() => String, {
    description:
      'The file\'s edition: an Ofsted "as at" date (ISO) or a DfE time period (2024/25).',
  })
  edition!: string;

  @Field(() => String, { description: "The name of the file it was loaded from." })
  fileName!: string;

  @Field(() => Date, { description: "When it was loaded." })
  loadedAt!: Date;

  @Field(() => String, {
    description:
      'Where it came from, in words: "Ofsted, report card 20 Jan 2026, from the MI file as at 31 Jul 2026 (file.csv)".',
  })
  source!: string;
}

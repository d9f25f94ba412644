import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import type { Phase } from "../../domain/index.js";
import { AcademicYearScalar, CalendarDateScalar, URNScalar } from "../scalars.js";
import type { FileEncoding } from "../../public-data/read-public-file.js";
import { domainEnum } from "./domain-enum.js";
import { PhaseEnum } from "./school.enums.js";

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

export const FileEncodingEnum = domainEnum<FileEncoding>({
  name: "FileEncoding",
  description: "How a public file's text was written, as sniffed from its bytes.",
  values: {
    utf8: "UTF-8 (with or without a byte-order mark).",
    win1252: "Windows-1252 (GIAS, some Ofsted editions).",
    ascii: "Only ASCII bytes: either reading gives the same text.",
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

@ObjectType("NationalBenchmark", {
  description:
    "A national (England) figure that comparisons with national use for an indicator, phase and year: built in, or loaded by the trust from a DfE file's England rows (a newer edition supersedes).",
})
export class NationalBenchmarkType {
  @Field(() => String, { description: "The indicator key, such as ks2.rwmExpected." })
  indicator!: string;

  @Field(() => PhaseEnum, {
    nullable: true,
    description: "PRIMARY, SECONDARY or SPECIAL; null for the all-schools figure.",
  })
  phase!: Phase | null;

  @Field(() => AcademicYearScalar, {
    description: "The academic year the figure describes, such as 2024/25.",
  })
  year!: string;

  @Field(() => Float, { description: "The figure, in the indicator's unit." })
  value!: number;

  @Field(() => String, {
    description:
      'Where it came from, in words: "DfE KS2 school results 2024/25, England figure from ks2_school_attainment_data.csv", or the publication of a built-in figure.',
  })
  source!: string;

  @Field(() => String, {
    description:
      'How a reason names it: "secondary, 2023/24" (built in) or "all schools, 2024/25, from ks2_school_attainment_data.csv".',
  })
  figure!: string;

  @Field(() => Boolean, { description: "True for a built-in figure; false for a loaded one." })
  builtIn!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The file it was loaded from; null for a built-in figure.",
  })
  fileName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The file's edition (its newest time period); null for a built-in figure.",
  })
  edition!: string | null;

  @Field(() => CalendarDateScalar, {
    nullable: true,
    description: "The day it was loaded; null for a built-in figure.",
  })
  asOf!: string | null;
}

@ObjectType("EnglandRow", {
  description: "An England row of a DfE file: a national figure for an indicator, phase and year.",
})
export class EnglandRowType {
  @Field(() => String, { description: "The indicator key, such as attendance.absence." })
  indicator!: string;

  @Field(() => PhaseEnum, {
    nullable: true,
    description: "PRIMARY, SECONDARY or SPECIAL; null for all schools.",
  })
  phase!: Phase | null;

  @Field(() => AcademicYearScalar, { description: "The academic year it describes." })
  year!: string;

  @Field(() => Float, { description: "The figure as published." })
  value!: number;
}

@ObjectType("PublicImportReport", {
  description:
    "What loading one public file found and did (the same report as npm run import and POST /public-data).",
})
export class PublicImportReportType {
  @Field(() => String, { description: "The file's name as sent." })
  fileName!: string;

  @Field(() => PublicDataKind, { description: "Which file it was, recognised by its header." })
  kind!: PublicDataKind;

  @Field(() => String, { description: 'The kind in words: "DfE KS2 school results".' })
  kindLabel!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The edition: an Ofsted "as at" date, a DfE time period (2024/25) or the newest date in a GIAS file.',
  })
  edition!: string | null;

  @Field(() => FileEncodingEnum, { description: "UTF8, WIN1252 or ASCII, as sniffed." })
  encoding!: FileEncoding;

  @Field(() => Int, { description: "Data rows in the file." })
  rows!: number;

  @Field(() => Float, { description: "Bytes read." })
  bytes!: number;

  @Field(() => Int, { description: "Rows of schools that are not the trust's." })
  skipped!: number;

  @Field(() => [URNScalar], {
    description: "URNs of the trust's academies found (by URN or a predecessor's).",
  })
  matched!: string[];

  @Field(() => [URNScalar], {
    description: "URNs of the trust's academies the file should have had and did not.",
  })
  missing!: string[];

  @Field(() => Int, { description: "Values (or roster rows) added or changed." })
  loaded!: number;

  @Field(() => Int, { description: "Values already held as they are." })
  unchanged!: number;

  @Field(() => Int, { description: "Values not taken because a newer edition is held." })
  olderThanHeld!: number;

  @Field(() => [URNScalar], {
    description: "URNs of academies GIAS added to the roster.",
  })
  academiesCreated!: string[];

  @Field(() => [URNScalar], {
    description: "URNs of academies GIAS updated.",
  })
  academiesUpdated!: string[];

  @Field(() => Int, { description: "Predecessor links added or changed." })
  predecessorsLinked!: number;

  @Field(() => [EnglandRowType], { description: "The England rows the file carries." })
  nationalFigures!: EnglandRowType[];

  @Field(() => Int, {
    description: "England figures stored as the trust's national benchmarks (added or changed).",
  })
  nationalLoaded!: number;

  @Field(() => Int, { description: "England figures already held as they are." })
  nationalUnchanged!: number;

  @Field(() => Int, { description: "England figures not taken because a newer edition is held." })
  nationalOlderThanHeld!: number;

  @Field(() => Int, { description: "Academies whose designation for the year changed." })
  designated!: number;

  @Field(() => AcademicYearScalar, { nullable: true, description: "The designation year used." })
  designationYear!: string | null;

  @Field(() => [String], { description: "What the load could not do, in words." })
  notes!: string[];
}

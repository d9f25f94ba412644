// The indicator catalogue in the API (server/domain/indicators.ts): what a
// cell of evidence or a metric may be, so a client can look a header up.
import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { Indicator } from "../../domain/index.js";
import { domainEnum } from "./domain-enum.js";

export const IndicatorKindEnum = domainEnum<Indicator["kind"]>({
  name: "IndicatorKind",
  description: "How a cell for an indicator is read.",
  values: {
    number: "A score such as Progress 8.",
    percent: "A percentage, 0-100: 62, 62% or 0.62 (Excel's percent format) all read as 62.",
    points: "Percentage points, may be negative; never scaled.",
    rate: "A non-negative number such as suspensions per 100 pupils.",
    count: "A non-negative whole number.",
    grade: "The trust's own judgement 1-4 (1 best), or its words.",
    ofstedGrade: "A raw Ofsted grade, read on the scale of its inspection framework.",
    ofstedFramework: "Which Ofsted inspection framework: OE, EIF-2024 or RC-2025.",
    date: "A date: an Excel date, 2024-03-12 or 12/03/2024.",
    safeguarding: "Met or not met (older reports: effective or not effective).",
    phase: "A phase of education.",
    trajectory: "Improving, static or declining.",
    yesNo: "Yes or no.",
  },
});

/** Which way is better; descriptive indicators have none. */
export const IndicatorDirectionEnum = {
  HIGHER_IS_BETTER: "higher",
  LOWER_IS_BETTER: "lower",
} as const;
registerEnumType(IndicatorDirectionEnum, {
  name: "IndicatorDirection",
  description: "Which way an indicator's value is better.",
  valuesConfig: {
    HIGHER_IS_BETTER: { description: "A higher value is better (attainment, progress)." },
    LOWER_IS_BETTER: {
      description: "A lower value is better (absence, exclusions, grades where 1 is best).",
    },
  },
});

@ObjectType("Indicator", {
  description:
    "An indicator of the catalogue: a kind of evidence or a metric, with what a cell for it accepts and the headers that name it.",
})
export class IndicatorType {
  @Field(() => String, { description: "Stable key, such as ks4.progress8." })
  key!: string;

  @Field(() => String, { description: 'What it means, such as "Progress 8".' })
  label!: string;

  @Field(() => IndicatorKindEnum, { description: "How a cell for it is read." })
  kind!: Indicator["kind"];

  @Field(() => String, {
    description: 'Its unit in words: "%", "score", "per 100 pupils", "grade".',
  })
  unit!: string;

  @Field(() => IndicatorDirectionEnum, {
    nullable: true,
    description: "Which way is better; null for a descriptive indicator (phase, dates).",
  })
  direction!: "higher" | "lower" | null;

  @Field(() => String, {
    description: 'What a cell for it accepts, in words: "a percentage such as 62, 62% or 0.62".',
  })
  accepts!: string;

  @Field(() => [String], {
    nullable: true,
    description:
      "The words a cell for it may hold (matched ignoring case); null when it holds only numbers or dates (accepts says which).",
  })
  values!: string[] | null;

  @Field(() => [String], {
    description:
      "Workbook headers that mean it, matched ignoring case, spaces and punctuation (the trust's column map and a framework's own headers come first).",
  })
  aliases!: string[];

  @Field(() => [String], {
    description:
      "Keys of the frameworks you can use that read it: the presets and, when signed in, your trust's own.",
  })
  frameworks!: string[];
}

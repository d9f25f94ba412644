import { Field, InputType } from "type-graphql";

@InputType({
  description: "One cell of evidence: an indicator and the value as the cell shows it.",
})
export class EvidenceInput {
  @Field(() => String, {
    description: "An indicator key (ks4.progress8) or a workbook header that names one (P8).",
  })
  indicator!: string;

  @Field(() => String, {
    nullable: true,
    description: "The value as the cell shows it; null or blank means not available.",
  })
  value?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "The cell's number format, when known: true when percent-formatted (the value is the stored number, 1 shown as 100%), false for any other format. Left out: a number strictly between 0 and 1 in a percent column is read as a fraction.",
  })
  percentFormatted?: boolean | null;
}

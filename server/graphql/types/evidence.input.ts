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
}

import { Field, InputType, Int } from "type-graphql";
import { EvidenceInput } from "./evidence.input.js";

@InputType({ description: "One academy's row of the risk matrix." })
export class RecordEvidenceRowInput {
  @Field(() => String, { description: "URN of the academy." })
  urn!: string;

  @Field(() => [EvidenceInput], { description: "The academy's cells." })
  evidence!: EvidenceInput[];

  @Field(() => Int, {
    nullable: true,
    description: "Required to change existing evidence: the version you last saw.",
  })
  expectedVersion?: number | null;
}

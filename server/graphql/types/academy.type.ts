import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { NODE_ID_DESCRIPTION, NodeInterface } from "../relay/index.js";
import type { Phase } from "../../domain/index.js";
import { URNScalar } from "../scalars.js";
import { PhaseEnum } from "./school.enums.js";

@ObjectType("Academy", {
  implements: NodeInterface,
  description: "An academy of the trust, keyed by URN.",
})
export class AcademyType {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  @Field(() => URNScalar, { description: "Unique reference number: six digits." })
  urn!: string;

  @Field(() => String, { description: "Name of the academy." })
  name!: string;

  /** A Phase word as stored (services read it as text); the enum checks it as the answer is written. */
  @Field(() => PhaseEnum, { description: "Phase of education." })
  phase!: Phase | string;

  @Field(() => String, {
    nullable: true,
    description: "Local authority and establishment number: seven digits.",
  })
  laestab!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "UK provider reference number: eight digits starting with 1.",
  })
  ukprn!: string | null;
}

@InputType({ description: "An academy to create or import." })
export class AcademyInput {
  @Field(() => URNScalar, { description: "Six digits." })
  urn!: string;

  @Field(() => String, { description: "Name, 1 to 200 characters." })
  name!: string;

  /** A Phase word as stored (services read it as text); the enum checks it as the answer is written. */
  @Field(() => PhaseEnum, { description: "Phase of education." })
  phase!: Phase | string;

  @Field(() => String, { nullable: true, description: "Seven digits." })
  laestab?: string | null;

  @Field(() => String, { nullable: true, description: "Eight digits starting with 1." })
  ukprn?: string | null;
}

@InputType({ description: "Changes to an academy; fields left out stay as they are." })
export class AcademyUpdateInput {
  @Field(() => String, { nullable: true, description: "New name." })
  name?: string | null;

  @Field(() => PhaseEnum, { nullable: true, description: "New phase." })
  phase?: Phase | null;

  @Field(() => String, { nullable: true, description: "New LAESTAB." })
  laestab?: string | null;

  @Field(() => String, { nullable: true, description: "New UKPRN." })
  ukprn?: string | null;
}

@ObjectType("AcademyImportResult", { description: "The outcome of an all-or-nothing import." })
export class AcademyImportResultType {
  @Field(() => Int, { description: "Academies created." })
  created!: number;

  @Field(() => Int, { description: "Academies updated." })
  updated!: number;

  @Field(() => [AcademyType], { description: "Every academy imported, in input order." })
  academies!: AcademyType[];
}

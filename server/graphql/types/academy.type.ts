import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { Phase } from "../../domain/index.js";
import { URNScalar } from "../scalars.js";
import { PhaseEnum } from "./school.enums.js";

@ObjectType("Academy", { description: "An academy of the trust, keyed by URN." })
export class AcademyType {
  @Field(() => ID, { description: "Opaque id." })
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

@ObjectType("PageInfo", { description: "Relay page information." })
export class PageInfoType {
  @Field(() => Boolean, { description: "True when more academies follow." })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: "True when academies come before this page (it was asked for after a cursor).",
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the first academy on this page.",
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last academy on this page; pass as after.",
  })
  endCursor!: string | null;
}

@ObjectType("AcademyEdge", { description: "An academy and its cursor." })
export class AcademyEdgeType {
  @Field(() => String, { description: "Cursor of this academy." })
  cursor!: string;

  @Field(() => AcademyType, { description: "The academy." })
  node!: AcademyType;
}

@ObjectType("AcademyConnection", { description: "A page of academies, ordered by URN." })
export class AcademyConnectionType {
  @Field(() => [AcademyEdgeType], { description: "The academies on this page." })
  edges!: AcademyEdgeType[];

  @Field(() => PageInfoType, { description: "Whether more follow." })
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: "How many academies match, on all pages." })
  totalCount!: number;
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

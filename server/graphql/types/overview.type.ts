import { Field, Int, ObjectType } from "type-graphql";
import type { Role } from "../../shared/index.js";
import { AcademicYearScalar, URNScalar } from "../scalars.js";
import { AcademyType } from "./academy.type.js";
import { RoleEnum } from "./administration.type.js";
import { domainEnum } from "./domain-enum.js";
import { DesignationThatCountsType } from "./designation-that-counts.type.js";

@ObjectType("RagCounts", {
  description: "How many of an academy's targets are green, amber, red or without data.",
})
export class RagCountsType {
  @Field(() => Int, { description: "On track." })
  green!: number;

  @Field(() => Int, { description: "Within tolerance." })
  amber!: number;

  @Field(() => Int, { description: "Off track." })
  red!: number;

  @Field(() => Int, { description: "No measurement yet." })
  none!: number;
}

@ObjectType("TargetCounts", {
  description:
    "How many targets stand at each sign-off status, and how many have a change pending.",
})
export class TargetCountsType {
  @Field(() => Int, { description: "Drafts, not yet proposed." })
  draft!: number;

  @Field(() => Int, { description: "Proposed, waiting for the local governing board." })
  proposed!: number;

  @Field(() => Int, {
    description: "Reviewed by the local governing board, waiting for the trust board.",
  })
  reviewed!: number;

  @Field(() => Int, { description: "Agreed by the trust board." })
  agreed!: number;

  @Field(() => Int, { description: "Agreed targets with a change on its way through sign-off." })
  changePending!: number;
}

export type ChangeKind = "designation" | "target" | "measurement";

export const ChangeKindEnum = domainEnum<ChangeKind>({
  name: "ChangeKind",
  description: "What kind of record changed for an academy.",
  values: {
    designation: "A designation was computed or decided.",
    target: "A target was set, changed or moved through sign-off.",
    measurement: "A measurement was recorded.",
  },
});

@ObjectType("Change", { description: "Something that changed for an academy." })
export class ChangeType {
  @Field(() => Date, { description: "When." })
  at!: Date;

  @Field(() => ChangeKindEnum, { description: "DESIGNATION, TARGET or MEASUREMENT." })
  kind!: ChangeKind;

  @Field(() => String, { description: "What changed, in words." })
  summary!: string;
}

@ObjectType("OverviewRow", { description: "One academy in the trust overview." })
export class OverviewRowType {
  @Field(() => AcademyType, { description: "The academy." })
  academy!: AcademyType;

  @Field(() => DesignationThatCountsType, {
    nullable: true,
    description:
      "The designation that counts in the year, with its status, support and time in level.",
  })
  designation!: DesignationThatCountsType | null;

  @Field(() => RagCountsType, { description: "RAG counts of its targets for the year." })
  rag!: RagCountsType;

  @Field(() => TargetCountsType, { description: "Its targets for the year by sign-off status." })
  targets!: TargetCountsType;

  @Field(() => [ChangeType], { description: "What changed since the date asked, newest first." })
  changes!: ChangeType[];
}

@ObjectType("TrustOverview", {
  description: "Every academy of the trust with its designation and progress.",
})
export class TrustOverviewType {
  @Field(() => String, { description: "Trust name." })
  trustName!: string;

  @Field(() => AcademicYearScalar, { description: "Academic year." })
  year!: string;

  @Field(() => [OverviewRowType], { description: "One row per academy, by URN." })
  academies!: OverviewRowType[];

  @Field(() => RagCountsType, { description: "RAG counts over the whole trust." })
  totals!: RagCountsType;

  @Field(() => TargetCountsType, {
    description: "Targets over the whole trust by sign-off status.",
  })
  targetTotals!: TargetCountsType;
}

@ObjectType("Viewer", { description: "The signed-in user." })
export class ViewerType {
  @Field(() => String, { description: "User id." })
  userId!: string;

  @Field(() => String, { description: "Name." })
  name!: string;

  @Field(() => RoleEnum, { description: "What you may do in the trust." })
  role!: Role;

  @Field(() => String, { description: "Trust name." })
  trustName!: string;

  @Field(() => [URNScalar], {
    description:
      "For the academy and governor roles, the URNs it may see (a governor: its local board's academies); empty for trust-wide roles.",
  })
  academyUrns!: string[];
}

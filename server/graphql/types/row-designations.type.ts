// designateRows' answer: flat lists aligned with the rows sent (a level key,
// a flag), so a recalculation of thousands of cells is answered without an
// object per row; reasons and coverage only when asked (explain).
import { Field, ObjectType } from "type-graphql";
import { LevelType } from "./framework.type.js";
import { CoverageType, ProblemType, ReasonType } from "./designation.type.js";

@ObjectType("RowExplanation", {
  description: "Why a row of designateRows(explain: true) got its level: its reasons and coverage.",
})
export class RowExplanationType {
  @Field(() => [ReasonType], {
    description:
      "One reason per source, in the framework's order, then overrides; empty for a row that could not be read.",
  })
  reasons!: ReasonType[];

  @Field(() => CoverageType, {
    description: "The sources used, the required ones missing, and cells that could not be read.",
  })
  coverage!: CoverageType;
}

@ObjectType("RowDesignations", {
  description:
    "The rows of designateRows designated under one framework: each list has one entry per row, in the order sent.",
})
export class RowDesignationsType {
  @Field(() => String, { description: "The framework key." })
  framework!: string;

  @Field(() => [LevelType], {
    description:
      "The framework's levels in rank order (rank 1 needs the most support): each row's level key is one of theirs.",
  })
  levels!: LevelType[];

  @Field(() => [String], {
    nullable: "items",
    description:
      "Each row's level key; null when its evidence is insufficient or it could not be read (then problems names the row).",
  })
  levelKeys!: (string | null)[];

  @Field(() => [Boolean], {
    description:
      "Each row: true when its level was reached without a required source (the explanation's coverage says which).",
  })
  provisional!: boolean[];

  @Field(() => [Boolean], {
    description: "Each row: true when no source of evidence was usable.",
  })
  insufficientEvidence!: boolean[];

  @Field(() => [ProblemType], {
    description:
      "Why rows could not be read: every problem of every such row, each with its row, the cell's column and indicator, and what is accepted. Other rows are answered.",
  })
  problems!: ProblemType[];

  @Field(() => [ProblemType], {
    description:
      "Headers that name no indicator (URN, Notes): their columns were left out of every row. Each a NOT_FOUND problem with its column and no row.",
  })
  unknownHeaders!: ProblemType[];

  @Field(() => [RowExplanationType], {
    nullable: true,
    description: "Only with explain: true, each row's reasons and coverage; null otherwise.",
  })
  explanations!: RowExplanationType[] | null;
}

import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";

@ObjectType({
  description: "A level of a framework; rank 1 is the level needing the most support.",
})
export class LevelType {
  @Field(() => String, { description: "Stable key, such as stabilise or tier2." })
  key!: string;

  @Field(() => String, {
    description: 'The label a governor reads, such as "C: Developing (Repair)".',
  })
  label!: string;

  @Field(() => Int, { description: "1 is the level needing the most support." })
  rank!: number;

  @Field(() => String, {
    description: "Risk wording for the level: high, some or low in the presets.",
  })
  risk!: string;
}

@ObjectType("HeaderAlias", {
  description:
    "A workbook header the framework reads as its seed means it, resolved before the catalogue's aliases.",
})
export class HeaderAliasType {
  @Field(() => String, { description: 'The header as the seed writes it: "Latest SEF judgement".' })
  header!: string;

  @Field(() => String, {
    nullable: true,
    description: "The indicator key it means; null for a column that is not evidence.",
  })
  indicator!: string | null;
}

@ObjectType("Framework", {
  description: "A designation framework: a preset or one of the trust's own.",
})
export class FrameworkType {
  @Field(() => String, {
    description: "Key used in designate and MAT.DESIGNATION, such as phase-model.",
  })
  key!: string;

  @Field(() => String, { description: "Name of the framework." })
  name!: string;

  @Field(() => String, { description: "What the framework does, in a sentence." })
  description!: string;

  @Field(() => String, { nullable: true, description: "The trust document the rules come from." })
  seed!: string | null;

  @Field(() => Boolean, {
    description: "True for the four built-in presets; false for a trust's own.",
  })
  preset!: boolean;

  @Field(() => [LevelType], { description: "Levels in rank order, most support first." })
  levels!: LevelType[];

  @Field(() => GraphQLJSONObject, {
    description:
      "The full definition as a JSON object (the shape saveFramework takes), to copy and edit into a trust framework.",
  })
  definition!: Record<string, unknown>;

  @Field(() => [HeaderAliasType], {
    description:
      "The framework's own workbook headers (its seed's spellings) and the indicators they mean; the trust's saved column map comes first, the catalogue after.",
  })
  aliases!: HeaderAliasType[];
}

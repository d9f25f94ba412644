import { Field, InputType, ObjectType } from "type-graphql";

@ObjectType("ColumnMapEntry", {
  description:
    "One header of the trust's own workbook and the indicator it means, as the trust saved it.",
})
export class ColumnMapEntryType {
  @Field(() => String, {
    description: 'The header as the trust writes it: "Leadership & Management".',
  })
  header!: string;

  @Field(() => String, {
    nullable: true,
    description: "The indicator key it means; null for a column that is not evidence.",
  })
  indicator!: string | null;

  /** The user id of who last saved the map (the `updatedBy` field resolves the user). */
  updatedById!: string;

  @Field(() => Date, { description: "When the map was last saved." })
  updatedAt!: Date;
}

@InputType({ description: "One header and the indicator it means (null: not evidence)." })
export class ColumnMapEntryInput {
  @Field(() => String, { description: "The header as written in the workbook." })
  header!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "An indicator key such as qa.leadershipAndManagement; null for a column that is not evidence.",
  })
  indicator?: string | null;
}

import { Field, ObjectType } from "type-graphql";

@ObjectType("PageInfo", {
  description:
    "Where a page of a connection stands in its list (Relay): whether items come before and after it, and the cursors to ask for them.",
})
export class PageInfoType {
  @Field(() => Boolean, {
    description:
      "True when items follow this page: ask with first and after: endCursor. Paging back with last and before, true when before was given.",
  })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description:
      "True when items come before this page: ask with last and before: startCursor. Paging forward with first and after, true when after was given.",
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the first item on this page; null for an empty page.",
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last item on this page; null for an empty page.",
  })
  endCursor!: string | null;
}

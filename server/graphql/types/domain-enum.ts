// GraphQL enums over the domain's own words. A client sees UPPER_CASE values
// (GraphQL convention: AUTUMN1, LOCAL_BOARD, ALL_THROUGH); resolvers and
// services keep the words DOMAIN.md uses (autumn1, localBoard, all-through),
// because type-graphql maps each GraphQL name to its word both ways.
import { registerEnumType } from "type-graphql";
import { enumNameOf } from "../../shared/index.js";

export interface DomainEnumConfig<Word extends string> {
  /** The enum's GraphQL name. */
  readonly name: string;
  readonly description: string;
  /** Every word, in the order the domain gives them, with what it means. */
  readonly values: Readonly<Record<Word, string>>;
}

/**
 * Registers a GraphQL enum whose values are `words` in UPPER_CASE and returns
 * the enum object to pass to `@Field(() => ...)`; values a resolver returns
 * and arguments it receives are the words themselves.
 */
export function domainEnum<Word extends string>(
  config: DomainEnumConfig<Word>,
): Readonly<Record<string, Word>> {
  const words = Object.keys(config.values) as Word[];
  const enumObject = Object.fromEntries(words.map((word) => [enumNameOf(word), word]));
  registerEnumType(enumObject, {
    name: config.name,
    description: config.description,
    valuesConfig: Object.fromEntries(
      words.map((word) => [enumNameOf(word), { description: config.values[word] }]),
    ),
  });
  return enumObject;
}

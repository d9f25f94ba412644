// How the domain's words are spelt as GraphQL enum values, and back. Pure, so
// the add-in (which sends and reads those values) uses the same rule.

/** The GraphQL enum value of a domain word: "localBoard" -> LOCAL_BOARD, "all-through" -> ALL_THROUGH. */
export function enumNameOf(word: string): string {
  return word
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .toUpperCase();
}

/**
 * The domain word of an enum value among `words`: enumNameOf's inverse
 * (LOCAL_BOARD -> "localBoard"); the value itself when no word has it.
 */
export function wordOfEnumName<Word extends string>(
  words: readonly Word[],
  name: string,
): Word | string {
  return words.find((word) => enumNameOf(word) === name) ?? name;
}

/**
 * The domain word of an enum value whose word is a camelCase identifier
 * (every academy-card and calendar enum): LOCAL_BOARD -> "localBoard",
 * AUTUMN1 -> "autumn1", GREEN -> "green".
 */
export function camelWordOf(name: string): string {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}

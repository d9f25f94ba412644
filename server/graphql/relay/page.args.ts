// The arguments of every connection (Relay's first/after, last/before) and
// the window they ask for. A size outside 1 to the list's maximum, both first
// and last, or a cursor that is not the list's is BAD_USER_INPUT naming the
// argument and what it accepts: never a silently clamped or empty page.
import { ArgsType, Field, Int } from "type-graphql";
import { badInput, type Problem } from "../../domain/index.js";
import type { PageWindow } from "../../services/page.js";
import { readCursor, type CursorCodec } from "./cursor.js";

/** The page size when a client gives neither first nor last. */
export const DEFAULT_PAGE_SIZE = 50;

/** The largest page any connection serves. */
export const MAX_PAGE_SIZE = 500;

/** What a client passes to a connection. */
export interface PageArguments {
  readonly first?: number | null | undefined;
  readonly after?: string | null | undefined;
  readonly last?: number | null | undefined;
  readonly before?: string | null | undefined;
}

/** The four page arguments of a connection whose pages hold at most `max` items. */
export function PageArgs(max: number) {
  if (max > MAX_PAGE_SIZE) throw new Error(`A connection serves at most ${MAX_PAGE_SIZE} a page`);
  @ArgsType()
  abstract class ConnectionPageArgs implements PageArguments {
    @Field(() => Int, {
      nullable: true,
      description: `The first n items (after \`after\`, when given): 1 to ${max}. ${DEFAULT_PAGE_SIZE} when neither first nor last is given.`,
    })
    first?: number | null;

    @Field(() => String, {
      nullable: true,
      description: "Only items after this cursor (an edge's cursor or pageInfo.endCursor).",
    })
    after?: string | null;

    @Field(() => Int, {
      nullable: true,
      description: `The last n items (before \`before\`, when given): 1 to ${max}. Not with first.`,
    })
    last?: number | null;

    @Field(() => String, {
      nullable: true,
      description: "Only items before this cursor (an edge's cursor or pageInfo.startCursor).",
    })
    before?: string | null;
  }
  return ConnectionPageArgs;
}

function sizeProblem(argument: "first" | "last", size: number, max: number): Problem | null {
  if (Number.isInteger(size) && size >= 1 && size <= max) return null;
  return {
    field: argument,
    value: String(size),
    accepts: `1 to ${max}`,
    message: `${argument}: ${size} is out of range; it accepts 1 to ${max}`,
  };
}

/** The window a client's page arguments ask for; BAD_USER_INPUT listing every problem. */
export function windowOf<K>(
  args: PageArguments,
  codec: CursorCodec<K>,
  max: number,
): PageWindow<K> {
  const problems: Problem[] = [];
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null)
    problems.push({
      field: "last",
      value: String(last),
      accepts: "first (with after) or last (with before), not both",
      message: `last: ${last} given with first: ${first}; a page accepts first (with after) or last (with before), not both`,
    });
  for (const [argument, size] of [
    ["first", first],
    ["last", last],
  ] as const) {
    const problem = size === null ? null : sizeProblem(argument, size, max);
    if (problem) problems.push(problem);
  }
  const cursor = (argument: "after" | "before"): K | null => {
    const value = args[argument];
    if (value === null || value === undefined) return null;
    const read = readCursor(codec, argument, value);
    if ("key" in read) return read.key;
    problems.push(read.problem);
    return null;
  };
  const after = cursor("after");
  const before = cursor("before");
  if (problems.length > 0) throw badInput(problems);
  return last !== null
    ? { take: "last", size: last, after, before }
    : { take: "first", size: first ?? Math.min(DEFAULT_PAGE_SIZE, max), after, before };
}

// Subscription execution shared between subscribers. graphql-js runs a
// subscription's selection set once per event per subscriber; at October-board
// load (50 events/s to 200 subscribers) that is 10,000 executions a second on
// one thread, and the profile put the fan-out there. Subscribers who sent the
// same document and variables and see the trust alike (same trust, role and
// academy scope) get the same result for the same event, so it is executed
// once for all of them; each socket still serialises its own message.
// Otherwise this is graphql-js's own `subscribe`: the source stream from
// `createSourceEventStream`, each event executed with it as the root value.
import {
  createSourceEventStream,
  execute,
  print,
  type ExecutionArgs,
  type ExecutionResult,
} from "graphql";
import type { Context } from "../../graphql/context.type.js";

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Results by event object, then by what decides the result. */
const results = new WeakMap<object, Map<string, Result>>();

/** What decides a subscriber's result for an event besides the event itself. */
function audienceKey(args: ExecutionArgs): string {
  const viewer = (args.contextValue as Context | undefined)?.viewer;
  const scope = viewer
    ? `${viewer.trustId}|${viewer.role}|${viewer.academyUrns ? [...viewer.academyUrns].sort().join(",") : "*"}`
    : "anonymous";
  return `${scope}|${args.operationName ?? ""}|${JSON.stringify(args.variableValues ?? {})}|${print(args.document)}`;
}

export async function sharedSubscribe(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const events = source as AsyncIterableIterator<unknown>;
  const key = audienceKey(args);
  const run = (event: unknown): Result => {
    if (event === null || typeof event !== "object") return execute({ ...args, rootValue: event });
    let byAudience = results.get(event);
    if (!byAudience) {
      byAudience = new Map();
      results.set(event, byAudience);
    }
    let result = byAudience.get(key);
    if (!result) {
      result = execute({ ...args, rootValue: event });
      byAudience.set(key, result);
    }
    return result;
  };
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const next = await events.next();
      if (next.done) return { value: undefined, done: true };
      return { value: await run(next.value), done: false };
    },
    async return() {
      await events.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}

// Subscription execution shared between subscribers. graphql-js runs a
// subscription's selection set once per event per subscriber; at October-board
// load (50 events/s to 200 subscribers) that is 10,000 executions a second on
// one thread, and the profile put the fan-out there. Subscribers who sent the
// same document and variables and see the trust alike (same trust, role and
// academy scope) get the same result for the same event, so it is executed
// once for all of them, and its message serialised once (shared-message.ts).
// Otherwise this is graphql-js's own `subscribe`: the source stream from
// `createSourceEventStream`, each event executed with it as the root value.
import {
  createSourceEventStream,
  execute,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from "graphql";
import type { Context } from "../../graphql/context.type.js";
import { nextMessage } from "./shared-message.js";

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * A subscription refused while setting up its source stream (an academy the
 * viewer cannot see, a bad cursor): thrown from the stream so that graphql-ws
 * answers with an `error` message, which ends the operation, rather than a
 * `next` with errors followed by `complete`, which a client may read as an
 * empty subscription. The server's onError unwraps it (refusedErrors).
 */
export class SubscriptionRefused extends Error {
  override name = "SubscriptionRefused";
  constructor(readonly errors: readonly GraphQLError[]) {
    super(errors[0]?.message ?? "Subscription refused");
  }
}

/** The errors a refused subscription carries, when `errors` is graphql-ws's wrapping of one. */
export function refusedErrors(errors: readonly GraphQLError[]): readonly GraphQLError[] {
  const original = errors.length === 1 ? errors[0]?.originalError : undefined;
  return original instanceof SubscriptionRefused ? original.errors : errors;
}

/** A stream whose first read throws the refusal. */
function refusedStream(errors: readonly GraphQLError[]): AsyncIterableIterator<ExecutionResult> {
  const stream: AsyncIterableIterator<ExecutionResult> = {
    next: () => Promise.reject(new SubscriptionRefused(errors)),
    return: () => Promise.resolve({ value: undefined, done: true }),
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}

/** How a subscription writes its own messages, bypassing graphql-ws's per-event loop. */
export interface DirectDelivery {
  /** The graphql-ws operation id. */
  readonly id: string;
  /** Queues a message on the socket; a promise when the socket is full, to wait for. */
  readonly write: (message: string) => Promise<void> | undefined;
  readonly format: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
}

const deliveries = new WeakMap<ExecutionArgs, DirectDelivery>();

/**
 * Marks `args` (what onSubscribe hands graphql-ws, which passes the same object
 * to `subscribe`) as delivered directly: each event's message is written to
 * the socket as the subscription hands the event over, one promise turn per
 * subscriber instead of graphql-ws's several (its loop, onNext, its check and
 * serialisation of each message). Order, backpressure and the end of the
 * stream are as before: the subscription hands over one event at a time,
 * waits while the socket is full, and graphql-ws still ends the operation.
 */
export function deliveredDirectly(args: ExecutionArgs, delivery: DirectDelivery): ExecutionArgs {
  deliveries.set(args, delivery);
  return args;
}

/** Results by event object, then by what decides the result. */
const results = new WeakMap<object, Map<string, Result>>();

/** Each document's text, printed once (subscription-server.ts shares one document per query). */
const printed = new WeakMap<DocumentNode, string>();

function printedOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/** What decides a subscriber's result for an event besides the event itself. */
function audienceKey(args: ExecutionArgs): string {
  const viewer = (args.contextValue as Context | undefined)?.viewer;
  const scope = viewer
    ? `${viewer.trustId}|${viewer.role}|${viewer.academyUrns ? [...viewer.academyUrns].sort().join(",") : "*"}`
    : "anonymous";
  return `${scope}|${args.operationName ?? ""}|${JSON.stringify(args.variableValues ?? {})}|${printedOnce(args.document)}`;
}

export async function sharedSubscribe(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source))
    return source.errors && source.errors.length > 0 ? refusedStream(source.errors) : source;
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
      const running = execute({ ...args, rootValue: event });
      result = running;
      byAudience.set(key, running);
      // Once settled, later subscribers take the result itself: no turn spent awaiting it.
      if (running instanceof Promise)
        running.then(
          (settled) => byAudience.set(key, settled),
          () => undefined,
        );
    }
    return result;
  };
  const direct = deliveries.get(args);
  // Written here, each event as soon as the subscription hands it over: graphql-ws's
  // loop waits on the one `next` until the stream ends (or fails, and it says so).
  let pumping: Promise<IteratorResult<ExecutionResult>> | null = null;
  const pump = async (delivery: DirectDelivery): Promise<IteratorResult<ExecutionResult>> => {
    for (;;) {
      const next = await events.next();
      if (next.done) return { value: undefined, done: true };
      const result = run(next.value);
      const message = nextMessage(
        delivery.id,
        result instanceof Promise ? await result : result,
        delivery.format,
      );
      // Only a socket holding more than its high-water mark makes the subscription wait.
      const full = delivery.write(message);
      if (full) await full;
    }
  };
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    next: () =>
      direct
        ? (pumping ??= pump(direct))
        : events
            .next()
            .then(
              (
                next,
              ): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> => {
                if (next.done) return { value: undefined, done: true };
                const result = run(next.value);
                return result instanceof Promise
                  ? result.then((value) => ({ value, done: false }))
                  : { value: result, done: false };
              },
            ),
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

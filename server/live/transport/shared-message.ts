// One serialised `next` message per shared result. Subscribers who share an
// execution (shared-execution.ts) get the same result object for an event;
// graphql-ws would still serialise it once per socket (a JSON.stringify of the
// whole payload and a check of the message, per subscriber: at 2,500
// subscribers an instance, a seventh of its busy time in the bench). Here the
// payload is serialised once per result and each socket's message is only its
// operation id spliced in front of it.
//
// graphql-ws has no hook to send a message it did not serialise, so the
// server's onNext hook writes this message itself and hands graphql-ws a
// placeholder payload (`ALREADY_SENT`), whose message the socket glue drops
// (`isAlreadySent`) instead of writing it.
import type {
  ExecutionResult,
  FormattedExecutionResult,
  GraphQLError,
  GraphQLFormattedError,
} from "graphql";

/** The payload of every result, serialised once (WeakMap: gone with the result). */
const payloads = new WeakMap<ExecutionResult, string>();

/**
 * The `next` message for operation `id` carrying `result`, as graphql-ws
 * writes it (`{"id","type","payload"}`, errors formatted by `format`).
 */
export function nextMessage(
  id: string,
  result: ExecutionResult,
  format: (errors: readonly GraphQLError[]) => GraphQLFormattedError[],
): string {
  let payload = payloads.get(result);
  if (payload === undefined) {
    payload = JSON.stringify(result.errors ? { ...result, errors: format(result.errors) } : result);
    payloads.set(result, payload);
  }
  return `{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`;
}

/** A key no GraphQL response can hold (names are [_A-Za-z][_0-9A-Za-z]*). */
const MARK = "\u0000sent";

/** What onNext returns once it has written the message itself: graphql-ws serialises this instead. */
export const ALREADY_SENT: FormattedExecutionResult = Object.freeze({
  extensions: { [MARK]: true },
});

const SENT_SUFFIX = `,"type":"next","payload":${JSON.stringify(ALREADY_SENT)}}`;

/** True for graphql-ws's message of the placeholder: its real message has been written already. */
export function isAlreadySent(data: string): boolean {
  // The payload comes last, after the client's id, so only our placeholder ends this way.
  return data.endsWith(SENT_SUFFIX);
}

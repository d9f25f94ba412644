// Runs a user's action (a button press) with a busy flag and its failure in
// words, so every panel reports errors the same way and none is swallowed.
import { useCallback, useRef, useState } from "react";
import { AddinFailure } from "../shared/graphql-client.js";
import { problemText } from "../shared/problem-text.js";

export interface ActionState {
  readonly busy: boolean;
  readonly error: string | null;
  clearError(): void;
}

/** The message to show for a failure: the server's own words, with problems listed. */
export function failureText(error: unknown): string {
  if (error instanceof AddinFailure) {
    if (error.kind === "SIGNED_OUT") return "Your token was not accepted: connect again.";
    const problems = error.errors.flatMap((body) => body.extensions?.problems ?? []);
    if (problems.length > 1) return problems.map(problemText).join("\n");
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The action as a runner that never rejects (a failure is kept in `error`),
 * so a handler or effect may start it with `void`; it answers whether the
 * action succeeded.
 */
export function useAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): [(...args: A) => Promise<boolean>, ActionState] {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(action);
  latest.current = action;
  const run = useCallback(async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      await latest.current(...args);
      return true;
    } catch (failure) {
      setError(failureText(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return [run, { busy, error, clearError }];
}

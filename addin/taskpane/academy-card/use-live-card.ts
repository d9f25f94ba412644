// Keeps the open academy card up to date without the user doing anything:
// progressChanged and targetChanged for its academy, each event's target
// patched into the card. The live client is the connection's, shared with
// the custom functions in the runtime (addin/shared/live-client.ts); after a
// dropped socket it resubscribes with `after` (the last cursor) and the card is read again.
// Choosing another academy, signing out or closing the pane unsubscribes.
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";
import { holdLiveClient } from "../../shared/hold-live-client.js";
import type { LiveListener, LiveProblem } from "../../shared/live-client.js";
import {
  CARD_PROGRESS_CHANGED,
  CARD_TARGET_CHANGED,
  type AcademyCard,
  cardTargetOf,
} from "../api/index.js";
import { useSession } from "../session/session-context.js";
import { cardWithTarget } from "./card-with-target.js";

/** Why the card is not live, in words for the pane; null when there is nothing to say. */
export function liveProblemText(problem: LiveProblem): string | null {
  switch (problem.reason) {
    case "unsupported":
      return null;
    case "unreachable":
      return "Live updates paused: the live connection to the server is down; trying again. The card shows what was last read.";
    case "signedOut":
      return "Live updates stopped: the server no longer accepts your token (revoked, expired or unknown). Connect again on the Connect tab.";
    case "forbidden":
      return "Live updates stopped: this sign-in may not open live updates. Connect again on the Connect tab.";
    case "rejected":
      return `Live updates stopped: ${problem.message}`;
    default: {
      const unreachable: never = problem.reason;
      throw new Error(`Unhandled live problem ${String(unreachable)}`);
    }
  }
}

/**
 * Subscribes while `urn` names the open card; returns why live updates
 * stopped or paused, if they did. `reload` reads the card again (after a
 * reconnection).
 */
export function useLiveCard(
  urn: string | null,
  setCard: Dispatch<SetStateAction<AcademyCard | null>>,
  reload: () => void,
): string | null {
  const { connection, status } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const latestReload = useRef(reload);
  latestReload.current = reload;
  const serverUrl = connection?.serverUrl ?? null;
  const token = connection?.token ?? null;

  useEffect(() => {
    setProblem(null);
    if (!urn || status !== "connected" || !serverUrl || !token) return;
    const held = holdLiveClient({ serverUrl, token });
    const listener = <T>(apply: (event: T) => void): LiveListener<T> => ({
      event(event) {
        setProblem(null);
        apply(event);
      },
      failed: (failure) => setProblem(liveProblemText(failure)),
      resumed() {
        setProblem(null);
        latestReload.current();
      },
    });
    const stops = [
      held.client.listen(
        {
          query: CARD_PROGRESS_CHANGED,
          variables: { urn },
          resumeFrom: (last) => ({ after: last.progressChanged.cursor }),
        },
        listener(({ progressChanged }) => {
          // A measurement of a metric without a target changes nothing on the card.
          const { target } = progressChanged;
          if (target)
            setCard(
              (card) =>
                card && cardWithTarget(card, { ...progressChanged, target: cardTargetOf(target) }),
            );
        }),
      ),
      held.client.listen(
        {
          query: CARD_TARGET_CHANGED,
          variables: { urn },
          resumeFrom: (last) => ({ after: last.targetChanged.cursor }),
        },
        listener(({ targetChanged }) =>
          setCard(
            (card) =>
              card &&
              cardWithTarget(card, {
                ...targetChanged,
                target: targetChanged.target && cardTargetOf(targetChanged.target),
              }),
          ),
        ),
      ),
    ];
    return () => {
      for (const stop of stops) stop();
      held.release();
    };
  }, [urn, status, serverUrl, token, setCard]);

  return problem;
}

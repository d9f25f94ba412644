// Reading a target's kept versions (newest first) as the card shows them: the
// sign-off steps behind the values in force, and those of a pending change.
import { SIGN_OFF_ACTIONS } from "../../shared/target-statuses.js";

export interface VersionFacts {
  readonly action: string;
  readonly change: boolean;
}

export interface SignOffTrail<T> {
  /** The steps (proposed, reviewed, agreed, directChange) behind the values in force, oldest first. */
  readonly inForce: T[];
  /** The steps a pending change has taken so far (proposed, reviewed), oldest first. */
  readonly pending: T[];
}

const STEPS: ReadonlySet<string> = new Set(SIGN_OFF_ACTIONS);

/**
 * Walks the versions newest first. While a change is pending, its rows (change
 * = true) back to the edit that started it are the pending trail. Then the
 * values in force: a direct change stands alone; an agreed change brings its
 * own chain (back to its edit); otherwise the chain back to the target's
 * creation or last edit.
 */
export function signOffTrail<T extends VersionFacts>(
  newestFirst: readonly T[],
  hasPendingChange: boolean,
): SignOffTrail<T> {
  let index = 0;
  const pending: T[] = [];
  if (hasPendingChange) {
    for (; index < newestFirst.length; index++) {
      const row = newestFirst[index]!;
      if (!row.change) break;
      if (row.action === "edited") {
        // The latest edit restarted the change: earlier change rows are superseded.
        index++;
        break;
      }
      if (STEPS.has(row.action)) pending.unshift(row);
    }
    // Skip what is left of superseded attempts at a change.
    while (
      index < newestFirst.length &&
      newestFirst[index]!.change &&
      newestFirst[index]!.action !== "agreed"
    )
      index++;
  }
  const inForce: T[] = [];
  const first = newestFirst[index];
  if (first?.action === "directChange") return { inForce: [first], pending };
  const inChange = first?.change === true;
  for (; index < newestFirst.length; index++) {
    const row = newestFirst[index]!;
    if (row.change !== inChange) continue;
    if (row.action === "created" || row.action === "edited" || row.action === "directChange") {
      if (row.action === "directChange") inForce.unshift(row);
      break;
    }
    if (STEPS.has(row.action)) inForce.unshift(row);
  }
  return { inForce, pending };
}

// Target sign-off as the pane shows it (DOMAIN.md: draft -> proposed ->
// reviewed -> agreed, never skipped): the one step a target waits for, the
// button for it (only when the viewer's role may take it; the server says so
// in canTakeNextStep and checks again), and the steps already taken in words.
import type { CardTarget, SignOffEntry, SignOffStep } from "../api/index.js";

export const STEP_BUTTON: Readonly<Record<SignOffStep, string>> = {
  propose: "Propose",
  review: "Record LGB review",
  agree: "Record trust board agreement",
};

/** The step the viewer may take on this target (or its pending change), or null: no sign-off button. */
export function stepFor(
  target: Pick<CardTarget, "nextStep" | "canTakeNextStep">,
): SignOffStep | null {
  return target.nextStep !== null && target.canTakeNextStep ? target.nextStep : null;
}

const DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "Reviewed by the LGB, 1 Oct 2025 (Pat Governor)". */
export function signOffWords(entry: SignOffEntry): string {
  const when = entry.meetingOn ? `, ${DATE.format(new Date(`${entry.meetingOn}T00:00:00Z`))}` : "";
  switch (entry.action) {
    case "proposed":
      return `Proposed by the ${entry.bodyName.toLowerCase()} (${entry.by})`;
    case "reviewed":
      return `Reviewed by the ${entry.bodyName}${when} (${entry.by})`;
    case "agreed":
      return `Agreed by the ${entry.bodyName}${when} (${entry.by})`;
    case "directChange":
      return `Changed directly by the ${entry.bodyName}${when}: ${entry.reason ?? ""} (${entry.by})`;
    default:
      return `${entry.action} (${entry.by})`;
  }
}

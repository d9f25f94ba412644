// An open card with one target as an event reports it: replaced (same
// metric), added in metric order (a new target), or removed (null). Events
// for another academy or year leave the card as it is.
import type { AcademyCard, CardTarget } from "../api/index.js";

export interface TargetReport {
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly target: CardTarget | null;
}

export function cardWithTarget(card: AcademyCard, report: TargetReport): AcademyCard {
  if (report.urn !== card.academy.urn || report.year !== card.year) return card;
  const others = card.targets.filter((target) => target.metric !== report.metric);
  const targets = report.target ? [...others, report.target] : others;
  targets.sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
  return { ...card, targets };
}

// An academy card as the rows of its worksheet.
import type { AcademyCard } from "../api/index.js";
import type { CardSheet } from "../excel/insert-card-sheet.js";

export function cardSheetOf(card: AcademyCard): CardSheet {
  return {
    urn: card.academy.urn,
    academyName: card.academy.name,
    year: card.year,
    designation: card.designation?.level
      ? `${card.designation.level.label} (${card.designation.statusText})`
      : null,
    targets: card.targets.map((target) => ({
      metric: target.metricLabel,
      status: target.status,
      baseline: target.baseline,
      target: target.target,
      latest: target.progress.latest,
      latestPeriod: target.progress.latestPeriod,
      gapClosed: target.progress.gapClosed,
      rag: target.progress.rag,
    })),
  };
}

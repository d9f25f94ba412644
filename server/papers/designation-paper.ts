// The designation that counts as a board paper states it: level, status (who
// agreed it and when, not yet agreed, review suggested, provisional), time in
// level and support, with a slot for support delivered (issue 15 part 3).
import { dayInWords, type CountingStatus } from "../domain/index.js";
import type { YearDesignation } from "../services/designation.service.js";
import { designationLine } from "../services/designation-line.js";
import type { SupportEntitlement } from "../shared/index.js";
import type {
  DesignationPaper,
  DesignationStatus,
  SupportDelivered,
  SupportLine,
} from "./paper.types.js";

/** Support delivered against an entitlement for an academy, when the trust records it. */
export type DeliveredOf = (urn: string, entitlement: SupportEntitlement) => SupportDelivered | null;

export const NOTHING_DELIVERED: DeliveredOf = () => null;

function statusOf(status: CountingStatus, provisional: boolean): DesignationStatus {
  if (status === "agreed") return "agreed";
  if (status === "reviewSuggested") return "review suggested";
  return provisional ? "provisional" : "not yet agreed";
}

export function supportLineOf(
  entry: SupportEntitlement,
  delivered: SupportDelivered | null,
): SupportLine {
  const quantity = entry.quantityText ?? String(entry.quantity);
  return {
    activity: entry.activity,
    allocation: `${quantity} ${entry.unit} per ${entry.per}${entry.note ? ` (${entry.note})` : ""}`,
    unit: entry.unit,
    delivered,
  };
}

export function designationPaper(
  urn: string,
  view: YearDesignation | null,
  deliveredOf: DeliveredOf,
): DesignationPaper {
  const line = designationLine(view);
  if (!view || (view.counts.decision === null && view.newestComputed === null))
    return {
      level: line.level,
      status: "not yet agreed",
      agreed: null,
      statusText: line.statusText,
      timeInLevel: "",
      support: [],
    };
  const { counts } = view;
  const decision = counts.decision;
  return {
    level: line.level,
    status: statusOf(counts.status, counts.provisional),
    agreed: decision
      ? `${decision.row.body}, ${dayInWords(decision.agreedOn)} (${decision.row.decidedBy})${counts.agreedInEarlierYear ? `, for ${decision.year}` : ""}`
      : null,
    statusText: line.statusText,
    timeInLevel: line.timeInLevel,
    support: view.support.map((entry) => supportLineOf(entry, deliveredOf(urn, entry))),
  };
}

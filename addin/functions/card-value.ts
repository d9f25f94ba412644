/// <reference types="office-js" />
// MAT.CARDVALUE: an academy's card in one cell. Where Excel takes data types
// from custom functions (CustomFunctionsRuntime 1.4: Microsoft 365 on
// Windows 2208+, Mac 16.64+, the web), the cell holds an entity value: its
// text is the academy and the designation that counts, and its card (the
// icon beside the text) lists the designation, its status, the support it is
// entitled to, and each target's RAG and latest value, each a property a
// formula can read (=A2.[Overall absence RAG]). Elsewhere the cell holds the
// same card as text, one line per item. The card comes from the batched
// academyCards query MAT.CARD uses: one request for every card of a
// recalculation, whichever of the two functions asks.
import { formatValue, indicatorByKey } from "../../server/shared/index.js";
import type { CardResult, StoredDesignation, TargetProgress } from "./operations.js";

/** The words of a stored designation's status, as a board reads them (COUNTIF works on them). */
export function statusOf(designation: StoredDesignation): string {
  if (designation.status === "AGREED") return "agreed";
  if (designation.status === "REVIEW_SUGGESTED") return "review suggested";
  return designation.provisional ? "provisional" : "not yet agreed";
}

/**
 * True where Excel accepts an entity value from a custom function
 * (CustomFunctionsRuntime 1.4); false where it does not or cannot say.
 */
export function hostTakesDataTypes(): boolean {
  try {
    return (
      typeof Office !== "undefined" &&
      Office.context?.requirements?.isSetSupported("CustomFunctionsRuntime", "1.4") === true
    );
  } catch {
    return false;
  }
}

function metricLabel(metric: string): string {
  return indicatorByKey(metric)?.label ?? metric;
}

function shownValue(metric: string, value: number): string {
  const indicator = indicatorByKey(metric);
  return indicator ? formatValue(indicator, value) : String(value);
}

function supportLine(entry: StoredDesignation["support"][number]): string {
  const quantity = entry.quantityText ?? String(entry.quantity);
  return `${quantity} ${entry.unit} per ${entry.per}`;
}

const text = (value: string): Excel.StringCellValue => ({ type: "String", basicValue: value });

/** Property names of a target's RAG and latest value. */
export function targetProperties(target: Pick<TargetProgress, "metric">): [string, string] {
  const label = metricLabel(target.metric);
  return [`${label} RAG`, `${label} latest`];
}

export interface CardKey {
  readonly urn: string;
  readonly year: string;
}

function designationWords(card: CardResult): string {
  const level = card.designation?.level;
  return level ? level.label : "No designation yet";
}

/** The card as an entity value: properties and a card layout. */
export function cardEntity(key: CardKey, card: CardResult): Excel.EntityCellValue {
  const designation = card.designation ?? null;
  const name = card.academy.name;
  const properties: Record<string, Excel.EntityPropertyType> = {
    Academy: text(name),
    URN: text(key.urn),
    Year: text(key.year),
    Designation: text(designationWords(card)),
  };
  const summary = ["URN", "Year", "Designation"];
  if (designation) {
    properties["Status"] = text(statusOf(designation));
    properties["Agreed"] = text(designation.statusText);
    summary.push("Status", "Agreed");
    if (designation.level) {
      properties["Rank"] = { type: "Double", basicValue: designation.level.rank };
      summary.push("Rank");
    }
    if (designation.timeInLevel) {
      properties["Time in level"] = text(
        designation.timeInLevel.flag ?? `${designation.timeInLevel.months} months`,
      );
      summary.push("Time in level");
    }
  }
  const sections: Excel.CardLayoutSection[] = [{ layout: "List", properties: summary }];
  if (designation && designation.support.length > 0) {
    properties["Support"] = {
      type: "Array",
      elements: [
        [text("Activity"), text("Entitlement")],
        ...designation.support.map((entry) => [text(entry.activity), text(supportLine(entry))]),
      ],
    };
    sections.push({ layout: "List", title: "Support", properties: ["Support"] });
  }
  const targetNames: string[] = [];
  for (const target of card.targets) {
    const [rag, latest] = targetProperties(target);
    properties[rag] = text(target.progress.rag ?? "no data");
    properties[latest] =
      target.progress.latest === null
        ? text("no data")
        : { type: "Double", basicValue: target.progress.latest };
    targetNames.push(rag, latest);
  }
  if (targetNames.length > 0)
    sections.push({ layout: "List", title: "Targets", properties: targetNames });
  return {
    type: "Entity",
    text: `${name}: ${designationWords(card)}`,
    properties,
    layouts: {
      card: { title: { property: "Academy" }, subTitle: { property: "Designation" }, sections },
    },
    provider: { description: "MAT designations" },
  };
}

/** The card as text, one line per item, for hosts without data types. */
export function cardText(key: CardKey, card: CardResult): string {
  const designation = card.designation ?? null;
  const lines = [`${card.academy.name} (${key.urn}), ${key.year}`];
  if (designation) {
    lines.push(`Designation: ${designationWords(card)} (${designation.statusText})`);
    if (designation.timeInLevel)
      lines.push(
        `Time in level: ${designation.timeInLevel.flag ?? `${designation.timeInLevel.months} months`}`,
      );
    if (designation.support.length > 0)
      lines.push(
        `Support: ${designation.support.map((entry) => `${entry.activity}: ${supportLine(entry)}`).join("; ")}`,
      );
  } else lines.push(`Designation: ${designationWords(card)}`);
  for (const target of card.targets) {
    const latest = target.progress.latest;
    lines.push(
      `${metricLabel(target.metric)}: ${target.progress.rag ?? "no data"}${
        latest === null ? "" : `, latest ${shownValue(target.metric, latest)}`
      }`,
    );
  }
  return lines.join("\n");
}

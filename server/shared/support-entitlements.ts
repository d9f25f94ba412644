// Support entitlements (DOMAIN.md "Support"): what an academy at a level is
// entitled to, as a framework definition's `support` array declares it. The
// server's compiled frameworks and the add-in's MAT.SUPPORT read a level's
// support with these same rules; conditional entitlements ("while an
// inspection is due") count only when the server has the evidence for them.
// An entitlement may carry a schedule (server/shared/review-calendar.ts): when
// its meetings and visits fall, which the review calendar places.
import type { EntitlementSchedule } from "./review-calendar.js";

/** One support entitlement that comes with a level. */
export interface SupportEntitlement {
  readonly activity: string;
  /** How many (the upper figure when the entitlement is a range: "2-3" is 3). */
  readonly quantity: number;
  /** The quantity as it reads ("2-3", "up to 10"), when not a plain number. */
  readonly quantityText: string | null;
  readonly unit: string;
  readonly per: string;
  readonly note: string | null;
  /** When its meetings or visits fall; absent when it is not put in the calendar. */
  readonly schedule?: EntitlementSchedule;
}

/** An entitlement as a framework definition declares it (the fields these rules read). */
export interface EntitlementDeclaration {
  readonly activity: string;
  readonly quantity: number;
  readonly quantityText?: string | null | undefined;
  readonly unit: string;
  readonly per: string;
  /** Level keys that have it. */
  readonly levels: readonly string[];
  readonly note?: string | null | undefined;
  /** A condition on the evidence; absent when every academy at the levels has it. */
  readonly when?: unknown;
  readonly schedule?: EntitlementSchedule | undefined;
}

/** The entitlement a declaration gives. */
export function supportEntitlement(declaration: EntitlementDeclaration): SupportEntitlement {
  return {
    activity: declaration.activity,
    quantity: declaration.quantity,
    quantityText: declaration.quantityText ?? null,
    unit: declaration.unit,
    per: declaration.per,
    note: declaration.note ?? null,
    ...(declaration.schedule ? { schedule: declaration.schedule } : {}),
  };
}

/** True when the entitlement depends on evidence (it has a `when`). */
export function isConditional(declaration: EntitlementDeclaration): boolean {
  return declaration.when !== undefined && declaration.when !== null;
}

/** The entitlements every academy at a level has, in the definition's order. */
export function unconditionalSupport(
  declarations: readonly EntitlementDeclaration[],
  levelKey: string,
): SupportEntitlement[] {
  return declarations
    .filter((entry) => !isConditional(entry) && entry.levels.includes(levelKey))
    .map(supportEntitlement);
}

const optionalText = (value: unknown): value is string | null | undefined =>
  value === undefined || value === null || typeof value === "string";

/**
 * The `support` array of a framework definition (the JSON document the API
 * sends), skipping any entry not shaped like an entitlement: the server has
 * validated the document, so this only guards a client against a newer shape.
 */
export function declaredSupport(definition: unknown): EntitlementDeclaration[] {
  const support =
    typeof definition === "object" && definition !== null
      ? (definition as { support?: unknown }).support
      : undefined;
  if (!Array.isArray(support)) return [];
  return support.flatMap((item: unknown): EntitlementDeclaration[] => {
    if (typeof item !== "object" || item === null) return [];
    const { activity, quantity, quantityText, unit, per, levels, note, when, schedule } =
      item as Record<string, unknown>;
    if (
      typeof activity !== "string" ||
      typeof quantity !== "number" ||
      typeof unit !== "string" ||
      typeof per !== "string" ||
      !Array.isArray(levels) ||
      !optionalText(quantityText) ||
      !optionalText(note)
    )
      return [];
    return [
      {
        activity,
        quantity,
        quantityText,
        unit,
        per,
        levels: levels.filter((level): level is string => typeof level === "string"),
        note,
        when,
        // The server validated the schedule with the framework document.
        ...(typeof schedule === "object" && schedule !== null
          ? { schedule: schedule as EntitlementSchedule }
          : {}),
      },
    ];
  });
}

// MAT.SUPPORT's lookups: a level named the way a sheet names it (its key,
// its label as MAT.DESIGNATION returns it, or its rank), and the
// entitlements that come with it.
import { unconditionalSupport, type SupportEntitlement } from "../../server/shared/index.js";
import { badInput, cellErrorText, notAvailable } from "./excel-error.js";
import type { FrameworkEntry } from "./framework-catalog.js";
import type { Level } from "./operations.js";

const normal = (text: string) => text.trim().toLowerCase();

/** The level a cell names: key ("repair"), label ("C: Developing (Repair)") or rank (2). */
export function levelOf(framework: FrameworkEntry, value: unknown): Level {
  // A level cell showing an error (MAT.DESIGNATION's #N/A for insufficient evidence): not available.
  const error = cellErrorText(value);
  if (error) throw notAvailable(`level: the cell holds ${error}`);
  const text = typeof value === "number" || typeof value === "string" ? String(value) : "";
  const wanted = normal(text);
  const found = framework.levels.find(
    (level) =>
      normal(level.key) === wanted ||
      normal(level.label) === wanted ||
      String(level.rank) === wanted,
  );
  if (found) return found;
  const known = framework.levels.map((level) => `${level.key} (${level.rank})`).join(", ");
  throw badInput(
    `level: "${text}" is not a level of ${framework.key}; use a key, label or rank: ${known}`,
  );
}

/**
 * The unconditional entitlements at a level, in the definition's order: what
 * the server gives a level without evidence (conditional ones need it).
 */
export function entitlementsAt(framework: FrameworkEntry, level: Level): SupportEntitlement[] {
  const found = unconditionalSupport(framework.support, level.key);
  if (found.length === 0)
    throw notAvailable(`${framework.key} lists no support entitlements at ${level.label}`);
  return found;
}

/** The entitlement for one activity at a level (case and spacing ignored). */
export function entitlementFor(
  framework: FrameworkEntry,
  level: Level,
  activity: string,
): SupportEntitlement {
  const entitlements = entitlementsAt(framework, level);
  const found = entitlements.find((entry) => normal(entry.activity) === normal(activity));
  if (found) return found;
  throw notAvailable(
    `No "${activity.trim()}" at ${level.label}; the activities are: ${entitlements.map((entry) => entry.activity).join("; ")}`,
  );
}

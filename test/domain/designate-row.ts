// Test fixtures for the domain tests: one risk-matrix row written as
// { header or indicator key: cell value }, read and designated the way a
// workbook row is.
import {
  DomainError,
  designateEntries,
  preset,
  readEvidence,
  type CompiledFramework,
  type Designation,
  type Evidence,
} from "../../server/domain/index.js";
import { type SupportEntitlement } from "../../server/shared/index.js";

/** One academy's row: indicator keys or workbook headers to cell values, in column order. */
export type Row = Readonly<Record<string, unknown>>;

export function entriesOf(row: Row): { indicator: string; value: unknown }[] {
  return Object.entries(row).map(([indicator, value]) => ({ indicator, value }));
}

export function evidenceOf(row: Row): Evidence {
  return readEvidence(entriesOf(row));
}

/** A preset by key; a missing preset fails the test that asked for it. */
export function presetFramework(key: string): CompiledFramework {
  const framework = preset(key);
  if (!framework) throw new Error(`No preset "${key}"`);
  return framework;
}

export function designateRow(
  frameworkKey: string,
  row: Row,
  year: string | null = null,
): Designation {
  // As every path that reads a matrix does: the framework's own aliases first.
  return designateEntries(presetFramework(frameworkKey), entriesOf(row), { year });
}

/** All the reasons of a designation as one text, for `toContain`. */
export function reasonsText(designation: Designation): string {
  return designation.reasons.map((reason) => reason.message).join("\n");
}

/** The DomainError a call throws; fails when it throws nothing or something else. */
export function domainErrorFrom(call: () => unknown): DomainError {
  try {
    call();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("Expected a DomainError, but nothing was thrown");
}

/** Support entitlements as lines: "Bespoke support: 18 days per year", "... 2-3 visits per half term". */
export function supportLines(support: readonly SupportEntitlement[]): string[] {
  return support.map(
    (entry) =>
      `${entry.activity}: ${entry.quantityText ?? entry.quantity} ${entry.unit} per ${entry.per}`,
  );
}

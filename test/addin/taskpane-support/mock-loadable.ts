// Office's loading rule for the mock Excel API: a property is readable only
// after load() and context.sync(); otherwise it throws as Excel does.
import type { Rect } from "./a1.js";
import type { Cell, MockSheet } from "./mock-workbook.js";

export interface Located {
  readonly sheet: MockSheet;
  readonly rect: Rect;
}

export function propertyList(properties?: string | string[] | Record<string, unknown>): string[] {
  if (properties === undefined) return [];
  if (typeof properties === "string") return properties.split(",").map((name) => name.trim());
  if (Array.isArray(properties)) return properties;
  return Object.keys(properties);
}

/** Loaded properties: readable only after load() and sync(). */
export class Loadable {
  private readonly loaded = new Map<string, unknown>();
  protected loadedValue<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new Error(
        `PropertyNotLoaded: The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name) as T;
  }
  protected remember(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }
}

export function sameShape(values: unknown, rect: Rect): values is Cell[][] {
  return (
    Array.isArray(values) &&
    values.length === rect.rows &&
    values.every((row) => Array.isArray(row) && row.length === rect.cols)
  );
}

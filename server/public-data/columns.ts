// A header row's columns by folded name, and reading a cell by column name.
import { foldHeader } from "./cells.js";

export class Columns {
  private readonly index = new Map<string, number>();

  constructor(readonly headers: readonly string[]) {
    headers.forEach((header, position) => {
      const name = foldHeader(header);
      if (!this.index.has(name)) this.index.set(name, position);
    });
  }

  has(name: string): boolean {
    return this.index.has(foldHeader(name));
  }

  /** The position of a column; -1 when the file has none. */
  at(name: string): number {
    return this.index.get(foldHeader(name)) ?? -1;
  }

  /** Which of `names` the header lacks. */
  missing(names: readonly string[]): string[] {
    return names.filter((name) => !this.has(name));
  }
}

/** A cell's text, trimmed; undefined when the column is absent or the row is short. */
export function cell(cells: readonly string[], position: number): string | undefined {
  if (position < 0) return undefined;
  const text = cells[position];
  return text === undefined ? undefined : text.trim();
}

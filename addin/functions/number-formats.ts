import { isPercentFormat } from "../../server/shared/index.js";
/// <reference types="office-js" />
// Percent cells as Excel shows them, for the custom functions (DOMAIN.md
// "Percent cells"). A formula's arguments arrive as values only, so
// MAT.DESIGNATION and MAT.EXPLAIN ask Excel for their `values` argument's
// address (@requiresParameterAddresses) and the number formats of every such
// range in one recalculation are read together: one Excel.run and one sync,
// however many cells recalculate. When the formats cannot be read (no Excel
// API, a failure), they are unknown and the server applies the fraction rule.

/** Reads the number formats of ranges by address ("'Risk matrix'!B3:L3"), in one round trip. */
export type FormatReader = (
  addresses: readonly string[],
) => Promise<ReadonlyMap<string, readonly (readonly unknown[])[]>>;

/** "'Risk matrix'!B3:L3" -> ["Risk matrix", "B3:L3"]; an address without a sheet gives null. */
export function splitAddress(address: string): [string | null, string] {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return [null, address];
  const sheet = address.slice(0, bang);
  const unquoted =
    sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
  return [unquoted, address.slice(bang + 1)];
}

/** The reader over the Excel API of the add-in's shared runtime, or null where there is none. */
export function excelFormatReader(): FormatReader | null {
  if (typeof Excel === "undefined" || typeof Excel.run !== "function") return null;
  return (addresses) =>
    Excel.run(async (context) => {
      const ranges = addresses.map((address) => {
        const [sheet, local] = splitAddress(address);
        const range = sheet
          ? context.workbook.worksheets.getItem(sheet).getRange(local)
          : context.workbook.worksheets.getActiveWorksheet().getRange(local);
        range.load("numberFormat");
        return range;
      });
      await context.sync();
      return new Map(
        addresses.map((address, index) => [address, ranges[index]!.numberFormat as unknown[][]]),
      );
    });
}

interface Waiting {
  readonly address: string;
  readonly resolve: (formats: boolean[][] | null) => void;
}

export class NumberFormatReader {
  private waiting: Waiting[] = [];
  private scheduled = false;
  /** Round trips to Excel so far (the benchmark and tests read it). */
  reads = 0;

  constructor(private readonly read: FormatReader | null) {}

  /** Whether each cell of the range is percent-formatted; null when not known. */
  percentFormats(address: string): Promise<boolean[][] | null> {
    if (!this.read) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting.push({ address, resolve });
      if (this.scheduled) return;
      this.scheduled = true;
      // Every call of this recalculation arrives before the timer fires.
      setTimeout(() => void this.flush(), 0);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    this.scheduled = false;
    const addresses = [...new Set(batch.map((entry) => entry.address))];
    let formats: ReadonlyMap<string, readonly (readonly unknown[])[]> | null = null;
    try {
      this.reads += 1;
      formats = await this.read!(addresses);
    } catch {
      formats = null;
    }
    for (const entry of batch) {
      const found = formats?.get(entry.address);
      entry.resolve(found ? found.map((row) => row.map(isPercentFormat)) : null);
    }
  }
}

/// <reference types="office-js" />
// Excel does not recalculate a non-volatile custom function when what it read
// from the server changes: not after signing in or out, not on F9, not when a
// workbook opens (office-js#1462). So the add-in asks Excel itself, when the
// data behind the cells changes: sign-in, sign-out, another server, the live
// connection coming back after a drop, the runtime starting (a reopened
// workbook's cells hold last session's values), and 1 September (formulas
// without a year move to the new academic year).
//
// Excel's full calculation (Application.calculate(full), Ctrl+Alt+F9)
// recalculates every formula of the open workbooks, custom functions
// included; where ExcelApi 1.1 is not supported there is no API for it and
// nothing is done (docs/functions/README.md says what to do by hand).
// Requests are coalesced: calls within `delayMs` make one recalculation.

/** Asks the host for a full recalculation; resolves false when it cannot. */
export type Recalculate = () => Promise<boolean>;

/** A full recalculation through the Excel API of the add-in's runtime; null where there is none. */
export function excelRecalculation(): Recalculate | null {
  if (typeof Excel === "undefined" || typeof Excel.run !== "function") return null;
  return async () => {
    const office = (globalThis as { Office?: typeof Office }).Office;
    if (
      office?.context?.requirements &&
      !office.context.requirements.isSetSupported("ExcelApi", "1.1")
    )
      return false;
    await Excel.run(async (context) => {
      context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
    });
    return true;
  };
}

/** Coalesces requests for a recalculation: one per burst of sign-in, reconnection and the like. */
export class Recalculation {
  /** Recalculations asked of Excel, and why each was asked (tests read them). */
  readonly reasons: string[] = [];
  private pending: string[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private yearTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly recalculate: Recalculate | null,
    private readonly delayMs = 250,
  ) {}

  /** Asks for a recalculation soon (after `delayMs`, with any other asked meanwhile). */
  request(reason: string): void {
    if (!this.recalculate) return;
    this.pending.push(reason);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const reasons = this.pending.splice(0);
      this.reasons.push([...new Set(reasons)].join(", "));
      // A failure (a dialog open, a host that refuses) leaves the cells as they are.
      void this.recalculate?.().catch(() => false);
    }, this.delayMs);
  }

  /** Recalculates at the start of the next academic year (1 September, local midnight). */
  followYear(now: () => Date): void {
    if (!this.recalculate) return;
    const at = now();
    const september = new Date(at.getFullYear(), 8, 1);
    const next = at < september ? september : new Date(at.getFullYear() + 1, 8, 1);
    // Timers take at most 2^31-1 ms (24.8 days): wait in steps.
    const wait = Math.min(next.getTime() - at.getTime() + 1_000, 2_000_000_000);
    this.yearTimer = setTimeout(() => {
      if (now() >= next) this.request("new academic year");
      this.followYear(now);
    }, wait);
    // Nothing to keep a process alive for (Node, in tests); Excel's runtime has no unref.
    (this.yearTimer as { unref?: () => void }).unref?.();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.yearTimer) clearTimeout(this.yearTimer);
    this.timer = this.yearTimer = null;
    this.pending = [];
  }
}

/**
 * Loads the add-in's runtime when this workbook next opens (SharedRuntime
 * 1.1), so that its MAT cells are recalculated then rather than showing last
 * session's values until something else wakes the add-in. Kept in the
 * document; does nothing where the host has no such setting.
 */
export async function loadWithDocument(): Promise<boolean> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.addin?.setStartupBehavior || !office.context?.requirements) return false;
  if (!office.context.requirements.isSetSupported("SharedRuntime", "1.1")) return false;
  try {
    await office.addin.setStartupBehavior(office.StartupBehavior.load);
    return true;
  } catch {
    return false;
  }
}

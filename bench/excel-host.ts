// What the add-in's custom functions need of their host, outside Excel: the
// CustomFunctions global (only what the functions use to answer with an
// error), a settings store for the connection, and a fetch that counts the
// requests of a recalculation and notes when the first goes out and the last
// answer is in.
import type { SettingsStore } from "../addin/shared/connection.js";
import type { Fetch } from "../addin/shared/graphql-client.js";

/** The CustomFunctions global Excel provides: only what the functions use to answer with an error. */
class CellError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export function installCustomFunctionsGlobal(): void {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
    Error: CellError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  };
}

export function memoryStore(): SettingsStore {
  const items = new Map<string, string>();
  return {
    getItem: async (key) => items.get(key) ?? null,
    setItem: async (key, value) => void items.set(key, value),
    removeItem: async (key) => void items.delete(key),
  };
}

/** Requests in one recalculation: how many, when the first went out and when the last answer was in. */
export interface Traffic {
  readonly count: number;
  readonly firstSent: number;
  readonly lastAnswered: number;
}

/** A fetch that counts requests and notes when the first is sent and the last answer read. */
export function countingFetch(): { fetch: Fetch; take(): Traffic } {
  let traffic = { count: 0, firstSent: Number.NaN, lastAnswered: Number.NaN };
  return {
    fetch: async (input, init) => {
      if (traffic.count === 0) traffic.firstSent = performance.now();
      traffic.count += 1;
      const response = await fetch(input, init);
      const body = await response.text();
      traffic.lastAnswered = performance.now();
      return new Response(body, { status: response.status, headers: response.headers });
    },
    take: () => {
      const taken = traffic;
      traffic = { count: 0, firstSent: Number.NaN, lastAnswered: Number.NaN };
      return taken;
    },
  };
}

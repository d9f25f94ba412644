// What the custom-function tests share: the demo risk matrix as Excel hands
// it to a function (header row, rows of values with dates as serials), a
// fetch that counts the requests it passes on to the real one, and a
// streaming cell that records what it is set to.
/// <reference types="custom-functions-runtime" />
import { DEMO_ROWS, HEADERS, type RiskMatrixRow } from "../../server/demo/demo-risk-matrix.js";
import type { Fetch } from "../../addin/shared/graphql-client.js";

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A cell's value as Excel passes it to a custom function. */
export function excelValue(value: RiskMatrixRow[keyof RiskMatrixRow]): string | number | boolean {
  if (value === undefined) return "";
  if (value instanceof Date) return (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  return value;
}

/** The demo matrix's header row, as a 1 x n range. */
export const HEADER_ROW: unknown[][] = [[...HEADERS]];

export function rowValues(row: RiskMatrixRow): unknown[][] {
  return [HEADERS.map((header) => excelValue(row[header]))];
}

export const DEMO_MATRIX = DEMO_ROWS.map((row) => ({
  urn: String(row.URN),
  values: rowValues(row),
}));

export interface CountingFetch {
  readonly fetch: Fetch;
  /** Requests sent since the last reset. */
  count(): number;
  /** Operation names sent since the last reset, in order. */
  operations(): string[];
  /** The variables of each request sent since the last reset, in order. */
  variables(): Record<string, unknown>[];
  reset(): void;
}

export function countingFetch(): CountingFetch {
  let operations: string[] = [];
  let variables: Record<string, unknown>[] = [];
  return {
    fetch: (input, init) => {
      const body = typeof init.body === "string" ? init.body : "";
      operations.push(/query\s+(\w+)/.exec(body)?.[1] ?? "unnamed");
      variables.push(
        body ? ((JSON.parse(body) as { variables?: Record<string, unknown> }).variables ?? {}) : {},
      );
      return fetch(input, init);
    },
    count: () => operations.length,
    operations: () => [...operations],
    variables: () => [...variables],
    reset: () => {
      operations = [];
      variables = [];
    },
  };
}

/** A streaming cell: records every result (and when, by performance.now()) and lets a test wait for one. */
export function streamingCell() {
  const results: unknown[] = [];
  const times: number[] = [];
  const waiting: { test: (value: unknown) => boolean; resolve: (value: unknown) => void }[] = [];
  const invocation: CustomFunctions.StreamingInvocation<string | number | boolean> = {
    setResult(value) {
      results.push(value);
      times.push(performance.now());
      for (const waiter of [...waiting]) {
        if (waiter.test(value)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve(value);
        }
      }
    },
  };
  return {
    invocation,
    results,
    times,
    /** The first result from position `from` on (already set or still to come) that passes the test. */
    next(
      test: (value: unknown) => boolean = () => true,
      timeoutMs = 10_000,
      from = 0,
    ): Promise<unknown> {
      const found = results.slice(from).find(test);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`No matching result within ${timeoutMs} ms: ${JSON.stringify(results)}`),
            ),
          timeoutMs,
        );
        waiting.push({
          test,
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
        });
      });
    },
    cancel() {
      invocation.onCanceled?.();
    },
  };
}

/** What the cell shows when the function fails: its error code and message. */
export async function cellError(
  call: Promise<unknown>,
): Promise<{ code: string; message: string }> {
  try {
    const value = await call;
    throw new Error(`Expected an error, got ${JSON.stringify(value)}`);
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
}

/** What a cell shows: the function's value, or its error's code and message. */
export async function shown(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
}

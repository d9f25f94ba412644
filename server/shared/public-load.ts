// The answer of POST /public-data, the route the task pane loads a public file
// through: the load's report, and with `Accept: application/x-ndjson` the
// progress lines before it, one JSON object a line; a failure has GraphQL's
// error shape, as every door of the server answers (server/http/error-response.ts).
// The route writes these and the pane reads them.
import type { ErrorCode } from "./error-codes.js";
import type { WireProblem } from "./problem.js";

/** What a load of a public file found and did (the server's report may carry more). */
export interface PublicLoadReport {
  readonly fileName: string;
  /** Which public file it was ("gias-establishments", "ofsted-mi", ...). */
  readonly kind: string;
  readonly kindLabel: string;
  readonly edition: string | null;
  readonly rows: number;
  /** Rows of schools that are not the trust's. */
  readonly skipped: number;
  /** The trust's academies found in the file (by their own URN or a predecessor's). */
  readonly matched: readonly string[];
  /** The trust's academies the file should have had and did not. */
  readonly missing: readonly string[];
  /** Values (or roster rows) added or changed. */
  readonly loaded: number;
  /** Values already held as they are. */
  readonly unchanged: number;
  /** Values not taken because the store holds them from a newer edition. */
  readonly olderThanHeld: number;
  readonly academiesCreated: readonly string[];
  readonly academiesUpdated: readonly string[];
  readonly predecessorsLinked: number;
  /** England figures stored as the trust's national benchmarks (added or changed). */
  readonly nationalLoaded: number;
  /** Academies whose designation for the year changed after the load. */
  readonly designated: number;
  /** The designation year used. */
  readonly designationYear: string | null;
  /** Things the load could not do, in words (an establishment with no phase...). */
  readonly notes: readonly string[];
}

/** Why a load stopped, in GraphQL's error shape: the words, the code, and every problem found. */
export interface PublicLoadFailure {
  readonly errors: readonly {
    readonly message: string;
    readonly extensions?: {
      readonly code?: ErrorCode;
      readonly problems?: readonly WireProblem[];
      readonly problemCount?: number;
    };
  }[];
}

/** How far the server has read: rows and bytes so far, of `total` bytes when the upload said. */
export interface PublicLoadProgress {
  readonly rows: number;
  readonly bytes: number;
  readonly total: number | null;
}

/** One line of the streamed answer; the last is the report or the failure. */
export type PublicLoadLine =
  | { readonly progress: PublicLoadProgress }
  | { readonly report: PublicLoadReport }
  | PublicLoadFailure;

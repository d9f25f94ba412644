// What one benchmark hands back: its headline figures (each with the target
// or comparison it is judged against), tables of the detail, the server's
// resident memory after each load, and findings in words. run-all collects
// these from each benchmark's process and report.ts turns them into
// docs/benchmarks.md.

/** One headline figure and how it compares with its target. */
export interface Figure {
  /** What was measured, e.g. "phase-model, pre-parsed". */
  readonly name: string;
  readonly value: number;
  /** "designations/s", "ms", "requests", "MB", "x". */
  readonly unit: string;
  /** The target in words, e.g. ">= 1,000,000/s"; null when the figure is context only. */
  readonly target: string | null;
  /** Whether the target is met; null when there is no target. */
  readonly met: boolean | null;
  /** The comparison it is measured against, side by side in the same run, e.g. "vs naive path: 34.2x faster". */
  readonly comparison: string | null;
}

/** A table of detail: header row and rows of cells already formatted. */
export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The server's resident set size after one load. */
export interface MemorySample {
  /** "trust overview, PostgreSQL, 10,000 academies". */
  readonly after: string;
  readonly rssMb: number;
  /** The most it has held since it started (VmHWM), for a server in its own process. */
  readonly peakMb: number | null;
  /** "in-process" (the benchmark's own process, load generator included) or "child process". */
  readonly process: "in-process" | "child process";
}

export interface BenchmarkResult {
  /** "engine", "addin-recalc", ... */
  readonly key: string;
  /** "1. Engine" */
  readonly title: string;
  /** How it was measured, in a sentence or two. */
  readonly method: string;
  readonly figures: readonly Figure[];
  readonly tables: readonly Table[];
  readonly memory: readonly MemorySample[];
  /** What limits a missed target and what would fix it, or other things found. */
  readonly findings: readonly string[];
  /** Set when the benchmark could not run (a service missing): the reason. */
  readonly skipped: string | null;
  readonly seconds: number;
}

/** Options every benchmark takes from the command line. */
export interface BenchOptions {
  /** A shorter run (fewer iterations and sizes) for development. */
  readonly quick: boolean;
}

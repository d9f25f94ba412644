// Runs one benchmark as a program: `tsx bench/engine.bench.ts [--quick]
// [--json <file>]`. Prints each figure with its target and comparison as it
// is known, and writes the whole result as JSON for run-all.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { BenchmarkResult, BenchOptions, Figure } from "./benchmark-result.js";
import { formatCount } from "./format.js";

export type Benchmark = (options: BenchOptions) => Promise<BenchmarkResult>;

/** True when the module at `moduleUrl` is the program node was asked to run. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === process.argv[1];
}

export function parseOptions(argv: readonly string[]): BenchOptions & { json: string | null } {
  const at = argv.indexOf("--json");
  return { quick: argv.includes("--quick"), json: at >= 0 ? (argv[at + 1] ?? null) : null };
}

/** "phase-model, pre-parsed: 412,000 designations/s (target >= 1,000,000/s: missed) vs ..." */
export function figureLine(figure: Figure): string {
  const digits = !Number.isInteger(figure.value) && Math.abs(figure.value) < 10 ? 2 : 0;
  const verdict =
    figure.target === null ? "" : ` [target ${figure.target}: ${figure.met ? "met" : "MISSED"}]`;
  const comparison = figure.comparison ? `; ${figure.comparison}` : "";
  return `  ${figure.name}: ${formatCount(figure.value, digits)} ${figure.unit}${verdict}${comparison}`;
}

/** Progress for the console while a benchmark runs. */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export async function benchmarkMain(benchmark: Benchmark): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const result = await benchmark(options);
  say(`\n${result.title}${result.skipped ? ` (skipped: ${result.skipped})` : ""}`);
  for (const figure of result.figures) say(figureLine(figure));
  if (options.json) await writeFile(options.json, JSON.stringify(result, null, 2));
  // Open handles (sockets, pools) must not keep a finished benchmark alive.
  process.exit(0);
}

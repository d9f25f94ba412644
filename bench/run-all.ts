// `npm run bench`: runs every benchmark, each in a process of its own (so
// one's memory, JIT state and open handles cannot touch the next), prints
// their figures as they come, and writes docs/benchmarks.md.
//
//   npm run bench                      the full run (six to eight minutes on 2 cores)
//   npm run bench -- --quick           fewer iterations, sizes and events
//   npm run bench -- --only engine,trust-overview
//   npm run bench -- --cpu-prof        also write each benchmark process's
//                                      .cpuprofile to data/profiles (open in DevTools)
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import type { BenchmarkResult } from "./support/benchmark-result.js";
import { figureLine, say } from "./support/benchmark-main.js";
import { describeMachine } from "./support/machine.js";
import { measureBareNode, memoryBenchmark } from "./memory.js";
import { renderReport } from "./report.js";
import { projectRoot, runProgram } from "./support/run-program.js";

/** In the order the issue lists them; the memory benchmark is put together from the others. */
export const BENCHMARKS = [
  { key: "build", title: "0. The production build", file: "bench/production-build.bench.ts" },
  { key: "engine", title: "1. Engine", file: "bench/engine.bench.ts" },
  {
    key: "addin-recalc",
    title: "2. Recalculation through the add-in path",
    file: "bench/addin-recalc.bench.ts",
  },
  { key: "server-overhead", title: "3. Server overhead", file: "bench/server-overhead.bench.ts" },
  {
    key: "trust-overview",
    title: "4. Trust overview: every trust in England on one database",
    file: "bench/trust-overview.bench.ts",
  },
  { key: "live-progress", title: "5. Live progress", file: "bench/live-progress.bench.ts" },
  {
    key: "live-load",
    title: "5b. Live progress at October-board load",
    file: "bench/live-load.bench.ts",
  },
  {
    key: "live-scale",
    title: "5c. Live progress at October-board scale",
    file: "bench/live-scale.bench.ts",
  },
  { key: "public-data", title: "7. Loading public data", file: "bench/public-data.bench.ts" },
] as const;

export const REPORT_PATH = "docs/benchmarks.md";
/** Where --cpu-prof writes (data/ is not committed). */
export const PROFILE_DIR = "data/profiles";

function failed(benchmark: (typeof BENCHMARKS)[number], error: unknown): BenchmarkResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    key: benchmark.key,
    title: benchmark.title,
    method: "",
    figures: [],
    tables: [],
    memory: [],
    findings: [],
    skipped: `failed: ${message.split("\n").slice(-6).join(" ").slice(0, 600)}`,
    seconds: 0,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes("--quick");
  const onlyAt = argv.indexOf("--only");
  const only = onlyAt >= 0 ? new Set((argv[onlyAt + 1] ?? "").split(",")) : null;
  const profileFlags = argv.includes("--cpu-prof")
    ? ["--cpu-prof", `--cpu-prof-dir=${join(projectRoot, PROFILE_DIR)}`]
    : [];
  const started = performance.now();
  const machine = await describeMachine();
  say(
    `Benchmarks${quick ? " (quick)" : ""} on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAtStart.toFixed(2)}`,
  );
  const dir = await mkdtemp(join(os.tmpdir(), "bench-results-"));
  const results: BenchmarkResult[] = [];
  try {
    for (const benchmark of BENCHMARKS) {
      if (only && !only.has(benchmark.key)) continue;
      say(`\n${benchmark.title}`);
      const json = join(dir, `${benchmark.key}.json`);
      const begun = performance.now();
      try {
        await runProgram(
          process.execPath,
          [
            ...profileFlags,
            "--import",
            "tsx",
            benchmark.file,
            ...(quick ? ["--quick"] : []),
            "--json",
            json,
          ],
          { echo: true, env: { NODE_ENV: "production" } },
        );
        results.push(JSON.parse(await readFile(json, "utf8")) as BenchmarkResult);
      } catch (error) {
        const result = failed(benchmark, error);
        results.push({ ...result, seconds: (performance.now() - begun) / 1000 });
        say(`  ${result.skipped}`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const memory = memoryBenchmark(results, await measureBareNode());
  say(`\n${memory.title}`);
  for (const figure of memory.figures) say(figureLine(figure));
  const seconds = (performance.now() - started) / 1000;
  const report = renderReport({
    machine,
    loadAtEnd: os.loadavg()[0] ?? 0,
    results: [...results, memory],
    quick,
    only: only ? [...only] : null,
    seconds,
  });
  await writeFile(join(projectRoot, REPORT_PATH), report);
  say(`\nWrote ${REPORT_PATH} in ${(seconds / 60).toFixed(1)} minutes.`);
  if (profileFlags.length > 0)
    say(`CPU profiles of the benchmark processes are in ${PROFILE_DIR}.`);
}

await main();

// 6. Memory: the server's resident set size after each load the other
// benchmarks put on it. An in-process server is measured as its own process
// (process.memoryUsage().rss, the load generator included, so an upper
// bound); a server in a child process by VmRSS in /proc/<pid>/status.
import { readFile } from "node:fs/promises";
import type { BenchmarkResult, Figure, MemorySample } from "./support/benchmark-result.js";
import { formatCount } from "./support/format.js";

export const MEMORY_TARGET_MB = 300;

const toMb = (kilobytes: number) => Math.round((kilobytes / 1024) * 10) / 10;

/** Resident set size now and its high-water mark, in MB, of another process (from /proc). */
export async function processMemoryMb(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status);
    if (!match) throw new Error(`No ${name} for process ${pid}`);
    return toMb(Number(match[1]));
  };
  return { rssMb: field("VmRSS"), peakMb: field("VmHWM") };
}

/** A sample of the in-process server after a load. */
export async function inProcessSample(after: string): Promise<MemorySample> {
  return {
    after,
    rssMb: toMb(process.memoryUsage().rss / 1024),
    peakMb: null,
    process: "in-process",
  };
}

/** A sample of a server in a child process after a load. */
export async function childSample(after: string, pid: number): Promise<MemorySample> {
  return { after, ...(await processMemoryMb(pid)), process: "child process" };
}

/** Benchmark 6, from the samples the others took. */
export function memoryBenchmark(results: readonly BenchmarkResult[]): BenchmarkResult {
  const samples = results.flatMap((result) =>
    result.memory.map((sample) => ({ benchmark: result.title, ...sample })),
  );
  const alone = samples.filter((sample) => sample.process === "child process");
  const shared = samples.filter((sample) => sample.process === "in-process");
  const largest = (list: typeof samples) =>
    list.reduce<(typeof samples)[number] | null>(
      (top, sample) => (top === null || sample.rssMb > top.rssMb ? sample : top),
      null,
    );
  const worstAlone = largest(alone);
  const worstShared = largest(shared);
  const figures: Figure[] = [];
  if (worstAlone)
    figures.push({
      name: "Largest resident memory of a server measured alone (its own process)",
      value: worstAlone.rssMb,
      unit: "MB",
      target: `< ${MEMORY_TARGET_MB} MB`,
      met: worstAlone.rssMb < MEMORY_TARGET_MB,
      comparison: `after ${worstAlone.after}; ${alone.length} ${alone.length === 1 ? "sample" : "samples"} of servers alone; highest peak (VmHWM) ${formatCount(Math.max(...alone.map((sample) => sample.peakMb ?? 0)), 1)} MB`,
    });
  if (worstShared)
    figures.push({
      name: "Largest resident memory of a benchmark process holding the server and its load",
      value: worstShared.rssMb,
      unit: "MB",
      target: null,
      met: null,
      comparison: `after ${worstShared.after}; an upper bound (clients, request bodies and seed data included)`,
    });
  const findings: string[] = [];
  const idle = alone.find((sample) => sample.after.startsWith("start-up"));
  if (worstAlone && worstAlone.rssMb >= MEMORY_TARGET_MB) {
    const over = alone.filter((sample) => sample.rssMb >= MEMORY_TARGET_MB);
    findings.push(
      `${over.length} of ${alone.length} samples of a server alone are at or over ${MEMORY_TARGET_MB} MB, the largest ${formatCount(worstAlone.rssMb, 1)} MB after ${worstAlone.after}.${idle ? ` An idle server already holds ${formatCount(idle.rssMb, 1)} MB after start-up: in a separate step-by-step measurement on this machine, about 75 MB is Node with tsx's loader before any of our code, about 35 MB loading GraphQL, Express, Apollo, the Prisma clients and adapters, about 40 MB building the schema (every server module compiled by tsx, type-graphql's metadata), and about 55 MB opening the database (Prisma's query compiler, migrations checked, the demo seed).` : ""} What a load adds is its working set, and V8 keeps the heap it grew to: a 10,000-row designateBatch holds its multi-megabyte body, graphql-js's coerced copy of every cell, the results and the serialised answer at once; a trust overview holds the year's measurements as Prisma row objects, their grouping, the GraphQL result and its text (a 10,000-academy answer is several megabytes).`,
      "What would fix it (for the lead): (1) the lean bulk input of benchmark 3 (no typed object per cell) and the set-based overview of benchmark 4 (only each academy's latest measurement per metric: a quarter of the rows) shrink the working sets; (2) page the overview (a Relay connection on trustOverview.academies, as `academies(first, after)` already is) so no request materialises 10,000 rows; (3) run a bundle built once (esbuild or tsc) instead of tsx in production, which takes the compiler and its per-module work out of the resident set.",
    );
  }
  return {
    key: "memory",
    title: "6. Memory",
    method:
      "Resident set size of the server after each load of benchmarks 2-5. Servers in processes of their own (npm start, as deployed) are measured alone through VmRSS in /proc/<pid>/status: these are judged against the target, with VmHWM (the most the process has held since it started, so during the load too) beside them. A server started in the benchmark's own process (benchmark 3, where graphql-js and Apollo are also driven in-process) shares it with the load generator, so its process.memoryUsage().rss is shown only as an upper bound.",
    figures,
    tables: [
      {
        title: "Resident memory after each load",
        header: ["Benchmark", "After", "Measured", "RSS after (MB)", "Peak so far, VmHWM (MB)"],
        rows: samples.map((sample) => [
          sample.benchmark,
          sample.after,
          sample.process === "child process" ? "server alone" : "server + load generator",
          formatCount(sample.rssMb, 1),
          sample.peakMb === null ? "" : formatCount(sample.peakMb, 1),
        ]),
      },
    ],
    memory: [],
    findings,
    skipped: samples.length === 0 ? "no other benchmark took a sample" : null,
    seconds: 0,
  };
}

// 1. Engine: designations per second on one core for each preset, on evidence
// read beforehand and on raw workbook strings, with reading timed on its own
// so its cost can be set against deciding. Target: at least 1,000,000 a second
// pre-parsed for phase-model, and reading no more than 3x the cost of deciding.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import type { BenchmarkResult, BenchOptions, Figure } from "./support/benchmark-result.js";
import { benchmarkMain, isMain, say } from "./support/benchmark-main.js";
import { hotList, shareOf, type HotFunction } from "./support/cpu-profile.js";
import { ACADEMIES, type EngineFigures } from "./engine-loop.js";
import { formatCount, formatRatio } from "./support/format.js";
import { runProgram, projectRoot } from "./support/run-program.js";
import type { Throughput } from "./support/throughput.js";

const DECIDE_TARGET = 1_000_000;

/** Microseconds per operation in the fastest round, e.g. "0.74 µs". */
function formatMicros(throughput: Throughput): string {
  return `${(1e6 / throughput.best).toFixed(2)} µs`;
}
const READ_RATIO_TARGET = 2;

/**
 * The loops as a program of their own, bundled as `npm run build:server`
 * bundles the server (esbuild, ES modules, no keepNames): every figure but
 * the comparison comes from it. The comparison runs the same deciding loop
 * under tsx, as `npm run dev` and the tests run the server.
 */
async function measured(
  iterations: number,
  rounds: number,
): Promise<{ bundled: EngineFigures; tsx: Throughput }> {
  // Inside the project, so that the packages left out of the bundle resolve from node_modules.
  await mkdir(join(projectRoot, "dist"), { recursive: true });
  const dir = await mkdtemp(join(projectRoot, "dist", "bench-engine-"));
  try {
    const bundle = join(dir, "engine-loop.mjs");
    await build({
      entryPoints: [join(projectRoot, "bench/engine-loop.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      tsconfig: join(projectRoot, "server/tsconfig.json"),
      outfile: bundle,
      logLevel: "error",
    });
    const args = [String(iterations), String(rounds)];
    const bundled = JSON.parse(
      await runProgram(process.execPath, [bundle, "all", ...args]),
    ) as EngineFigures;
    const tsx = JSON.parse(
      await runProgram(process.execPath, [
        "--import",
        "tsx",
        "bench/engine-loop.ts",
        "phase-model",
        ...args,
      ]),
    ) as Throughput;
    return { bundled, tsx };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function hotTable(title: string, functions: readonly HotFunction[]) {
  return {
    title,
    header: ["Function (file)", "Self time"],
    rows: functions.map((hot) => [hot.name, `${(hot.selfShare * 100).toFixed(1)}%`]),
  };
}

export async function engineBenchmark(options: BenchOptions): Promise<BenchmarkResult> {
  const started = performance.now();
  const plan = options.quick
    ? { rounds: 3, iterations: 100_000 }
    : { rounds: 5, iterations: 200_000 };
  const { bundled, tsx } = await measured(plan.iterations, plan.rounds);
  const results = bundled.presets;
  for (const result of results)
    say(
      `  ${result.key}: ${formatCount(result.decide.best)}/s pre-parsed, reading a row ${formatRatio(result.decide.best / result.readRow.best)} deciding`,
    );
  say(`  phase-model under tsx: ${formatCount(tsx.best)}/s`);
  const decideHot = bundled.decideHot;
  const readHot = bundled.readHot;

  const phaseModel = results.find((result) => result.key === "phase-model")!;
  const figures: Figure[] = [
    {
      name: "phase-model, pre-parsed evidence (production bundle)",
      value: phaseModel.decide.best,
      unit: "designations/s/core",
      target: `>= ${formatCount(DECIDE_TARGET)}/s`,
      met: phaseModel.decide.best >= DECIDE_TARGET,
      comparison: `${formatRatio(phaseModel.decide.best / DECIDE_TARGET)} of target; median round ${formatCount(phaseModel.decide.median)}/s, ${formatCount(phaseModel.decide.perCpuSecond)} per CPU-second; ${formatCount(phaseModel.raw.best)}/s reading text cells too`,
    },
    ...results.map((result): Figure => ({
      name: `${result.key}: cost of reading a workbook row / cost of deciding it`,
      value: result.decide.best / result.readRow.best,
      unit: "x",
      target: `<= ${READ_RATIO_TARGET}x`,
      met: result.decide.best / result.readRow.best <= READ_RATIO_TARGET,
      comparison: `reading ${formatCount(result.readRow.best)} rows/s (Excel's values, one header row) vs deciding ${formatCount(result.decide.best)}/s; text cells each under its header ${formatCount(result.parse.best)} rows/s`,
    })),
    {
      name: "phase-model, pre-parsed: production bundle / tsx (fresh processes)",
      value: phaseModel.decide.best / tsx.best,
      unit: "x",
      target: null,
      met: null,
      comparison: `${formatCount(phaseModel.decide.best)}/s bundled vs ${formatCount(tsx.best)}/s under tsx`,
    },
  ];

  const findings: string[] = [];
  const gc = shareOf(decideHot, /^\(garbage collector\)/);
  if (phaseModel.decide.best < DECIDE_TARGET) {
    findings.push(
      `phase-model decides ${formatCount(phaseModel.decide.best)} designations/s/core in the production bundle, ${formatRatio(DECIDE_TARGET / phaseModel.decide.best)} short of 1,000,000. The profile of deciding (below) puts the self time in ${hotList(decideHot, 6)}, and ${(gc * 100).toFixed(0)}% in the garbage collector.`,
    );
  }
  const worst = results.reduce((top, result) =>
    result.decide.best / result.readRow.best > top.decide.best / top.readRow.best ? result : top,
  );
  const worstRatio = worst.decide.best / worst.readRow.best;
  if (worstRatio > READ_RATIO_TARGET) {
    const missed = results.filter(
      (result) => result.decide.best / result.readRow.best > READ_RATIO_TARGET,
    );
    findings.push(
      `Reading a row costs ${formatRatio(worstRatio)} deciding it under ${worst.key} (${missed.map((result) => result.key).join(", ")} over ${READ_RATIO_TARGET}x). Per row, deciding takes ${formatMicros(worst.decide)} on evidence already read; reading takes ${formatMicros(worst.readRow)}, of which checking and converting the row's cells one by one (readCell alone, nothing put together) is ${formatMicros(worst.cellsOnly)} - already ${formatRatio(worst.decide.best / worst.cellsOnly.best)} deciding - and the rest putting them into the evidence's Map of values and checking the inspection's grades as a whole. The profile of reading (below) puts the self time in ${hotList(readHot, 6)}. What would close it: evidence held in a fixed-layout record compiled per header row instead of a Map per academy (the engine reads values by indicator key everywhere, so a change across the domain), and number cells converted without the general text path.`,
    );
  }

  return {
    key: "engine",
    title: "1. Engine",
    method: `${formatCount(ACADEMIES)} synthetic academies (the demo trust's 14 rows with their figures moved, every level of every preset) cycled through one preset on one thread, in a program bundled as the production build is (esbuild, no keepNames; a second program runs the deciding loop under tsx for the comparison). ${formatCount(plan.iterations)} designations a round, ${plan.rounds} rounds after a warm-up; the figure is the fastest round (the machine is shared), with the median and the rate per CPU-second of the process beside it. Deciding reads the level only (what MAT.DESIGNATION shows); "explain" also reads every reason's words (MAT.EXPLAIN). "Reading a row" is a compiled row reader (server/domain/row-reader.ts, what a batch uses) on the row as Excel passes it - numbers, date serials, words, blanks - against one header row resolved once; "text cells" is readEvidence on every cell as text under its own header; "raw" is reading text cells and deciding together.`,
    figures,
    tables: [
      {
        title: "Designations per second on one core",
        header: [
          "Preset",
          "Pre-parsed (fastest round)",
          "Pre-parsed (median)",
          "Pre-parsed per CPU-s",
          "Reading a row (Excel's values, one header row; rows/s)",
          "Cells alone, nothing put together (rows/s)",
          "Reading text cells each under its header (rows/s)",
          "Raw strings (read + decide)",
          "Decide and explain (every reason's words read)",
          "Reading / deciding",
        ],
        rows: results.map((result) => [
          result.key,
          formatCount(result.decide.best),
          formatCount(result.decide.median),
          formatCount(result.decide.perCpuSecond),
          formatCount(result.readRow.best),
          formatCount(result.cellsOnly.best),
          formatCount(result.parse.best),
          formatCount(result.raw.best),
          formatCount(result.explain.best),
          formatRatio(result.decide.best / result.readRow.best),
        ]),
      },
      hotTable("Where phase-model's deciding spends its time (CPU profile, self time)", decideHot),
      hotTable("Where reading a row spends its time (CPU profile, self time)", readHot),
    ],
    memory: [],
    findings,
    skipped: null,
    seconds: (performance.now() - started) / 1000,
  };
}

if (isMain(import.meta.url)) await benchmarkMain(engineBenchmark);

// 1. Engine: designations per second on one core for each preset, on evidence
// read beforehand and on raw workbook strings, with reading timed on its own
// so its cost can be set against deciding. Target: at least 1,000,000 a second
// pre-parsed for phase-model, and reading no more than 3x the cost of deciding.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { presets } from "../server/domain/index.js";
import type { BenchmarkResult, BenchOptions, Figure } from "./support/benchmark-result.js";
import { benchmarkMain, isMain, say } from "./support/benchmark-main.js";
import { hotFunctions, hotList, shareOf, type HotFunction } from "./support/cpu-profile.js";
import {
  decideLoop,
  engineInput,
  explainLoop,
  parseLoop,
  rawLoop,
  ACADEMIES,
} from "./engine-loop.js";
import { formatCount, formatRatio } from "./support/format.js";
import { runProgram, projectRoot } from "./support/run-program.js";
import { measureThroughput, type Throughput } from "./support/throughput.js";

const DECIDE_TARGET = 1_000_000;
const PARSE_RATIO_TARGET = 3;

interface PresetFigures {
  readonly key: string;
  readonly decide: Throughput;
  readonly explain: Throughput;
  readonly parse: Throughput;
  readonly raw: Throughput;
}

/** The same loop in a fresh process, loaded by tsx (as `npm start` runs) and as an esbuild bundle. */
async function loaderComparison(
  iterations: number,
  rounds: number,
): Promise<{ tsx: Throughput; bundle: Throughput }> {
  const dir = await mkdtemp(join(tmpdir(), "bench-engine-"));
  try {
    const bundle = join(dir, "engine-loop.mjs");
    await build({
      entryPoints: [join(projectRoot, "bench/engine-loop.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: bundle,
      logLevel: "error",
    });
    const args = ["phase-model", String(iterations), String(rounds)];
    const tsx = JSON.parse(
      await runProgram(process.execPath, ["--import", "tsx", "bench/engine-loop.ts", ...args]),
    ) as Throughput;
    const bundled = JSON.parse(await runProgram(process.execPath, [bundle, ...args])) as Throughput;
    return { tsx, bundle: bundled };
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
  const decidePlan = options.quick
    ? { rounds: 3, iterations: 30_000, warmup: 30_000 }
    : { rounds: 5, iterations: 60_000, warmup: 60_000 };
  const parsePlan = {
    ...decidePlan,
    iterations: decidePlan.iterations / 2,
    warmup: decidePlan.warmup / 2,
  };
  const input = engineInput();
  const results: PresetFigures[] = [];
  for (const key of presets().keys()) {
    const decide = measureThroughput(decidePlan, decideLoop(key, input));
    const explain = measureThroughput(parsePlan, explainLoop(key, input));
    const parse = measureThroughput(parsePlan, parseLoop(input));
    const raw = measureThroughput(parsePlan, rawLoop(key, input));
    results.push({ key, decide, explain, parse, raw });
    say(
      `  ${key}: ${formatCount(decide.best)}/s pre-parsed, ${formatCount(raw.best)}/s raw, reading ${formatRatio(decide.best / parse.best)} deciding`,
    );
  }

  const loaders = await loaderComparison(decidePlan.iterations, decidePlan.rounds);
  say(
    `  phase-model in a fresh process: ${formatCount(loaders.tsx.best)}/s under tsx, ${formatCount(loaders.bundle.best)}/s bundled`,
  );
  const decideHot = await hotFunctions(() => {
    decideLoop("phase-model", input)(decidePlan.iterations);
  }, 12);
  const parseHot = await hotFunctions(() => {
    parseLoop(input)(parsePlan.iterations);
  }, 10);

  const phaseModel = results.find((result) => result.key === "phase-model")!;
  const figures: Figure[] = [
    {
      name: "phase-model, pre-parsed evidence",
      value: phaseModel.decide.best,
      unit: "designations/s/core",
      target: `>= ${formatCount(DECIDE_TARGET)}/s`,
      met: phaseModel.decide.best >= DECIDE_TARGET,
      comparison: `${formatRatio(phaseModel.decide.best / DECIDE_TARGET)} of target; ${formatCount(phaseModel.raw.best)}/s on raw workbook strings (${formatRatio(phaseModel.decide.best / phaseModel.raw.best)} slower)`,
    },
    ...results.map((result): Figure => ({
      name: `${result.key}: cost of reading / cost of deciding`,
      value: result.decide.best / result.parse.best,
      unit: "x",
      target: `<= ${PARSE_RATIO_TARGET}x`,
      met: result.decide.best / result.parse.best <= PARSE_RATIO_TARGET,
      comparison: `reading ${formatCount(result.parse.best)} rows/s vs deciding ${formatCount(result.decide.best)}/s`,
    })),
    {
      name: "phase-model, pre-parsed, esbuild bundle vs tsx (fresh processes)",
      value: loaders.bundle.best / loaders.tsx.best,
      unit: "x",
      target: null,
      met: null,
      comparison: `${formatCount(loaders.bundle.best)}/s bundled vs ${formatCount(loaders.tsx.best)}/s under tsx`,
    },
  ];

  const findings: string[] = [];
  const bundleGain = loaders.bundle.best / loaders.tsx.best;
  const gc = shareOf(decideHot, /^\(garbage collector\)/);
  if (phaseModel.decide.best < DECIDE_TARGET) {
    const notes = [
      `phase-model decides ${formatCount(phaseModel.decide.best)} designations/s/core (${formatCount(phaseModel.decide.perCpuSecond)} per CPU-second of the process), ${formatRatio(DECIDE_TARGET / phaseModel.decide.best)} short of 1,000,000; as an esbuild bundle in a fresh process the same loop reaches ${formatCount(loaders.bundle.best)}/s.`,
      `The profile of deciding (below) puts the self time in ${hotList(decideHot, 6)}, and ${(gc * 100).toFixed(0)}% in the garbage collector.`,
    ];
    if (gc >= 0.1)
      notes.push(
        "That much collection means each designation still allocates short-lived objects (the result, whatever the sources create per call); every allocation left on the deciding path costs twice, once to make and once to collect.",
      );
    if (shareOf(decideHot, /^__name /) > 0.02)
      notes.push(
        "`__name` is tsx's doing (below): every function expression created per call is wrapped to keep its name.",
      );
    if (shareOf(decideHot, /format|describe|Reason|reason|message/) > 0.05)
      notes.push(
        "Functions that write or prepare the explanation's words still take a visible share while only the level is read: deferring all of it to the explaining pass would leave deciding as a handful of comparisons.",
      );
    findings.push(notes.join(" "));
  }
  if (bundleGain > 1.1) {
    findings.push(
      `The same loop runs ${formatRatio(bundleGain)} faster as an esbuild bundle than under tsx (fresh processes, same machine, same run). tsx compiles with esbuild's keepNames, which wraps every function expression in a \`__name(...)\` call, so closures made per call pay for a defineProperty each. Running the server in production from a bundle built without keepNames (or from tsc output) instead of \`tsx server/main.ts\` gains this for nothing.`,
    );
  }
  const worstParse = results.reduce((top, result) =>
    result.decide.best / result.parse.best > top.decide.best / top.parse.best ? result : top,
  );
  if (worstParse.decide.best / worstParse.parse.best > PARSE_RATIO_TARGET) {
    const notes = [
      `Reading a row costs ${formatRatio(worstParse.decide.best / worstParse.parse.best)} deciding it under ${worstParse.key}. The profile of reading puts the self time in ${hotList(parseHot, 6)}.`,
    ];
    if (shareOf(parseHot, /foldHeader|indicatorForHeader/) > 0.1)
      notes.push(
        "Headers are folded with regular expressions for every cell before the alias lookup: caching `indicatorForHeader` by the header's text (a workbook has a few dozen headers) makes that a map lookup.",
      );
    findings.push(notes.join(" "));
  }

  return {
    key: "engine",
    title: "1. Engine",
    method: `${formatCount(ACADEMIES)} synthetic academies (the demo trust's 14 rows with their figures moved, every level of every preset) cycled through one preset on one thread. ${formatCount(decidePlan.iterations)} designations a round, ${decidePlan.rounds} rounds after a warm-up; the figure is the fastest round (the machine is shared), with the median and the rate per CPU-second of the process beside it. Deciding reads the level only (what MAT.DESIGNATION shows); "explain" also reads every reason's words (MAT.EXPLAIN). "Reading" is readEvidence on the workbook's text cells; "raw" is reading and deciding together.`,
    figures,
    tables: [
      {
        title: "Designations per second on one core",
        header: [
          "Preset",
          "Pre-parsed (fastest round)",
          "Pre-parsed (median)",
          "Pre-parsed per CPU-s",
          "Reading only (rows/s)",
          "Raw strings (read + decide)",
          "Decide and explain (every reason's words read)",
          "Reading / deciding",
        ],
        rows: results.map((result) => [
          result.key,
          formatCount(result.decide.best),
          formatCount(result.decide.median),
          formatCount(result.decide.perCpuSecond),
          formatCount(result.parse.best),
          formatCount(result.raw.best),
          formatCount(result.explain.best),
          formatRatio(result.decide.best / result.parse.best),
        ]),
      },
      hotTable("Where phase-model's deciding spends its time (CPU profile, self time)", decideHot),
      hotTable("Where reading a row spends its time (CPU profile, self time)", parseHot),
    ],
    memory: [],
    findings,
    skipped: null,
    seconds: (performance.now() - started) / 1000,
  };
}

if (isMain(import.meta.url)) await benchmarkMain(engineBenchmark);

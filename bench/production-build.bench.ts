// 0. The production build: what `npm run build` makes (server and add-in,
// time and size), and the server it makes against the same server run from
// its TypeScript through tsx (npm run dev): start-up time to ready, and
// resident memory once started and idle (migrated, demo trust seeded), each
// on a new SQLite file, in fresh processes, taken in turn.
import { buildAddin } from "../addin/build.js";
import { buildServer } from "../server/build.js";
import type { BenchmarkResult, BenchOptions, Figure } from "./support/benchmark-result.js";
import { benchmarkMain, isMain, say } from "./support/benchmark-main.js";
import { startBenchChildServer } from "./support/bench-child-server.js";
import { createBenchDatabase } from "./support/bench-database.js";
import { formatCount, formatMs, formatRatio } from "./support/format.js";
import { childSample, IDLE_TARGET_MB, processMemoryMb } from "./memory.js";
import { median } from "./support/statistics.js";

/** How long a started server is left alone before its memory is read. */
const SETTLE_MS = 5_000;

interface Start {
  readonly readyMs: number;
  readonly idleMb: number;
  readonly pid: number;
}

async function startIdle(fromSource: boolean): Promise<Start & { stop(): Promise<void> }> {
  const database = await createBenchDatabase("sqlite");
  const begun = performance.now();
  const server = await startBenchChildServer({ DATABASE_URL: database.url }, { fromSource });
  const readyMs = performance.now() - begun;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const { rssMb } = await processMemoryMb(server.pid);
  return {
    readyMs,
    idleMb: rssMb,
    pid: server.pid,
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

export async function productionBuildBenchmark(options: BenchOptions): Promise<BenchmarkResult> {
  const started = performance.now();
  const rounds = options.quick ? 2 : 3;
  const serverBuild = await buildServer();
  const addinBuild = await buildAddin();
  say(
    `  built the server in ${formatMs(serverBuild.milliseconds)}, the add-in in ${formatMs(addinBuild.milliseconds)}`,
  );
  const compiled: Start[] = [];
  const source: Start[] = [];
  let idleSample = null;
  for (let round = 0; round < rounds; round++) {
    for (const fromSource of [false, true]) {
      const start = await startIdle(fromSource);
      if (!fromSource && idleSample === null)
        idleSample = await childSample(
          "start-up, idle (migrated, demo trust seeded), production build",
          start.pid,
        );
      (fromSource ? source : compiled).push(start);
      await start.stop();
    }
  }
  const idleCompiled = median(compiled.map((start) => start.idleMb));
  const idleSource = median(source.map((start) => start.idleMb));
  const readyCompiled = median(compiled.map((start) => start.readyMs));
  const readySource = median(source.map((start) => start.readyMs));
  const serverBytes = serverBuild.entries.reduce((sum, entry) => sum + entry.bytes, 0);
  const addinBytes = addinBuild.files
    .filter((file) => !file.path.endsWith(".map"))
    .reduce((sum, file) => sum + file.bytes, 0);

  const figures: Figure[] = [
    {
      name: "Idle server, production build (node dist/server/main.js), resident memory (median)",
      value: idleCompiled,
      unit: "MB",
      target: `<= ${IDLE_TARGET_MB} MB`,
      met: idleCompiled <= IDLE_TARGET_MB,
      comparison: `${formatCount(idleSource, 1)} MB from TypeScript through tsx (${formatRatio(idleSource / idleCompiled)}); read ${SETTLE_MS / 1000} s after ready`,
    },
    {
      name: "Start-up to ready on a new SQLite file (migrations, demo seed), production build (median)",
      value: readyCompiled,
      unit: "ms",
      target: null,
      met: null,
      comparison: `${formatMs(readySource)} through tsx (${formatRatio(readySource / readyCompiled)})`,
    },
    {
      name: "npm run build: server and add-in",
      value: serverBuild.milliseconds + addinBuild.milliseconds,
      unit: "ms",
      target: null,
      met: null,
      comparison: `server ${formatMs(serverBuild.milliseconds)} (${formatCount(serverBytes / 1024)} KiB of entries, packages left in node_modules), add-in ${formatMs(addinBuild.milliseconds)} (${formatCount(addinBytes / 1024)} KiB without source maps)`,
    },
  ];
  const findings: string[] = [];
  if (idleCompiled > IDLE_TARGET_MB)
    findings.push(
      `An idle production server holds ${formatCount(idleCompiled, 1)} MB, ${formatCount(idleCompiled - IDLE_TARGET_MB, 1)} MB over the target; from TypeScript through tsx it holds ${formatCount(idleSource, 1)} MB. See 6. Memory for where it goes.`,
    );
  return {
    key: "build",
    title: "0. The production build",
    method: `npm run build's two steps timed (esbuild: the server and its command-line tools into dist/server, the add-in into dist/addin); then ${rounds} rounds, each starting the production build (node dist/server/main.js, as npm start runs it) and the same server from its TypeScript (node --import tsx server/main.ts, as npm run dev and the tests run it) in turn, each on a new SQLite file with NODE_ENV=production and the demo trust seeded: time from spawning to the printed tokens, and resident memory (VmRSS) ${SETTLE_MS / 1000} s later. Medians.`,
    figures,
    tables: [
      {
        title: "Each start",
        header: ["Round", "Production build: ready", "idle RSS", "tsx: ready", "idle RSS"],
        rows: compiled.map((start, index) => [
          String(index + 1),
          formatMs(start.readyMs),
          `${formatCount(start.idleMb, 1)} MB`,
          formatMs(source[index]!.readyMs),
          `${formatCount(source[index]!.idleMb, 1)} MB`,
        ]),
      },
    ],
    memory: idleSample ? [idleSample] : [],
    findings,
    skipped: null,
    seconds: (performance.now() - started) / 1000,
  };
}

if (isMain(import.meta.url)) await benchmarkMain(productionBuildBenchmark);

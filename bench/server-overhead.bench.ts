// 3. Server overhead: designateBatch of 10,000 rows over HTTP (Express,
// Apollo Server, JSON both ways) against the same work in-process (the engine
// alone) and against graphql-js on the same schema without HTTP. Target: HTTP
// and Apollo add no more than 2x over in-process.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildAppSchema } from "../server/graphql/schema.js";
import type {
  BenchmarkResult,
  BenchOptions,
  Figure,
  MemorySample,
} from "./support/benchmark-result.js";
import { benchmarkMain, isMain, say } from "./support/benchmark-main.js";
import { startBenchServer } from "./support/bench-server.js";
import { startBenchChildServer } from "./support/bench-child-server.js";
import { createBenchDatabase } from "./support/bench-database.js";
import { hotFunctions, hotList, shareOf } from "./support/cpu-profile.js";
import { formatCount, formatMs, formatRatio } from "./support/format.js";
import {
  apolloServer,
  designateBatchPaths,
  measureInTurn,
  FRAMEWORK,
  ROWS,
  YEAR,
} from "./designate-batch-paths.js";
import { DESIGNATE_BATCH } from "./support/operations.js";
import { childSample, inProcessSample } from "./memory.js";
import { riskMatrixRows } from "./support/risk-matrix-rows.js";
import { projectRoot } from "./support/run-program.js";
import type { LatencySummary } from "./support/statistics.js";

const TARGET_RATIO = 2;

export async function serverOverheadBenchmark(options: BenchOptions): Promise<BenchmarkResult> {
  const started = performance.now();
  const warmups = 1;
  const repetitions = options.quick ? 4 : 7;
  const rows = riskMatrixRows(ROWS);
  const server = await startBenchServer("sqlite");
  const sqlite = await createBenchDatabase("sqlite");
  const stops: (() => Promise<void>)[] = [() => server.stop(), () => sqlite.drop()];
  const memory: MemorySample[] = [];
  try {
    const child = await startBenchChildServer({ DATABASE_URL: sqlite.url });
    stops.unshift(() => child.stop());
    const schema = await buildAppSchema();
    const apollo = await apolloServer(schema, true);
    const apolloWithoutCacheControl = await apolloServer(schema, false);
    stops.unshift(
      () => apollo.stop(),
      () => apolloWithoutCacheControl.stop(),
    );
    const all = designateBatchPaths(
      { server, child, schema, apollo, apolloWithoutCacheControl },
      rows,
    );
    const summaries = await measureInTurn(all, warmups, repetitions);
    all.forEach((path, index) => say(`  ${path.name}: p50 ${formatMs(summaries[index]!.p50)}`));
    memory.push(
      await inProcessSample(`designateBatch of ${formatCount(ROWS)} rows (all paths, one process)`),
      await childSample(`designateBatch of ${formatCount(ROWS)} rows over HTTP`, child.pid),
    );
    const [engine, execute, apolloDefault, apolloLean, http, httpChild] =
      summaries as LatencySummary[] as [
        LatencySummary,
        LatencySummary,
        LatencySummary,
        LatencySummary,
        LatencySummary,
        LatencySummary,
      ];
    const httpPath = all[4]!;
    const hot = await hotFunctions(async () => {
      await httpPath.run();
      await httpPath.run();
    }, 16);
    const requestBytes = JSON.stringify({
      query: DESIGNATE_BATCH,
      variables: { framework: FRAMEWORK, rows, year: YEAR },
    }).length;

    const ratio = http.p50 / engine.p50;
    const figures: Figure[] = [
      {
        name: `designateBatch of ${formatCount(ROWS)} rows: HTTP / in-process engine (p50)`,
        value: ratio,
        unit: "x",
        target: `<= ${TARGET_RATIO}x`,
        met: ratio <= TARGET_RATIO,
        comparison: `HTTP ${formatMs(http.p50)} vs engine ${formatMs(engine.p50)} vs graphql-js ${formatMs(execute.p50)} (${formatRatio(execute.p50 / engine.p50)})`,
      },
      {
        name: "Same, HTTP to a server in its own process / in-process engine (p50)",
        value: httpChild.p50 / engine.p50,
        unit: "x",
        target: `<= ${TARGET_RATIO}x`,
        met: httpChild.p50 / engine.p50 <= TARGET_RATIO,
        comparison: `${formatMs(httpChild.p50)}; ${formatCount((ROWS / httpChild.p50) * 1000)} rows/s`,
      },
      {
        name: "Apollo executeOperation: cache control plugin on / off (p50)",
        value: apolloDefault.p50 / apolloLean.p50,
        unit: "x",
        target: null,
        met: null,
        comparison: `${formatMs(apolloDefault.p50)} with, ${formatMs(apolloLean.p50)} without`,
      },
    ];
    const findings: string[] = [];
    const cacheControlCost = apolloDefault.p50 / apolloLean.p50;
    const bootstrapSource = await readFile(join(projectRoot, "server/bootstrap.ts"), "utf8");
    const cacheControlOff = bootstrapSource.includes("ApolloServerPluginCacheControlDisabled");
    findings.push(
      cacheControlCost > 1.2 && !cacheControlOff
        ? `Apollo's cache-control plugin (installed by default, unused here: no cache hints) costs ${formatRatio(cacheControlCost)} on this request (executeOperation ${formatMs(apolloDefault.p50)} with it, ${formatMs(apolloLean.p50)} without): install \`ApolloServerPluginCacheControlDisabled()\` in bootstrap.ts.`
        : `Apollo Server adds ${formatRatio(apolloDefault.p50 / execute.p50)} over graphql-js (executeOperation ${formatMs(apolloDefault.p50)} vs graphql() ${formatMs(execute.p50)}); its cache-control plugin measures ${formatRatio(cacheControlCost)}${cacheControlOff ? " and bootstrap.ts already disables it" : ""}; HTTP and JSON add ${formatRatio(http.p50 / apolloDefault.p50)} on top of Apollo.`,
    );
    if (ratio > TARGET_RATIO) {
      const coercion = shareOf(
        hot,
        /coerceInputValue|getArgumentValues|convertArgs|convert-args|convertToInput|convertToType/,
      );
      const gc = shareOf(hot, /^\(garbage collector\)/);
      findings.push(
        `Over HTTP a batch takes ${formatRatio(ratio)} the engine's time for the same rows and the same answer, and graphql-js without HTTP already ${formatRatio(execute.p50 / engine.p50)}: the GraphQL layer is most of the overhead, HTTP and JSON the rest (${formatRatio(http.p50 / execute.p50)} over graphql-js). The profile of the HTTP path (below) puts the self time in ${hotList(hot, 7)}; turning ${formatCount(ROWS)} rows of ~16 EvidenceInput objects into arguments (graphql-js's coercion, then type-graphql's copy into class instances) takes ${(coercion * 100).toFixed(0)}% of it and the garbage collector ${(gc * 100).toFixed(0)}%.`,
        `What would fix it (server, for the lead): (1) for the bulk path, take \`rows\` as one argument that is not ${formatCount(ROWS * 16)} typed input objects - a JSON scalar validated by zod, or a \`[[String]]\` matrix under a header row - so nothing is coerced or copied per cell; (2) answer each row's reasons and support as plain pre-shaped lists so execution completes them without a resolver per field (or compile the operation with graphql-jit); (3) keep NODE_ENV=production in the process environment, not only in config: graphql-js reads process.env.NODE_ENV itself and otherwise runs a slower cross-realm \`instanceOf\` check on every type test (these benchmarks run with NODE_ENV=${process.env.NODE_ENV ?? "unset"}). With per-cell input objects and per-field resolution, 2x over the engine is out of reach at this batch size on this machine.`,
      );
    }
    return {
      key: "server-overhead",
      title: "3. Server overhead",
      method: `designateBatch(${FRAMEWORK}) of ${formatCount(ROWS)} synthetic rows (~16 cells each, a ${formatCount(requestBytes / 1048576, 1)} MB request) asking for level, reasons and support: the engine alone (readEvidence, designate and the reasons' words per row, shaped as the query asks); graphql-js \`graphql()\` on the schema buildAppSchema builds (same resolvers and services, no HTTP); Apollo Server's executeOperation with and without its cache-control plugin; and POST to the real server started by bootstrap on SQLite, in this process and in a process of its own (no token: public evaluation). ${warmups} warm-up and ${repetitions} timed runs of each path, taken in turn (every path once, then again) so that load from elsewhere falls on all alike.`,
      figures,
      tables: [
        {
          title: `designateBatch of ${formatCount(ROWS)} rows`,
          header: ["Path", "p50", "p95", "min", "max", "vs engine (p50)"],
          rows: all.map((path, index) => {
            const summary = summaries[index]!;
            return [
              path.name,
              formatMs(summary.p50),
              formatMs(summary.p95),
              formatMs(summary.min),
              formatMs(summary.max),
              formatRatio(summary.p50 / engine.p50),
            ];
          }),
        },
        {
          title:
            "Where an HTTP designateBatch spends its time (CPU profile of the in-process server, client included, self time)",
          header: ["Function (file)", "Self time"],
          rows: hot.map((entry) => [entry.name, `${(entry.selfShare * 100).toFixed(1)}%`]),
        },
      ],
      memory,
      findings,
      skipped: null,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

if (isMain(import.meta.url)) await benchmarkMain(serverOverheadBenchmark);

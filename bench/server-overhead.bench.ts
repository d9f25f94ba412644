// 3. Server overhead: 10,000 rows of a risk matrix designated over HTTP
// (Express, Apollo Server, JSON both ways) in designateRows' compact form,
// against the same work in-process (the engine alone) and against graphql-js
// on the same schema without HTTP; designateBatch on the same rows beside it
// (level only, the same answer; and with reasons and support, the query of
// the figure before designateRows). Target: HTTP and Apollo add no more than
// 2x over in-process. Also the bytes of the answer on the wire, with and
// without asking for compression.
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
  batchInput,
  batchPaths,
  measureInTurn,
  FRAMEWORK,
  ROWS,
  type PathKey,
} from "./designate-batch-paths.js";
import { DESIGNATE_BATCH, DESIGNATE_ROWS } from "./support/operations.js";
import { wireSize, type WireSize } from "./support/graphql-post.js";
import { childSample, inProcessSample } from "./memory.js";
import type { LatencySummary } from "./support/statistics.js";

const TARGET_RATIO = 2;

/** Public evaluation with the signed-in budget: the overhead measured is the server's, not a token lookup's. */
const EVALUATION = {
  PUBLIC_EVALUATION: "true",
  PUBLIC_MAX_ROWS: String(ROWS),
  PUBLIC_MAX_COST: "100000",
  PUBLIC_BODY_LIMIT: "20mb",
};

const kb = (bytes: number) => `${formatCount(bytes / 1024, bytes < 10_240 ? 1 : 0)} KB`;

function sizeText(size: WireSize): string {
  return `${kb(size.bytes)}${size.encoding ? ` (${size.encoding})` : " (not compressed)"}`;
}

export async function serverOverheadBenchmark(options: BenchOptions): Promise<BenchmarkResult> {
  const started = performance.now();
  const warmups = 1;
  const repetitions = options.quick ? 4 : 7;
  const input = batchInput(ROWS);
  const server = await startBenchServer("sqlite", EVALUATION);
  const sqlite = await createBenchDatabase("sqlite");
  const stops: (() => Promise<void>)[] = [() => server.stop(), () => sqlite.drop()];
  const memory: MemorySample[] = [];
  try {
    const child = await startBenchChildServer({ DATABASE_URL: sqlite.url, ...EVALUATION });
    stops.unshift(() => child.stop());
    const schema = await buildAppSchema();
    const paths = batchPaths({ server, child, schema }, input);
    const keys = Object.keys(paths) as PathKey[];
    const all = keys.map((key) => paths[key]);
    const measured = await measureInTurn(all, warmups, repetitions);
    const summary = Object.fromEntries(keys.map((key, index) => [key, measured[index]!])) as Record<
      PathKey,
      LatencySummary
    >;
    all.forEach((path, index) => say(`  ${path.name}: p50 ${formatMs(measured[index]!.p50)}`));
    memory.push(
      await inProcessSample(`${formatCount(ROWS)} rows designated (all paths, one process)`),
      await childSample(`${formatCount(ROWS)} rows designated over HTTP`, child.pid),
    );

    const { rows: rowsVariables, batch: batchVariables } = input.variables;
    const requestBytes = {
      rows: JSON.stringify({ query: DESIGNATE_ROWS, variables: rowsVariables }).length,
      batch: JSON.stringify({ query: DESIGNATE_BATCH, variables: batchVariables }).length,
    };
    const sizes = {
      rowsPlain: await wireSize(child.url, DESIGNATE_ROWS, rowsVariables, null),
      rowsGzip: await wireSize(child.url, DESIGNATE_ROWS, rowsVariables, "gzip"),
      rowsBrotli: await wireSize(child.url, DESIGNATE_ROWS, rowsVariables, "br"),
      batchPlain: await wireSize(child.url, DESIGNATE_BATCH, batchVariables, null),
    };
    const compressed = sizes.rowsGzip.encoding !== null || sizes.rowsBrotli.encoding !== null;

    const { engine, rowsGraphql, rowsHttp, rowsChild, batchLevelsHttp } = summary;
    const { engineExplained, rowsExplainedHttp, batchHttp } = summary;
    const ratio = rowsHttp.p50 / engine.p50;
    const childRatio = rowsChild.p50 / engine.p50;
    const hot =
      ratio > TARGET_RATIO
        ? await hotFunctions(async () => {
            await paths.rowsHttp.run();
            await paths.rowsHttp.run();
          }, 16)
        : [];
    const figures: Figure[] = [
      {
        name: `designateRows of ${formatCount(ROWS)} rows: HTTP / in-process engine (p50)`,
        value: ratio,
        unit: "x",
        target: `<= ${TARGET_RATIO}x`,
        met: ratio <= TARGET_RATIO,
        comparison: `HTTP ${formatMs(rowsHttp.p50)} vs engine ${formatMs(engine.p50)} vs graphql-js ${formatMs(rowsGraphql.p50)} (${formatRatio(rowsGraphql.p50 / engine.p50)}); designateBatch for the same answer ${formatMs(batchLevelsHttp.p50)} (${formatRatio(batchLevelsHttp.p50 / engine.p50)})`,
      },
      {
        name: "Same, HTTP to a server in its own process / in-process engine (p50)",
        value: childRatio,
        unit: "x",
        target: `<= ${TARGET_RATIO}x`,
        met: childRatio <= TARGET_RATIO,
        comparison: `${formatMs(rowsChild.p50)}; ${formatCount((ROWS / rowsChild.p50) * 1000)} rows/s`,
      },
      {
        name: "designateRows(explain: true), reasons and coverage: HTTP / the engine reading every reason (p50)",
        value: rowsExplainedHttp.p50 / engineExplained.p50,
        unit: "x",
        target: null,
        met: null,
        comparison: `${formatMs(rowsExplainedHttp.p50)} vs ${formatMs(engineExplained.p50)}; designateBatch with reasons and support ${formatMs(batchHttp.p50)} (${formatRatio(batchHttp.p50 / engineExplained.p50)})`,
      },
      {
        name: `Answer of ${formatCount(ROWS)} rows on the wire (designateRows, level only)`,
        value: sizes.rowsPlain.bytes / 1024,
        unit: "KB",
        target: null,
        met: null,
        comparison: `asking for gzip ${sizeText(sizes.rowsGzip)}, for br ${sizeText(sizes.rowsBrotli)}; designateBatch with reasons and support ${kb(sizes.batchPlain.bytes)}; requests ${kb(requestBytes.rows)} (designateRows) and ${kb(requestBytes.batch)} (designateBatch)`,
      },
    ];
    const findings: string[] = [
      `The compact form: designateRows answers the ${formatCount(ROWS)} rows in ${formatMs(rowsHttp.p50)} over HTTP where designateBatch takes ${formatMs(batchLevelsHttp.p50)} for the same levels (${formatRatio(batchLevelsHttp.p50 / rowsHttp.p50)} longer): its rows are one CellMatrix variable checked in one pass (designateBatch's ${formatCount(ROWS * input.textEntries[0]!.length)} EvidenceInput objects are coerced by graphql-js twice, once by the query-limits plugin and once by execution), and the answer is flat lists instead of an object per row with a resolver per field. graphql-js alone takes ${formatMs(rowsGraphql.p50)} (${formatRatio(rowsGraphql.p50 / engine.p50)} the engine), so HTTP and JSON (${formatRatio(rowsHttp.p50 / rowsGraphql.p50)} over graphql-js) are most of what is left above the engine.`,
    ];
    if (!compressed)
      findings.push(
        `The server sent the answer uncompressed even when asked for gzip or br (${kb(sizes.rowsPlain.bytes)}): /graphql has no compression yet.`,
      );
    if (ratio > TARGET_RATIO) {
      const json = shareOf(hot, /JSON|json|parse|stringify/);
      const gc = shareOf(hot, /^\(garbage collector\)/);
      findings.push(
        `Over HTTP designateRows takes ${formatRatio(ratio)} the engine's time for the same rows. The profile of the HTTP path (below) puts the self time in ${hotList(hot, 7)}; JSON both ways ${(json * 100).toFixed(0)}%, the garbage collector ${(gc * 100).toFixed(0)}%.`,
      );
    }
    return {
      key: "server-overhead",
      title: "3. Server overhead",
      method: `${formatCount(ROWS)} synthetic rows of the demo risk matrix (${input.headers.length} columns as Excel holds them: numbers, date serials, blanks; URN, Academy and Notes included), designated under ${FRAMEWORK}: the engine alone (designateMatrix, the code designateRows runs, on the same matrix in this process, the level read; row by row with designateEntries beside it; and again reading every reason's words and the support); designateRows (the header row once, a CellMatrix of the values, a level key per row back; and with explain: true) through graphql-js \`graphql()\` on the schema buildAppSchema builds (no HTTP), and POSTed to the real server started by bootstrap on SQLite, in this process and in a process of its own; designateBatch on the same rows (the ${input.textEntries[0]!.length} columns that name an indicator, values as text) asking for the level only, and for level, reasons and support. No token: public evaluation with the signed-in budget. ${warmups} warm-up (after which every path must have given every row the same level) and ${repetitions} timed runs of each path, taken in turn so that load from elsewhere falls on all alike. Sizes are the answer's body as received (node:http, with and without Accept-Encoding).`,
      figures,
      tables: [
        {
          title: `${formatCount(ROWS)} rows`,
          header: ["Path", "p50", "p95", "min", "max", "vs engine (p50)"],
          rows: keys.map((key) => {
            const path = summary[key];
            const reference =
              key === "rowsExplainedHttp" || key === "batchHttp" ? engineExplained : engine;
            return [
              paths[key].name,
              formatMs(path.p50),
              formatMs(path.p95),
              formatMs(path.min),
              formatMs(path.max),
              `${formatRatio(path.p50 / reference.p50)}${reference === engineExplained && key !== "engineExplained" ? " (vs explained)" : ""}`,
            ];
          }),
        },
        {
          title: `Bytes of the ${formatCount(ROWS)}-row request and answer`,
          header: ["What", "Bytes"],
          rows: [
            ["designateRows request (header row once, values as JSON)", kb(requestBytes.rows)],
            ["designateBatch request (an object per cell)", kb(requestBytes.batch)],
            ["designateRows answer, no Accept-Encoding", sizeText(sizes.rowsPlain)],
            ["designateRows answer, Accept-Encoding: gzip", sizeText(sizes.rowsGzip)],
            ["designateRows answer, Accept-Encoding: br", sizeText(sizes.rowsBrotli)],
            [
              "designateBatch answer with reasons and support, no Accept-Encoding",
              sizeText(sizes.batchPlain),
            ],
          ],
        },
        ...(hot.length > 0
          ? [
              {
                title:
                  "Where an HTTP designateRows spends its time (CPU profile of the in-process server, client included, self time)",
                header: ["Function (file)", "Self time"],
                rows: hot.map((entry) => [entry.name, `${(entry.selfShare * 100).toFixed(1)}%`]),
              },
            ]
          : []),
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

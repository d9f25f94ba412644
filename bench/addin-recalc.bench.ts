// 2. Recalculation through the add-in path: a risk-matrix workbook of 1,000
// academies with 10 MAT.DESIGNATION cells each (10,000 calls), recalculated
// at once as Excel does, through the add-in's own functions and batching
// client (one designateRows per framework), against a server in a process of
// its own, signed in as a leader. On loopback, and through a TCP proxy that
// holds every chunk 30 ms each way (a real server is not on loopback), each
// against the naive path: one HTTP request per call, 6 at a time as a
// browser opens to one host. Targets: under 300 ms warm on loopback, at most
// 20 requests, and at least 100x faster than the naive path through the
// proxy.
import { configureFunctions, designation } from "../addin/functions/index.js";
import { saveConnection } from "../addin/shared/connection.js";
import { GraphQLHttpClient, operation } from "../addin/shared/graphql-client.js";
import { startTcpProxy, type TcpProxy } from "../test/support/tcp-proxy.js";
import type {
  BenchmarkResult,
  BenchOptions,
  Figure,
  MemorySample,
} from "./support/benchmark-result.js";
import { benchmarkMain, isMain, say } from "./support/benchmark-main.js";
import { countingFetch, installCustomFunctionsGlobal, memoryStore } from "./excel-host.js";
import { createBenchDatabase } from "./support/bench-database.js";
import { startBenchChildServer } from "./support/bench-child-server.js";
import { formatCount, formatMs, formatRatio } from "./support/format.js";
import { hotFunctions, hotList } from "./support/cpu-profile.js";
import { childSample } from "./memory.js";
import { WORKBOOK_HEADERS, workbookRow } from "./support/risk-matrix-rows.js";
import { latencySummary, type LatencySummary } from "./support/statistics.js";

const TARGET_REQUESTS = 20;
const TARGET_MS = 300;
const TARGET_SPEED_UP = 100;
/** Held by the proxy in each direction: a 60 ms round trip, a server across the country. */
const LATENCY_MS = 30;
/** Connections a browser (Excel's function runtime) opens to one host over HTTP/1.1. */
const BROWSER_CONNECTIONS = 6;
/** Columns that name no indicator: the server leaves them out, and so does the naive client. */
const NOT_EVIDENCE = new Set(["URN", "Academy", "Notes"]);

/** The 10 cells of an academy's row: each preset's level, and its rank or other fields. */
const CELLS: readonly { framework: string; field?: string }[] = [
  { framework: "phase-model" },
  { framework: "phase-model", field: "rank" },
  { framework: "phase-model", field: "risk" },
  { framework: "phase-model", field: "key" },
  { framework: "tiered-support" },
  { framework: "tiered-support", field: "rank" },
  { framework: "risk-matrix" },
  { framework: "risk-matrix", field: "rank" },
  { framework: "risk-designation" },
  { framework: "risk-designation", field: "rank" },
];

/** What a cell shows: a value, or an Excel error's code and message. */
type Shown = string | number | { code: string; message?: string };

function shown(outcome: PromiseSettledResult<string | number>): Shown {
  if (outcome.status === "fulfilled") return outcome.value;
  const reason = outcome.reason as { code?: string; message?: string };
  return { code: reason.code ?? "thrown", message: reason.message };
}

interface Workbook {
  readonly headers: unknown[][];
  readonly rows: unknown[][][];
}

function workbook(academies: number): Workbook {
  return {
    headers: [[...WORKBOOK_HEADERS]],
    rows: Array.from({ length: academies }, (_, index) => [workbookRow(index)]),
  };
}

/** Excel's invocation for a cell whose `values` argument is row `index` of the matrix. */
function invocationAt(index: number): CustomFunctions.Invocation {
  const row = index + 2;
  return {
    parameterAddresses: ["", `'Risk matrix'!A${row}:AE${row}`],
  } as unknown as CustomFunctions.Invocation;
}

/**
 * Every cell started in the same tick, as Excel starts a recalculation's
 * calls. Excel hands each call its own copy of its ranges, so each cell gets
 * fresh arrays here too (made before the clock starts): nothing can be
 * shared by identity.
 */
async function recalculate(
  book: Workbook,
  withAddresses = false,
): Promise<{ ms: number; shown: Shown[]; started: number; ended: number }> {
  const calls = book.rows.flatMap((values, index) =>
    CELLS.map((cell) => ({
      cell,
      values: values.map((row) => [...row]),
      headers: book.headers.map((row) => [...row]),
      invocation: withAddresses ? invocationAt(index) : undefined,
    })),
  );
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    calls.map(({ cell, values, headers, invocation }) =>
      designation(cell.framework, values, headers, cell.field, invocation),
    ),
  );
  const ended = performance.now();
  return { ms: ended - started, shown: outcomes.map(shown), started, ended };
}

/** Where a recalculation's time went: before the first request, requests in flight, after the last answer. */
interface Phases {
  readonly before: number;
  readonly inFlight: number;
  readonly after: number;
}

interface Run {
  readonly ms: number;
  readonly requests: number;
  readonly phases: Phases;
  readonly shown: Shown[];
}

interface NaiveAnswer {
  designate: { level: { key: string; label: string; rank: number; risk: string } | null };
}

/** One cell's request, asking what MAT.DESIGNATION shows: the level. */
const NAIVE_DESIGNATE = operation<
  NaiveAnswer,
  { framework: string; evidence: { indicator: string; value: string | null }[] }
>(`query Designate($framework: String!, $evidence: [EvidenceInput!]!) {
  designate(framework: $framework, evidence: $evidence) { level { key label rank risk } }
}`);

/** One request per call, at most BROWSER_CONNECTIONS at a time, through the add-in's GraphQL client. */
async function naive(
  url: string,
  token: string,
  book: Workbook,
): Promise<{ ms: number; shown: Shown[] }> {
  const client = new GraphQLHttpClient(url, token);
  const calls = book.rows.flatMap((values) => {
    const evidence = WORKBOOK_HEADERS.flatMap((header, index) => {
      const value = values[0]![index];
      if (NOT_EVIDENCE.has(header)) return [];
      return [{ indicator: header, value: value === "" ? null : String(value) }];
    });
    return CELLS.map((cell) => ({ ...cell, evidence }));
  });
  const results: Shown[] = new Array(calls.length);
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: BROWSER_CONNECTIONS }, async () => {
      while (next < calls.length) {
        const at = next++;
        const call = calls[at]!;
        const data = await client.request(NAIVE_DESIGNATE, {
          framework: call.framework,
          evidence: call.evidence,
        });
        const level = data.designate.level;
        const field = (call.field ?? "label") as "label" | "key" | "rank" | "risk";
        results[at] = level ? level[field] : { code: "#N/A" };
      }
    }),
  );
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, shown: results };
}

/** `count` recalculations through the functions as configured, each timed and split into phases. */
async function recalculations(
  book: Workbook,
  count: number,
  counter: ReturnType<typeof countingFetch>,
  label: string,
): Promise<Run[]> {
  const runs: Run[] = [];
  for (let index = 0; index < count; index++) {
    const run = await recalculate(book);
    const traffic = counter.take();
    runs.push({
      ms: run.ms,
      requests: traffic.count,
      shown: run.shown,
      phases: {
        before: traffic.firstSent - run.started,
        inFlight: traffic.lastAnswered - traffic.firstSent,
        after: run.ended - traffic.lastAnswered,
      },
    });
    say(`  ${label} recalculation ${index + 1}: ${formatMs(run.ms)}, ${traffic.count} requests`);
  }
  return runs;
}

const warmOf = (runs: readonly Run[]): LatencySummary =>
  latencySummary(runs.slice(1).map((run) => run.ms));
const phaseOf = (runs: readonly Run[], pick: (phases: Phases) => number) =>
  latencySummary(runs.slice(1).map((run) => pick(run.phases))).p50;

function runRows(runs: readonly Run[], label: string): string[][] {
  return runs.map((run, index) => [
    `${label} ${index + 1}${index === 0 ? " (first)" : ""}`,
    formatMs(run.ms),
    String(run.requests),
    formatMs(run.phases.before),
    formatMs(run.phases.inFlight),
    formatMs(run.phases.after),
  ]);
}

export async function addinRecalcBenchmark(options: BenchOptions): Promise<BenchmarkResult> {
  const started = performance.now();
  const academies = options.quick ? 200 : 1_000;
  const loopbackRuns = options.quick ? 4 : 8;
  const proxiedRuns = options.quick ? 3 : 5;
  const calls = academies * CELLS.length;
  /** Calls the naive path sends through the proxy: its rate is steady (one request per round trip per connection), so it is scaled to every call. */
  const naiveSample = Math.min(calls, options.quick ? 600 : 1_800);
  const book = workbook(academies);
  const database = await createBenchDatabase("sqlite");
  const server = await startBenchChildServer({ DATABASE_URL: database.url });
  const token = server.tokens.leader;
  if (!token) throw new Error("The server seeded no demo tokens");
  const port = Number(new URL(server.url).port);
  let proxy: TcpProxy | null = null;
  const memory: MemorySample[] = [];
  try {
    memory.push(await childSample("start-up, idle (demo trust seeded)", server.pid));
    installCustomFunctionsGlobal();
    const counter = countingFetch();
    const store = memoryStore();
    await saveConnection({ serverUrl: server.url, token }, store);
    configureFunctions({ fetch: counter.fetch, store });
    const loopback = await recalculations(book, loopbackRuns, counter, "loopback");
    const batched = loopback.at(-1)!.shown;
    memory.push(
      await childSample(
        `${formatCount(calls)} MAT.DESIGNATION calls, ${loopbackRuns} recalculations`,
        server.pid,
      ),
    );
    // Where the add-in's own time goes, on one more warm recalculation.
    const hot = await hotFunctions(async () => {
      await recalculate(book);
      counter.take();
    }, 12);

    // Percent cells as Excel shows them: the same recalculations with each cell's
    // `values` address (@requiresParameterAddresses), the number formats of every
    // address read in one batch per recalculation. Excel's own cost for that one
    // Range.load("numberFormat") round trip cannot be measured outside Excel: the
    // reader here answers at once, so the figure is the add-in's share.
    let formatReads = 0;
    let addressesRead = 0;
    configureFunctions({
      fetch: counter.fetch,
      store,
      readFormats: async (addresses) => {
        formatReads += 1;
        addressesRead += addresses.length;
        return new Map(
          addresses.map((address) => [address, [WORKBOOK_HEADERS.map(() => "General")]]),
        );
      },
    });
    const formatted: number[] = [];
    for (let index = 0; index < loopbackRuns; index++) {
      const run = await recalculate(book, true);
      counter.take();
      formatted.push(run.ms);
    }
    const readsPerRecalculation = formatReads / loopbackRuns;
    const formattedWarm = latencySummary(formatted.slice(1)).p50;
    say(`  with number formats: p50 ${formatMs(formattedWarm)}`);

    // The naive path on loopback, on the same warm server: every call, one request each.
    await naive(server.url, token, { headers: book.headers, rows: book.rows.slice(0, 20) });
    const naiveLoopback = await naive(server.url, token, book);
    say(`  naive on loopback: ${formatMs(naiveLoopback.ms)} for ${formatCount(calls)} requests`);
    memory.push(
      await childSample(`${formatCount(calls)} designate requests, one per call`, server.pid),
    );

    // Through the proxy: the batched path, then the naive path on a sample of the calls.
    proxy = await startTcpProxy(port, { latencyMs: LATENCY_MS });
    await saveConnection({ serverUrl: proxy.url, token }, store);
    configureFunctions({ fetch: counter.fetch, store });
    const proxied = await recalculations(book, proxiedRuns, counter, `proxy (${LATENCY_MS} ms)`);
    const sampleBook = {
      headers: book.headers,
      rows: book.rows.slice(0, naiveSample / CELLS.length),
    };
    await naive(proxy.url, token, { headers: book.headers, rows: book.rows.slice(0, 2) });
    const naiveProxied = await naive(proxy.url, token, sampleBook);
    const naiveProxiedAll = (naiveProxied.ms / naiveSample) * calls;
    say(
      `  naive through the proxy: ${formatMs(naiveProxied.ms)} for ${formatCount(naiveSample)} requests (${formatMs(naiveProxiedAll)} for ${formatCount(calls)} at that rate)`,
    );

    // An error cell is compared by its code (the naive client words no messages).
    const comparable = (value: Shown | undefined) =>
      JSON.stringify(typeof value === "object" ? value.code : value);
    const differences = batched.flatMap((value, index) =>
      comparable(value) === comparable(naiveLoopback.shown[index]) &&
      comparable(value) === comparable(proxied.at(-1)!.shown[index])
        ? []
        : [{ index, batched: value, naive: naiveLoopback.shown[index] }],
    );
    const differing = differences.length;
    if (differing > 0)
      say(`  differing cells, first few: ${JSON.stringify(differences.slice(0, 3))}`);

    const warm = warmOf(loopback);
    const warmProxied = warmOf(proxied);
    const requests = Math.max(...loopback.map((run) => run.requests));
    const speedUp = naiveProxiedAll / warmProxied.p50;
    const loopbackSpeedUp = naiveLoopback.ms / warm.p50;
    const scale = academies === 1_000 ? "" : ` (quick run: ${formatCount(academies)} academies)`;
    const before = phaseOf(loopback, (p) => p.before);
    const inFlight = phaseOf(loopback, (p) => p.inFlight);
    const after = phaseOf(loopback, (p) => p.after);
    const figures: Figure[] = [
      {
        name: `Recalculating ${formatCount(calls)} MAT.DESIGNATION cells on loopback, end to end (p50 of ${loopbackRuns - 1} recalculations after the first)${scale}`,
        value: warm.p50,
        unit: "ms",
        target: `< ${formatCount(TARGET_MS)} ms`,
        met: warm.p50 < TARGET_MS,
        comparison: `first recalculation ${formatMs(loopback[0]!.ms)}; slowest warm ${formatMs(warm.max)}; ${formatMs(before)} in the add-in before the first request, ${formatMs(inFlight)} in flight, ${formatMs(after)} after the last answer`,
      },
      {
        name: "HTTP requests per recalculation",
        value: requests,
        unit: "requests",
        target: `<= ${TARGET_REQUESTS}`,
        met: requests <= TARGET_REQUESTS,
        comparison: `one designateRows per framework; the naive path sends ${formatCount(calls)}`,
      },
      {
        name: `Through a TCP proxy adding ${LATENCY_MS} ms each way: batched vs one request per cell (speed-up)`,
        value: speedUp,
        unit: "x",
        target: `>= ${TARGET_SPEED_UP}x`,
        met: speedUp >= TARGET_SPEED_UP,
        comparison: `batched ${formatMs(warmProxied.p50)} (p50 of ${proxiedRuns - 1} warm) vs naive ${formatMs(naiveProxiedAll)} (${BROWSER_CONNECTIONS} connections; ${formatCount(naiveSample)} calls measured, ${formatMs(naiveProxied.ms)}, at that rate for ${formatCount(calls)}); ${differing === 0 ? "every cell the same both ways" : `${differing} cells differ`}`,
      },
      {
        name: "On loopback: batched vs one request per cell (speed-up)",
        value: loopbackSpeedUp,
        unit: "x",
        target: null,
        met: null,
        comparison: `naive ${formatMs(naiveLoopback.ms)} for ${formatCount(calls)} requests vs batched ${formatMs(warm.p50)}`,
      },
      {
        name: "Reading number formats for percent cells (parameter addresses, one batched Excel read per recalculation): added to a warm recalculation",
        value: formattedWarm - warm.p50,
        unit: "ms",
        target: "1 Excel read per recalculation",
        met: readsPerRecalculation === 1,
        comparison: `${formatMs(formattedWarm)} with formats vs ${formatMs(warm.p50)} without; ${readsPerRecalculation} Excel read(s) per recalculation for ${formatCount(addressesRead / loopbackRuns)} distinct ranges (Excel's own time for that read is not measurable outside Excel)`,
      },
    ];
    const findings: string[] = [];
    if (differing > 0)
      findings.push(
        `${differing} of ${formatCount(calls)} cells answered differently through the batching client than one request per call: a correctness problem for the add-in's author.`,
      );
    findings.push(
      `A warm recalculation takes ${formatMs(warm.p50)} for ${formatCount(academies * 4)} distinct rows (the ${CELLS.length} cells of a row share one row per framework) in ${requests} designateRows requests: ${formatMs(before)} in the add-in before the first request goes out (reading ${formatCount(calls)} calls' ranges into rows, keying them, the 15 ms quiet window), ${formatMs(inFlight)} with requests in flight (the four frameworks' requests are sent together but served one after another on the server's one thread: benchmark 3's cost for each), ${formatMs(after)} in the add-in after the last answer (parsing, settling ${formatCount(calls)} promises). The add-in's own hottest functions on a warm recalculation: ${hotList(hot, 6)}.`,
      `Through the proxy a round trip costs ${2 * LATENCY_MS} ms: the batched recalculation pays it about once (its requests go out together), ${formatMs(warmProxied.p50)} against ${formatMs(warm.p50)} on loopback; one request per cell pays it ${formatCount(calls / BROWSER_CONNECTIONS)} times over ${BROWSER_CONNECTIONS} connections (${formatMs(naiveProxied.ms / naiveSample)} a call), which is why the naive path is ${formatRatio(speedUp)} slower there and only ${formatRatio(loopbackSpeedUp)} on loopback.`,
    );
    if (warm.p50 >= TARGET_MS)
      findings.push(
        `What would bring it under ${formatCount(TARGET_MS)} ms: the server's share is most of it (${formatMs(inFlight)} in flight); serving the four frameworks' rows in one request (designateRows for several frameworks at once) would read each row once instead of four times.`,
      );
    return {
      key: "addin-recalc",
      title: "2. Recalculation through the add-in path",
      method: `A workbook of ${formatCount(academies)} academies (the demo matrix's ${WORKBOOK_HEADERS.length} columns, URN, Academy and Notes included, values as Excel passes them: numbers, date serials, blanks) with ${CELLS.length} MAT.DESIGNATION cells per row (each preset's label and rank, phase-model's risk and key), all ${formatCount(calls)} calls started in one tick as Excel starts a recalculation, each with its own copy of its ranges. They go through the add-in's own \`designation\` function and its BatchingClient (addin/functions, configured with a counting fetch, signed in as the demo trust's leader) to the real server in a process of its own (npm start on SQLite): ${loopbackRuns} recalculations on loopback, then ${proxiedRuns} through a TCP proxy (test/support/tcp-proxy.ts) holding every chunk ${LATENCY_MS} ms each way. The naive path sends one \`designate\` request per call (the level only) through the add-in's GraphQL client, ${BROWSER_CONNECTIONS} at a time, on the same warm server: all ${formatCount(calls)} on loopback; through the proxy ${formatCount(naiveSample)} of them, its time scaled to all (each connection sends one request per round trip, so its rate is steady).`,
      figures,
      tables: [
        {
          title: "Each recalculation",
          header: [
            "Recalculation",
            "End to end",
            "HTTP requests",
            "Add-in, before the first request (incl. the 15 ms batch window)",
            "Requests in flight (server and transfer)",
            "Add-in, after the last answer",
          ],
          rows: [
            ...runRows(loopback, "loopback"),
            ...runRows(proxied, `proxy, ${LATENCY_MS} ms each way,`),
            [
              "naive on loopback: one request per call",
              formatMs(naiveLoopback.ms),
              formatCount(calls),
              "",
              "",
              "",
            ],
            [
              `naive through the proxy (${formatCount(naiveSample)} calls measured, scaled)`,
              formatMs(naiveProxiedAll),
              formatCount(calls),
              "",
              "",
              "",
            ],
          ],
        },
        {
          title:
            "Where the add-in's own time goes on a warm recalculation (CPU profile of this process, self time; the server is another process)",
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
    configureFunctions();
    await proxy?.close();
    await server.stop();
    await database.drop();
  }
}

if (isMain(import.meta.url)) await benchmarkMain(addinRecalcBenchmark);

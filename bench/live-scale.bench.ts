// 5c. Live progress at October-board scale (issue 16, part 6): 5,000
// graphql-ws subscribers alternating between two server instances on one
// PostgreSQL and Redis; a data manager records measurements one after another
// (through each instance in turn); the time from sending a measurement to the
// LAST subscriber receiving it (target: p99 < 200 ms), the server's resident
// memory per subscriber (RSS subscribed minus idle, per instance), the CPU each
// measurement costs each server and the clients (user and kernel), and a
// profile of a server while the events fan out. The clients run in two child
// processes (bench/subscriber-processes.ts), and once more all in this
// process; the same servers at 500 subscribers are the comparison.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { redisAvailable, redisUrl } from "../test/support/redis.js";
import { demoMeasurementInput } from "../test/support/live-load.js";
import type {
  BenchmarkResult,
  BenchOptions,
  Figure,
  MemorySample,
  Table,
} from "./support/benchmark-result.js";
import { benchmarkMain, isMain, say } from "./support/benchmark-main.js";
import { createBenchDatabase, postgresProblem } from "./support/bench-database.js";
import { startBenchChildServer, type BenchChildServer } from "./support/bench-child-server.js";
import { hotList, summariseProfile, type HotFunction } from "./support/cpu-profile.js";
import { remoteProfiler } from "./support/remote-profiler.js";
import { formatCount, formatMs } from "./support/format.js";
import { requestGraphQL } from "./support/graphql-post.js";
import { processMemoryMb } from "./memory.js";
import { processCpuSplitMs } from "./support/process-cpu.js";
import { RECORD_MEASUREMENT } from "./support/operations.js";
import { subscriberFleet, type SubscriberFleet } from "./progress-subscribers.js";
import { subscriberProcesses } from "./subscriber-processes.js";
import { latencySummary, type LatencySummary } from "./support/statistics.js";

const TARGET_P99_MS = 200;
const SCALE = 5_000;
const COMPARISON = 500;
/** Client processes for the comparison run (the headline's clients are all in this process). */
const CLIENT_PROCESSES = 2;
/** Sockets opened at a time, within the servers' listen backlog. */
const WAVE = 250;
/** File descriptors this process needs: one socket per subscriber, and some to spare. */
const DESCRIPTORS_NEEDED = SCALE + 1_000;
/** The demo trust's academies and the two attendance targets each has: measurements go round them. */

interface Instance {
  readonly server: BenchChildServer;
  readonly idleMb: number;
}

/** One pass: how many subscribers, and over how many client processes (0: in this one). */
interface Run {
  readonly subscribers: number;
  readonly clientProcesses: number;
}

const runName = (run: Run) =>
  `${formatCount(run.subscribers)} subscribers, ${run.clientProcesses === 0 ? "clients in the benchmark's process" : `clients in ${run.clientProcesses} processes`}`;

interface SizeResult {
  readonly run: Run;
  readonly subscribers: number;
  readonly events: number;
  /** Recordings the server refused (left out of the latencies). */
  readonly failures: readonly string[];
  /** Send to the last subscriber's arrival, per measurement. */
  readonly last: LatencySummary;
  /** Send to each arrival. */
  readonly deliveries: LatencySummary;
  /** Send to the mutation's answer. */
  readonly recorded: LatencySummary;
  /** Seconds to open every socket and subscription. */
  readonly connectSeconds: number;
  /** Per instance: resident MB subscribed (after the warm-up events), and per subscriber over idle (KB). */
  readonly memory: { rssMb: number; perSubscriberKb: number }[];
  /** Per instance: CPU ms per measurement (its recordings and its fan-out). */
  readonly serverCpuMs: number[];
  /** Per instance: the part of it spent in the kernel (socket writes, mostly). */
  readonly serverSystemMs: number[];
  /** This process (every client): CPU ms per measurement, and its kernel part. */
  readonly clientCpuMs: number;
  readonly clientSystemMs: number;
  readonly wallMs: number;
  readonly load: readonly [number, number];
}

/** The soft and hard limits on open files of this process (null: unlimited). */
async function descriptorLimits(): Promise<{ soft: number | null; hard: number | null }> {
  const text = await readFile("/proc/self/limits", "utf8");
  const match = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(text);
  const value = (limit: string | undefined) =>
    limit === undefined || limit === "unlimited" ? null : Number(limit);
  return { soft: value(match?.[1]), hard: value(match?.[2]) };
}

/**
 * Enough file descriptors for `needed` sockets: when the soft limit is lower
 * and the hard limit allows it, runs this benchmark again under a shell that
 * raises it (node cannot call setrlimit) and exits with its status; when even
 * the hard limit is too low, says so. Returns what was allowed, for the method.
 */
async function ensureDescriptors(needed: number): Promise<string> {
  const { soft, hard } = await descriptorLimits();
  const shown = (limit: number | null) => (limit === null ? "unlimited" : formatCount(limit));
  if (soft === null || soft >= needed)
    return `ulimit -n ${shown(soft)} (hard ${shown(hard)}), ${formatCount(needed)} needed`;
  if (hard !== null && hard < needed)
    throw new Error(
      `This process may open ${soft} files (hard limit ${hard}) and ${formatCount(needed)} subscriber sockets need more: raise the hard limit (ulimit -Hn) first.`,
    );
  if (process.env.LIVE_SCALE_RAISED)
    throw new Error(`ulimit -n ${needed} did not raise the limit (still ${soft})`);
  say(`  raising the open-file limit from ${soft} to ${needed} and running again`);
  const again = spawnSync(
    "/bin/sh",
    [
      "-c",
      `ulimit -n ${needed} && exec "$0" "$@"`,
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: "inherit", env: { ...process.env, LIVE_SCALE_RAISED: "1" } },
  );
  process.exit(again.status ?? 1);
}

async function recordAt(url: string, token: string, index: number): Promise<void> {
  await requestGraphQL(
    url,
    RECORD_MEASUREMENT,
    { input: demoMeasurementInput(index, "benchmark") },
    token,
  );
}

async function measureSize(
  instances: readonly Instance[],
  tokens: Readonly<Record<string, string>>,
  run: Run,
  events: number,
  samples: MemorySample[],
  profile: ((during: () => Promise<void>) => Promise<void>) | null,
): Promise<SizeResult> {
  const { subscribers, clientProcesses } = run;
  const urls = instances.map((instance) => instance.server.url);
  const opening = performance.now();
  const fleet: SubscriberFleet & { pids?: readonly number[] } =
    clientProcesses === 0
      ? await subscriberFleet(urls, tokens.leader!, null, subscribers, WAVE)
      : await subscriberProcesses(urls, tokens.leader!, subscribers, clientProcesses, WAVE);
  const clientCpu = async () => {
    const own = process.cpuUsage();
    const children = await Promise.all((fleet.pids ?? []).map((pid) => processCpuSplitMs(pid)));
    return children.reduce(
      (sum, child) => ({
        userMs: sum.userMs + child.userMs,
        systemMs: sum.systemMs + child.systemMs,
      }),
      { userMs: own.user / 1000, systemMs: own.system / 1000 },
    );
  };
  const connectSeconds = (performance.now() - opening) / 1000;
  say(`  ${formatCount(subscribers)} subscribed in ${connectSeconds.toFixed(1)} s`);
  let counter = subscribers * 1000;
  try {
    await sleep(1000);
    let expected = 0;
    const record = (index: number) =>
      recordAt(urls[index % urls.length]!, tokens["data-manager"]!, counter++);
    // Warm-up: every subscriber has the first events before timing starts.
    for (let index = 0; index < 3; index++) {
      await record(index);
      expected += subscribers;
      await fleet.waitForEvents(expected, 60_000);
    }
    fleet.takeArrivals();
    const memory = await Promise.all(
      instances.map(async ({ server, idleMb }, index) => {
        const { rssMb, peakMb } = await processMemoryMb(server.pid);
        samples.push({
          after: `live scale: instance ${index + 1}, ${formatCount(subscribers / instances.length)} subscribed (${runName(run)})`,
          rssMb,
          peakMb,
          process: "child process",
        });
        return { rssMb, perSubscriberKb: ((rssMb - idleMb) * 1024) / (subscribers / urls.length) };
      }),
    );

    const deliveries: number[] = [];
    const last: number[] = [];
    const recorded: number[] = [];
    const failures: string[] = [];
    const cpuBefore = await Promise.all(
      instances.map(({ server }) => processCpuSplitMs(server.pid)),
    );
    const clientBefore = await clientCpu();
    const loadBefore = os.loadavg()[0] ?? 0;
    const wallStart = performance.now();
    for (let index = 0; index < events; index++) {
      const start = performance.now();
      const answered = await record(index).then(
        () => null,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      if (answered !== null) {
        // Refused (the server logs why): if it committed all the same, its events still come.
        failures.push(answered);
        await fleet
          .waitForEvents(expected + subscribers, 5_000)
          .then(() => (expected += subscribers))
          .catch(() => undefined);
        fleet.takeArrivals();
        continue;
      }
      recorded.push(performance.now() - start);
      expected += subscribers;
      await fleet.waitForEvents(expected, 60_000);
      const arrivals = fleet.takeArrivals().map((at) => at - start);
      deliveries.push(...arrivals);
      last.push(arrivals.reduce((top, at) => Math.max(top, at), 0));
      await sleep(50);
    }
    const wallMs = performance.now() - wallStart;
    const clientAfter = await clientCpu();
    const cpuAfter = await Promise.all(
      instances.map(({ server }) => processCpuSplitMs(server.pid)),
    );
    const loadAfter = os.loadavg()[0] ?? 0;
    if (profile)
      await profile(async () => {
        for (let index = 0; index < 5; index++) {
          await record(index);
          expected += subscribers;
          await fleet.waitForEvents(expected, 60_000);
          await sleep(50);
        }
      });
    if (fleet.errors.length > 0)
      throw new Error(`subscription errors: ${JSON.stringify(fleet.errors[0])}`);
    return {
      run,
      subscribers,
      events,
      failures,
      last: latencySummary(last),
      deliveries: latencySummary(deliveries),
      recorded: latencySummary(recorded),
      connectSeconds,
      memory,
      serverCpuMs: cpuAfter.map(
        (after, index) =>
          (after.userMs + after.systemMs - cpuBefore[index]!.userMs - cpuBefore[index]!.systemMs) /
          events,
      ),
      serverSystemMs: cpuAfter.map(
        (after, index) => (after.systemMs - cpuBefore[index]!.systemMs) / events,
      ),
      clientCpuMs:
        (clientAfter.userMs + clientAfter.systemMs - clientBefore.userMs - clientBefore.systemMs) /
        events,
      clientSystemMs: (clientAfter.systemMs - clientBefore.systemMs) / events,
      wallMs,
      load: [loadBefore, loadAfter],
    };
  } finally {
    await fleet.dispose();
    await sleep(1000);
  }
}

const kb = (value: number) => `${formatCount(value)} KB`;

export async function liveScaleBenchmark(options: BenchOptions): Promise<BenchmarkResult> {
  const started = performance.now();
  const title = "5c. Live progress at October-board scale";
  const postgres = await postgresProblem();
  const redis = postgres === null ? await redisAvailable() : false;
  const skipped = postgres ?? (redis ? null : `Redis at ${redisUrl} is not reachable`);
  const base = {
    key: "live-scale",
    title,
    method: "",
    figures: [],
    tables: [],
    memory: [],
    findings: [],
  };
  if (skipped) return { ...base, skipped, seconds: 0 };
  const descriptors = await ensureDescriptors(DESCRIPTORS_NEEDED);
  const events = options.quick ? 12 : 40;
  // The headline last: by then both servers have held 5,000 subscribers once (heaps grown).
  const headline: Run = { subscribers: SCALE, clientProcesses: 0 };
  const runs: Run[] = [
    { subscribers: COMPARISON, clientProcesses: 0 },
    { subscribers: SCALE, clientProcesses: CLIENT_PROCESSES },
    headline,
  ];

  const database = await createBenchDatabase("postgresql");
  const servers: BenchChildServer[] = [];
  const samples: MemorySample[] = [];
  let hot: HotFunction[] = [];
  const results: SizeResult[] = [];
  try {
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl };
    servers.push(await startBenchChildServer(env, { nodeFlags: ["--inspect=127.0.0.1:0"] }));
    servers.push(await startBenchChildServer(env));
    const tokens = servers[0]!.tokens;
    // Idle: started, and one recording through each (code loaded, pools open), no subscriber.
    for (const [index, server] of servers.entries())
      await recordAt(server.url, tokens["data-manager"]!, index);
    await sleep(1000);
    const instances: Instance[] = [];
    for (const [index, server] of servers.entries()) {
      const { rssMb, peakMb } = await processMemoryMb(server.pid);
      samples.push({
        after: `live scale: instance ${index + 1} idle`,
        rssMb,
        peakMb,
        process: "child process",
      });
      instances.push({ server, idleMb: rssMb });
    }
    const profiler = servers[0]!.inspectorUrl
      ? await remoteProfiler(servers[0]!.inspectorUrl)
      : null;
    try {
      for (const run of runs) {
        const profile =
          run === headline && profiler
            ? async (during: () => Promise<void>) => {
                await profiler.start();
                await during();
                hot = summariseProfile(await profiler.stop(), 16);
              }
            : null;
        const result = await measureSize(instances, tokens, run, events, samples, profile);
        results.push(result);
        say(
          `  ${runName(run)}: last p50 ${formatMs(result.last.p50)}, p99 ${formatMs(result.last.p99)}; ${result.memory.map((m) => kb(m.perSubscriberKb)).join(", ")} a subscriber; server CPU ${result.serverCpuMs.map((ms, i) => `${ms.toFixed(1)} (kernel ${result.serverSystemMs[i]!.toFixed(1)})`).join(", ")} ms, clients ${result.clientCpuMs.toFixed(1)} (kernel ${result.clientSystemMs.toFixed(1)}) ms an event`,
        );
      }
    } finally {
      profiler?.close();
    }
  } finally {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await database.drop();
  }

  const [small, spread, large] = results as [SizeResult, SizeResult, SizeResult];
  const perSubscriber = (result: SizeResult) =>
    result.memory.reduce((sum, m) => sum + m.perSubscriberKb, 0) / result.memory.length;
  const idle = samples.filter((sample) => sample.after.endsWith("idle"));
  const cores = os.cpus().length;
  const msList = (values: readonly number[]) =>
    values.map((ms) => `${ms.toFixed(1)} ms`).join(" and ");
  const figures: Figure[] = [
    {
      name: `2 instances (PostgreSQL + Redis), ${formatCount(SCALE)} subscribers: p99, measurement sent to the last subscriber's event (${large.events} measurements)`,
      value: large.last.p99,
      unit: "ms",
      target: `< ${TARGET_P99_MS} ms`,
      met: large.last.p99 < TARGET_P99_MS,
      comparison: `p50 ${formatMs(large.last.p50)}, clients in the benchmark's process; ${large.failures.length} of ${large.events} recordings refused${large.failures[0] ? ` (${large.failures[0]})` : ""}; at ${formatCount(COMPARISON)} subscribers p50 ${formatMs(small.last.p50)}, p99 ${formatMs(small.last.p99)} (${(large.last.p50 / small.last.p50).toFixed(1)}x the p50 for ${SCALE / COMPARISON}x the subscribers); the ${formatCount(SCALE)} clients spread over ${CLIENT_PROCESSES} processes: p50 ${formatMs(spread.last.p50)}, p99 ${formatMs(spread.last.p99)}`,
    },
    {
      name: `Server memory per subscriber (resident, subscribed minus idle, per instance, ${formatCount(SCALE / 2)} each, the first time they held ${formatCount(SCALE)})`,
      value: perSubscriber(spread),
      unit: "KB",
      target: null,
      met: null,
      comparison: `instances ${spread.memory.map((m) => kb(m.perSubscriberKb)).join(" and ")} (${spread.memory.map((m) => `${formatCount(m.rssMb)} MB`).join(" and ")} resident subscribed, idle ${idle.map((sample) => `${formatCount(sample.rssMb)} MB`).join(" and ")}); at ${formatCount(COMPARISON)} subscribers ${kb(perSubscriber(small))}; in the headline run, after the servers had held ${formatCount(SCALE)} once, ${kb(perSubscriber(large))} (freed memory the process keeps counts again)`,
    },
    {
      name: `Server CPU per measurement at ${formatCount(SCALE)} subscribers (each instance: its recordings and its fan-out to ${formatCount(SCALE / 2)})`,
      value: large.serverCpuMs.reduce((sum, ms) => sum + ms, 0) / large.serverCpuMs.length,
      unit: "ms",
      target: null,
      met: null,
      comparison: `instances ${msList(large.serverCpuMs)} (in the kernel ${msList(large.serverSystemMs)}); at ${formatCount(COMPARISON)} ${msList(small.serverCpuMs)}; the clients ${large.clientCpuMs.toFixed(1)} ms at ${formatCount(SCALE)} (${spread.clientCpuMs.toFixed(1)} ms in ${CLIENT_PROCESSES} processes), ${small.clientCpuMs.toFixed(1)} ms at ${formatCount(COMPARISON)}, on the same ${os.cpus().length} cores`,
    },
  ];
  const row = (result: SizeResult): string[] => [
    runName(result.run),
    `${result.connectSeconds.toFixed(1)} s`,
    formatMs(result.recorded.p50),
    formatMs(result.last.p50),
    formatMs(result.last.p95),
    formatMs(result.last.p99),
    formatMs(result.deliveries.p50),
    result.memory.map((m) => kb(m.perSubscriberKb)).join(", "),
    result.serverCpuMs
      .map((ms, index) => `${ms.toFixed(1)} ms (${result.serverSystemMs[index]!.toFixed(1)})`)
      .join(", "),
    `${result.clientCpuMs.toFixed(1)} ms (${result.clientSystemMs.toFixed(1)})`,
    `${result.load[0].toFixed(1)} to ${result.load[1].toFixed(1)}`,
    `${result.failures.length}`,
  ];
  const tables: Table[] = [
    {
      title: `${formatCount(COMPARISON)} against ${formatCount(SCALE)} subscribers (same servers, same run, in this order)`,
      header: [
        "Run",
        "Subscribed in",
        "Recording answered p50",
        "Last subscriber p50",
        "p95",
        "p99",
        "Each delivery p50",
        "Memory a subscriber (per instance)",
        "Server CPU a measurement, per instance (in the kernel)",
        "Client CPU a measurement (in the kernel)",
        "Load average",
        "Recordings refused",
      ],
      rows: results.map(row),
    },
    {
      title: `Where instance 1 spends its time while 5 measurements fan out to ${formatCount(SCALE)} subscribers (its sampling profiler, through its inspector; self time)`,
      header: ["Function (file)", "Self time"],
      rows: hot.map((entry) => [entry.name, `${(entry.selfShare * 100).toFixed(1)}%`]),
    },
  ];
  const servers2 = large.serverCpuMs.reduce((sum, ms) => sum + ms, 0);
  const busy = servers2 + large.clientCpuMs;
  const kernel = large.serverSystemMs.reduce((sum, ms) => sum + ms, 0);
  const findings: string[] = [
    `Per measurement at ${formatCount(SCALE)} subscribers the two servers and the clients need ${formatMs(busy)} of CPU (servers ${msList(large.serverCpuMs)}, clients ${large.clientCpuMs.toFixed(1)} ms) on ${cores} cores that PostgreSQL, Redis and the rest of the machine share, so the last subscriber cannot be served in less than about ${formatMs(busy / cores)} however the work is spread; the clients are ${((large.clientCpuMs / busy) * 100).toFixed(0)}% of it. ${((kernel / servers2) * 100).toFixed(0)}% of the servers' time is the kernel's: one socket write per subscriber per event, which on loopback also carries the receiving side's TCP work. The servers' hottest functions while events fan out: ${hotList(hot, 6)}.`,
    `Clients in the benchmark's one process (p50 ${formatMs(large.last.p50)}, p99 ${formatMs(large.last.p99)} to the last subscriber, ${large.clientCpuMs.toFixed(1)} ms of client CPU a measurement) against the same clients spread over ${CLIENT_PROCESSES} processes (p50 ${formatMs(spread.last.p50)}, p99 ${formatMs(spread.last.p99)}, ${spread.clientCpuMs.toFixed(1)} ms; servers ${msList(spread.serverCpuMs)}): on ${cores} cores, more client processes only add to what competes with the servers, so the headline keeps them in one.`,
  ];
  if (!figures[0]!.met)
    findings.push(
      `Missed: p99 ${formatMs(large.last.p99)} to the last of ${formatCount(SCALE)} subscribers (load average ${large.load[0].toFixed(1)} to ${large.load[1].toFixed(1)} on ${cores} cores). What remains per subscriber on a server is its socket write (the kernel's part above), the frame built for it, and one promise turn as its subscription hands it the event; what would cut the last two is handing an event to every live subscriber of an audience in one synchronous pass (the events layer calling a sink instead of resolving each subscription's promise), and beyond that more cores: the fan-out of the two instances and the clients' parsing are on the same ${cores}.`,
    );
  return {
    ...base,
    method: `${formatCount(SCALE)} graphql-ws clients (graphql-ws's own client, over ws) subscribe to the demo trust's progressChanged as its leader (the whole trust, with the target's progress, as an open dashboard asks), alternating between two servers started as child processes on one PostgreSQL and Redis; the clients run in the benchmark's own process (${descriptors}), and, for comparison, spread over ${CLIENT_PROCESSES} child processes (bench/subscriber-processes.ts; arrivals reported as wall-clock times). A data manager records ${events} measurements one after another over HTTP, through each instance in turn, after 3 warm-up measurements; each is timed from just before the mutation is sent to the last subscriber's next() callback, so the write, the Redis hop, both instances' fan-out and the clients' own parsing are inside. Memory per subscriber is each instance's resident set with its subscribers (after the warm-up) minus the same instance idle (started, one recording made, nobody subscribed), divided by its subscribers. The same servers serve ${formatCount(COMPARISON)} subscribers first, then ${formatCount(SCALE)} with the clients in ${CLIENT_PROCESSES} processes, then the headline run. During the headline run, 5 more measurements with instance 1's sampling profiler on. CPU is read from /proc (user and kernel) for each server and client process.`,
    figures,
    tables,
    memory: samples,
    findings,
    skipped: null,
    seconds: (performance.now() - started) / 1000,
  };
}

if (isMain(import.meta.url)) await benchmarkMain(liveScaleBenchmark);

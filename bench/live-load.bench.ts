// 5b. Live progress at October-board load (issue 18).
// (a) Throughput: one instance, 200 subscribers (each as an open academy card:
//     the change with its target's progress), 50 measurements/s recorded over
//     HTTP: p99 from sending a measurement to a subscriber receiving it
//     (target < 200 ms), and the slowest recording (target < 1 s).
// (b) Failover: two instances on PostgreSQL and Redis, 500 subscribers split
//     between them, 50 measurements/s; instance A killed with SIGKILL mid-stream
//     and its subscribers resuming on B from their cursors: events lost and
//     repeated (target 0 and 0) and the reconnect time.
// The same harness runs small in `npm test` (test/live/two-instances.test.ts).
import { redisAvailable, redisUrl } from "../test/support/redis.js";
import { runLiveLoad, type LoadResult } from "../test/support/live-load.js";
import { openDatabase } from "../server/db/index.js";
import type { BenchmarkResult, BenchOptions, Figure } from "./support/benchmark-result.js";
import { benchmarkMain, isMain, say } from "./support/benchmark-main.js";
import { createBenchDatabase, postgresProblem } from "./support/bench-database.js";
import { startBenchChildServer, type BenchChildServer } from "./support/bench-child-server.js";
import { formatCount, formatMs } from "./support/format.js";
import { latencySummary } from "./support/statistics.js";
import { childSample } from "./memory.js";
import type { MemorySample } from "./support/benchmark-result.js";

const RATE = 50;
const THROUGHPUT_SUBSCRIBERS = 200;
const FAILOVER_SUBSCRIBERS = 500;
const P99_TARGET_MS = 200;
const RECORDING_TARGET_MS = 1000;

const committedIn = (url: string) => async (source: string) => {
  const { prisma, close } = await openDatabase(url);
  try {
    return (await prisma.measurement.findMany({ where: { source }, select: { id: true } })).map(
      (row) => row.id,
    );
  } finally {
    await close();
  }
};

async function throughput(seconds: number, memory: MemorySample[]): Promise<LoadResult> {
  const database = await createBenchDatabase("sqlite");
  let server: BenchChildServer | null = null;
  try {
    server = await startBenchChildServer({ DATABASE_URL: database.url });
    const result = await runLiveLoad({
      servers: [{ url: server.url }],
      leaderToken: server.tokens.leader!,
      dataManagerToken: server.tokens["data-manager"]!,
      subscribers: THROUGHPUT_SUBSCRIBERS,
      rate: RATE,
      seconds,
      withTarget: true,
      committed: committedIn(database.url),
    });
    memory.push(
      await childSample(
        `live load: 1 instance after ${result.committed} measurements to ${THROUGHPUT_SUBSCRIBERS} subscribers`,
        server.pid,
      ),
    );
    return result;
  } finally {
    await server?.stop();
    await database.drop();
  }
}

async function failover(seconds: number): Promise<LoadResult> {
  const database = await createBenchDatabase("postgresql");
  const servers: BenchChildServer[] = [];
  try {
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl };
    servers.push(await startBenchChildServer(env));
    servers.push(await startBenchChildServer(env));
    const [a, b] = servers as [BenchChildServer, BenchChildServer];
    return await runLiveLoad({
      servers: [{ url: a.url, kill: () => process.kill(a.pid, "SIGKILL") }, { url: b.url }],
      leaderToken: a.tokens.leader!,
      dataManagerToken: a.tokens["data-manager"]!,
      subscribers: FAILOVER_SUBSCRIBERS,
      rate: RATE,
      seconds,
      killAfterSeconds: seconds / 2.5,
      committed: committedIn(database.url),
      settleMs: 60_000,
    });
  } finally {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await database.drop();
  }
}

export async function liveLoadBenchmark(options: BenchOptions): Promise<BenchmarkResult> {
  const started = performance.now();
  const seconds = options.quick ? 4 : 10;
  const memory: MemorySample[] = [];
  const one = await throughput(seconds, memory);
  const deliveries = latencySummary(one.deliveryMs);
  const recordings = latencySummary(one.recordingMs);
  say(
    `  1 instance, ${THROUGHPUT_SUBSCRIBERS} subscribers, ${RATE}/s: p99 ${formatMs(deliveries.p99)}, slowest recording ${formatMs(recordings.max)}`,
  );
  const postgres = await postgresProblem();
  const redis = postgres === null ? await redisAvailable() : false;
  const skipped = postgres ?? (redis ? null : `Redis at ${redisUrl} is not reachable`);
  const two = skipped === null ? await failover(seconds) : null;
  const reconnect = two ? latencySummary(two.reconnectMs) : null;
  const firstEvent = two ? latencySummary(two.firstEventMs) : null;
  if (two)
    say(
      `  2 instances, ${FAILOVER_SUBSCRIBERS} subscribers, A killed: lost ${two.missing}, repeated ${two.repeated}, reconnect p99 ${formatMs(reconnect!.p99)}`,
    );

  const figures: Figure[] = [
    {
      name: `1 instance (SQLite), ${THROUGHPUT_SUBSCRIBERS} subscribers, ${RATE} measurements/s: p99 measurement sent to event received (${formatCount(deliveries.count)} deliveries)`,
      value: deliveries.p99,
      unit: "ms",
      target: `< ${P99_TARGET_MS} ms`,
      met: deliveries.p99 < P99_TARGET_MS,
      comparison: `p50 ${formatMs(deliveries.p50)}, p95 ${formatMs(deliveries.p95)}, max ${formatMs(deliveries.max)}`,
    },
    {
      name: `1 instance: slowest of ${formatCount(one.recorded)} recordings at ${RATE}/s`,
      value: recordings.max,
      unit: "ms",
      target: `< ${RECORDING_TARGET_MS} ms`,
      met: recordings.max < RECORDING_TARGET_MS && one.failedRecordings === 0,
      comparison: `p50 ${formatMs(recordings.p50)}, p99 ${formatMs(recordings.p99)}; ${one.failedRecordings} failed; lost ${one.missing}, repeated ${one.repeated}`,
    },
  ];
  if (two) {
    figures.push(
      {
        name: `2 instances, ${FAILOVER_SUBSCRIBERS} subscribers, ${RATE}/s, A killed (SIGKILL): events lost + repeated over ${formatCount(two.committed)} committed measurements`,
        value: two.missing + two.repeated,
        unit: "events",
        target: "0",
        met: two.missing + two.repeated === 0,
        comparison: `lost ${two.missing} (${two.subscribersMissing} subscribers), repeated ${two.repeated}; ${two.failedRecordings} recordings sent to A failed with it`,
      },
      {
        name: `2 instances, A killed: p99 reconnect (kill to subscription acknowledged by B, ${formatCount(reconnect!.count)} subscribers)`,
        value: reconnect!.p99,
        unit: "ms",
        target: null,
        met: null,
        comparison: `p50 ${formatMs(reconnect!.p50)}; first event from B p50 ${formatMs(firstEvent!.p50)}, p99 ${formatMs(firstEvent!.p99)}`,
      },
    );
  }
  return {
    key: "live-load",
    title: "5b. Live progress at October-board load",
    method: `graphql-ws clients in this process subscribe to the demo trust's progressChanged as its leader, each from the trust's liveCursor; a data manager records ${RATE} measurements/s over HTTP for ${seconds} s (requests sent on a schedule, not one after another). Throughput: one server (npm start, SQLite, in-process events), ${THROUGHPUT_SUBSCRIBERS} subscribers selecting the target's progress too; each delivery is timed from sending its measurement. Failover: two servers on one PostgreSQL and Redis, ${FAILOVER_SUBSCRIBERS} subscribers alternating between them; ${(seconds / 2.5).toFixed(1)} s in, A is killed with SIGKILL and its subscribers resubscribe to B with the cursor of the last event they received; at the end every subscriber's measurement ids are compared with those committed in the database (test/support/live-load.ts).${skipped ? ` Failover skipped: ${skipped}.` : ""}`,
    figures,
    tables: [
      {
        title: "Latency (ms)",
        header: ["Run", "What", "Samples", "p50", "p95", "p99", "max"],
        rows: [
          ["1 instance", "measurement sent to event received", deliveries],
          ["1 instance", "recording answered", recordings],
          ...(two
            ? ([
                ["2 instances, A killed", "kill to resubscribed on B", reconnect!],
                ["2 instances, A killed", "kill to first event from B", firstEvent!],
              ] as const)
            : []),
        ].map(([run, what, summary]) => [
          run as string,
          what as string,
          formatCount((summary as typeof deliveries).count),
          formatMs((summary as typeof deliveries).p50),
          formatMs((summary as typeof deliveries).p95),
          formatMs((summary as typeof deliveries).p99),
          formatMs((summary as typeof deliveries).max),
        ]),
      },
    ],
    memory,
    findings: [],
    skipped: null,
    seconds: (performance.now() - started) / 1000,
  };
}

if (isMain(import.meta.url)) await benchmarkMain(liveLoadBenchmark);

// Benchmark 4's measurements on one store: one database holding trusts of
// every size side by side. The server in this process (bootstrap, with its
// query counter) seeds them, counts the SQL statements per request and
// profiles a 1,000-academy overview; the latencies and resident memory come
// from the real server in a process of its own on the same database, as
// deployed, with a core to itself.
import type { MemorySample } from "./support/benchmark-result.js";
import { say } from "./support/benchmark-main.js";
import { startBenchChildServer, type BenchChildServer } from "./support/bench-child-server.js";
import type { StoreKind } from "./support/bench-database.js";
import { startBenchServer, type BenchServer } from "./support/bench-server.js";
import { hotFunctions, type HotFunction } from "./support/cpu-profile.js";
import { formatCount, formatMs } from "./support/format.js";
import { requestGraphQL } from "./support/graphql-post.js";
import { childSample } from "./memory.js";
import { TRUST_OVERVIEW } from "./support/operations.js";
import { overviewBreakdown, type Layer } from "./overview-breakdown.js";
import {
  CHANGED_SINCE,
  SEED_YEAR,
  seedNationalTrust,
  type SeededTrust,
} from "./support/seed-national-trust.js";
import { latencySummary, type LatencySummary } from "./support/statistics.js";

/** The size whose overview is profiled and broken down layer by layer. */
export const PROFILED_AT = 1_000;

export interface SizeResult {
  readonly store: StoreKind;
  readonly academies: number;
  readonly seedSeconds: number;
  readonly seededRows: number;
  readonly latency: LatencySummary;
  /** SQL statements per request: fewest and most seen. */
  readonly queries: { min: number; max: number };
  readonly responseBytes: number;
  /** The server's resident memory after this size's requests. */
  readonly rssMb: number;
}

export interface StoreResult {
  readonly sizes: SizeResult[];
  /** The in-process server's profile of a PROFILED_AT-academy overview. */
  readonly hot: HotFunction[];
  readonly layers: Layer[];
}

interface OverviewData {
  trustOverview: { academies: unknown[] };
}

const VARIABLES = { year: SEED_YEAR, changedSince: CHANGED_SINCE };

function repetitionsFor(academies: number, quick: boolean): number {
  if (academies >= 10_000) return 5;
  if (academies >= 1_000) return quick ? 15 : 40;
  return quick ? 20 : 60;
}

async function overview(url: string, trust: SeededTrust): Promise<OverviewData> {
  const data = await requestGraphQL<OverviewData>(
    url,
    TRUST_OVERVIEW,
    VARIABLES,
    trust.leaderToken,
  );
  if (data.trustOverview.academies.length !== trust.academies)
    throw new Error(
      `${data.trustOverview.academies.length} academies answered, not ${trust.academies}`,
    );
  return data;
}

/** SQL statements per request, from the in-process server's counter. */
async function countQueries(server: BenchServer, trust: SeededTrust) {
  const counts: number[] = [];
  for (let index = 0; index < 2; index++) {
    server.handle.resetQueryCount();
    await overview(server.url, trust);
    counts.push(server.handle.queryCount());
  }
  return { min: Math.min(...counts), max: Math.max(...counts) };
}

/** Sequential requests to the server in its own process, after a warm-up. */
async function timeOverview(child: BenchChildServer, trust: SeededTrust, quick: boolean) {
  const warmups = trust.academies >= 10_000 ? 1 : 3;
  for (let index = 0; index < warmups; index++) await overview(child.url, trust);
  const samples: number[] = [];
  let responseBytes = 0;
  for (let index = 0; index < repetitionsFor(trust.academies, quick); index++) {
    const start = process.hrtime.bigint();
    const data = await overview(child.url, trust);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    responseBytes = JSON.stringify(data).length;
  }
  return { latency: latencySummary(samples), responseBytes };
}

export async function measureStore(
  store: StoreKind,
  sizes: readonly number[],
  quick: boolean,
  memory: MemorySample[],
): Promise<StoreResult> {
  const server = await startBenchServer(store);
  try {
    const seeded: { trust: SeededTrust; seedSeconds: number }[] = [];
    let firstUrn = 100_000;
    for (const academies of sizes) {
      const start = performance.now();
      const trust = await seedNationalTrust(
        server.handle.prisma,
        store,
        `TR${String(10_000 + academies).slice(-5)}`,
        academies,
        firstUrn,
      );
      firstUrn += academies;
      seeded.push({ trust, seedSeconds: (performance.now() - start) / 1000 });
    }
    const counted = [];
    for (const { trust } of seeded) counted.push(await countQueries(server, trust));
    const profiled = seeded.find(({ trust }) => trust.academies === PROFILED_AT)?.trust;
    let hot: HotFunction[] = [];
    let layers: Layer[] = [];
    if (profiled) {
      hot = await hotFunctions(async () => {
        for (let index = 0; index < 10; index++) await overview(server.url, profiled);
      }, 14);
      layers = await overviewBreakdown(server, profiled, quick ? 5 : 11);
    }

    const child = await startBenchChildServer({
      DATABASE_URL: server.database.url,
      SEED_DEMO: "false",
    });
    const results: SizeResult[] = [];
    try {
      for (const [index, { trust, seedSeconds }] of seeded.entries()) {
        const { latency, responseBytes } = await timeOverview(child, trust, quick);
        const sample = await childSample(
          `trust overview, ${store}, ${formatCount(trust.academies)} academies`,
          child.pid,
        );
        memory.push(sample);
        const queries = counted[index]!;
        results.push({
          store,
          academies: trust.academies,
          seedSeconds,
          seededRows: trust.rows,
          latency,
          queries,
          responseBytes,
          rssMb: sample.rssMb,
        });
        say(
          `  ${store}, ${formatCount(trust.academies)} academies: p50 ${formatMs(latency.p50)}, p95 ${formatMs(latency.p95)}, ${queries.max} SQL statements, ${formatCount(sample.rssMb, 1)} MB resident (seeded ${formatCount(trust.rows)} rows in ${seedSeconds.toFixed(1)} s)`,
        );
      }
    } finally {
      await child.stop();
    }
    return { sizes: results, hot, layers };
  } finally {
    await server.stop();
  }
}

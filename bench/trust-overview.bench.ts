// 4. Trust overview at 10, 100, 1,000 and 10,000 academies (national scale),
// each with a year of targets and half-termly measurements, on SQLite and
// PostgreSQL: p50 and p95 latency over HTTP as a leader, and the SQL
// statements per request, which must not grow with the trust. Target: p95
// under 100 ms at 1,000 academies; cost growing no faster than linearly.
import type {
  BenchmarkResult,
  BenchOptions,
  Figure,
  MemorySample,
  Table,
} from "./support/benchmark-result.js";
import { benchmarkMain, isMain } from "./support/benchmark-main.js";
import { postgresProblem, type StoreKind } from "./support/bench-database.js";
import { hotList, type HotFunction } from "./support/cpu-profile.js";
import { formatCount, formatMs, formatRatio } from "./support/format.js";
import type { Layer } from "./overview-breakdown.js";
import { CHANGED_SINCE, SEED_YEAR } from "./support/seed-national-trust.js";
import { measureStore, PROFILED_AT, type SizeResult } from "./trust-overview-store.js";

const TARGET_P95_MS = 100;
const TARGET_AT = PROFILED_AT;

function layer(layers: readonly Layer[], prefix: string): number {
  return layers.find((candidate) => candidate.name.startsWith(prefix))?.p50 ?? Number.NaN;
}

/** What limits the overview, in numbers from the layer breakdown and the profile. */
function layerFinding(
  store: StoreKind,
  atTarget: SizeResult,
  layers: readonly Layer[],
  hot: readonly HotFunction[],
): string {
  const http = layer(layers, "HTTP");
  const service = layer(layers, "OverviewService");
  const measurements = layer(layers, "Prisma: the year's measurements, all");
  const measurementsLean = layer(layers, "Prisma: the year's measurements, the seven");
  const driver = layer(layers, "Driver");
  const designations = layer(layers, "Prisma: current designations (all");
  const designationsLean = layer(layers, "Prisma: current designations without");
  return [
    `${store}: p95 ${formatMs(atTarget.latency.p95)} (p50 ${formatMs(atTarget.latency.p50)}) at ${formatCount(TARGET_AT)} academies misses ${TARGET_P95_MS} ms.`,
    `Alone, the service answers in ${formatMs(service)}; the resolver, GraphQL execution and JSON over HTTP add ${formatMs(http - service)} for a ${formatCount(atTarget.responseBytes / 1024)} KB answer.`,
    `The largest read is the year's measurements, ${formatCount(TARGET_AT * 13)} rows: ${formatMs(measurements)} through Prisma with all columns, ${formatMs(measurementsLean)} with the seven the overview reads, ${formatMs(driver)} through the driver alone (Prisma's row mapping is the difference). Current designations cost ${formatMs(designations)} with their reasons JSON, ${formatMs(designationsLean)} without.`,
    hot.length > 0 ? `The profile's largest self times: ${hotList(hot, 6)}.` : "",
  ].join(" ");
}

export async function trustOverviewBenchmark(options: BenchOptions): Promise<BenchmarkResult> {
  const started = performance.now();
  const sizes = options.quick ? [10, 100, 1_000] : [10, 100, 1_000, 10_000];
  const memory: MemorySample[] = [];
  const stores: StoreKind[] = ["sqlite"];
  const postgres = await postgresProblem();
  if (postgres === null) stores.push("postgresql");
  const all: SizeResult[] = [];
  const hotByStore = new Map<StoreKind, HotFunction[]>();
  const layersByStore = new Map<StoreKind, Layer[]>();
  for (const store of stores) {
    const measured = await measureStore(store, sizes, options.quick, memory);
    all.push(...measured.sizes);
    hotByStore.set(store, measured.hot);
    layersByStore.set(store, measured.layers);
  }

  const figures: Figure[] = [];
  const findings: string[] = [];
  for (const store of stores) {
    const rows = all.filter((result) => result.store === store);
    const atTarget = rows.find((result) => result.academies === TARGET_AT);
    if (atTarget) {
      const smallest = rows[0]!;
      figures.push({
        name: `${store}: p95 at ${formatCount(TARGET_AT)} academies`,
        value: atTarget.latency.p95,
        unit: "ms",
        target: `< ${TARGET_P95_MS} ms`,
        met: atTarget.latency.p95 < TARGET_P95_MS,
        comparison: `p50 ${formatMs(atTarget.latency.p50)}; ${formatRatio(atTarget.latency.p50 / smallest.latency.p50)} the p50 at ${formatCount(smallest.academies)} academies`,
      });
    }
    const queryCounts = new Set(rows.flatMap((result) => [result.queries.min, result.queries.max]));
    figures.push({
      name: `${store}: SQL statements per request, ${formatCount(rows[0]!.academies)} to ${formatCount(rows[rows.length - 1]!.academies)} academies`,
      value: Math.max(...queryCounts),
      unit: "statements",
      target: "constant",
      met: queryCounts.size === 1,
      comparison:
        queryCounts.size === 1
          ? "the same at every size"
          : `varies: ${[...queryCounts].join(", ")}`,
    });
    // Growth: time per academy should not rise with the trust (above the fixed cost of a request).
    const largest = rows[rows.length - 1]!;
    const previous = rows[rows.length - 2];
    if (previous) {
      const growth = largest.latency.p50 / previous.latency.p50;
      const sizeGrowth = largest.academies / previous.academies;
      figures.push({
        name: `${store}: p50 growth from ${formatCount(previous.academies)} to ${formatCount(largest.academies)} academies`,
        value: growth,
        unit: "x",
        target: `<= ${formatRatio(sizeGrowth)} (linear)`,
        met: growth <= sizeGrowth * 1.1,
        comparison: `${formatMs(previous.latency.p50)} -> ${formatMs(largest.latency.p50)}; ${(largest.latency.p50 / largest.academies).toFixed(3)} ms per academy`,
      });
    }
    const layers = layersByStore.get(store) ?? [];
    if (atTarget && atTarget.latency.p95 >= TARGET_P95_MS && layers.length > 0)
      findings.push(layerFinding(store, atTarget, layers, hotByStore.get(store) ?? []));
  }

  if (findings.length > 0)
    findings.push(
      "What would fix it (server/services/overview.service.ts, for the lead): (1) set-based: read only each academy's latest measurement per metric (the one progress uses: a window function, ROW_NUMBER() OVER (PARTITION BY academyId, metric ORDER BY the period's rank, provisional last), which SQLite and PostgreSQL both run) plus the rows since changedSince through the existing (trustId, createdAt) index, instead of the whole year - about a quarter of the rows, and of the memory; (2) leave the designations' reasons column out of the overview's read (`omit: { reasons: true }`) when the query does not ask for reasons; (3) cache the answer per (trust, year, changedSince) and drop it on any LiveEvent of that trust - the server publishes one after every change it commits, so such a cache is correct by construction and a dashboard refresh becomes a memory read; (4) page the academies (first/after, as `academies` already does) so that a 10,000-academy trust is not one multi-megabyte answer.",
    );
  const layerStores = [...layersByStore].filter(([, layers]) => layers.length > 0);
  const tables: Table[] = [
    {
      title: "trustOverview over HTTP as a leader, server in its own process",
      header: [
        "Store",
        "Academies",
        "Rows in the trust",
        "p50",
        "p95",
        "p99",
        "ms per academy (p50)",
        "SQL statements",
        "Response",
        "Requests",
        "Server memory after",
      ],
      rows: all.map((result) => [
        result.store,
        formatCount(result.academies),
        formatCount(result.seededRows),
        formatMs(result.latency.p50),
        formatMs(result.latency.p95),
        formatMs(result.latency.p99),
        (result.latency.p50 / result.academies).toFixed(3),
        result.queries.min === result.queries.max
          ? String(result.queries.max)
          : `${result.queries.min}-${result.queries.max}`,
        `${formatCount(result.responseBytes / 1024)} KB`,
        String(result.latency.count),
        `${formatCount(result.rssMb, 1)} MB`,
      ]),
    },
    {
      title: `Where a ${formatCount(TARGET_AT)}-academy overview's time goes, layer by layer (p50, each alone)`,
      header: ["Layer", ...layerStores.map(([store]) => store)],
      rows: (layerStores[0]?.[1] ?? []).map((layer, index) => [
        layer.name,
        ...layerStores.map(([, layers]) => formatMs(layers[index]?.p50 ?? Number.NaN)),
      ]),
    },
    ...[...hotByStore].map(([store, hot]) => ({
      title: `Where a ${formatCount(TARGET_AT)}-academy overview spends its time on ${store} (CPU profile, self time, client included)`,
      header: ["Function (file)", "Self time"],
      rows: hot.map((entry) => [entry.name, `${(entry.selfShare * 100).toFixed(1)}%`]),
    })),
  ];
  return {
    key: "trust-overview",
    title: "4. Trust overview",
    method: `One database per store holding trusts of ${sizes.map((size) => formatCount(size)).join(", ")} academies side by side (seeded straight into the database with multi-row INSERTs of 1,000 through Prisma: per academy a current designation, three targets for ${SEED_YEAR} and thirteen measurements - two metrics each half term and a provisional outcome). Each trust's leader asks the README's trustOverview (designation, RAG, changes since ${CHANGED_SINCE.slice(0, 10)}) over HTTP. Latency and resident memory come from the real server in a process of its own on that database (npm start, as deployed): 3 warm-up requests (1 at 10,000 academies), then sequential timed requests, memory read after each size. SQL statements per request come from a twin of the server in the benchmark's process (bootstrap with its query counter; the token lookup included), which also gives the CPU profile and the layer breakdown.${stores.includes("postgresql") ? "" : ` PostgreSQL skipped: ${postgres}.`}`,
    figures,
    tables,
    memory,
    findings,
    skipped: null,
    seconds: (performance.now() - started) / 1000,
  };
}

if (isMain(import.meta.url)) await benchmarkMain(trustOverviewBenchmark);

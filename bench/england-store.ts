// Benchmark 4's measurements on one store: a 60-academy trust alone in its
// database beside the same trust in a synthetic England (2,500 trusts,
// 11,000 academies, five years), and England's 1,000-academy trust. Both
// databases are seeded through the driver, then served twice: by the server
// in this process (bootstrap with its query counter: SQL statements per
// request, the statements' plans, CPU profiles) and by the real server in a
// process of its own (latency and resident memory, as deployed). The alone
// and England servers are asked in turn, request by request, so the machine's
// load falls on both alike and their ratio carries the verdict.
import type { MemorySample } from "./support/benchmark-result.js";
import { say } from "./support/benchmark-main.js";
import { startBenchChildServer, type BenchChildServer } from "./support/bench-child-server.js";
import { createBenchDatabase, type StoreKind } from "./support/bench-database.js";
import { startBenchServerOn, type BenchServer } from "./support/bench-server.js";
import { hotFunctions, type HotFunction } from "./support/cpu-profile.js";
import { formatCount, formatMs } from "./support/format.js";
import { requestGraphQL } from "./support/graphql-post.js";
import { ACADEMY_CARDS, TRUST_OVERVIEW } from "./support/operations.js";
import { explain, statementCatcher, type StatementPlan } from "./support/query-plans.js";
import { wireSize, type WireSize } from "./support/response-bytes.js";
import {
  ENGLAND_CHANGED_SINCE,
  ENGLAND_YEAR,
  LARGE_TRUST,
  leaderOf,
  seedEngland,
  SIXTY_TRUST,
  type EnglandPlan,
  type EnglandTrust,
  type SeededEngland,
} from "./support/seed-england.js";
import { latencySummary, type LatencySummary } from "./support/statistics.js";
import { migrate } from "../server/db/index.js";
import { childSample } from "./memory.js";

/** One request the benchmark times: a trust's overview, or its cards all at once. */
export type RequestKind = "overview" | "cards";

export interface Timed {
  readonly request: RequestKind;
  readonly academies: number;
  readonly neighbourhood: "alone" | "England";
  readonly latency: LatencySummary;
  /** SQL statements per request, fewest and most seen. */
  readonly statements: { readonly min: number; readonly max: number };
  readonly responseBytes: number;
}

export interface PlannedRequest {
  readonly request: string;
  readonly plans: readonly StatementPlan[];
}

export interface StoreResult {
  readonly store: StoreKind;
  readonly seeded: { readonly alone: SeededEngland; readonly england: SeededEngland };
  readonly timed: readonly Timed[];
  readonly plans: readonly PlannedRequest[];
  readonly wire: readonly WireSize[];
  /** CPU profiles of the requests that missed their target, by request name. */
  readonly profiles: ReadonlyMap<string, HotFunction[]>;
  readonly memory: readonly MemorySample[];
}

type Trust = EnglandTrust & { readonly token: string };

interface Served {
  readonly server: BenchServer;
  readonly child: BenchChildServer;
  readonly sixty: Trust;
  readonly large: Trust | null;
}

const OVERVIEW_VARIABLES = { year: ENGLAND_YEAR, changedSince: ENGLAND_CHANGED_SINCE };

function ask(url: string, request: RequestKind, trust: Trust): Promise<unknown> {
  return request === "overview"
    ? requestGraphQL(url, TRUST_OVERVIEW, OVERVIEW_VARIABLES, trust.token).then((data) => {
        const rows = (data as { trustOverview: { academies: unknown[] } }).trustOverview.academies;
        if (rows.length !== trust.academies)
          throw new Error(`${rows.length} rows, not ${trust.academies}`);
        return data;
      })
    : requestGraphQL(
        url,
        ACADEMY_CARDS,
        { urns: trust.urns, year: ENGLAND_YEAR },
        trust.token,
      ).then((data) => {
        const cards = (data as { academyCards: unknown[] }).academyCards;
        if (cards.some((card) => card === null))
          throw new Error("a card of the trust came back null");
        return data;
      });
}

async function serve(
  kind: StoreKind,
  plan: EnglandPlan,
  only: readonly number[] | null,
): Promise<{ served: Served; seeded: SeededEngland }> {
  const database = await createBenchDatabase(kind);
  let server: BenchServer | null = null;
  try {
    await migrate(database.url);
    const seeded = await seedEngland(kind, database.url, plan, only);
    server = await startBenchServerOn(database);
    const sixty = await leaderOf(server.handle.prisma, plan, SIXTY_TRUST);
    const large = only === null ? await leaderOf(server.handle.prisma, plan, LARGE_TRUST) : null;
    const child = await startBenchChildServer({ DATABASE_URL: database.url, SEED_DEMO: "false" });
    return { served: { server, child, sixty, large }, seeded };
  } catch (error) {
    if (server) await server.stop();
    else await database.drop();
    throw error;
  }
}

/** SQL statements per request, from the in-process server's counter. */
async function statementsOf(served: Served, request: RequestKind, trust: Trust) {
  const counts: number[] = [];
  for (let index = 0; index < 3; index++) {
    served.server.handle.resetQueryCount();
    await ask(served.server.url, request, trust);
    counts.push(served.server.handle.queryCount());
  }
  return { min: Math.min(...counts), max: Math.max(...counts) };
}

/** Timed requests to the servers in their own processes, taken in turn. */
async function timeInTurn(
  pairs: readonly { served: Served; trust: Trust }[],
  request: RequestKind,
  repetitions: number,
): Promise<{ latency: LatencySummary; responseBytes: number }[]> {
  for (let index = 0; index < 5; index++)
    for (const { served, trust } of pairs) await ask(served.child.url, request, trust);
  const samples = pairs.map(() => [] as number[]);
  const bytes = pairs.map(() => 0);
  for (let index = 0; index < repetitions; index++) {
    for (const [which, { served, trust }] of pairs.entries()) {
      const start = process.hrtime.bigint();
      const data = await ask(served.child.url, request, trust);
      samples[which]!.push(Number(process.hrtime.bigint() - start) / 1e6);
      bytes[which] = JSON.stringify(data).length;
    }
  }
  return samples.map((list, which) => ({
    latency: latencySummary(list),
    responseBytes: bytes[which]!,
  }));
}

export interface StoreOptions {
  readonly quick: boolean;
  readonly plan: EnglandPlan;
  /** Whether a timed figure missed its target (decides which requests are profiled). */
  readonly missed: (timed: Timed, all: readonly Timed[]) => boolean;
}

export async function measureStore(kind: StoreKind, options: StoreOptions): Promise<StoreResult> {
  const { quick, plan } = options;
  const alone = await serve(kind, plan, [SIXTY_TRUST]);
  say(
    `  ${kind}: the 60-academy trust alone: ${formatCount(alone.seeded.rows)} rows in ${alone.seeded.seconds.toFixed(1)} s`,
  );
  let england: Awaited<ReturnType<typeof serve>> | null = null;
  try {
    england = await serve(kind, plan, null);
    say(
      `  ${kind}: England, ${formatCount(england.seeded.trusts)} trusts, ${formatCount(england.seeded.academies)} academies: ${formatCount(england.seeded.rows)} rows in ${england.seeded.seconds.toFixed(1)} s`,
    );
    const a = alone.served;
    const e = england.served;
    const large = e.large!;
    const timed: Timed[] = [];
    const small = quick ? 60 : 200;
    for (const request of ["overview", "cards"] as const) {
      const [byAlone, byEngland] = await timeInTurn(
        [
          { served: a, trust: a.sixty },
          { served: e, trust: e.sixty },
        ],
        request,
        small,
      );
      timed.push(
        {
          request,
          academies: 60,
          neighbourhood: "alone",
          ...byAlone!,
          statements: await statementsOf(a, request, a.sixty),
        },
        {
          request,
          academies: 60,
          neighbourhood: "England",
          ...byEngland!,
          statements: await statementsOf(e, request, e.sixty),
        },
      );
    }
    const [byLarge] = await timeInTurn([{ served: e, trust: large }], "overview", quick ? 15 : 40);
    timed.push({
      request: "overview",
      academies: large.academies,
      neighbourhood: "England",
      ...byLarge!,
      statements: await statementsOf(e, "overview", large),
    });
    for (const entry of timed)
      say(
        `  ${kind}: ${entry.request}, ${formatCount(entry.academies)} academies, ${entry.neighbourhood}: p50 ${formatMs(entry.latency.p50)}, p95 ${formatMs(entry.latency.p95)}, ${entry.statements.max} statements`,
      );
    const memory = [
      await childSample(`trust overview and cards, ${kind}, 60 academies alone`, a.child.pid),
      await childSample(
        `trust overview and cards, ${kind}, England (60 and 1,000 academies)`,
        e.child.pid,
      ),
    ];

    // The statements each request sends in England, and how the database runs them.
    const catching = statementCatcher(e.server.handle.prisma);
    const plans: PlannedRequest[] = [];
    for (const [name, request, trust] of [
      ["overview, 60 academies", "overview", e.sixty],
      ["cards, 60 academies", "cards", e.sixty],
      [`overview, ${formatCount(large.academies)} academies`, "overview", large],
    ] as const) {
      const { sent } = await catching(() => ask(e.server.url, request, trust));
      plans.push({ request: name, plans: await explain(e.server.handle.prisma, kind, sent) });
    }

    const wire: WireSize[] = [];
    for (const accept of ["identity", "gzip", "br"])
      wire.push(
        await wireSize(e.child.url, TRUST_OVERVIEW, OVERVIEW_VARIABLES, large.token, accept),
      );

    const profiles = new Map<string, HotFunction[]>();
    for (const entry of timed.filter((entry) => options.missed(entry, timed))) {
      const trust =
        entry.academies === 60 ? (entry.neighbourhood === "alone" ? a.sixty : e.sixty) : large;
      const server = entry.neighbourhood === "alone" ? a.server : e.server;
      const name = `${entry.request}, ${formatCount(entry.academies)} academies, ${entry.neighbourhood}`;
      profiles.set(
        name,
        await hotFunctions(async () => {
          for (let index = 0; index < (entry.academies > 60 ? 10 : 40); index++)
            await ask(server.url, entry.request, trust);
        }, 14),
      );
    }
    return {
      store: kind,
      seeded: { alone: alone.seeded, england: england.seeded },
      timed,
      plans,
      wire,
      profiles,
      memory,
    };
  } finally {
    for (const side of [alone, england]) {
      if (!side) continue;
      await side.served.child.stop();
      await side.served.server.stop();
    }
  }
}

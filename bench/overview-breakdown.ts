// Where one trust overview's time goes, layer by layer, measured on the same
// trust: the tables the overview reads, each through Prisma alone (the
// largest with all columns and with only those the overview reads, and
// straight through the driver, no Prisma); the service's whole answer
// without GraphQL; and the request over HTTP. The differences are what
// Prisma, the service's own work, and GraphQL with HTTP cost.
import Database from "better-sqlite3";
import pg from "pg";
import { viewerForToken } from "../server/auth/tokens.js";
import type { BenchServer } from "./support/bench-server.js";
import { requestGraphQL } from "./support/graphql-post.js";
import { TRUST_OVERVIEW } from "./support/operations.js";
import { CHANGED_SINCE, SEED_YEAR, type SeededTrust } from "./support/seed-national-trust.js";
import { latencySummary } from "./support/statistics.js";

export interface Layer {
  readonly name: string;
  readonly p50: number;
}

const MEASUREMENTS_SQL = {
  sqlite: `select * from Measurement where trustId = ? and year = ? order by createdAt, id`,
  postgresql: `select * from "Measurement" where "trustId" = $1 and year = $2 order by "createdAt", id`,
};

async function p50(run: () => Promise<unknown>, repetitions: number): Promise<number> {
  for (let index = 0; index < 2; index++) await run();
  const samples: number[] = [];
  for (let index = 0; index < repetitions; index++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return latencySummary(samples).p50;
}

/** Answers a function that runs the measurements query through the driver, and one that closes it. */
async function driverQuery(server: BenchServer, trustId: string) {
  if (server.database.kind === "sqlite") {
    const database = new Database(server.database.url.slice("file:".length), { readonly: true });
    const statement = database.prepare(MEASUREMENTS_SQL.sqlite);
    return {
      run: async () => statement.all(trustId, SEED_YEAR),
      close: async () => database.close(),
    };
  }
  const client = new pg.Client({ connectionString: server.database.url });
  await client.connect();
  return {
    run: () => client.query(MEASUREMENTS_SQL.postgresql, [trustId, SEED_YEAR]),
    close: () => client.end(),
  };
}

export async function overviewBreakdown(
  server: BenchServer,
  trust: SeededTrust,
  repetitions: number,
): Promise<Layer[]> {
  const prisma = server.handle.prisma;
  const viewer = await viewerForToken(prisma, trust.leaderToken);
  if (!viewer) throw new Error("The leader token does not sign in");
  const where = { trustId: trust.trustId, year: SEED_YEAR };
  const driver = await driverQuery(server, trust.trustId);
  try {
    const layers: [string, () => Promise<unknown>][] = [
      [
        "Prisma: academies",
        () =>
          prisma.academy.findMany({ where: { trustId: trust.trustId }, orderBy: { urn: "asc" } }),
      ],
      [
        "Prisma: the year's computed designations (all columns, reasons JSON included)",
        () => prisma.designation.findMany({ where: { trustId: trust.trustId, year: SEED_YEAR } }),
      ],
      [
        "Prisma: the year's computed designations without reasons",
        () =>
          prisma.designation.findMany({
            where: { trustId: trust.trustId, year: SEED_YEAR },
            omit: { reasons: true },
          }),
      ],
      ["Prisma: targets", () => prisma.target.findMany({ where })],
      [
        "Prisma: the year's measurements, all columns",
        () =>
          prisma.measurement.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      ],
      [
        "Prisma: the year's measurements, the seven columns the overview reads",
        () =>
          prisma.measurement.findMany({
            where,
            select: {
              id: true,
              academyId: true,
              metric: true,
              period: true,
              value: true,
              provisional: true,
              createdAt: true,
            },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          }),
      ],
      ["Driver, no Prisma: the year's measurements, all columns", driver.run],
      [
        "OverviewService.overview (its queries and progress), no GraphQL",
        () => server.handle.services.overview.overview(viewer, SEED_YEAR, new Date(CHANGED_SINCE)),
      ],
      [
        "HTTP: trustOverview (service + resolver + GraphQL + JSON)",
        () =>
          requestGraphQL(
            server.url,
            TRUST_OVERVIEW,
            { year: SEED_YEAR, changedSince: CHANGED_SINCE },
            trust.leaderToken,
          ),
      ],
    ];
    const result: Layer[] = [];
    for (const [name, run] of layers) result.push({ name, p50: await p50(run, repetitions) });
    return result;
  } finally {
    await driver.close();
  }
}

// The ways benchmark 3 answers the same designateBatch of 10,000 rows, from
// the engine alone to HTTP to a server in its own process, and how they are
// timed: in turn, so that load from elsewhere on a shared machine falls on
// all of them alike.
import { graphql, type GraphQLSchema } from "graphql";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import {
  preset,
  readEvidence,
  type Designation,
  type EvidenceEntry,
} from "../server/domain/index.js";
import { createContext } from "../server/graphql/create-context.js";
import type { Context } from "../server/graphql/context.type.js";
import { queryLimitsPlugin } from "../server/graphql/query-limits.js";
import type { BenchServer } from "./support/bench-server.js";
import type { BenchChildServer } from "./support/bench-child-server.js";
import { requestGraphQL } from "./support/graphql-post.js";
import { DESIGNATE_BATCH } from "./support/operations.js";
import { latencySummary, type LatencySummary } from "./support/statistics.js";

export const ROWS = 10_000;
export const FRAMEWORK = "phase-model";
export const YEAR = "2025/26";

export interface Path {
  readonly name: string;
  readonly run: () => Promise<number>;
}

async function timed(run: () => Promise<number>): Promise<{ ms: number; rows: number }> {
  const start = process.hrtime.bigint();
  const rows = await run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, rows };
}

/**
 * Times every path `repetitions` times, taking them in turn (engine, graphql-js,
 * ..., HTTP, then again) so that load from elsewhere on the shared machine
 * falls on all of them alike.
 */
export async function measureInTurn(
  all: readonly Path[],
  warmups: number,
  repetitions: number,
): Promise<LatencySummary[]> {
  for (let index = 0; index < warmups; index++) for (const path of all) await path.run();
  const samples: number[][] = all.map(() => []);
  for (let index = 0; index < repetitions; index++) {
    for (const [at, path] of all.entries()) {
      const { ms, rows } = await timed(path.run);
      if (rows !== ROWS) throw new Error(`${path.name} answered ${rows} rows, not ${ROWS}`);
      samples[at]!.push(ms);
    }
  }
  return samples.map((list) => latencySummary(list));
}

type BatchData = { designateBatch: unknown[] };

/** A designation as the query asks for it: what the GraphQL paths produce, made by hand. */
function shaped(designation: Designation) {
  const level = designation.level;
  return {
    level: level && { key: level.key, label: level.label, rank: level.rank, risk: level.risk },
    insufficientEvidence: designation.insufficientEvidence,
    reasons: designation.reasons.map((reason) => ({
      source: reason.source,
      indicated: reason.indicated,
      message: reason.message,
    })),
    support: designation.support.map((entry) => ({
      activity: entry.activity,
      quantity: entry.quantity,
      unit: entry.unit,
      per: entry.per,
    })),
  };
}

const BENCH_BUDGET = {
  maxDepth: 10,
  maxCost: 50_000,
  maxRootFields: 20,
  maxRows: 10_000,
  maxCards: 500,
};

/** Apollo Server with the plugins bootstrap installs that act on a request, optionally without cache control. */
export async function apolloServer(schema: GraphQLSchema, cacheControl: boolean) {
  const apollo = new ApolloServer<Context>({
    schema,
    plugins: [
      queryLimitsPlugin(schema, {
        signedIn: BENCH_BUDGET,
        signedOut: BENCH_BUDGET,
      }),
      ...(cacheControl ? [] : [ApolloServerPluginCacheControlDisabled()]),
    ],
  });
  await apollo.start();
  return apollo;
}

async function viaApollo(apollo: ApolloServer<Context>, variables: object, context: Context) {
  const response = await apollo.executeOperation<BatchData>(
    { query: DESIGNATE_BATCH, variables: variables as Record<string, unknown> },
    { contextValue: context },
  );
  if (response.body.kind !== "single") throw new Error("unexpected incremental response");
  const { data, errors } = response.body.singleResult;
  if (errors || !data) throw new Error(errors?.[0]?.message ?? "no data");
  return data.designateBatch.length;
}

export interface Fixture {
  readonly server: BenchServer;
  readonly child: BenchChildServer;
  readonly schema: GraphQLSchema;
  readonly apollo: ApolloServer<Context>;
  readonly apolloWithoutCacheControl: ApolloServer<Context>;
}

export function designateBatchPaths(fixture: Fixture, rows: EvidenceEntry[][]): Path[] {
  const compiled = preset(FRAMEWORK)!;
  const variables = { framework: FRAMEWORK, rows, year: YEAR };
  const context = () =>
    createContext(null, fixture.server.handle.services, {
      publicEvaluation: true,
      maxBatchRows: ROWS,
    });
  return [
    {
      name: "In-process: the engine alone (read, decide and explain each row, shaped as asked)",
      run: async () =>
        rows.map((row) => shaped(compiled.designate(readEvidence(row), { year: YEAR }))).length,
    },
    {
      name: "graphql-js graphql() on the same schema (parse, validate, execute)",
      run: async () => {
        const result = await graphql({
          schema: fixture.schema,
          source: DESIGNATE_BATCH,
          variableValues: variables,
          contextValue: context(),
        });
        if (result.errors) throw new Error(result.errors[0]!.message);
        return (result.data as BatchData).designateBatch.length;
      },
    },
    {
      name: "Apollo Server executeOperation, no HTTP (plugins as bootstrap)",
      run: () => viaApollo(fixture.apollo, variables, context()),
    },
    {
      name: "Apollo Server executeOperation, no HTTP, cache control plugin disabled",
      run: () => viaApollo(fixture.apolloWithoutCacheControl, variables, context()),
    },
    {
      name: "HTTP to the server in this process (Express + Apollo; client JSON on the same thread)",
      run: async () =>
        (await requestGraphQL<BatchData>(fixture.server.url, DESIGNATE_BATCH, variables))
          .designateBatch.length,
    },
    {
      name: "HTTP to the server in its own process (npm start on SQLite)",
      run: async () =>
        (await requestGraphQL<BatchData>(fixture.child.url, DESIGNATE_BATCH, variables))
          .designateBatch.length,
    },
  ];
}

// The ways benchmark 3 answers the same 10,000 rows of a risk matrix, from
// the engine alone to HTTP to a server in its own process, and how they are
// timed: in turn, so that load from elsewhere on a shared machine falls on
// all of them alike.
//
// The rows are the demo matrix's 31 columns as Excel holds them (numbers,
// date serials, blanks; URN, Academy and Notes included). designateRows
// sends them as they are under one header row; designateBatch sends each
// row's cells under the 28 headers that name an indicator, as text (its
// EvidenceInput.value is a String), which is what a client of it does.
import { graphql, type GraphQLSchema } from "graphql";
import {
  designateEntries,
  designateMatrix,
  preset,
  type Designation,
  type EvidenceEntry,
} from "../server/domain/index.js";
import { createContext } from "../server/graphql/create-context.js";
import type { BenchServer } from "./support/bench-server.js";
import type { BenchChildServer } from "./support/bench-child-server.js";
import { requestGraphQL } from "./support/graphql-post.js";
import {
  DESIGNATE_BATCH,
  DESIGNATE_BATCH_LEVELS,
  DESIGNATE_ROWS,
  DESIGNATE_ROWS_EXPLAINED,
} from "./support/operations.js";
import { WORKBOOK_HEADERS, workbookRow } from "./support/risk-matrix-rows.js";
import { latencySummary, type LatencySummary } from "./support/statistics.js";

export const ROWS = 10_000;
export const FRAMEWORK = "phase-model";
export const YEAR = "2025/26";

/** Columns of the demo matrix that name no indicator. */
const NOT_EVIDENCE = new Set(["URN", "Academy", "Notes"]);

export interface Path {
  readonly name: string;
  /** Answers the rows and gives each row's level key (null: none), in order. */
  readonly run: () => Promise<readonly (string | null)[]>;
}

/** The same 10,000 rows in the shape each path takes. */
export interface BatchInput {
  readonly headers: readonly string[];
  /** One list of cells per row, a cell per header, as Excel holds them. */
  readonly matrix: readonly (readonly (string | number | null)[])[];
  /** Each row's cells under the headers that name an indicator, values as they are (the engine's input). */
  readonly entries: readonly EvidenceEntry[][];
  /** The same cells as designateBatch takes them: text, blanks null. */
  readonly textEntries: readonly { indicator: string; value: string | null }[][];
  /** The variables of designateRows and of designateBatch for these rows. */
  readonly variables: {
    readonly rows: Record<string, unknown>;
    readonly batch: Record<string, unknown>;
  };
}

export function batchInput(rows: number): BatchInput {
  const headers = [...WORKBOOK_HEADERS];
  const matrix = Array.from({ length: rows }, (_, index) =>
    workbookRow(index).map((cell) => (cell === "" ? null : (cell as string | number))),
  );
  const evidence = headers.flatMap((header, column) => (NOT_EVIDENCE.has(header) ? [] : [column]));
  const entries = matrix.map((cells) =>
    evidence.map((column) => ({ indicator: headers[column]!, value: cells[column] })),
  );
  const textEntries = matrix.map((cells) =>
    evidence.map((column) => {
      const value = cells[column];
      return { indicator: headers[column]!, value: value === null ? null : String(value) };
    }),
  );
  const variables = {
    rows: { framework: FRAMEWORK, headers, rows: matrix, year: YEAR },
    batch: { framework: FRAMEWORK, rows: textEntries, year: YEAR },
  };
  return { headers, matrix, entries, textEntries, variables };
}

/**
 * Times every path `repetitions` times, taking them in turn (engine, graphql-js,
 * ..., HTTP, then again) so that load from elsewhere on the shared machine
 * falls on all of them alike. After the warm-ups, every path must have given
 * the same level to every row.
 */
export async function measureInTurn(
  all: readonly Path[],
  warmups: number,
  repetitions: number,
): Promise<LatencySummary[]> {
  const answers: (readonly (string | null)[])[] = [];
  for (let index = 0; index < warmups; index++)
    for (const [at, path] of all.entries()) answers[at] = await path.run();
  const reference = JSON.stringify(answers[0]);
  all.forEach((path, at) => {
    if (answers[at]?.length !== ROWS)
      throw new Error(`${path.name} answered ${answers[at]?.length} rows, not ${ROWS}`);
    if (JSON.stringify(answers[at]) !== reference)
      throw new Error(`${path.name} answered other levels than ${all[0]!.name}`);
  });
  const samples: number[][] = all.map(() => []);
  for (let index = 0; index < repetitions; index++) {
    for (const [at, path] of all.entries()) {
      const start = process.hrtime.bigint();
      await path.run();
      samples[at]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples.map((list) => latencySummary(list));
}

/** Characters of reasons and support read by the explained paths (kept, so the reads are not idle). */
export let wordsRead = 0;

/** Every reason's words read, and the support, as designateBatch's full selection and explain ask. */
function explained(designation: Designation): string | null {
  for (const reason of designation.reasons) wordsRead += reason.message.length;
  for (const entry of designation.support) wordsRead += entry.activity.length;
  return designation.level?.key ?? null;
}

type RowsData = { designateRows: { levelKeys: (string | null)[] } };
type BatchData = { designateBatch: { level: { key: string } | null }[] };

const batchLevels = (data: BatchData) => data.designateBatch.map((row) => row.level?.key ?? null);

export interface Fixture {
  readonly server: BenchServer;
  readonly child: BenchChildServer;
  readonly schema: GraphQLSchema;
}

/** The paths compared, in the order measured: the engine first (the reference for every ratio). */
export function batchPaths(fixture: Fixture, input: BatchInput): Record<PathKey, Path> {
  const compiled = preset(FRAMEWORK)!;
  const options = { year: YEAR };
  const { rows: rowsVariables, batch: batchVariables } = input.variables;
  const context = () =>
    createContext(null, fixture.server.handle.services, {
      publicEvaluation: true,
      maxBatchRows: ROWS,
    });
  const viaHttp = (url: string, query: string) => async () =>
    (await requestGraphQL<RowsData>(url, query, rowsVariables)).designateRows.levelKeys;
  return {
    engine: {
      name: "In-process: the engine alone (designateMatrix: the header row resolved once, each row read and decided, level only)",
      run: async () =>
        designateMatrix(compiled, input.headers, input.matrix, options).rows.map(
          (row) => row.designation?.level?.key ?? null,
        ),
    },
    engineEntries: {
      name: "In-process: the engine row by row as cells under their headers (designateEntries, level only)",
      run: async () =>
        input.entries.map((row) => designateEntries(compiled, row, options).level?.key ?? null),
    },
    rowsGraphql: {
      name: "designateRows: graphql-js graphql() on the same schema (parse, validate, execute; no HTTP)",
      run: async () => {
        const result = await graphql({
          schema: fixture.schema,
          source: DESIGNATE_ROWS,
          variableValues: rowsVariables,
          contextValue: context(),
        });
        if (result.errors) throw new Error(result.errors[0]!.message);
        return (result.data as RowsData).designateRows.levelKeys;
      },
    },
    rowsHttp: {
      name: "designateRows: HTTP to the server in this process (Express + Apollo; client JSON on the same thread)",
      run: viaHttp(fixture.server.url, DESIGNATE_ROWS),
    },
    rowsChild: {
      name: "designateRows: HTTP to the server in its own process (npm start on SQLite)",
      run: viaHttp(fixture.child.url, DESIGNATE_ROWS),
    },
    batchLevelsHttp: {
      name: "designateBatch, level only (the same answer): HTTP to the server in this process",
      run: async () =>
        batchLevels(
          await requestGraphQL<BatchData>(
            fixture.server.url,
            DESIGNATE_BATCH_LEVELS,
            batchVariables,
          ),
        ),
    },
    engineExplained: {
      name: "In-process: the engine alone, every reason's words and the support read (what explain asks)",
      run: async () =>
        input.entries.map((row) => explained(designateEntries(compiled, row, options))),
    },
    rowsExplainedHttp: {
      name: "designateRows(explain: true), reasons and coverage: HTTP to the server in this process",
      run: viaHttp(fixture.server.url, DESIGNATE_ROWS_EXPLAINED),
    },
    batchHttp: {
      name: "designateBatch with level, reasons and support (the old figure's query): HTTP to the server in this process",
      run: async () =>
        batchLevels(
          await requestGraphQL<BatchData>(fixture.server.url, DESIGNATE_BATCH, batchVariables),
        ),
    },
  };
}

export type PathKey =
  | "engine"
  | "engineEntries"
  | "rowsGraphql"
  | "rowsHttp"
  | "rowsChild"
  | "batchLevelsHttp"
  | "engineExplained"
  | "rowsExplainedHttp"
  | "batchHttp";

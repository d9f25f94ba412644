// Sends one recalculation's designation calls: one designateRows per
// framework and header row (and per `maxRows` rows), in the compact form (a
// header row once, each row a list of values, a level key per row back), so
// a sheet of 10,000 cells costs a few requests and little more than the
// engine's own time on the server. Reasons are asked only for the rows a
// cell explains (MAT.EXPLAIN, MAT.WHATIF's changes); MAT.DESIGNATION reads
// only the level.
//
// An unreadable row answers in place, not failing its neighbours. A column
// whose header names no indicator (URN, Academy, Notes) is left out by the
// server and listed once, as the engine's workbook reader does: the answer's
// unusedHeaders. In the two-column form (no header row) an indicator that
// names nothing is the row's problem instead, as when it is designated alone.
import type { GraphQLHttpClient } from "../shared/graphql-client.js";
import type { Outcome } from "./batch-window.js";
import type { EvidenceRow } from "./evidence-row.js";
import {
  DESIGNATE_CELLS,
  type Coverage,
  type DesignateCellsData,
  type DesignationResult,
  type Level,
  type Problem,
} from "./operations.js";

export interface DesignationCall {
  readonly framework: string;
  readonly row: Pick<EvidenceRow, "columns" | "values" | "percent" | "headed">;
  /** True when a cell needs the row's reasons and coverage. */
  readonly explain: boolean;
  /** The row's framework and columns, as a number (RowGroups): calls of one group share a request. */
  readonly group: number;
}

export interface DesignationAnswer extends DesignationResult {
  /** Headers left out because they name no indicator (URN, Academy, Notes). */
  readonly unusedHeaders: readonly string[];
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Numbers each framework-and-columns a call names. Every cell of a sheet has
 * the same header row, handed over afresh with each call: it is compared with
 * the last one seen for the framework, and only a new one is made into a text
 * key and looked up.
 */
export class RowGroups {
  private readonly ids = new Map<string, number>();
  private next = 0;
  private readonly last = new Map<
    string,
    { headed: boolean; columns: readonly string[]; id: number }
  >();

  idOf(framework: string, row: DesignationCall["row"]): number {
    const last = this.last.get(framework);
    if (last && last.headed === row.headed && sameColumns(last.columns, row.columns))
      return last.id;
    // A runtime lives as long as the workbook: forget the header rows of long ago
    // (numbers are never reused, so a call numbered before still has its own).
    if (this.ids.size >= 1_000) this.ids.clear();
    const key = JSON.stringify([framework, row.headed, row.columns]);
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.next++));
    this.last.set(framework, { headed: row.headed, columns: row.columns, id });
    return id;
  }
}

/**
 * Calls with the same group (framework and columns) and cells are the same
 * row. The values are a flat list of text and numbers: JSON.stringify of it
 * is exact and cheap.
 */
export function designationKey(call: DesignationCall): string {
  const { row } = call;
  const percent = row.percent ? JSON.stringify(row.percent) : "";
  return `${call.group}\u0000${JSON.stringify(row.values)}${percent}`;
}

/** A row explained for one of its cells is explained for every cell that shares it. */
export function mergeCalls(first: DesignationCall, again: DesignationCall): DesignationCall {
  return again.explain && !first.explain ? again : first;
}

interface Request {
  readonly framework: string;
  readonly columns: readonly string[];
  readonly headed: boolean;
  readonly explain: boolean;
  readonly keys: string[];
  readonly rows: DesignationCall["row"][];
}

const NO_COVERAGE = { missing: [], unreadable: [] } as const;

export class DesignationRequests {
  constructor(private readonly maxRows: number) {}

  async send(
    client: GraphQLHttpClient,
    batch: ReadonlyMap<string, DesignationCall>,
  ): Promise<Map<string, Outcome<DesignationAnswer>>> {
    const outcomes = new Map<string, Outcome<DesignationAnswer>>();
    await Promise.all(
      this.requestsOf(batch).map(async (request) => {
        try {
          const data = await client.request(DESIGNATE_CELLS, {
            framework: request.framework,
            headers: request.columns,
            rows: request.rows.map((row) => row.values),
            percentFormatted: percentOf(request),
            explain: request.explain,
          });
          const answers = answersOf(request, data.designateRows);
          request.keys.forEach((key, index) => outcomes.set(key, answers[index]!));
        } catch (failure) {
          for (const key of request.keys) outcomes.set(key, { failure });
        }
      }),
    );
    return outcomes;
  }

  /** One request per framework, columns and want of reasons, at most maxRows rows each. */
  private requestsOf(batch: ReadonlyMap<string, DesignationCall>): Request[] {
    const groups = new Map<string, Request>();
    for (const [key, call] of batch) {
      const id = `${call.explain ? "e" : "l"}${call.group}`;
      let group = groups.get(id);
      if (!group) {
        const { framework, explain, row } = call;
        group = {
          framework,
          explain,
          columns: row.columns,
          headed: row.headed,
          keys: [],
          rows: [],
        };
        groups.set(id, group);
      }
      group.keys.push(key);
      group.rows.push(call.row);
    }
    const requests: Request[] = [];
    for (const group of groups.values())
      for (let start = 0; start < group.rows.length; start += this.maxRows)
        requests.push({
          ...group,
          keys: group.keys.slice(start, start + this.maxRows),
          rows: group.rows.slice(start, start + this.maxRows),
        });
    return requests;
  }
}

/** The rows' number formats, when any row's were read (a row not read: null for each cell). */
function percentOf(request: Request): (readonly (boolean | null)[])[] | null {
  if (!request.rows.some((row) => row.percent !== null)) return null;
  return request.rows.map((row) => row.percent ?? row.values.map(() => null));
}

/** Each row's answer, put together from the flat lists: level looked up by key, problems by row. */
function answersOf(
  request: Request,
  data: DesignateCellsData["designateRows"],
): Outcome<DesignationAnswer>[] {
  const levels = new Map<string, Level>(data.levels.map((level) => [level.key, level]));
  const problems = new Map<number, Problem[]>();
  for (const problem of data.problems) {
    if (problem.row === null) continue;
    const list = problems.get(problem.row);
    if (list) list.push(problem);
    else problems.set(problem.row, [problem]);
  }
  const unknown = data.unknownHeaders;
  const unusedHeaders = request.headed
    ? unknown.flatMap((problem) => (problem.column === null ? [] : [problem.column]))
    : [];
  // Without a header row, an indicator naming nothing is each row's problem.
  const rowProblems = (row: number): readonly Problem[] => {
    const own = problems.get(row) ?? [];
    return request.headed || unknown.length === 0 ? own : [...unknown, ...own];
  };
  if (data.levelKeys.length !== request.rows.length)
    return request.rows.map(() => ({
      failure: new Error("The server answered a different number of rows than it was sent"),
    }));
  return data.levelKeys.map((key, row) => {
    const rowsProblems = rowProblems(row);
    const explanation = data.explanations?.[row];
    const coverage: Coverage = explanation?.coverage ?? {
      ...NO_COVERAGE,
      provisional: data.provisional[row] ?? false,
    };
    const readable = rowsProblems.length === 0;
    return {
      value: {
        level: readable && key !== null ? (levels.get(key) ?? null) : null,
        insufficientEvidence: readable && (data.insufficientEvidence[row] ?? false),
        reasons: readable ? (explanation?.reasons ?? []) : [],
        problems: rowsProblems,
        coverage,
        unusedHeaders,
      },
    };
  });
}

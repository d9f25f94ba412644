// Sends one recalculation's designation calls: one designateBatch per
// framework (and per `maxRows` rows), with reportBadRows so that an
// unreadable row answers in place instead of failing its neighbours.
//
// A risk-matrix row has columns that are not evidence (URN, academy name,
// notes). As the engine's workbook reader does, a column whose header names
// no indicator is left out and listed, never an error: the server says which
// headers it does not know, those rows are sent again without them, and the
// headers are remembered (until the connection changes) so the next
// recalculation leaves them out from the start. An indicator named in the
// two-column form (no header row) is still an error when unknown.
import type { GraphQLHttpClient } from "../shared/graphql-client.js";
import type { Outcome } from "./batch-window.js";
import {
  DESIGNATE_BATCH,
  type DesignationResult,
  type EvidenceCell,
  type Problem,
} from "./operations.js";

export interface DesignationCall {
  readonly framework: string;
  readonly evidence: readonly EvidenceCell[];
  /** True when the indicators are a header row's texts. */
  readonly headed: boolean;
}

export interface DesignationAnswer extends DesignationResult {
  /** Headers left out because they name no indicator (URN, Academy, Notes). */
  readonly unusedHeaders: readonly string[];
}

/** Calls with the same framework and cells are the same row. */
export function designationKey(call: DesignationCall): string {
  return JSON.stringify([call.framework, call.headed, call.evidence]);
}

interface Row {
  readonly framework: string;
  readonly evidence: readonly EvidenceCell[];
  readonly unused: readonly string[];
  readonly headed: boolean;
  readonly keys: string[];
}

/** A header the server says names no indicator (NOT_FOUND on the cell's indicator field). */
function unknownHeader(problem: Problem): string | null {
  return problem.code === "NOT_FOUND" && problem.field === "indicator" ? problem.column : null;
}
const fold = (header: string) => header.trim().toLowerCase();

export class DesignationRequests {
  /** Header texts (folded) the server has said name no indicator. */
  private readonly unmapped = new Set<string>();

  constructor(private readonly maxRows: number) {}

  /** Forgets the learned headers (another server may know them). */
  forget(): void {
    this.unmapped.clear();
  }

  async send(
    client: GraphQLHttpClient,
    batch: ReadonlyMap<string, DesignationCall>,
  ): Promise<Map<string, Outcome<DesignationAnswer>>> {
    const rows = this.rowsOf(
      [...batch].map(([key, call]) => ({ ...this.strip(call, () => false), keys: [key] })),
    );
    const first = await this.designate(client, rows);
    const retry: Row[] = [];
    const outcomes = new Map<string, Outcome<DesignationAnswer>>();
    const answer = (row: Row, outcome: Outcome<DesignationResult>) => {
      const value =
        "value" in outcome ? { value: { ...outcome.value, unusedHeaders: row.unused } } : outcome;
      for (const key of row.keys) outcomes.set(key, value);
    };
    for (const [row, outcome] of first) {
      const unknown = new Set(
        "value" in outcome && row.headed
          ? outcome.value.problems.flatMap((problem) => {
              const header = unknownHeader(problem);
              return header === null ? [] : [fold(header)];
            })
          : [],
      );
      if (unknown.size === 0) {
        answer(row, outcome);
        continue;
      }
      for (const header of unknown) this.unmapped.add(header);
      retry.push({
        ...this.strip(row, (cell) => unknown.has(fold(cell.indicator))),
        keys: row.keys,
      });
    }
    if (retry.length > 0) {
      for (const [row, outcome] of await this.designate(client, this.rowsOf(retry)))
        answer(row, outcome);
    }
    return outcomes;
  }

  /** Leaves out the columns known (or just found) to name no indicator. */
  private strip(
    row: Omit<Row, "keys" | "unused"> & { readonly unused?: readonly string[] },
    also: (cell: EvidenceCell, index: number) => boolean,
  ): Omit<Row, "keys"> {
    const unused = [...(row.unused ?? [])];
    const evidence = row.evidence.filter((cell, index) => {
      const drop = row.headed && (this.unmapped.has(fold(cell.indicator)) || also(cell, index));
      if (drop) unused.push(cell.indicator);
      return !drop;
    });
    return { framework: row.framework, headed: row.headed, evidence, unused };
  }

  /** Merges rows that became identical once stripped. */
  private rowsOf(rows: readonly Row[]): Row[] {
    const merged = new Map<string, Row>();
    for (const row of rows) {
      const key = JSON.stringify([row.framework, row.headed, row.evidence, row.unused]);
      const existing = merged.get(key);
      if (existing) existing.keys.push(...row.keys);
      else merged.set(key, { ...row, keys: [...row.keys] });
    }
    return [...merged.values()];
  }

  private async designate(
    client: GraphQLHttpClient,
    rows: readonly Row[],
  ): Promise<Map<Row, Outcome<DesignationResult>>> {
    const byFramework = new Map<string, Row[]>();
    for (const row of rows) {
      const group = byFramework.get(row.framework);
      if (group) group.push(row);
      else byFramework.set(row.framework, [row]);
    }
    const requests: { framework: string; rows: Row[] }[] = [];
    for (const [framework, group] of byFramework) {
      for (let start = 0; start < group.length; start += this.maxRows)
        requests.push({ framework, rows: group.slice(start, start + this.maxRows) });
    }
    const outcomes = new Map<Row, Outcome<DesignationResult>>();
    await Promise.all(
      requests.map(async (request) => {
        try {
          const data = await client.request(DESIGNATE_BATCH, {
            framework: request.framework,
            rows: request.rows.map((row) => row.evidence),
          });
          request.rows.forEach((row, index) => {
            const result = data.designateBatch[index];
            outcomes.set(
              row,
              result
                ? { value: result }
                : { failure: new Error("The server answered fewer rows than it was sent") },
            );
          });
        } catch (failure) {
          for (const row of request.rows) outcomes.set(row, { failure });
        }
      }),
    );
    return outcomes;
  }
}

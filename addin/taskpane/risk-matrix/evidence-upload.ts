// Saving the risk matrix to the server as evidence for a year and term.
// The rows are checked first (URNs, cells the server cannot read), so the
// user sees every problem by row before anything is stored; the good rows
// are then sent in chunks (recordEvidenceBatch is all or nothing per chunk),
// each change carrying the version of the evidence it replaces.
import { enumValueIn, enumValueOf } from "../../shared/enum-words.js";
import { Term } from "../../shared/graphql-types.generated.js";
import { ErrorCode, isUrn } from "../../../server/shared/index.js";
import { AddinFailure, type GraphQLHttpClient } from "../../shared/graphql-client.js";
import {
  EVIDENCE_VERSIONS,
  RECORD_EVIDENCE_BATCH,
  type EvidenceInput,
  type EvidenceVersionsResult,
} from "../api/index.js";
import { sheetRowNumber, type SheetTable } from "../excel/sheet-table.js";
import { cellText, evidenceRows, urnColumn, type ColumnMapping } from "./column-map.js";
import { problemText } from "../../shared/problem-text.js";
import { designateRows } from "./designate-rows.js";

/** Rows per recordEvidenceBatch: small enough for a steady progress bar and short transactions. */
export const SAVE_CHUNK = 100;
const VERSIONS_PAGE = 100;

export interface EvidenceRow {
  /** Row number on the sheet, as Excel shows it. */
  readonly sheetRow: number;
  readonly urn: string;
  readonly evidence: readonly EvidenceInput[];
}

export interface RowError {
  readonly sheetRow: number;
  readonly urn: string | null;
  readonly messages: readonly string[];
}

export interface CheckedRows {
  readonly ready: readonly EvidenceRow[];
  readonly errors: readonly RowError[];
  /** Version of the evidence stored for each URN's year and term; absent when there is none yet. */
  readonly versions: ReadonlyMap<string, number>;
}

export interface SaveOutcome {
  readonly saved: number;
  readonly errors: readonly RowError[];
}

/** The academies the viewer can see, each with the version of its evidence for the year and term (if stored). */
async function evidenceVersions(
  client: GraphQLHttpClient,
  year: string,
  term: string,
): Promise<{ known: Set<string>; versions: Map<string, number> }> {
  const known = new Set<string>();
  const versions = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    const page: EvidenceVersionsResult = await client.request(EVIDENCE_VERSIONS, {
      first: VERSIONS_PAGE,
      after,
      year,
    });
    for (const { node } of page.academies.edges) {
      known.add(node.urn);
      const stored = node.evidence.find((record) => record.term === enumValueOf(term));
      if (stored) versions.set(node.urn, stored.version);
    }
    if (!page.academies.pageInfo.hasNextPage) break;
    after = page.academies.pageInfo.endCursor;
  }
  return { known, versions };
}

/**
 * Checks every row before saving: a URN column, a URN of six digits on each
 * row, once only, of an academy in the trust, and cells the server can read
 * (asked of the server with designateBatch, bad rows answered in place).
 */
export async function checkEvidenceRows(
  client: GraphQLHttpClient,
  table: SheetTable,
  mapping: readonly ColumnMapping[],
  framework: string,
  year: string,
  term: string,
): Promise<CheckedRows> {
  const urnAt = urnColumn(mapping);
  if (urnAt < 0) {
    throw new AddinFailure(
      ErrorCode.BAD_USER_INPUT,
      "Saving needs to know which academy each row is: map a column to URN.",
    );
  }
  const cells = evidenceRows(table, mapping);
  const [{ known, versions }, designations] = await Promise.all([
    evidenceVersions(client, year, term),
    designateRows(client, framework, year, cells),
  ]);
  const seen = new Map<string, number>();
  const ready: EvidenceRow[] = [];
  const errors: RowError[] = [];
  table.rows.forEach((row, index) => {
    const sheetRow = sheetRowNumber(table, index);
    const urn = cellText(row[urnAt]);
    const messages: string[] = [];
    if (urn === null) messages.push("No URN in this row.");
    else if (!isUrn(urn)) messages.push(`URN "${urn}" is not six digits.`);
    else if (!known.has(urn)) messages.push(`No academy with URN ${urn} in your trust.`);
    else if (seen.has(urn)) messages.push(`URN ${urn} is also on row ${seen.get(urn)}.`);
    if (urn !== null && !seen.has(urn)) seen.set(urn, sheetRow);
    messages.push(...(designations[index]?.problems ?? []).map(problemText));
    if (messages.length > 0 || urn === null) errors.push({ sheetRow, urn, messages });
    else ready.push({ sheetRow, urn, evidence: cells[index]! });
  });
  return { ready, errors, versions };
}

/** Which rows of a chunk a failed batch names (row 3 is the chunk's fourth row); all of them when it names none. */
function errorsOfChunk(chunk: readonly EvidenceRow[], failure: AddinFailure): RowError[] {
  const problems = failure.errors.flatMap((error) => error.extensions?.problems ?? []);
  const byRow = new Map<number, string[]>();
  for (const problem of problems) {
    const index = problem.row ?? -1;
    if (index < 0 || index >= chunk.length) continue;
    byRow.set(index, [...(byRow.get(index) ?? []), problemText(problem)]);
  }
  if (byRow.size === 0) {
    return chunk.map((row) => ({
      sheetRow: row.sheetRow,
      urn: row.urn,
      messages: [`Not saved: ${failure.message}`],
    }));
  }
  return chunk.map((row, index) => ({
    sheetRow: row.sheetRow,
    urn: row.urn,
    messages: byRow.get(index) ?? ["Not saved: another row of the same batch was refused."],
  }));
}

/** Records the rows in chunks, reporting progress; a refused chunk is listed by row and the rest carry on. */
export async function saveEvidenceRows(
  client: GraphQLHttpClient,
  year: string,
  term: string,
  rows: readonly EvidenceRow[],
  versions: ReadonlyMap<string, number>,
  onProgress: (done: number, total: number) => void,
  chunkSize = SAVE_CHUNK,
): Promise<SaveOutcome> {
  let saved = 0;
  const errors: RowError[] = [];
  onProgress(0, rows.length);
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    try {
      await client.request(RECORD_EVIDENCE_BATCH, {
        year,
        term: enumValueIn(Term, term),
        rows: chunk.map((row) => ({
          urn: row.urn,
          evidence: row.evidence,
          expectedVersion: versions.get(row.urn) ?? null,
        })),
      });
      saved += chunk.length;
    } catch (error) {
      if (!(error instanceof AddinFailure)) throw error;
      errors.push(...errorsOfChunk(chunk, error));
      if (
        error.kind === "UNREACHABLE" ||
        error.kind === "SIGNED_OUT" ||
        error.kind === ErrorCode.FORBIDDEN
      ) {
        const rest = rows.slice(start + chunkSize);
        errors.push(
          ...rest.map((row) => ({
            sheetRow: row.sheetRow,
            urn: row.urn,
            messages: [`Not sent: ${error.message}`],
          })),
        );
        onProgress(rows.length, rows.length);
        break;
      }
    }
    onProgress(Math.min(start + chunkSize, rows.length), rows.length);
  }
  return { saved, errors };
}

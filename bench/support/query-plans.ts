// The SQL statements a request sends and how the database runs each: the
// statements are caught as the in-process server's Prisma client sends them
// (its "query" events, text and parameters), then each is asked for its plan
// with the same parameters (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN,
// with the statistics ANALYZE gathered after seeding), and summarised as the
// tables it reads, how (index search or full scan) and through which index.
import type { Db } from "../../server/db/index.js";
import type { StoreKind } from "./bench-database.js";

export interface SentStatement {
  readonly query: string;
  readonly params: readonly unknown[];
}

export interface StatementPlan {
  /** "SELECT Target WHERE trustId, year" */
  readonly statement: string;
  /** The plan's steps, in one line. */
  readonly plan: string;
  /** Indexes the plan reads through (primary keys included). */
  readonly indexes: readonly string[];
  /** Tables the plan reads in full (a sequential scan / SCAN without an index), with their rows. */
  readonly fullScans: readonly { readonly table: string; readonly rows: number }[];
}

/** A full scan of a table this small is the planner's right choice (a page or two), not a missing index. */
export const SMALL_TABLE_ROWS = 10_000;

/** The full scans of tables that are not small. */
export function largeScans(plan: StatementPlan): StatementPlan["fullScans"] {
  return plan.fullScans.filter((scan) => scan.rows >= SMALL_TABLE_ROWS);
}

interface QueryEvents {
  $on(event: "query", listener: (event: { query: string; params: string }) => void): void;
}

/** Catches what the client sends while `work` runs (BEGIN/COMMIT left out). */
export function statementCatcher(
  prisma: Db,
): <T>(work: () => Promise<T>) => Promise<{ result: T; sent: SentStatement[] }> {
  let sink: SentStatement[] | null = null;
  (prisma as unknown as QueryEvents).$on("query", (event) => {
    if (!sink || /^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(event.query)) return;
    let params: unknown[] = [];
    try {
      params = JSON.parse(event.params) as unknown[];
    } catch {
      params = [];
    }
    sink.push({ query: event.query, params });
  });
  return async (work) => {
    const sent: SentStatement[] = [];
    sink = sent;
    try {
      return { result: await work(), sent };
    } finally {
      sink = null;
    }
  };
}

/** "SELECT Target WHERE trustId, year": the table read and the columns it is filtered on. */
export function statementLabel(query: string): string {
  const verb = /^\s*(\w+)/.exec(query)?.[1]?.toUpperCase() ?? "?";
  // PostgreSQL's statements quote with "", SQLite's with `` and name the schema (`main`.`Target`).
  const name = String.raw`[\`"](\w+)[\`"]`;
  const tables = [
    ...query.matchAll(new RegExp(String.raw`\b(?:FROM|JOIN)\s+(?:${name}\.)?${name}`, "gi")),
  ].map((match) => match[2]!);
  const where = query
    .split(/\bWHERE\b/i)
    .slice(1)
    .join(" ");
  const columns = [
    ...new Set(
      [...where.matchAll(new RegExp(String.raw`${name}\s*(?:=|IN\b|>=|<=|<|>|LIKE)`, "gi"))].map(
        (match) => match[1]!,
      ),
    ),
  ];
  return `${verb} ${[...new Set(tables)].join(" + ") || "?"}${columns.length > 0 ? ` WHERE ${columns.join(", ")}` : ""}`;
}

type ReadPlan = Omit<StatementPlan, "statement" | "fullScans"> & {
  readonly fullScans: readonly string[];
};

function sqlitePlan(rows: readonly { detail: string }[]): ReadPlan {
  const details = rows.map((row) => row.detail);
  const indexes = details.flatMap((detail) => {
    const index = /USING (?:COVERING )?INDEX (\S+)/.exec(detail)?.[1];
    if (index) return [index];
    if (/USING (?:INTEGER )?PRIMARY KEY/.test(detail))
      return [`${/(?:SEARCH|SCAN) (\S+)/.exec(detail)?.[1]} primary key`];
    return [];
  });
  const fullScans = details.flatMap((detail) => {
    const match = /^SCAN (\w+)(?: AS \w+)?$/.exec(detail.trim());
    return match ? [match[1]!] : [];
  });
  return { plan: details.join("; "), indexes, fullScans };
}

function postgresPlan(rows: readonly Record<string, string>[]): ReadPlan {
  const lines = rows.map((row) => Object.values(row)[0] ?? "");
  const steps = lines
    .map((line) => line.replace(/^[\s->]+/, "").replace(/\s+\(cost=.*$/, ""))
    .filter((line) =>
      /Scan|Join|Sort|Aggregate|Hash|WindowAgg|Limit|Nested Loop|Append|Result|Unique|Materialize/.test(
        line,
      ),
    );
  const indexes = lines.flatMap((line) => {
    const match =
      /(?:Index Scan|Index Only Scan)(?: Backward)? using (\S+)|Bitmap Index Scan on (\S+)/.exec(
        line,
      );
    return match ? [match[1] ?? match[2]!] : [];
  });
  const fullScans = lines.flatMap((line) => {
    const match = /Seq Scan on (\S+)/.exec(line);
    return match ? [match[1]!.replace(/"/g, "")] : [];
  });
  return { plan: steps.join("; "), indexes, fullScans };
}

/** The plan of each statement, asked of the database the client is open on. */
export async function explain(
  prisma: Db,
  kind: StoreKind,
  statements: readonly SentStatement[],
): Promise<StatementPlan[]> {
  const plans: StatementPlan[] = [];
  const counted = new Map<string, number>();
  const rowsOf = async (table: string) => {
    if (!counted.has(table))
      counted.set(
        table,
        Number(
          (
            await prisma.$queryRawUnsafe<{ rows: number | bigint }[]>(
              `SELECT count(*) AS "rows" FROM "${table}"`,
            )
          )[0]!.rows,
        ),
      );
    return counted.get(table)!;
  };
  for (const { query, params } of statements) {
    const statement = statementLabel(query);
    try {
      const read =
        kind === "sqlite"
          ? sqlitePlan(
              await prisma.$queryRawUnsafe<{ detail: string }[]>(
                `EXPLAIN QUERY PLAN ${query}`,
                ...params,
              ),
            )
          : postgresPlan(
              await prisma.$queryRawUnsafe<Record<string, string>[]>(`EXPLAIN ${query}`, ...params),
            );
      const fullScans = [];
      for (const table of read.fullScans) fullScans.push({ table, rows: await rowsOf(table) });
      plans.push({ statement, ...read, fullScans });
    } catch (error) {
      plans.push({
        statement,
        plan: `(could not be explained: ${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
        indexes: [],
        fullScans: [],
      });
    }
  }
  return plans;
}

// One page of rows for each of many academies in one statement: the rows of
// an append-only table (computed designations, decisions), newest first by
// time and id, ranked within each academy by a window function, so a page of
// 100 academies asking for 5 rows each reads at most 600 rows, however long
// their histories. SQLite and PostgreSQL both run it as written, and the rows
// come back as the table's own columns, typed as Prisma types them.
import { Prisma, type Db } from "../db/index.js";
import { pageOf, rowsToRead, type NewestFirstKey, type Page, type PageWindow } from "./page.js";

/** The append-only tables paged per academy by their createdAt. */
export type PerAcademyTable = "Designation" | "DesignationDecision";

/**
 * Each academy's page of rows in the window (an empty page for an academy
 * without any). Only rows of the trust.
 */
export async function pagesPerAcademy<T extends { readonly academyId: string }>(
  prisma: Db,
  table: PerAcademyTable,
  trustId: string,
  academyIds: readonly string[],
  window: PageWindow<NewestFirstKey>,
): Promise<Map<string, Page<T>>> {
  const read = new Map<string, T[]>();
  if (academyIds.length > 0) {
    const order = window.take === "first" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const beyond = (key: NewestFirstKey, side: "<" | ">") =>
      Prisma.sql`AND ("createdAt" ${Prisma.raw(side)} ${key.at} OR ("createdAt" = ${key.at} AND "id" ${Prisma.raw(side)} ${key.id}))`;
    const rows = await prisma.$queryRaw<(T & { rank: number | bigint })[]>`
      SELECT "row".*, "ranked"."rank" FROM ${Prisma.raw(`"${table}"`)} AS "row"
      JOIN (
        SELECT "id", ROW_NUMBER() OVER (
          PARTITION BY "academyId" ORDER BY "createdAt" ${order}, "id" ${order}
        ) AS "rank"
        FROM ${Prisma.raw(`"${table}"`)}
        WHERE "trustId" = ${trustId} AND "academyId" IN (${Prisma.join([...academyIds])})
        ${window.after ? beyond(window.after, "<") : Prisma.empty}
        ${window.before ? beyond(window.before, ">") : Prisma.empty}
      ) AS "ranked" ON "ranked"."id" = "row"."id"
      WHERE "ranked"."rank" <= ${rowsToRead(window)}`;
    // The rank rides along on each row: mappers read only the table's own columns.
    const ranked = rows.map((row) => ({ rank: Number(row.rank), row: row as T }));
    for (const { row } of ranked.sort((a, b) => a.rank - b.rank)) {
      const own = read.get(row.academyId);
      if (own) own.push(row);
      else read.set(row.academyId, [row]);
    }
  }
  return new Map(academyIds.map((id) => [id, pageOf(window, read.get(id) ?? [])]));
}

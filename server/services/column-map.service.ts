// The trust's saved column map: which indicator each of its workbook headers
// means, as the data manager confirmed it (task pane) or wrote it (a JSON file
// for the CLI). Every path that reads a matrix resolves headers by it first,
// then by the framework's own aliases, then by the catalogue, so a trust maps
// its matrix once.
import {
  badInput,
  foldHeader,
  forbidden,
  indicatorByKey,
  INDICATOR_KEYS,
  type ColumnChoice,
} from "../domain/index.js";
import type { Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import type { AuditService } from "./audit.service.js";
import { type Problem, roleHas } from "../shared/index.js";

export interface ColumnMapEntryRow {
  readonly header: string;
  readonly indicator: string | null;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

/** At most this many headers in a map (a matrix has a few dozen). */
export const MAX_COLUMN_MAP_ENTRIES = 500;

/** The trust's saved choices, in header order; an empty list when it has none. */
export async function loadColumnMap(prisma: Db, trustId: string): Promise<ColumnChoice[]> {
  const rows = await prisma.columnMapEntry.findMany({
    where: { trustId },
    orderBy: { header: "asc" },
    select: { header: true, indicator: true },
  });
  return rows;
}

export class ColumnMapService {
  constructor(
    private readonly prisma: Db,
    private readonly audit: AuditService,
  ) {}

  async list(viewer: Viewer): Promise<ColumnMapEntryRow[]> {
    return this.prisma.columnMapEntry.findMany({
      where: { trustId: viewer.trustId },
      orderBy: { header: "asc" },
      select: { header: true, indicator: true, updatedBy: true, updatedAt: true },
    });
  }

  /** The choices for designating, or none for a caller who is not signed in. */
  async choicesFor(viewer: Viewer | null): Promise<ColumnChoice[]> {
    return viewer ? loadColumnMap(this.prisma, viewer.trustId) : [];
  }

  /**
   * Replaces the trust's column map with `entries` in one transaction. Each
   * header once (compared as headers are matched: ignoring case, spaces and
   * punctuation); each indicator a known key, or null for "not evidence".
   */
  async save(viewer: Viewer, entries: readonly ColumnChoice[]): Promise<ColumnMapEntryRow[]> {
    if (!roleHas(viewer.role, "recordEvidence"))
      throw forbidden("Only a trust admin or data manager saves the trust's column map.");
    const problems: Problem[] = [];
    if (entries.length > MAX_COLUMN_MAP_ENTRIES)
      problems.push({
        field: "entries",
        message: `entries: at most ${MAX_COLUMN_MAP_ENTRIES} headers, got ${entries.length}`,
      });
    const seen = new Map<string, number>();
    entries.slice(0, MAX_COLUMN_MAP_ENTRIES).forEach((entry, index) => {
      const header = entry.header.trim();
      const folded = foldHeader(header);
      // The entry's header is its column; its indicator, when a known key.
      const where = {
        row: index,
        ...(header === "" ? {} : { column: header }),
        ...(entry.indicator !== null && indicatorByKey(entry.indicator)
          ? { indicator: entry.indicator }
          : {}),
      };
      if (header === "" || folded === "" || header.length > 200)
        problems.push({
          ...where,
          field: "header",
          value: header.slice(0, 60),
          accepts: "1 to 200 characters with at least one letter or digit",
          message: "header: a header is 1 to 200 characters with at least one letter or digit",
        });
      else if (seen.has(folded))
        problems.push({
          ...where,
          field: "header",
          value: header.slice(0, 60),
          accepts: "each header once (compared ignoring case, spaces and punctuation)",
          message: `header: "${header.slice(0, 60)}" is the same header as entries[${seen.get(folded)}]; accepts each header once`,
        });
      if (!seen.has(folded)) seen.set(folded, index);
      if (entry.indicator !== null && !indicatorByKey(entry.indicator))
        problems.push({
          ...where,
          field: "indicator",
          code: "NOT_FOUND",
          value: entry.indicator.slice(0, 60),
          accepts: "an indicator key, or null for a column that is not evidence",
          message: `indicator: unknown indicator "${entry.indicator.slice(0, 60)}"; use one of ${INDICATOR_KEYS.join(", ")}, or null for a column that is not evidence`,
        });
    });
    if (problems.length > 0) throw badInput(problems, "entries");
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.columnMapEntry.findMany({
        where: { trustId: viewer.trustId },
        orderBy: { header: "asc" },
        select: { header: true, indicator: true },
      });
      await tx.columnMapEntry.deleteMany({ where: { trustId: viewer.trustId } });
      if (entries.length > 0)
        await tx.columnMapEntry.createMany({
          data: entries.map((entry) => ({
            trustId: viewer.trustId,
            header: entry.header.trim(),
            folded: foldHeader(entry.header.trim()),
            indicator: entry.indicator,
            updatedBy: viewer.userId,
          })),
        });
      await this.audit.record(
        tx,
        viewer,
        "columnMap.save",
        "ColumnMap",
        viewer.trustId,
        before,
        entries.map((entry) => ({ header: entry.header.trim(), indicator: entry.indicator })),
      );
    });
    return this.list(viewer);
  }
}

// Frameworks: the presets and a trust's own, compiled once and reused, and
// evaluation of evidence rows against them.
import {
  badInput,
  compileFramework,
  designateEntries,
  designateMatrix,
  designateRowsOfEntries,
  parseFramework,
  presets,
  type ColumnChoice,
  type CompiledFramework,
  type Designation,
  type EvidenceEntry,
  type MatrixCell,
  type MatrixDesignations,
  type MatrixOptions,
  type RowOutcome,
} from "../domain/index.js";
import { jsonValue, type Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import { forbidden } from "../domain/index.js";
import type { AuditService } from "./audit.service.js";
import { ColumnMapService } from "./column-map.service.js";
import type { NationalBenchmarkService } from "./national-benchmark.service.js";
import { yearProblem, roleHas } from "../shared/index.js";

export interface FrameworkSummary {
  readonly framework: CompiledFramework;
  readonly preset: boolean;
}

/** The evidence's academic year, when given, must be one (it picks national benchmarks). */
function checkYear(year: string | null): void {
  const problem = year === null ? null : yearProblem("year", year);
  if (problem) throw badInput([problem]);
}

export class FrameworkService {
  /** Compiled trust frameworks by row id and last change. */
  private readonly compiled = new Map<string, { stamp: number; framework: CompiledFramework }>();
  /**
   * Frameworks compiled with a trust's loaded national figures, by trust and
   * framework key: kept while the framework and the figures are unchanged.
   */
  private readonly withFigures = new Map<
    string,
    { base: CompiledFramework; stamp: string; framework: CompiledFramework }
  >();
  /** The trust's saved column map, read by every path that designates a matrix. */
  readonly columnMaps: ColumnMapService;

  constructor(
    private readonly prisma: Db,
    private readonly audit: AuditService,
    private readonly nationals: NationalBenchmarkService,
  ) {
    this.columnMaps = new ColumnMapService(prisma, audit);
  }

  async list(viewer: Viewer | null): Promise<FrameworkSummary[]> {
    const own = viewer ? await this.trustFrameworks(viewer.trustId) : [];
    return [
      ...[...presets().values()].map((framework) => ({ framework, preset: true })),
      ...own.map((framework) => ({ framework, preset: false })),
    ];
  }

  private async trustFrameworks(trustId: string): Promise<CompiledFramework[]> {
    const rows = await this.prisma.trustFramework.findMany({
      where: { trustId },
      orderBy: { key: "asc" },
    });
    return rows.map((row) => this.compileRow(row));
  }

  private compileRow(row: { id: string; definition: unknown; updatedAt: Date }): CompiledFramework {
    const cached = this.compiled.get(row.id);
    if (cached && cached.stamp === row.updatedAt.getTime()) return cached.framework;
    const framework = compileFramework(row.definition);
    this.compiled.set(row.id, { stamp: row.updatedAt.getTime(), framework });
    return framework;
  }

  /**
   * A preset, or one of the viewer's trust's frameworks, comparing with
   * national by the trust's loaded figures (where it has any) over the
   * built-in ones; BAD_USER_INPUT naming the known keys otherwise.
   */
  async resolve(viewer: Viewer | null, key: string): Promise<CompiledFramework> {
    const base = await this.resolveDefinition(viewer, key);
    if (!viewer) return base;
    const { figures, stamp } = await this.nationals.loadedFor(viewer);
    if (figures.length === 0) return base;
    const cacheKey = `${viewer.trustId}|${key}`;
    const cached = this.withFigures.get(cacheKey);
    if (cached && cached.base === base && cached.stamp === stamp) return cached.framework;
    const framework = compileFramework(base.definition, { nationalFigures: figures });
    this.withFigures.set(cacheKey, { base, stamp, framework });
    return framework;
  }

  private async resolveDefinition(viewer: Viewer | null, key: string): Promise<CompiledFramework> {
    const found = presets().get(key);
    if (found) return found;
    if (viewer) {
      const row = await this.prisma.trustFramework.findUnique({
        where: { trustId_key: { trustId: viewer.trustId, key } },
      });
      if (row) return this.compileRow(row);
    }
    const known = [...presets().keys()].join(", ");
    throw badInput([
      {
        field: "framework",
        value: key.slice(0, 60),
        message: `framework: unknown framework "${key.slice(0, 60)}"; the presets are ${known}${viewer ? " (and your trust's own)" : ""}`,
      },
    ]);
  }

  /** Creates or replaces one of the trust's frameworks from a JSON document (parsed). */
  async save(viewer: Viewer, document: unknown): Promise<CompiledFramework> {
    if (!roleHas(viewer.role, "manageFrameworks"))
      throw forbidden("Only a trust admin manages frameworks.");
    const definition = parseFramework(document);
    if (presets().has(definition.key)) {
      throw badInput([
        {
          field: "key",
          value: definition.key,
          message: `key: "${definition.key}" is a preset; give your framework its own key`,
        },
      ]);
    }
    const framework = compileFramework(definition);
    const stored = jsonValue(definition);
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.trustFramework.findUnique({
        where: { trustId_key: { trustId: viewer.trustId, key: definition.key } },
      });
      const row = await tx.trustFramework.upsert({
        where: { trustId_key: { trustId: viewer.trustId, key: definition.key } },
        create: {
          trustId: viewer.trustId,
          key: definition.key,
          name: definition.name,
          definition: stored,
        },
        update: { name: definition.name, definition: stored },
      });
      await this.audit.record(
        tx,
        viewer,
        before ? "framework.update" : "framework.create",
        "Framework",
        row.id,
        before?.definition ?? null,
        definition,
      );
    });
    return framework;
  }

  /**
   * Designates one row; headers are resolved by the trust's column map, then
   * the framework's aliases, then the catalogue. A cell the framework uses
   * that cannot be read is a BAD_USER_INPUT error naming the indicator; one it
   * does not use is listed in the coverage as unreadable.
   */
  designate(
    framework: CompiledFramework,
    entries: readonly EvidenceEntry[],
    year: string | null,
    columnMap: readonly ColumnChoice[] = [],
  ): Designation {
    checkYear(year);
    return designateEntries(framework, entries, { year, columnMap });
  }

  /** Designates many rows; a row that cannot be read gives its problems, each with its row. */
  designateRows(
    framework: CompiledFramework,
    rows: readonly (readonly EvidenceEntry[])[],
    year: string | null,
    columnMap: readonly ColumnChoice[] = [],
  ): RowOutcome[] {
    checkYear(year);
    return designateRowsOfEntries(framework, rows, { year, columnMap });
  }

  /**
   * Designates a matrix of cells under one header row: headers resolved once,
   * a header naming no indicator left out and listed, a bad row answered with
   * its problems.
   */
  designateMatrix(
    framework: CompiledFramework,
    headers: readonly string[],
    rows: readonly (readonly MatrixCell[])[],
    options: MatrixOptions,
  ): MatrixDesignations {
    checkYear(options.year ?? null);
    return designateMatrix(framework, headers, rows, options);
  }
}

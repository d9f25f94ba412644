import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { acceptedWords, badInput, INDICATORS, type MatrixCell } from "../../domain/index.js";
import { AcademicYearScalar, CellMatrixScalar } from "../scalars.js";
import { IndicatorType } from "../types/indicator.type.js";
import type { Context } from "../context.type.js";
import { FrameworkType } from "../types/framework.type.js";
import { DesignationType } from "../types/designation.type.js";
import { EvidenceInput } from "../types/evidence.input.js";
import { ColumnMapEntryInput, ColumnMapEntryType } from "../types/column-map.type.js";
import { RowDesignationsType } from "../types/row-designations.type.js";
import {
  toBadRow,
  toColumnMapEntry,
  toDesignation,
  toFramework,
  toRowDesignations,
} from "../mappers.js";

/** Most cells in one academy's row (designate) or columns in a header row (designateRows). */
const MAX_CELLS_PER_ROW = 500;

function checkRowCount(rows: number, maxBatchRows: number, field: string): void {
  if (rows > maxBatchRows)
    throw badInput([
      {
        field: "rows",
        message: `rows: at most ${maxBatchRows} rows per ${field}, got ${rows}; split the request`,
      },
    ]);
}

@Resolver()
export class FrameworkResolver {
  @Authorized("evaluate")
  @Query(() => [FrameworkType], {
    description: "The four presets and, when signed in, the trust's own frameworks.",
  })
  async frameworks(@Ctx() { viewer, services }: Context): Promise<FrameworkType[]> {
    const list = await services.frameworks.list(viewer);
    return list.map(({ framework, preset }) => toFramework(framework, preset));
  }

  @Authorized("evaluate")
  @Query(() => DesignationType, {
    description:
      "Designates one academy's evidence under a framework. A value that cannot be read is a BAD_USER_INPUT error naming the indicator.",
  })
  async designate(
    @Arg("framework", () => String, { description: "Framework key, e.g. phase-model." })
    framework: string,
    @Arg("evidence", () => [EvidenceInput], { description: "The academy's cells." })
    evidence: EvidenceInput[],
    @Arg("year", () => AcademicYearScalar, {
      nullable: true,
      description:
        "Academic year of the evidence (picks national benchmarks); latest when left out.",
    })
    year: string | null,
    @Ctx() { viewer, services }: Context,
  ): Promise<DesignationType> {
    if (evidence.length > MAX_CELLS_PER_ROW)
      throw badInput([
        {
          field: "evidence",
          message: `evidence: at most ${MAX_CELLS_PER_ROW} cells per academy, got ${evidence.length}`,
        },
      ]);
    const compiled = await services.frameworks.resolve(viewer, framework);
    const columnMap = await services.frameworks.columnMaps.choicesFor(viewer);
    return toDesignation(
      services.frameworks.designate(compiled, evidence, year ?? null, columnMap),
    );
  }

  @Authorized("evaluate")
  @Query(() => [DesignationType], {
    description:
      "Designates many rows (a whole risk matrix) in one request, in order. Any unreadable row fails the request with every problem listed, unless reportBadRows is true, when that row's Designation carries its problems instead.",
  })
  async designateBatch(
    @Arg("framework", () => String, { description: "Framework key." }) framework: string,
    @Arg("rows", () => [[EvidenceInput]], { description: "One list of cells per academy." })
    rows: EvidenceInput[][],
    @Arg("year", () => AcademicYearScalar, {
      nullable: true,
      description: "Academic year of the evidence.",
    })
    year: string | null,
    @Arg("reportBadRows", () => Boolean, {
      defaultValue: false,
      description: "Answer unreadable rows in place instead of failing the request.",
    })
    reportBadRows: boolean,
    @Ctx() { viewer, services, maxBatchRows }: Context,
  ): Promise<DesignationType[]> {
    checkRowCount(rows.length, maxBatchRows, "designateBatch");
    const compiled = await services.frameworks.resolve(viewer, framework);
    const columnMap = await services.frameworks.columnMaps.choicesFor(viewer);
    const outcomes = services.frameworks.designateRows(compiled, rows, year ?? null, columnMap);
    if (!reportBadRows) {
      const problems = outcomes.flatMap((outcome) => outcome.problems ?? []);
      if (problems.length > 0) throw badInput(problems);
    }
    return outcomes.map((outcome) =>
      outcome.designation
        ? toDesignation(outcome.designation)
        : toBadRow(compiled.key, outcome.problems),
    );
  }

  @Authorized("evaluate")
  @Query(() => RowDesignationsType, {
    description:
      "Designates many rows in one request, in the compact form a spreadsheet holds them: one header row and a matrix of cell values, answered with flat lists (a level key per row), reasons only when explain is true. Headers resolve as in designateBatch (the trust's column map, the framework's aliases, the catalogue); a header that names no indicator (URN, Notes) is left out and listed in unknownHeaders. A row that cannot be read is answered in place: its problems name the cell's indicator and what it accepts, and the other rows are designated.",
  })
  async designateRows(
    @Arg("framework", () => String, { description: "Framework key." }) framework: string,
    @Arg("headers", () => [String], {
      description:
        "The header row: for each column, an indicator key (ks4.progress8) or a workbook header that names one (P8). A blank header's column is left out.",
    })
    headers: string[],
    @Arg("rows", () => CellMatrixScalar, {
      description: "One list of cells per academy, a cell per header, as the sheet holds them.",
    })
    rows: MatrixCell[][],
    @Arg("percentFormatted", () => CellMatrixScalar, {
      nullable: true,
      description:
        "Each cell's number format where known, in the shape of rows: true when percent-formatted (1 shown as 100%), false for another format, null when not known (a number strictly between 0 and 1 in a percent column is then read as a fraction).",
    })
    percentFormatted: MatrixCell[][] | null,
    @Arg("year", () => AcademicYearScalar, {
      nullable: true,
      description: "Academic year of the evidence.",
    })
    year: string | null,
    @Arg("explain", () => Boolean, {
      defaultValue: false,
      description: "Also answer each row's reasons and coverage (explanations).",
    })
    explain: boolean,
    @Ctx() { viewer, services, maxBatchRows }: Context,
  ): Promise<RowDesignationsType> {
    checkRowCount(rows.length, maxBatchRows, "designateRows");
    if (headers.length > MAX_CELLS_PER_ROW)
      throw badInput([
        {
          field: "headers",
          message: `headers: at most ${MAX_CELLS_PER_ROW} columns, got ${headers.length}`,
        },
      ]);
    const compiled = await services.frameworks.resolve(viewer, framework);
    const columnMap = await services.frameworks.columnMaps.choicesFor(viewer);
    const designated = services.frameworks.designateMatrix(compiled, headers, rows, {
      year: year ?? null,
      columnMap,
      percentFormatted,
    });
    return toRowDesignations(compiled, designated, explain);
  }

  @Authorized("read")
  @Query(() => [ColumnMapEntryType], {
    description:
      "The trust's saved column map: which indicator each of its workbook headers means. designate, designateBatch, recordEvidence, the task pane and the custom functions resolve headers by it first, then by the framework's own aliases, then by the catalogue.",
  })
  async columnMap(@Ctx() { viewer, services }: Context): Promise<ColumnMapEntryType[]> {
    return (await services.frameworks.columnMaps.list(viewer!)).map(toColumnMapEntry);
  }

  @Authorized("recordEvidence")
  @Mutation(() => [ColumnMapEntryType], {
    description:
      "Replaces the trust's column map (trust admin or data manager): each header once, each indicator a known key or null for a column that is not evidence. Audited.",
  })
  async saveColumnMap(
    @Arg("entries", () => [ColumnMapEntryInput], {
      description: "The whole map: every header the trust has chosen an indicator for.",
    })
    entries: ColumnMapEntryInput[],
    @Ctx() { viewer, services }: Context,
  ): Promise<ColumnMapEntryType[]> {
    const saved = await services.frameworks.columnMaps.save(
      viewer!,
      entries.map((entry) => ({ header: entry.header, indicator: entry.indicator ?? null })),
    );
    return saved.map(toColumnMapEntry);
  }

  @Authorized("manageFrameworks")
  @Mutation(() => FrameworkType, {
    description:
      "Creates or replaces one of the trust's own frameworks from a JSON object (the shape of a preset's definition). Errors point into the document.",
  })
  async saveFramework(
    @Arg("definition", () => GraphQLJSONObject, {
      description: "The framework as a JSON object: a preset's definition, copied and edited.",
    })
    definition: Record<string, unknown>,
    @Ctx() { viewer, services }: Context,
  ): Promise<FrameworkType> {
    return toFramework(await services.frameworks.save(viewer!, definition), false);
  }

  @Authorized("evaluate")
  @Query(() => [IndicatorType], {
    description:
      "The indicator catalogue: every key a cell of evidence or a target's metric may name, with its label, unit, direction, what it accepts, the headers that mean it and the frameworks that read it.",
  })
  async indicators(@Ctx() { viewer, services }: Context): Promise<IndicatorType[]> {
    const frameworks = await services.frameworks.list(viewer);
    return INDICATORS.map((indicator) => ({
      key: indicator.key,
      label: indicator.label,
      kind: indicator.kind,
      unit: indicator.unit,
      direction: indicator.direction === "none" ? null : indicator.direction,
      accepts: indicator.accepts,
      values: acceptedWords(indicator.kind) as string[] | null,
      aliases: [...indicator.aliases],
      frameworks: frameworks
        .filter(({ framework }) => framework.reads.has(indicator.key))
        .map(({ framework }) => framework.key),
    }));
  }
}

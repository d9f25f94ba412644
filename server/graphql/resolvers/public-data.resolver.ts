// Public data by URN in GraphQL: the stored value of an indicator
// (publicEvidence, MAT.EVIDENCE), the national figures in force
// (nationalBenchmarks).
import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { badInput, benchmarkWords, indicatorForHeader, yearProblem } from "../../domain/index.js";
import type { Context } from "../context.type.js";
import {
  NationalBenchmarkType,
  PublicDataKind,
  PublicEvidenceType,
} from "../types/public-data.type.js";

@Resolver()
export class PublicDataResolver {
  @Authorized("read")
  @Query(() => PublicEvidenceType, {
    nullable: true,
    description:
      "The stored public value of an indicator for one of your academies (MAT.EVIDENCE): for a year, the latest describing that year or earlier; without one, the latest. Null when none is held or the academy is not yours to see.",
  })
  async publicEvidence(
    @Arg("urn", () => String, { description: "Six digits." }) urn: string,
    @Arg("indicator", () => String, {
      description: "An indicator key (ks2.rwmExpected, ofsted.inclusion) or a header naming one.",
    })
    indicator: string,
    @Arg("year", () => String, { nullable: true, description: "Academic year such as 2025/26." })
    year: string | null,
    @Ctx() { viewer, services }: Context,
  ): Promise<PublicEvidenceType | null> {
    const key = indicatorForHeader(indicator)?.key;
    if (!key)
      throw badInput([
        {
          field: "indicator",
          value: indicator.slice(0, 60),
          message: `indicator: "${indicator.slice(0, 60)}" names no indicator; use a key such as ks2.rwmExpected or ofsted.inclusion`,
        },
      ]);
    if (year !== null && !/^\d{4}\/\d{2}$/.test(year))
      throw badInput([
        {
          field: "year",
          value: year.slice(0, 20),
          message: `year: "${year.slice(0, 20)}" is not an academic year; use 2025/26`,
        },
      ]);
    const row = await services.publicData.evidence(viewer!, urn, key, year);
    if (!row) return null;
    return {
      urn: row.urn,
      indicator: row.indicator,
      value: row.value,
      unavailable: row.unavailable,
      describes: row.describes,
      date: row.date,
      kind: row.kind as PublicDataKind,
      inspection: row.groupLabel,
      predecessorUrn: row.predecessorUrn,
      edition: row.edition,
      fileName: row.fileName,
      loadedAt: row.loadedAt,
      source: row.source,
    };
  }

  @Authorized("read")
  @Query(() => [NationalBenchmarkType], {
    description:
      "The national (England) figures comparisons use for a year, by indicator and phase: those the trust loaded from DfE files' England rows over the built-in ones, each with its source. For each indicator and phase, the figure of the latest year up to the year given (the latest of all without one).",
  })
  async nationalBenchmarks(
    @Arg("year", () => String, {
      nullable: true,
      description: "Academic year such as 2025/26; the latest figures when left out.",
    })
    year: string | null,
    @Ctx() { viewer, services }: Context,
  ): Promise<NationalBenchmarkType[]> {
    const problem = year === null ? null : yearProblem("year", year);
    if (problem) throw badInput([problem]);
    const figures = await services.nationalBenchmarks.inForce(viewer!, year);
    return figures.map((figure) => ({
      indicator: figure.indicator,
      phase: figure.phase,
      year: figure.year,
      value: figure.value,
      source: figure.source,
      figure: benchmarkWords(figure),
      builtIn: figure.builtIn,
      fileName: figure.fileName ?? null,
      edition: figure.edition,
      asOf: figure.asOf ?? null,
    }));
  }
}

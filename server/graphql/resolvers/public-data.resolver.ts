import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { badInput, indicatorForHeader } from "../../domain/index.js";
import type { Context } from "../context.type.js";
import { PublicDataKind, PublicEvidenceType } from "../types/public-data.type.js";
import { AcademicYearScalar, URNScalar } from "../scalars.js";

@Resolver()
export class PublicDataResolver {
  @Authorized("read")
  @Query(() => PublicEvidenceType, {
    nullable: true,
    description:
      "The stored public value of an indicator for one of your academies (MAT.EVIDENCE): for a year, the latest describing that year or earlier; without one, the latest. Null when none is held or the academy is not yours to see.",
  })
  async publicEvidence(
    @Arg("urn", () => URNScalar, { description: "Six digits." }) urn: string,
    @Arg("indicator", () => String, {
      description: "An indicator key (ks2.rwmExpected, ofsted.inclusion) or a header naming one.",
    })
    indicator: string,
    @Arg("year", () => AcademicYearScalar, {
      nullable: true,
      description: "Academic year such as 2025/26.",
    })
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
}

// Public data by URN in GraphQL: the stored value of an indicator
// (publicEvidence, MAT.EVIDENCE), the national figures in force
// (nationalBenchmarks), and the upload of a public file (importPublicData, a
// GraphQL multipart request; server/http/graphql-upload.ts reads the request
// and enforces PUBLIC_DATA_LIMIT; the load is the same service as npm run
// import and POST /public-data, with the same report).
import { Arg, Authorized, Ctx, Mutation, Query, Resolver, registerEnumType } from "type-graphql";
import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import { badInput, benchmarkWords, indicatorForHeader } from "../../domain/index.js";
import { bytesOf } from "../../config.js";
import { FileTooLarge, withinLimit } from "../../public-data/byte-limit.js";
import { preferenceOf, type PublicImportReport } from "../../services/public-data.service.js";
import type { Context } from "../context.type.js";
import { ErrorCode, codedError } from "../errors.js";
import {
  NationalBenchmarkType,
  PublicDataKind,
  PublicEvidenceType,
  PublicImportReportType,
} from "../types/public-data.type.js";

export enum PublicDataPreference {
  TRUST = "TRUST",
  PUBLIC = "PUBLIC",
}

registerEnumType(PublicDataPreference, {
  name: "PublicDataPreference",
  description:
    "Which value counts when the trust recorded an indicator for a year that a public file also has.",
  valuesConfig: {
    TRUST: { description: "The trust's own value wins (the default)." },
    PUBLIC: { description: "The public figure wins; the reason says so." },
  },
});

/** The upload's bytes, stopped with FileTooLarge past the limit (ours, or the multipart reader's). */
async function* uploadedBytes(
  upload: FileUpload,
  limit: { bytes: number; text: string } | null,
): AsyncGenerator<Uint8Array> {
  try {
    const stream = upload.createReadStream() as AsyncIterable<Buffer>;
    yield* limit ? withinLimit(stream, limit, upload.filename) : stream;
  } catch (error) {
    // graphql-upload truncates a file over its maxFileSize with an HTTP 413 error.
    if ((error as { status?: number }).status === 413)
      throw new FileTooLarge(upload.filename, limit?.text ?? "the upload limit");
    throw error;
  }
}

function reportType(report: PublicImportReport): PublicImportReportType {
  return {
    ...report,
    kind: report.kind as PublicDataKind,
    matched: [...report.matched],
    missing: [...report.missing],
    academiesCreated: [...report.academiesCreated],
    academiesUpdated: [...report.academiesUpdated],
    nationalFigures: report.nationalFigures.map((row) => ({ ...row })),
    notes: [...report.notes],
  };
}
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
    // An argument left out arrives undefined, not null.
    year ??= null;
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
    @Arg("year", () => AcademicYearScalar, {
      nullable: true,
      description: "Academic year such as 2025/26; the latest figures when left out.",
    })
    year: string | null,
    @Ctx() { viewer, services }: Context,
  ): Promise<NationalBenchmarkType[]> {
    year ??= null;
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

  @Authorized("recordEvidence")
  @Mutation(() => PublicImportReportType, {
    description:
      "Loads one public file (Ofsted MI, DfE KS2/KS4 results, absence, exclusions, GIAS establishments or links) for your trust, sent as a GraphQL multipart request (send the header apollo-require-preflight: true), up to PUBLIC_DATA_LIMIT; a trust admin or data manager. The same load and report as npm run import and POST /public-data (which also streams progress).",
  })
  async importPublicData(
    @Arg("file", () => GraphQLUpload, { description: "The file, as downloaded (CSV)." })
    file: Promise<FileUpload>,
    @Arg("year", () => AcademicYearScalar, {
      nullable: true,
      description: "The academic year of an older wide DfE file that does not state it (2023/24).",
    })
    year: string | null,
    @Arg("designationYear", () => AcademicYearScalar, {
      nullable: true,
      description: "The year to designate after the load; today's academic year when left out.",
    })
    designationYear: string | null,
    @Arg("prefer", () => PublicDataPreference, {
      nullable: true,
      description:
        "Which value wins where the trust and the file have the same indicator and year.",
    })
    prefer: PublicDataPreference | null,
    @Ctx() { viewer, services, publicDataLimit }: Context,
  ): Promise<PublicImportReportType> {
    year ??= null;
    designationYear ??= null;
    prefer ??= null;
    const upload = await file;
    const limit = publicDataLimit
      ? { bytes: bytesOf(publicDataLimit), text: publicDataLimit }
      : null;
    try {
      const report = await services.publicData.importFile(
        viewer!,
        { fileName: upload.filename.slice(0, 200), content: uploadedBytes(upload, limit), year },
        { designationYear, prefer: preferenceOf("prefer", prefer) },
      );
      return reportType(report);
    } catch (error) {
      if (error instanceof FileTooLarge)
        throw codedError(ErrorCode.BAD_REQUEST, error.message, 413);
      throw error;
    }
  }
}

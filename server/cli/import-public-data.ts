// `npm run import -- [--trust TR04567] [--year 2023/24] [--designation-year 2026/27] [--prefer TRUST|PUBLIC] <file>...`
// Loads public files (Ofsted MI, DfE KS2/KS4, absence, exclusions, GIAS
// establishments and links) into a trust of $DATABASE_URL and prints what each
// file was and did. Files load in the order given: GIAS first builds the roster.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../config.js";
import { migrate, openDatabase } from "../db/index.js";
import { DomainError } from "../domain/index.js";
import { inProcessEvents } from "../live/events/index.js";
import { createServices } from "../services/index.js";
import { preferenceOf, type PublicImportReport } from "../services/public-data.service.js";
import type { Viewer } from "../auth/viewer.js";
import { academicYearInName } from "../public-data/cells.js";

const USAGE =
  "usage: npm run import -- [--trust TR04567] [--year 2023/24] [--designation-year 2026/27] [--prefer TRUST|PUBLIC] <file>...";

function list(urns: readonly string[], limit = 12): string {
  if (urns.length === 0) return "none";
  return urns.length > limit
    ? `${urns.slice(0, limit).join(", ")} and ${urns.length - limit} more`
    : urns.join(", ");
}

export function describeReport(report: PublicImportReport): string[] {
  const lines = [
    `${report.fileName}: ${report.kindLabel}${report.edition ? `, edition ${report.edition}` : ""} (${report.rows} rows, ${report.encoding})`,
    `  the trust's academies matched: ${report.matched.length} (${list(report.matched)})`,
    `  skipped (not the trust's): ${report.skipped}`,
    `  missing from the file: ${list(report.missing)}`,
  ];
  if (report.kind === "gias-establishments")
    lines.push(
      `  academies created: ${list(report.academiesCreated)}; updated: ${list(report.academiesUpdated)}; unchanged: ${report.unchanged}`,
    );
  else if (report.kind === "gias-links")
    lines.push(`  predecessor links added or changed: ${report.predecessorsLinked}`);
  else
    lines.push(
      `  values loaded: ${report.loaded}; unchanged: ${report.unchanged}${report.olderThanHeld > 0 ? `; kept from a newer edition: ${report.olderThanHeld}` : ""}`,
    );
  if (report.nationalFigures.length > 0)
    lines.push(
      `  England figures: ${report.nationalLoaded} loaded as national benchmarks; unchanged: ${report.nationalUnchanged}${report.nationalOlderThanHeld > 0 ? `; kept from a newer edition: ${report.nationalOlderThanHeld}` : ""}`,
      `  England figures in the file: ${report.nationalFigures.map((row) => `${row.indicator}${row.phase ? ` (${row.phase})` : ""} ${row.year} ${row.value}`).join("; ")}`,
    );
  if (report.designated > 0)
    lines.push(`  designations for ${report.designationYear} changed: ${report.designated}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return lines;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      trust: { type: "string" },
      year: { type: "string" },
      "designation-year": { type: "string" },
      prefer: { type: "string" },
    },
  });
  if (positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const database = await openDatabase(config.DATABASE_URL);
  try {
    const trusts = await database.prisma.trust.findMany({ orderBy: { uid: "asc" } });
    const trust = values.trust
      ? trusts.find((item) => item.uid === values.trust)
      : trusts.length === 1
        ? trusts[0]
        : undefined;
    if (!trust) {
      console.error(
        values.trust
          ? `No trust with UID ${values.trust}; the trusts are ${trusts.map((item) => item.uid).join(", ") || "none"}`
          : `Say which trust with --trust (one of ${trusts.map((item) => item.uid).join(", ") || "none: seed or create one first"})`,
      );
      return 2;
    }
    const services = createServices(database.prisma, inProcessEvents(), database.kind);
    const viewer: Viewer = {
      userId: "cli",
      name: "npm run import",
      trustId: trust.id,
      role: "trust-admin",
      academyUrns: null,
      tokenId: null,
    };
    console.log(`Loading into ${trust.name} (${trust.uid})`);
    for (const path of positionals) {
      const size = (await stat(path)).size;
      let lastShown = 0;
      const report = await services.publicData.importFile(
        viewer,
        {
          fileName: basename(path),
          content: createReadStream(path, { highWaterMark: 256 * 1024 }),
          // The older wide DfE files' year is the download folder's name (2022-2023/...).
          year: values.year ?? academicYearInName(path),
          onProgress: ({ rows, bytes }) => {
            if (size < 5_000_000 || Date.now() - lastShown < 1000) return;
            lastShown = Date.now();
            process.stderr.write(
              `  ${path}: ${Math.round((bytes / size) * 100)}% (${rows} rows)\r`,
            );
          },
        },
        {
          designationYear: values["designation-year"] ?? null,
          prefer: preferenceOf("--prefer", values.prefer),
        },
      );
      if (lastShown > 0) process.stderr.write("\n");
      for (const line of describeReport(report)) console.log(line);
    }
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.problems.map((problem) => problem.message).join("\n"));
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();

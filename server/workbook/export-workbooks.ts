// Workbooks for a governors' meeting: an academy card and the trust overview
// as formatted .xlsx files. Every text cell is neutralised against formulas.
import ExcelJS from "exceljs";
import type { AcademyCardData } from "../services/academy-card.service.js";
import type { OverviewRow } from "../services/overview.service.js";
import { indicatorByKey, precisionOf, signOffTrail } from "../domain/index.js";
import { safeCellText } from "./safe-cell.js";
import { designationLine, type DesignationLine } from "../services/designation-line.js";

const RAG_FILL: Record<string, string> = { green: "FFC6EFCE", amber: "FFFFEB9C", red: "FFFFC7CE" };
const HEADER_FILL = "FF1F4E79";

function text(value: string | null | undefined): string {
  return safeCellText(value ?? "");
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: "FFFFFFFF" } };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  row.height = 30;
}

function ragCell(cell: ExcelJS.Cell, rag: string | null): void {
  cell.value = rag ? rag.toUpperCase() : "NO DATA";
  const fill = rag ? RAG_FILL[rag] : undefined;
  if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  cell.alignment = { horizontal: "center" };
}

const BODY_DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "reviewed: LGB, 1 Oct 2025 (Pat Governor)" */
function signOffWords(step: {
  action: string;
  body: string | null;
  meetingOn: string | null;
  changedByName: string;
  changedAt: Date;
}): string {
  const when = step.meetingOn ? new Date(`${step.meetingOn}T00:00:00Z`) : step.changedAt;
  const action = step.action === "directChange" ? "changed directly" : step.action;
  return `${action}: ${step.body ?? ""}, ${BODY_DATE.format(when)} (${step.changedByName})`;
}

/** A sheet of the designation that counts: level, status, decision, time in level, support. */
function designationSheet(workbook: ExcelJS.Workbook, title: string, line: DesignationLine): void {
  const sheet = workbook.addWorksheet("Designation", {
    pageSetup: { orientation: "portrait", fitToPage: true, fitToWidth: 1 },
  });
  sheet.addRow([text(title)]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  const rows: [string, string][] = [
    ["Designation", line.level],
    ["Status", line.status],
    ["Agreed", line.statusText],
    ["Time in level", line.timeInLevel || "no decision yet"],
  ];
  for (const [label, value] of rows) {
    const row = sheet.addRow([label, text(value)]);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);
  sheet.addRow(["Support"]).font = { bold: true };
  for (const entry of line.support.length > 0 ? line.support : ["none listed for this level"])
    sheet.addRow(["", text(entry)]);
  sheet.columns.forEach((column, index) => (column.width = index === 0 ? 16 : 90));
  sheet.getColumn(2).alignment = { wrapText: true, vertical: "top" };
}

export async function academyCardWorkbook(
  card: AcademyCardData,
  line: DesignationLine,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "MAT designations";
  const sheet = workbook.addWorksheet("Academy card", {
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1 },
  });
  sheet.addRow([text(`${card.academy.name} (URN ${card.academy.urn})`)]).font = {
    bold: true,
    size: 16,
  };
  sheet.addRow([text(`Academy card ${card.year} - ${card.academy.phase}`)]).font = { italic: true };
  sheet.addRow([text(`Designation: ${line.level} (${line.statusText})`)]);
  sheet.addRow([
    text(
      [
        line.timeInLevel ? `Time in level: ${line.timeInLevel}` : "",
        line.support.length > 0
          ? `Support: ${line.support.length} entitlements (sheet Designation)`
          : "",
      ]
        .filter(Boolean)
        .join(". "),
    ),
  ]).font = { italic: true };
  styleHeader(
    sheet.addRow([
      "Metric",
      "Baseline",
      "Target",
      "Status",
      "Signed off",
      "Latest",
      "Period",
      "Expected by then",
      "Tolerance",
      "Gap closed",
      "On track",
      "RAG",
      "National",
      "National figure",
      "Change pending",
    ]),
  );
  for (const { target, progress, versions } of card.targets) {
    const indicator = indicatorByKey(target.metric);
    const places = indicator ? precisionOf(indicator) : 2;
    const trail = signOffTrail(versions, target.pendingStatus !== null);
    const row = sheet.addRow([
      text(indicator?.label ?? target.metric),
      target.baseline,
      target.target,
      text(target.status),
      text(trail.inForce.map(signOffWords).join("; ")),
      progress.latest,
      text(progress.latestPeriod ?? ""),
      progress.expected,
      progress.tolerance,
      progress.gapClosed,
      progress.onTrack === null ? "" : progress.onTrack ? "Yes" : "No",
      null,
      progress.national,
      text(progress.nationalFigure ?? ""),
      text(
        target.pendingStatus === null
          ? ""
          : `${target.pendingStatus}: target ${target.pendingTarget ?? target.target}${target.pendingReason ? ` (${target.pendingReason})` : ""}; agreed value in force`,
      ),
    ]);
    // Values shown to the unit's precision: one decimal for %, two for Progress 8.
    const format = places === 0 ? "0" : `0.${"0".repeat(places)}`;
    for (const column of [2, 3, 6, 8, 9, 13]) row.getCell(column).numFmt = format;
    row.getCell(10).numFmt = "0%";
    row.getCell(5).alignment = { wrapText: true, vertical: "top" };
    ragCell(row.getCell(12), progress.rag);
  }
  sheet.columns.forEach(
    (column, index) => (column.width = index === 0 ? 40 : index === 4 ? 42 : index >= 13 ? 36 : 12),
  );
  sheet.views = [{ state: "frozen", ySplit: 5 }];
  designationSheet(workbook, `${card.academy.name}: designation ${card.year}`, line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function overviewWorkbook(
  trustName: string,
  year: string,
  rows: readonly OverviewRow[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "MAT designations";
  const sheet = workbook.addWorksheet("Trust overview", {
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1 },
  });
  sheet.addRow([text(`${trustName}: trust overview ${year}`)]).font = { bold: true, size: 16 };
  sheet.addRow([]);
  styleHeader(
    sheet.addRow([
      "URN",
      "Academy",
      "Phase",
      "Designation",
      "Status",
      "Green",
      "Amber",
      "Red",
      "No data",
      "Recent changes",
      "Targets agreed",
      "Awaiting sign-off",
      "Agreed",
      "Time in level",
      "Support",
    ]),
  );
  for (const row of rows) {
    const designation = designationLine(row.designation);
    const line = sheet.addRow([
      text(row.academy.urn),
      text(row.academy.name),
      text(row.academy.phase),
      text(designation.level),
      text(designation.status),
      row.rag.green,
      row.rag.amber,
      row.rag.red,
      row.rag.none,
      text(
        row.changes
          .slice(0, 3)
          .map((change) => change.summary)
          .join("; "),
      ),
      row.targets.agreed,
      row.targets.draft + row.targets.proposed + row.targets.reviewed + row.targets.changePending,
      text(designation.statusText),
      text(designation.timeInLevel),
      text(designation.support.join("; ")),
    ]);
    for (const [column, rag] of [
      [6, "green"],
      [7, "amber"],
      [8, "red"],
    ] as const) {
      if ((line.getCell(column).value as number) > 0)
        line.getCell(column).fill = {
          type: "pattern",
          pattern: "solid",
          fgColor: { argb: RAG_FILL[rag] as string },
        };
    }
  }
  sheet.columns.forEach(
    (column, index) =>
      (column.width = [9, 34, 14, 36, 18, 8, 8, 8, 9, 50, 10, 12, 50, 36, 60][index] ?? 12),
  );
  sheet.getColumn(15).alignment = { wrapText: true, vertical: "top" };
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: 15 } };
  sheet.views = [{ state: "frozen", ySplit: 3 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

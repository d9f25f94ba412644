// The academy card paper as a workbook. Sheet "Academy card": the title
// block, the designation that counts, one row per target (metric name in
// full, unit, direction, figures as numbers to the unit's precision, RAG,
// national position) and the RAG legend. Sheet "Trend and sign-off": each
// target's milestones, every measurement, tolerance and sign-off. Sheet
// "Measurements": every measurement as a number. A4 landscape, fit to width.
import type ExcelJS from "exceljs";
import { loadExcelJS } from "./exceljs.js";
import { supportText, type AcademyCardPaper, type DesignationPaper } from "../papers/index.js";
import {
  BODY_FONT,
  alignRow,
  decimals,
  headerRow,
  labelled,
  paperSheet,
  ragFill,
  ragLegendRows,
  sectionRow,
  text,
  type Column,
} from "./paper-sheet.js";

const CARD_COLUMNS: readonly Column[] = [
  { header: "Metric", width: 30, kind: "text" },
  { header: "Unit", width: 10, kind: "text" },
  { header: "Direction", width: 11, kind: "text" },
  { header: "Baseline", width: 9, kind: "number" },
  { header: "Expected now", width: 10, kind: "number" },
  { header: "Latest", width: 9, kind: "number" },
  { header: "Latest for", width: 12, kind: "text" },
  { header: "Target", width: 9, kind: "number" },
  { header: "Gap closed", width: 8, kind: "number" },
  { header: "RAG", width: 9, kind: "text" },
  { header: "National position", width: 34, kind: "text" },
];

export function designationRows(sheet: ExcelJS.Worksheet, designation: DesignationPaper): void {
  sectionRow(sheet, "Designation that counts");
  labelled(sheet, "Level", designation.level).getCell(2).font = { ...BODY_FONT, bold: true };
  labelled(sheet, "Status", designation.status);
  labelled(sheet, "Agreed by", designation.agreed ?? "not yet agreed");
  if (designation.status !== "agreed") labelled(sheet, "In full", designation.statusText);
  labelled(sheet, "Time in level", designation.timeInLevel || "no decision yet");
  const support =
    designation.support.length === 0
      ? ["none listed for this level"]
      : designation.support.map(supportText);
  support.forEach((line, index) => labelled(sheet, index === 0 ? "Support" : "", line));
}

export async function academyCardWorkbook(paper: AcademyCardPaper): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "MAT designations";
  workbook.created = paper.heading.producedAt;
  const sheet = paperSheet(workbook, "Academy card", paper.heading, "landscape", CARD_COLUMNS);
  designationRows(sheet, paper.designation);
  sectionRow(sheet, `Targets ${paper.heading.year}`);
  const header = headerRow(sheet, CARD_COLUMNS);
  for (const target of paper.targets) {
    const row = sheet.addRow([
      text(target.metricName),
      text(target.unit),
      text(target.direction),
      target.baseline.value,
      target.expectedNow?.value ?? null,
      target.latest?.value ?? null,
      text(
        target.latest
          ? `${target.latest.periodWords}${target.latest.provisional ? " (provisional)" : ""}`
          : "none yet",
      ),
      target.target.value,
      target.gapClosed,
      target.ragWords,
      text(target.national),
    ]);
    alignRow(row, CARD_COLUMNS);
    for (const column of [4, 5, 6, 8]) row.getCell(column).numFmt = decimals(target.precision);
    row.getCell(9).numFmt = "0%";
    ragFill(row.getCell(10), target.rag);
  }
  if (paper.targets.length === 0) sheet.addRow([text(`No targets for ${paper.heading.year} yet.`)]);
  sheet.views = [{ state: "frozen", ySplit: header.number }];
  ragLegendRows(sheet);
  trendSheet(workbook, paper);
  measurementSheet(workbook, paper);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TREND_COLUMNS: readonly Column[] = [
  { header: "Metric", width: 30, kind: "text" },
  { header: "Milestones", width: 20, kind: "text" },
  { header: "Trend (every measurement)", width: 30, kind: "text" },
  { header: "Tolerance", width: 10, kind: "number" },
  { header: "Sign-off", width: 46, kind: "text" },
];

/** Each target's milestones, every measurement in words, tolerance and sign-off. */
function trendSheet(workbook: ExcelJS.Workbook, paper: AcademyCardPaper): void {
  const sheet = paperSheet(
    workbook,
    "Trend and sign-off",
    paper.heading,
    "landscape",
    TREND_COLUMNS,
  );
  sectionRow(sheet, `Trend and sign-off ${paper.heading.year}`);
  headerRow(sheet, TREND_COLUMNS);
  for (const target of paper.targets) {
    const row = sheet.addRow([
      text(target.metricName),
      text(target.milestones.map((m) => `${m.periodWords}: ${m.text}`).join("\n") || "none set"),
      text(
        target.trend
          .map(
            (point) =>
              `${point.periodWords}: ${point.text}${point.provisional ? " (provisional)" : ""}`,
          )
          .join("\n") || "none yet",
      ),
      target.tolerance.value,
      text(
        [
          `Target ${target.status}`,
          ...target.signOff,
          ...(target.pendingChange ? [target.pendingChange] : []),
        ].join("\n"),
      ),
    ]);
    alignRow(row, TREND_COLUMNS);
    row.getCell(4).numFmt = decimals(target.precision);
  }
}

const MEASUREMENT_COLUMNS: readonly Column[] = [
  { header: "Metric", width: 34, kind: "text" },
  { header: "Period", width: 14, kind: "text" },
  { header: "Value", width: 10, kind: "number" },
  { header: "Unit", width: 14, kind: "text" },
  { header: "Provisional", width: 12, kind: "text" },
];

/** Every measurement that counts, one row each: the trend as figures a governor can chart. */
function measurementSheet(workbook: ExcelJS.Workbook, paper: AcademyCardPaper): void {
  const sheet = paperSheet(
    workbook,
    "Measurements",
    paper.heading,
    "portrait",
    MEASUREMENT_COLUMNS,
  );
  sectionRow(sheet, "Every measurement");
  headerRow(sheet, MEASUREMENT_COLUMNS);
  for (const target of paper.targets)
    for (const point of target.trend) {
      const row = sheet.addRow([
        text(target.metricName),
        point.periodWords,
        point.value,
        text(target.unit),
        point.provisional ? "provisional" : "final",
      ]);
      alignRow(row, MEASUREMENT_COLUMNS);
      row.getCell(3).numFmt = decimals(target.precision);
    }
}

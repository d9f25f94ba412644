// The trust overview paper as a workbook: the title block with the framework
// named, one row per academy (the designation that counts, who agreed it and
// when, time in level, support, RAG counts, targets, what changed since the
// last board in words) and the RAG legend. A4 landscape, fit to width.
import type ExcelJS from "exceljs";
import { loadExcelJS } from "./exceljs.js";
import { dateWords, supportText, type OverviewPaper } from "../papers/index.js";
import {
  alignRow,
  headerRow,
  labelled,
  paperSheet,
  ragFill,
  ragLegendRows,
  sectionRow,
  text,
  type Column,
} from "./paper-sheet.js";

export async function overviewWorkbook(paper: OverviewPaper): Promise<Buffer> {
  const since = dateWords(paper.since);
  const columns: readonly Column[] = [
    { header: "URN", width: 13, kind: "text" },
    { header: "Academy", width: 22, kind: "text" },
    { header: "Phase", width: 15, kind: "text" },
    { header: "Designation", width: 18, kind: "text" },
    { header: "Status", width: 14, kind: "text" },
    { header: "Confirmed (agreed by, when)", width: 24, kind: "text" },
    { header: "Time in level", width: 18, kind: "text" },
    { header: "Support", width: 44, kind: "text" },
    { header: "Green", width: 7, kind: "number" },
    { header: "Amber", width: 7, kind: "number" },
    { header: "Red", width: 7, kind: "number" },
    { header: "No data", width: 8, kind: "number" },
    { header: "Targets agreed", width: 9, kind: "number" },
    { header: "Awaiting sign-off", width: 9, kind: "number" },
    { header: `Changes since ${since}`, width: 40, kind: "text" },
  ];
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "MAT designations";
  workbook.created = paper.heading.producedAt;
  const sheet = paperSheet(workbook, "Trust overview", paper.heading, "landscape", columns);
  labelled(sheet, "Changes since", `${since} (${paper.sinceReason})`);
  sectionRow(sheet, "Academies and the designation that counts");
  const header = headerRow(sheet, columns);
  for (const line of paper.academies) {
    const { designation } = line;
    const row = sheet.addRow([
      text(line.urn),
      text(line.name),
      text(line.phase),
      text(designation.level),
      text(designation.status),
      text(designation.agreed ?? "not yet agreed"),
      text(designation.timeInLevel || "no decision yet"),
      text(designation.support.map(supportText).join("\n") || "none listed"),
      line.rag.green,
      line.rag.amber,
      line.rag.red,
      line.rag.none,
      line.targetsAgreed,
      line.targetsAwaiting,
      text(changeSummary(line.changes)),
    ]);
    alignRow(row, columns);
    for (const [column, rag] of [
      [9, "green"],
      [10, "amber"],
      [11, "red"],
    ] as const)
      if (line.rag[rag] > 0) ragFill(row.getCell(column), rag);
  }
  sheet.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number, column: columns.length },
  };
  sheet.views = [{ state: "frozen", ySplit: header.number }];
  ragLegendRows(sheet);
  changesSheet(workbook, paper);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The newest changes in words, at most three, and how many more the Changes sheet lists. */
function changeSummary(changes: OverviewPaper["academies"][number]["changes"]): string {
  if (changes.length === 0) return "no changes";
  const shown = changes.slice(0, 3).map((change) => `${change.when}: ${change.what}`);
  const more = changes.length - shown.length;
  return [...shown, ...(more > 0 ? [`and ${more} more (sheet Changes)`] : [])].join("\n");
}

const CHANGE_COLUMNS: readonly Column[] = [
  { header: "URN", width: 9, kind: "text" },
  { header: "Academy", width: 28, kind: "text" },
  { header: "When", width: 13, kind: "text" },
  { header: "What changed", width: 80, kind: "text" },
];

/** Every change since the last board, academy by academy, newest first, in words. */
function changesSheet(workbook: ExcelJS.Workbook, paper: OverviewPaper): void {
  const sheet = paperSheet(workbook, "Changes", paper.heading, "landscape", CHANGE_COLUMNS);
  sectionRow(sheet, `Changes since ${dateWords(paper.since)} (${paper.sinceReason})`);
  headerRow(sheet, CHANGE_COLUMNS);
  for (const line of paper.academies)
    for (const change of line.changes)
      alignRow(
        sheet.addRow([text(line.urn), text(line.name), change.when, text(change.what)]),
        CHANGE_COLUMNS,
      );
}

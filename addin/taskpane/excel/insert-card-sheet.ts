/// <reference types="office-js" />
// Writes an academy card as a new worksheet a governor can print: the
// targets with baseline, latest value, gap closed and RAG, and a native
// Excel bar chart of progress against target.

export interface CardSheetTarget {
  readonly metric: string;
  readonly status: string;
  readonly baseline: number;
  readonly target: number;
  readonly latest: number | null;
  readonly latestPeriod: string | null;
  /** Share of the gap from baseline to target closed: 1 is the target reached. */
  readonly gapClosed: number | null;
  readonly rag: string | null;
}

export interface CardSheet {
  readonly urn: string;
  readonly academyName: string;
  readonly year: string;
  readonly designation: string | null;
  readonly targets: readonly CardSheetTarget[];
}

const HEADERS = ["Metric", "Status", "Baseline", "Target", "Latest", "Period", "Gap closed", "RAG"];
const RAG_FILL: Readonly<Record<string, string>> = {
  green: "#DFF6DD",
  amber: "#FFF4CE",
  red: "#FDE7E9",
};
const FIRST_TARGET_ROW = 5; // header on sheet row 5 (index 4)

/** A sheet name Excel accepts: at most 31 characters, none of \ / ? * [ ] : */
export function cardSheetName(card: Pick<CardSheet, "urn" | "year">, attempt = 1): string {
  const base = `Card ${card.urn} ${card.year.replace("/", "-")}`;
  return (attempt === 1 ? base : `${base} (${attempt})`).replace(/[\\/?*[\]:]/g, "-").slice(0, 31);
}

function rowsOf(card: CardSheet): (string | number)[][] {
  return card.targets.map((target) => [
    target.metric,
    target.status,
    target.baseline,
    target.target,
    target.latest ?? "",
    target.latestPeriod ?? "",
    target.gapClosed ?? "",
    target.rag ?? "no data",
  ]);
}

/** Adds the card sheet (named after the URN and year, numbered if taken), activates it and answers its name. */
export async function insertCardSheet(
  context: Excel.RequestContext,
  card: CardSheet,
): Promise<string> {
  const worksheets = context.workbook.worksheets;
  const candidates = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => {
    const name = cardSheetName(card, attempt);
    const existing = worksheets.getItemOrNullObject(name);
    existing.load("isNullObject");
    return { name, existing };
  });
  await context.sync();
  const free = candidates.find((candidate) => candidate.existing.isNullObject);
  const name = free?.name ?? cardSheetName(card, Date.now() % 10_000);

  const sheet = worksheets.add(name);
  const count = card.targets.length;
  sheet.getRange("A1").values = [[`${card.academyName} (${card.urn}): academy card ${card.year}`]];
  sheet.getRange("A1").format.font.bold = true;
  sheet.getRange("A1").format.font.size = 14;
  sheet.getRange("A2").values = [[`Designation: ${card.designation ?? "not yet designated"}`]];
  sheet.getRange("A3").values = [
    ["Gap closed: share of the way from baseline to target; 100% means the target is met."],
  ];
  sheet.getRange("A3").format.font.italic = true;

  const header = sheet.getRangeByIndexes(FIRST_TARGET_ROW - 1, 0, 1, HEADERS.length);
  header.values = [HEADERS];
  header.format.font.bold = true;
  header.format.fill.color = "#DEECF9";
  if (count > 0) {
    const body = sheet.getRangeByIndexes(FIRST_TARGET_ROW, 0, count, HEADERS.length);
    body.values = rowsOf(card);
    sheet.getRangeByIndexes(FIRST_TARGET_ROW, 6, count, 1).numberFormat = card.targets.map(() => [
      "0%",
    ]);
    card.targets.forEach((target, index) => {
      const fill = target.rag ? RAG_FILL[target.rag] : undefined;
      if (fill) sheet.getRangeByIndexes(FIRST_TARGET_ROW + index, 7, 1, 1).format.fill.color = fill;
    });

    // Chart data beside the table: metric, progress (gap closed) and the target (100%).
    const chartData = sheet.getRangeByIndexes(FIRST_TARGET_ROW - 1, 9, count + 1, 3);
    chartData.values = [
      ["Metric", "Progress", "Target"],
      ...card.targets.map((target) => [target.metric, target.gapClosed ?? 0, 1]),
    ];
    sheet.getRangeByIndexes(FIRST_TARGET_ROW, 10, count, 2).numberFormat = card.targets.map(() => [
      "0%",
      "0%",
    ]);
    const chart = sheet.charts.add("BarClustered", chartData, "Columns");
    chart.title.text = "Progress against target";
    chart.legend.position = "Bottom";
    chart.setPosition(
      `A${FIRST_TARGET_ROW + count + 2}`,
      `H${FIRST_TARGET_ROW + count + 2 + Math.max(12, count * 2)}`,
    );
  } else {
    sheet.getRange(`A${FIRST_TARGET_ROW + 1}`).values = [["No targets set for this year."]];
  }
  sheet
    .getRangeByIndexes(FIRST_TARGET_ROW - 1, 0, count + 1, HEADERS.length)
    .format.autofitColumns();
  sheet.freezePanes.freezeRows(FIRST_TARGET_ROW);
  sheet.activate();
  await context.sync();
  return name;
}

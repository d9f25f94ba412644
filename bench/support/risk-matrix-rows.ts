// Synthetic risk matrices for the benchmarks: as many academies as asked,
// each a copy of one of the demo trust's fourteen rows (which between them
// cover every level of every preset) with its figures moved a little, so the
// engine sees varied values and every level. Cells are text under workbook
// headers, as a spreadsheet hands them over.
import type { EvidenceEntry } from "../../server/domain/index.js";
import { DEMO_ROWS, HEADERS, type RiskMatrixRow } from "../../server/demo/demo-risk-matrix.js";
import { seededRandom } from "../../server/demo/seeded-random.js";

export { seededRandom };

/** Cells that are figures: moved by up to 20% either way. */
const FIGURES = new Set(["P8", "Basics 5+", "KS2 RWM %", "Absence %", "PA %", "Suspension rate"]);

/** Columns that are not evidence. */
const NOT_EVIDENCE = new Set(["URN", "Academy", "Notes"]);

function cellText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

function moved(header: string, value: unknown, next: () => number): string {
  const text = cellText(value);
  const match = /^(-?\d+(?:\.\d+)?)(%?)$/.exec(text);
  if (!FIGURES.has(header) || !match) return text;
  const number = Number(match[1]);
  const factor = 0.8 + next() * 0.4;
  const shifted = header === "P8" ? number + (next() - 0.5) * 0.4 : number * factor;
  const digits = header === "P8" ? 2 : 1;
  const bounded = header === "P8" ? shifted : Math.min(100, shifted);
  return `${bounded.toFixed(digits)}${match[2]}`;
}

/** One academy's row of the risk matrix as workbook cells. */
export function riskMatrixRow(index: number): EvidenceEntry[] {
  const template = DEMO_ROWS[index % DEMO_ROWS.length] as RiskMatrixRow;
  const next = seededRandom(index + 1);
  return Object.entries(template)
    .filter(([header]) => !NOT_EVIDENCE.has(header))
    .map(([header, value]) => ({ indicator: header, value: moved(header, value, next) }));
}

/** `count` academies' rows. */
export function riskMatrixRows(count: number): EvidenceEntry[][] {
  return Array.from({ length: count }, (_, index) => riskMatrixRow(index));
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The workbook's header row, every column of the demo risk matrix (URN, Academy and Notes included). */
export const WORKBOOK_HEADERS: readonly string[] = [...HEADERS];

/**
 * One academy's row as Excel hands a range to a custom function, in
 * WORKBOOK_HEADERS order: numbers as numbers, dates as serials, blanks as "".
 */
export function workbookRow(index: number): (string | number | boolean)[] {
  const template = DEMO_ROWS[index % DEMO_ROWS.length] as RiskMatrixRow;
  const next = seededRandom(index + 1);
  const urn = 100_000 + index;
  return HEADERS.map((header) => {
    if (header === "URN") return urn;
    if (header === "Academy") return `Academy ${urn}`;
    const value = template[header];
    if (value === undefined) return "";
    if (value instanceof Date) return (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
    if (typeof value === "number" && FIGURES.has(header)) return Number(moved(header, value, next));
    if (typeof value === "string" && FIGURES.has(header)) return moved(header, value, next);
    return value;
  });
}

import { formatValue as formatInUnit, indicatorByKey } from "../../../server/shared/index.js";
// Figures as a governor reads them: in the metric's unit, rounded to its
// precision (one decimal for %, two for Progress 8), by the same rules as the
// server; gap closed as a whole percentage.

export function formatValue(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return "none yet";
  const indicator = indicatorByKey(metric);
  return indicator ? formatInUnit(indicator, value) : String(value);
}

export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined) return "no data";
  return `${Math.round(share * 100)}%`;
}

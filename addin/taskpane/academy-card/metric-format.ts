// Figures as a governor reads them: percentages with a % sign, scores as
// given, gap closed as a whole percentage.
import { indicatorByKey } from "../rules/indicators.js";

export function formatValue(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return "none yet";
  const unit = indicatorByKey(metric)?.unit ?? "";
  const shown = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return unit === "%" ? `${shown}%` : shown;
}

export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined) return "no data";
  return `${Math.round(share * 100)}%`;
}

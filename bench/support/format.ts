// How figures read in the console and in docs/benchmarks.md.

/** 1234567 as "1,234,567"; fractions to the digits asked. */
export function formatCount(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return "n/a";
  return value.toLocaleString("en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Milliseconds with sensible precision: "0.42 ms", "12.3 ms", "1,204 ms". */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${formatCount(value)} ms`;
}

/** A ratio as "3.2x". */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return value >= 100 ? `${formatCount(value)}x` : `${value.toFixed(value >= 10 ? 1 : 2)}x`;
}

/** Megabytes of a byte count, one decimal. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

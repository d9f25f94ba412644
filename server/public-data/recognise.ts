// Which public file this is, from its header row (never from its name).
import { Columns } from "./columns.js";
import {
  ABSENCE_HEADERS,
  EXCLUSIONS_HEADERS,
  KS2_LONG_HEADERS,
  KS2_WIDE_HEADERS,
  KS4_LONG_HEADERS,
  KS4_WIDE_HEADERS,
  longReader,
  wideReader,
} from "./dfe-results.js";
import { establishmentsReader, GIAS_HEADERS, GIAS_LINK_HEADERS, linksReader } from "./gias.js";
import { OFSTED_PRE_RC_HEADERS, OFSTED_RC_HEADERS, ofstedReader } from "./ofsted-mi.js";
import type { RowReader } from "./types.js";

export interface ReaderContext {
  readonly fileName: string;
  readonly titleLines: readonly string[];
  /** The academic year for the older wide DfE files, which do not state it. */
  readonly year: string | null;
}

interface Recogniser {
  readonly name: string;
  readonly headers: readonly string[];
  readonly build: (columns: Columns, context: ReaderContext) => RowReader;
}

/** Every format, in the order tried; each needs all of its headers. */
export const FORMATS: readonly Recogniser[] = [
  { name: "Ofsted MI (report-card era)", headers: OFSTED_RC_HEADERS, build: ofstedReader },
  { name: "Ofsted MI (before report cards)", headers: OFSTED_PRE_RC_HEADERS, build: ofstedReader },
  {
    name: "GIAS establishments",
    headers: GIAS_HEADERS,
    build: (columns) => establishmentsReader(columns),
  },
  { name: "GIAS links", headers: GIAS_LINK_HEADERS, build: (columns) => linksReader(columns) },
  {
    name: "KS4 school results (2024/25 on)",
    headers: KS4_LONG_HEADERS,
    build: (columns) => longReader("ks4", columns),
  },
  {
    name: "KS2 school results (2024/25 on)",
    headers: KS2_LONG_HEADERS,
    build: (columns) => longReader("ks2", columns),
  },
  {
    name: "School absence",
    headers: ABSENCE_HEADERS,
    build: (columns) => longReader("absence", columns),
  },
  {
    name: "Suspensions and exclusions",
    headers: EXCLUSIONS_HEADERS,
    build: (columns) => longReader("exclusions", columns),
  },
  {
    name: "KS4 school results (wide, to 2023/24)",
    headers: KS4_WIDE_HEADERS,
    build: (columns, context) => wideReader("ks4", columns, context.year),
  },
  {
    name: "KS2 school results (wide, to 2023/24)",
    headers: KS2_WIDE_HEADERS,
    build: (columns, context) => wideReader("ks2", columns, context.year),
  },
];

/** The reader for a header row, or null when no format has all its headers. */
export function recognise(cells: readonly string[], context: ReaderContext): RowReader | null {
  const columns = new Columns(cells);
  const format = FORMATS.find((candidate) => columns.missing(candidate.headers).length === 0);
  return format ? format.build(columns, context) : null;
}

/** The refusal for an unrecognised file: what each format's header needs. */
export function expectedHeaders(): string {
  return FORMATS.map((format) => `${format.name}: ${format.headers.join(", ")}`).join("; ");
}

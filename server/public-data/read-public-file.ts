// Reads one public file as a stream: bytes -> text (encoding sniffed) -> CSV
// records (csv-parse) -> the header found below any title lines -> rows read
// by the recognised format. Memory stays bounded: rows are handed on one at a
// time, and only the rows a caller wants are read beyond their URN.
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { academicYearInName } from "./cells.js";
import { decodeText, type TextEncoding } from "./decode.js";
import { expectedHeaders, recognise } from "./recognise.js";
import { PublicFileError, type PublicKind, type ReadRow, type RowReader } from "./types.js";

/** Title lines above the header row that are looked through before refusing the file. */
const MAX_TITLE_LINES = 12;

export interface ReadOptions {
  /** The file's name, for messages and an "as at" date when no title line states it. */
  readonly fileName: string;
  /** The academic year for older wide DfE files ("2023/24"); otherwise read from the path. */
  readonly year?: string | null;
  /** Which schools to read beyond their URN (the trust's academies and their predecessors); all when absent. */
  readonly wants?: (row: { urn: string; trust: string | null }) => boolean;
  /** Called every `progressEvery` records with the records and bytes read so far. */
  readonly onProgress?: (progress: { rows: number; bytes: number }) => void;
  readonly progressEvery?: number;
}

/** How a file's text was written: "ascii" when it has no byte beyond ASCII. */
export type FileEncoding = TextEncoding | "ascii";

export interface ReadSummary {
  readonly kind: PublicKind;
  readonly edition: string | null;
  readonly encoding: FileEncoding;
  /** Data rows in the file (below the header). */
  readonly rows: number;
  readonly bytes: number;
  /** Rows of schools the caller did not want (not the trust's). */
  readonly skipped: number;
}

/** Streams a file's rows to `onRow`; resolves with what the file was. */
export async function readPublicFile(
  input: AsyncIterable<Uint8Array> | Readable,
  options: ReadOptions,
  onRow: (row: ReadRow) => void | Promise<void>,
): Promise<ReadSummary> {
  let bytes = 0;
  let encoding: FileEncoding = "ascii";
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of input as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  const source = Readable.from(decodeText(counted(), (chosen) => (encoding = chosen)));
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
  });
  // pipe() does not pass on the source's errors (a file over the size limit, a
  // broken upload): the parser is ended with them, so the read below throws.
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  const titleLines: string[] = [];
  let reader: RowReader | null = null;
  let rows = 0;
  let skipped = 0;
  let line = 0;
  const every = options.progressEvery ?? 50_000;
  const year = options.year ?? academicYearInName(options.fileName);
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line++;
      if (reader === null) {
        reader = recognise(record, { fileName: options.fileName, titleLines, year });
        if (reader === null) {
          titleLines.push(record.join(" ").slice(0, 500));
          if (titleLines.length > MAX_TITLE_LINES) break;
        }
        continue;
      }
      rows++;
      if (rows % every === 0) options.onProgress?.({ rows, bytes });
      reader.observe?.(record);
      const national = reader.national?.(record, line);
      if (national && national.length > 0) {
        for (const row of national) await onRow(row);
        continue;
      }
      const urn = reader.urnOf(record);
      if (urn === null) continue;
      if (options.wants && !options.wants({ urn, trust: reader.trustOf?.(record) ?? null })) {
        skipped++;
        continue;
      }
      const row = reader.read(record, line);
      if (row) await onRow(row);
    }
  } finally {
    parser.destroy();
    source.destroy();
  }
  if (reader === null) {
    throw new PublicFileError(
      `${options.fileName}: not a public data file this product reads (no recognised header row in its first ${MAX_TITLE_LINES + 1} lines); accepts a file whose header row has one of these sets of columns: ${expectedHeaders()}`,
    );
  }
  options.onProgress?.({ rows, bytes });
  return { kind: reader.kind, edition: reader.edition(), encoding, rows, bytes, skipped };
}

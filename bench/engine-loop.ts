// The engine's inner loops. The engine benchmark runs them as a program of
// their own, bundled by esbuild as the production build is (and, for the
// comparison, under tsx as development runs):
//   node engine-loop.mjs <preset> <iterations> <rounds>  -> Throughput as JSON
//   node engine-loop.mjs all <iterations> <rounds>       -> EngineFigures as JSON
import {
  compileRowReader,
  preset,
  readCell,
  presets,
  readEvidence,
  type EvidenceEntry,
  type Evidence,
} from "../server/domain/index.js";
import { hotFunctions, type HotFunction } from "./support/cpu-profile.js";
import { riskMatrixRows, workbookRow, WORKBOOK_HEADERS } from "./support/risk-matrix-rows.js";
import { measureThroughput, type ThroughputPlan, type Throughput } from "./support/throughput.js";

export const YEAR = { year: "2025/26" } as const;

/** The academies the engine benchmark cycles through. */
export const ACADEMIES = 1_000;

export interface EngineInput {
  /** Each academy's cells as text under their headers (a sheet read as strings). */
  readonly rows: readonly EvidenceEntry[][];
  readonly parsed: readonly Evidence[];
  /** The evidence columns' headers, once, as the add-in's batch sends them. */
  readonly headers: readonly string[];
  /** Each academy's cells as Excel passes a range: numbers, date serials, words, blanks. */
  readonly cells: readonly (readonly unknown[])[];
}

/** Columns of the workbook that are not evidence (the add-in leaves them out of its batches). */
const NOT_EVIDENCE = new Set(["URN", "Academy", "Notes"]);

export function engineInput(count = ACADEMIES): EngineInput {
  const rows = riskMatrixRows(count);
  const kept = WORKBOOK_HEADERS.flatMap((header, index) =>
    NOT_EVIDENCE.has(header) ? [] : [{ header, index }],
  );
  return {
    rows,
    parsed: rows.map((row) => readEvidence(row)),
    headers: kept.map((column) => column.header),
    cells: Array.from({ length: count }, (_, academy) => {
      const row = workbookRow(academy);
      return kept.map((column) => row[column.index]);
    }),
  };
}

function framework(key: string) {
  const found = preset(key);
  if (!found) throw new Error(`No preset ${key}`);
  return found;
}

/** Deciding only: the level of evidence read beforehand (what MAT.DESIGNATION shows). */
export function decideLoop(key: string, input: EngineInput): (iterations: number) => number {
  const compiled = framework(key);
  const { parsed } = input;
  return (iterations) => {
    let sink = 0;
    for (let index = 0; index < iterations; index++)
      sink += compiled.designate(parsed[index % parsed.length]!, YEAR).level?.rank ?? 0;
    return sink;
  };
}

/** Deciding and explaining: the level and every reason's words (what MAT.EXPLAIN shows). */
export function explainLoop(key: string, input: EngineInput): (iterations: number) => number {
  const compiled = framework(key);
  const { parsed } = input;
  return (iterations) => {
    let sink = 0;
    for (let index = 0; index < iterations; index++) {
      const designation = compiled.designate(parsed[index % parsed.length]!, YEAR);
      for (const reason of designation.reasons) sink += reason.message.length;
    }
    return sink;
  };
}

/** Reading only, as a batch reads: Excel's values against one header row resolved once. */
export function readRowLoop(input: EngineInput): (iterations: number) => number {
  const { cells } = input;
  const reader = compileRowReader(input.headers);
  return (iterations) => {
    let sink = 0;
    for (let index = 0; index < iterations; index++)
      sink += reader.read(cells[index % cells.length]!).evidence.values.size;
    return sink;
  };
}

/** Part of reading a row: each cell's value checked and converted (readCell), nothing put together. */
export function cellsOnlyLoop(input: EngineInput): (iterations: number) => number {
  const { cells } = input;
  const columns = compileRowReader(input.headers).columns;
  return (iterations) => {
    let sink = 0;
    for (let index = 0; index < iterations; index++) {
      const row = cells[index % cells.length]!;
      for (let at = 0; at < columns.length; at++) {
        const column = columns[at]!;
        if (column.kind === "indicator" && readCell(column.indicator, row[at]).ok) sink++;
      }
    }
    return sink;
  };
}

/** Reading only, cell by cell: text cells each under its own header (readEvidence). */
export function parseLoop(input: EngineInput): (iterations: number) => number {
  const { rows } = input;
  return (iterations) => {
    let sink = 0;
    for (let index = 0; index < iterations; index++)
      sink += readEvidence(rows[index % rows.length]!).values.size;
    return sink;
  };
}

/** Both, as a request does: workbook cells to a designation. */
export function rawLoop(key: string, input: EngineInput): (iterations: number) => number {
  const compiled = framework(key);
  const { rows } = input;
  return (iterations) => {
    let sink = 0;
    for (let index = 0; index < iterations; index++)
      sink += compiled.designate(readEvidence(rows[index % rows.length]!), YEAR).level?.rank ?? 0;
    return sink;
  };
}

export function decideThroughput(key: string, plan: ThroughputPlan): Throughput {
  return measureThroughput(plan, decideLoop(key, engineInput()));
}

export interface PresetFigures {
  readonly key: string;
  readonly decide: Throughput;
  readonly explain: Throughput;
  /** A row of Excel's values against a header row resolved once (the batch path). */
  readonly readRow: Throughput;
  /** Text cells each under its own header (readEvidence). */
  readonly parse: Throughput;
  /** The row's cells checked and converted one by one, nothing put together (part of readRow). */
  readonly cellsOnly: Throughput;
  readonly raw: Throughput;
}

export interface EngineFigures {
  readonly presets: readonly PresetFigures[];
  readonly decideHot: readonly HotFunction[];
  readonly readHot: readonly HotFunction[];
}

/** Every preset's figures and the two profiles, in this process. */
export async function measureEngine(decidePlan: ThroughputPlan): Promise<EngineFigures> {
  const readPlan = {
    ...decidePlan,
    iterations: Math.round(decidePlan.iterations / 4),
    warmup: Math.round(decidePlan.warmup / 4),
  };
  const input = engineInput();
  const figures: PresetFigures[] = [];
  for (const key of presets().keys()) {
    figures.push({
      key,
      decide: measureThroughput(decidePlan, decideLoop(key, input)),
      explain: measureThroughput(readPlan, explainLoop(key, input)),
      readRow: measureThroughput(readPlan, readRowLoop(input)),
      parse: measureThroughput(readPlan, parseLoop(input)),
      cellsOnly: measureThroughput(readPlan, cellsOnlyLoop(input)),
      raw: measureThroughput(readPlan, rawLoop(key, input)),
    });
  }
  const decideHot = await hotFunctions(() => {
    decideLoop("phase-model", input)(decidePlan.iterations);
  }, 12);
  const readHot = await hotFunctions(() => {
    readRowLoop(input)(readPlan.iterations);
  }, 12);
  return { presets: figures, decideHot, readHot };
}

const [, script, key, iterations, rounds] = process.argv;
if (script && /engine-loop\.(m?js|ts)$/.test(script) && key && iterations && rounds) {
  const count = Number(iterations);
  const plan = { rounds: Number(rounds), iterations: count, warmup: count };
  const result = key === "all" ? await measureEngine(plan) : decideThroughput(key, plan);
  process.stdout.write(JSON.stringify(result));
}

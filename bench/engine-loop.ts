// The engine's inner loops, shared by the engine benchmark and by the copy of
// it that runs as a separate program (under tsx, or bundled by esbuild) to
// see what the way the code is loaded costs:
//   node engine-loop.mjs <preset> <iterations> <rounds>  -> Throughput as JSON
import { preset, readEvidence, type EvidenceEntry, type Evidence } from "../server/domain/index.js";
import { riskMatrixRows } from "./support/risk-matrix-rows.js";
import { measureThroughput, type ThroughputPlan, type Throughput } from "./support/throughput.js";

export const YEAR = { year: "2025/26" } as const;

/** The academies the engine benchmark cycles through. */
export const ACADEMIES = 1_000;

export interface EngineInput {
  readonly rows: readonly EvidenceEntry[][];
  readonly parsed: readonly Evidence[];
}

export function engineInput(count = ACADEMIES): EngineInput {
  const rows = riskMatrixRows(count);
  return { rows, parsed: rows.map((row) => readEvidence(row)) };
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

/** Reading only: workbook cells to evidence. */
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

const [, script, key, iterations, rounds] = process.argv;
if (script && /engine-loop\.(m?js|ts)$/.test(script) && key && iterations && rounds) {
  const count = Number(iterations);
  const result = decideThroughput(key, {
    rounds: Number(rounds),
    iterations: count,
    warmup: count,
  });
  process.stdout.write(JSON.stringify(result));
}

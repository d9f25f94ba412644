/// <reference types="custom-functions-runtime" />
// The MAT custom functions. The JSDoc on each is the source of
// functions.json (custom-functions-metadata, at build time) and of the help
// Excel shows while typing; docs/functions/ has a page per function. Each
// function reads its arguments, asks the server through the batching
// client, and turns any failure into an Excel error (excel-error.ts).
import type { AddinFailure } from "../shared/graphql-client.js";
import { problemText } from "../shared/problem-text.js";
import { badInput, excelError, notAvailable } from "./excel-error.js";
import { evidenceRow, type ErrorCell } from "./evidence-row.js";
import {
  choiceOf,
  frameworkKey,
  metricOf,
  optionalText,
  urnOf,
  yearOf,
} from "./function-arguments.js";
import { functionRuntime } from "./function-runtime.js";
import type { DesignationAnswer } from "./designation-requests.js";
import type { TargetProgress } from "./operations.js";
import { cardEntity, cardText, hostTakesDataTypes, statusOf } from "./card-value.js";
import { designateWhatIf, movedIndicator, whatIfChanges } from "./what-if.js";
import { sameMetric, type ProgressKey, type ProgressUpdate } from "./progress-feed.js";
import { entitlementFor, entitlementsAt, levelOf } from "./support-entitlements.js";

const LEVEL_FIELDS = ["label", "key", "rank", "risk", "status"] as const;
const WHATIF_FIELDS = ["label", "key", "rank", "risk", "changes"] as const;
const STORED_FIELDS = ["label", "key", "rank", "status", "agreed", "timeInLevel"] as const;
type StoredField = (typeof STORED_FIELDS)[number];
const PROGRESS_FIELDS = [
  "latest",
  "gapClosed",
  "rag",
  "onTrack",
  "period",
  "target",
  "baseline",
  "expected",
  "status",
] as const;
type ProgressField = (typeof PROGRESS_FIELDS)[number];

/**
 * Designates an academy from its row of the risk matrix under a framework's rules, and returns its level.
 * @customfunction DESIGNATION
 * @param framework Framework key: phase-model, tiered-support, risk-matrix, risk-designation or one of your trust's own.
 * @param values The academy's row of evidence. Without headers: a two-column range of indicator and value. A cell showing an error (#N/A) is not available.
 * @param [headers] The header row of the risk matrix, mapped to indicators by alias ("P8", "Latest Ofsted judgement"). Columns whose header is blank or names no indicator (URN, Notes) are left out.
 * @param [field] What to return: label (the default), key, rank or risk; or status: complete, or provisional when a required source is missing (MAT.EXPLAIN names it).
 * @param invocation Excel's handle on the cell: the address of `values`, to read its number formats (a percent-formatted 1 is 100%).
 * @returns The level's label, key, rank or risk, plain so COUNTIF and conditional formatting work; or its status.
 * @requiresParameterAddresses
 */
export async function designation(
  framework: string,
  values: unknown[][],
  headers?: unknown[][],
  field?: string,
  invocation?: CustomFunctions.Invocation,
): Promise<string | number> {
  try {
    const wanted = choiceOf("field", field, LEVEL_FIELDS, "label");
    const { level, coverage } = (await designated(framework, values, headers, invocation, false))
      .answer;
    if (!level)
      throw notAvailable(
        "Insufficient evidence: no source of evidence could be used (MAT.EXPLAIN says why)",
      );
    if (wanted === "status") return coverage.provisional ? "provisional" : "complete";
    return level[wanted];
  } catch (failure) {
    throw excelError(failure);
  }
}

/**
 * Explains a designation: one line per source of evidence, saying what it indicated and why.
 * @customfunction EXPLAIN
 * @param framework Framework key: phase-model, tiered-support, risk-matrix, risk-designation or one of your trust's own.
 * @param values The academy's row of evidence. Without headers: a two-column range of indicator and value. A cell showing an error (#N/A) is not available, and named on a line.
 * @param [headers] The header row of the risk matrix, mapped to indicators by alias. Columns whose header is blank or names no indicator are left out, and listed on a last line.
 * @param invocation Excel's handle on the cell: the address of `values`, to read its number formats.
 * @returns The reasons as text, one line per source (turn on Wrap Text to see every line); first what is missing when the level is provisional, and a header that could mean two indicators, with its choices.
 * @requiresParameterAddresses
 */
export async function explain(
  framework: string,
  values: unknown[][],
  headers?: unknown[][],
  invocation?: CustomFunctions.Invocation,
): Promise<string> {
  try {
    const { answer: result, errorCells } = await designated(
      framework,
      values,
      headers,
      invocation,
      true,
    );
    // A row the framework cannot read: say why, in the cell (an ambiguous header with its choices).
    if (result.problems.length > 0)
      return ["Cannot designate this row:", ...result.problems.map(problemText)].join("\n");
    const lines = result.reasons.map((reason) => reason.message);
    if (result.insufficientEvidence)
      lines.unshift("Insufficient evidence: no source of evidence could be used.");
    else if (result.coverage.provisional)
      lines.unshift(
        `Provisional: ${result.coverage.missing.map((missing) => `no ${missing.label}`).join(", ")}`,
      );
    // Cells showing an Excel error (#N/A from a lookup) were read as not available: name them.
    for (const cell of errorCells)
      lines.push(
        `Not available (the cell shows ${cell.error}): ${cell.indicator}${cell.cell ? ` in ${cell.cell}` : ""}`,
      );
    for (const unreadable of result.coverage.unreadable)
      lines.push(`Not read (not used by this framework): ${unreadable.message}`);
    if (result.unusedHeaders.length > 0)
      lines.push(`Not evidence (no indicator by that header): ${result.unusedHeaders.join(", ")}`);
    return lines.join("\n");
  } catch (failure) {
    throw excelError(failure);
  }
}

/**
 * The level an academy's row would get if one indicator moved to another value, or what that changes in the reasons.
 * @customfunction WHATIF
 * @param framework Framework key: phase-model, tiered-support, risk-matrix, risk-designation or one of your trust's own.
 * @param values The academy's row of evidence. Without headers: a two-column range of indicator and value.
 * @param headers The header row of the risk matrix (leave it empty, two commas, for a two-column range).
 * @param indicator The indicator to move: its key, such as ks2.rwmExpected, or its header in the row, such as "KS2 RWM %".
 * @param value The value it would move to, read as a cell of the row is read (65, 0.65 for 65%, Good); blank or n/a is refused.
 * @param [field] What to return: label (the default), key, rank or risk of the level; or changes: the level before and after, and each reason that moved, one line each.
 * @param invocation Excel's handle on the cell: the address of `values`, to read its number formats.
 * @returns The level the row would get, plain like MAT.DESIGNATION's; or the changes as text.
 * @requiresParameterAddresses
 */
export async function whatif(
  framework: string,
  values: unknown[][],
  headers: unknown[][],
  indicator: string,
  value: string | number | boolean,
  field?: string,
  invocation?: CustomFunctions.Invocation,
): Promise<string | number> {
  try {
    const wanted = choiceOf("field", field, WHATIF_FIELDS, "label");
    const key = frameworkKey(framework);
    const moved = movedIndicator(indicator, value);
    const runtime = functionRuntime();
    const address = invocation?.parameterAddresses?.[1];
    const formats = address ? await runtime.numberFormats.percentFormats(address) : null;
    const row = evidenceRow(values, headers, formats);
    const answer = await designateWhatIf(runtime.server, key, row, moved, wanted === "changes");
    if (wanted === "changes") return whatIfChanges(moved, answer).join("\n");
    const level = answer.moved.level;
    if (!level)
      throw notAvailable(
        `Insufficient evidence with ${moved.column} at ${moved.value}: no source of evidence could be used`,
      );
    return level[wanted];
  } catch (failure) {
    throw excelError(failure);
  }
}

/**
 * Lists the support an academy at a level is entitled to under a framework, or the quantity of one activity.
 * @customfunction SUPPORT
 * @param framework Framework key, such as phase-model.
 * @param level The level: its key (repair), its label as MAT.DESIGNATION returns it, or its rank (1 needs the most support).
 * @param [activity] One activity, such as "MAT QA review": returns its quantity alone.
 * @returns A spilled table of activity, quantity, unit and per (with a header row), or one quantity.
 */
export async function support(
  framework: string,
  level: string | number,
  activity?: string,
): Promise<unknown[][]> {
  try {
    const entry = await functionRuntime().frameworks.framework(frameworkKey(framework));
    const found = levelOf(entry, level);
    const wanted = optionalText(activity);
    if (wanted) return [[entitlementFor(entry, found, wanted).quantity]];
    return [
      ["Activity", "Quantity", "Unit", "Per"],
      ...entitlementsAt(entry, found).map((row) => [row.activity, row.quantity, row.unit, row.per]),
    ];
  } catch (failure) {
    throw excelError(failure);
  }
}

/**
 * Returns an academy's target for a metric in an academic year. Needs you to be signed in.
 * @customfunction TARGET
 * @param urn The academy's URN (six digits).
 * @param metric The indicator key of the target, such as attendance.absence or ks2.rwmExpected.
 * @param [year] Academic year such as 2025/26, or a date inside it; the current academic year when left out.
 * @returns The target value, in the metric's unit.
 */
export async function target(urn: string, metric: string, year?: string | number): Promise<number> {
  try {
    const runtime = functionRuntime();
    const key = { urn: urnOf(urn), metric: metricOf(metric), year: yearOf(year, runtime.now()) };
    const card = await runtime.card(key.urn, key.year);
    const found = card.targets.find((entry) => sameMetric(entry.metric, key.metric));
    if (!found)
      throw missingTarget(
        key,
        card.targets.map((entry) => entry.metric),
      );
    return found.target;
  } catch (failure) {
    throw excelError(failure);
  }
}

/**
 * Spills an academy's card for a year: one row per target with metric, baseline, target, latest value, gap closed, RAG, the value expected by the latest period and the target's sign-off status. Needs you to be signed in.
 * @customfunction CARD
 * @param urn The academy's URN (six digits).
 * @param [year] Academic year such as 2025/26, or a date inside it; the current academic year when left out.
 * @returns A header row, then one row per target.
 */
export async function card(urn: string, year?: string | number): Promise<unknown[][]> {
  try {
    const runtime = functionRuntime();
    const key = { urn: urnOf(urn), year: yearOf(year, runtime.now()) };
    const found = await runtime.card(key.urn, key.year);
    if (found.targets.length === 0)
      throw notAvailable(`Academy ${key.urn} has no targets for ${key.year}`);
    return [
      ["Metric", "Baseline", "Target", "Latest", "Gap closed", "RAG", "Expected", "Status"],
      ...found.targets.map((entry) => [
        entry.metric,
        entry.baseline,
        entry.target,
        entry.progress.latest ?? "",
        entry.progress.gapClosed ?? "",
        entry.progress.rag ?? "",
        entry.progress.expected ?? "",
        entry.status,
      ]),
    ];
  } catch (failure) {
    throw excelError(failure);
  }
}

/**
 * An academy's card in one cell: the designation that counts, its status and support, and each target's RAG and latest value; a data type with a card where Excel supports them, text otherwise. Needs you to be signed in.
 * @customfunction CARDVALUE
 * @param urn The academy's URN (six digits).
 * @param [year] Academic year such as 2025/26, or a date inside it; the current academic year when left out.
 * @returns An entity value (click its icon for the card; =A2.[Overall absence RAG] reads one property), or the card as text in Excel without data types.
 */
export async function cardvalue(
  urn: string,
  year?: string | number,
): Promise<Excel.EntityCellValue | string> {
  try {
    const runtime = functionRuntime();
    const key = { urn: urnOf(urn), year: yearOf(year, runtime.now()) };
    const found = await runtime.card(key.urn, key.year);
    if (!found.designation && found.targets.length === 0)
      throw notAvailable(`Academy ${key.urn} has no designation or targets for ${key.year}`);
    return hostTakesDataTypes() ? cardEntity(key, found) : cardText(key, found);
  } catch (failure) {
    throw excelError(failure);
  }
}

/**
 * Follows progress against an academy's target: the cell updates as soon as a measurement is recorded or the target changes (the server pushes each change), and when you sign in. Needs you to be signed in.
 * @customfunction PROGRESS
 * @param urn The academy's URN (six digits).
 * @param metric The indicator key of the target, such as attendance.persistentAbsence.
 * @param [field] What to show: latest (the default), gapClosed, rag, onTrack, period, target, baseline, expected (by the latest period) or status (draft, proposed, reviewed, agreed).
 * @param [year] Academic year such as 2025/26, or a date inside it; the current academic year when left out.
 * @param invocation Excel's handle on the streaming cell.
 */
export function progress(
  urn: string,
  metric: string,
  field: string = "latest",
  year: string | number = "",
  invocation: CustomFunctions.StreamingInvocation<string | number | boolean>,
): void {
  const runtime = functionRuntime();
  let key: ProgressKey;
  let wanted: ProgressField;
  try {
    key = { urn: urnOf(urn), metric: metricOf(metric), year: yearOf(year, runtime.now()) };
    wanted = choiceOf("field", field, PROGRESS_FIELDS, "latest");
  } catch (failure) {
    invocation.setResult(excelError(failure));
    return;
  }
  const stop = runtime.progress.watch(key, (update) =>
    invocation.setResult(progressValue(update, wanted)),
  );
  invocation.onCanceled = stop;
}

/**
 * Returns a value loaded from public data (Ofsted, DfE results, absence, exclusions) for an academy, so a matrix can be built from formulas. Needs you to be signed in.
 * @customfunction EVIDENCE
 * @param urn The academy's URN (six digits).
 * @param indicator The indicator key, such as ks2.rwmExpected or ofsted.inclusion, or a header naming one.
 * @param [year] Academic year such as 2025/26, or a date inside it: the latest value describing that year or earlier. The latest value held when left out.
 * @returns The value as published: a number for results and rates, a grade's words or number for Ofsted.
 */
export async function evidence(
  urn: string,
  indicator: string,
  year?: string | number,
): Promise<string | number> {
  try {
    const runtime = functionRuntime();
    const wantedUrn = urnOf(urn);
    const key = optionalText(indicator);
    if (!key) throw badInput("indicator: give an indicator key such as ks2.rwmExpected");
    const wantedYear = optionalText(year, "year") === null ? null : yearOf(year, runtime.now());
    const found = await runtime.publicEvidence(wantedUrn, key, wantedYear);
    if (!found)
      throw notAvailable(
        `No public value of ${key} for ${wantedUrn}${wantedYear ? ` up to ${wantedYear}` : ""}: load the file in the task pane (Load public data)`,
      );
    if (found.value === null)
      throw notAvailable(
        `${key} for ${wantedUrn} is not available: ${found.unavailable ?? "blank"} (${found.source})`,
      );
    const number = Number(found.value);
    return /^-?\d+(\.\d+)?$/.test(found.value) && Number.isFinite(number) ? number : found.value;
  } catch (failure) {
    throw excelError(failure);
  }
}

/**
 * A row designated through the batching client. `explain` (MAT.EXPLAIN):
 * the reasons and coverage are asked for, and a row that cannot be read is
 * answered with its problems instead of a #VALUE! error.
 */
async function designated(
  framework: unknown,
  values: unknown,
  headers: unknown,
  invocation: CustomFunctions.Invocation | undefined,
  explain: boolean,
): Promise<{ answer: DesignationAnswer; errorCells: readonly ErrorCell[] }> {
  const key = frameworkKey(framework);
  const runtime = functionRuntime();
  // The number formats of `values`, read with every other cell's in one batch per recalculation.
  const address = invocation?.parameterAddresses?.[1];
  const formats = address ? await runtime.numberFormats.percentFormats(address) : null;
  const row = evidenceRow(values, headers, formats, address ?? null);
  const answer = await runtime.server.designate(key, row, explain);
  if (!explain && answer.problems.length > 0)
    throw badInput(answer.problems.map(problemText).join("; "));
  return { answer, errorCells: row.errors };
}

function missingTarget(
  key: { urn: string; metric: string; year: string },
  metrics: readonly string[],
): AddinFailure {
  const known = metrics.length > 0 ? `; it has ${metrics.join(", ")}` : "";
  return notAvailable(`Academy ${key.urn} has no ${key.metric} target for ${key.year}${known}`);
}

function progressValue(
  update: ProgressUpdate,
  field: ProgressField,
): string | number | boolean | CustomFunctions.Error {
  if ("failure" in update) return excelError(update.failure);
  if ("missing" in update) return excelError(missingTarget(update.missing, update.metrics));
  const value = fieldOf(update.target, field);
  return value ?? excelError(notAvailable("No measurement yet for this target"));
}

function fieldOf(target: TargetProgress, field: ProgressField): string | number | boolean | null {
  switch (field) {
    case "latest":
      return target.progress.latest;
    case "gapClosed":
      return target.progress.gapClosed;
    case "rag":
      return target.progress.rag;
    case "onTrack":
      return target.progress.onTrack;
    case "period":
      return target.progress.latestPeriod;
    case "target":
      return target.target;
    case "baseline":
      return target.baseline;
    case "expected":
      return target.progress.expected;
    case "status":
      return target.status;
    default: {
      const unreachable: never = field;
      throw new Error(`Unhandled field ${String(unreachable)}`);
    }
  }
}

/**
 * The designation that counts for an academy in a year, as the trust stored and agreed it: its level, or its status (agreed, not yet agreed, review suggested, provisional), who agreed it and when, or time in level. Needs you to be signed in.
 * @customfunction STORED
 * @param urn The academy's URN (six digits).
 * @param [year] Academic year such as 2026/27, or a date inside it; the current academic year when left out.
 * @param [field] label (the default), key, rank, status, agreed or timeInLevel.
 * @returns The field asked for.
 */
export async function stored(
  urn: string,
  year?: string | number,
  field?: string,
): Promise<string | number> {
  try {
    const runtime = functionRuntime();
    const wanted: StoredField = choiceOf("field", field, STORED_FIELDS, "label");
    const key = { urn: urnOf(urn), year: yearOf(year, runtime.now()) };
    const designation = (await runtime.card(key.urn, key.year)).designation ?? null;
    if (!designation) throw notAvailable(`Academy ${key.urn} has no designation for ${key.year}`);
    switch (wanted) {
      case "status":
        return statusOf(designation);
      case "agreed":
        return designation.statusText;
      case "timeInLevel":
        if (!designation.timeInLevel)
          throw notAvailable(`Academy ${key.urn}'s designation for ${key.year} is not yet agreed`);
        return designation.timeInLevel.flag ?? `${designation.timeInLevel.months} months`;
      default: {
        if (!designation.level)
          throw notAvailable(`Academy ${key.urn} has insufficient evidence for ${key.year}`);
        return designation.level[wanted];
      }
    }
  } catch (failure) {
    throw excelError(failure);
  }
}

// Which indicator a workbook header means (DOMAIN.md "Reading a trust's own
// workbook"): the trust's saved column map first (the data manager's explicit
// choice), then the framework's own aliases (its seed's headers as that seed
// means them), then the catalogue. A header that could still name two
// indicators is reported with its choices, never guessed.
import {
  ambiguousHeader,
  foldHeader,
  indicatorByKey,
  indicatorForHeader,
  type Indicator,
} from "./indicators.js";

/** Where a header's meaning came from. */
export type HeaderSource = "column map" | "framework" | "catalogue";

export type HeaderResolution =
  | { readonly kind: "indicator"; readonly indicator: Indicator; readonly via: HeaderSource }
  /** A column the trust or its framework says is not evidence ("Current Status judgement 1-3"). */
  | { readonly kind: "ignored"; readonly via: HeaderSource }
  | { readonly kind: "ambiguous"; readonly choices: readonly Indicator[]; readonly message: string }
  | { readonly kind: "unknown" };

/** One saved choice: a header as the trust writes it, and the indicator key it means (null: not evidence). */
export interface ColumnChoice {
  readonly header: string;
  readonly indicator: string | null;
}

export interface HeaderResolver {
  resolve(header: string): HeaderResolution;
  /** The same resolver with the trust's saved column map in front of it. */
  withColumnMap(choices: readonly ColumnChoice[]): HeaderResolver;
}

const UNKNOWN: HeaderResolution = { kind: "unknown" };

function ambiguity(header: string, keys: readonly string[]): HeaderResolution {
  const choices = keys.map((key) => indicatorByKey(key)).filter((x): x is Indicator => !!x);
  const listed = choices.map((choice) => `${choice.label} (${choice.key})`);
  const words =
    listed.length <= 2
      ? listed.join(" or ")
      : `${listed.slice(0, -1).join(", ")} or ${listed.at(-1)}`;
  return {
    kind: "ambiguous",
    choices,
    message: `"${header.slice(0, 60)}" could mean ${words}: choose one in the column map`,
  };
}

function folded(map: Readonly<Record<string, string | null>> | readonly ColumnChoice[]) {
  const out = new Map<string, string | null>();
  const pairs = Array.isArray(map)
    ? (map as readonly ColumnChoice[]).map((choice) => [choice.header, choice.indicator] as const)
    : Object.entries(map as Readonly<Record<string, string | null>>);
  for (const [header, key] of pairs) out.set(foldHeader(header), key);
  return out;
}

function build(
  columnMap: ReadonlyMap<string, string | null>,
  aliases: ReadonlyMap<string, string | null>,
): HeaderResolver {
  const answers = new Map<string, HeaderResolution>();
  const find = (header: string): HeaderResolution => {
    const byKey = indicatorByKey(header);
    if (byKey) return { kind: "indicator", indicator: byKey, via: "catalogue" };
    const key = foldHeader(header);
    for (const [map, via] of [
      [columnMap, "column map"],
      [aliases, "framework"],
    ] as const) {
      if (!map.has(key)) continue;
      const chosen = map.get(key) ?? null;
      if (chosen === null) return { kind: "ignored", via };
      const indicator = indicatorByKey(chosen);
      if (indicator) return { kind: "indicator", indicator, via };
    }
    const choices = ambiguousHeader(header);
    if (choices) return ambiguity(header, choices);
    const indicator = indicatorForHeader(header);
    return indicator ? { kind: "indicator", indicator, via: "catalogue" } : UNKNOWN;
  };
  return {
    resolve(header) {
      if (typeof header !== "string") return UNKNOWN;
      let answer = answers.get(header);
      if (answer === undefined) {
        if (answers.size >= 5_000) answers.clear();
        answers.set(header, (answer = find(header)));
      }
      return answer;
    },
    withColumnMap(choices) {
      return build(folded(choices), aliases);
    },
  };
}

/** A resolver for a framework's aliases (header -> indicator key, null for "not evidence"). */
export function headerResolver(
  aliases: Readonly<Record<string, string | null>> = {},
  columnMap: readonly ColumnChoice[] = [],
): HeaderResolver {
  return build(folded(columnMap), folded(aliases));
}

/** The catalogue alone: no framework aliases, no column map. */
export const CATALOGUE_HEADERS: HeaderResolver = headerResolver();

// The frameworks the viewer may use, with each level's support entitlements
// read from the framework's own definition (`frameworks { definition }`),
// fetched once and kept for a few minutes: MAT.SUPPORT in a thousand cells
// costs one request. A failed fetch is never kept.
import { AddinFailure, type GraphQLHttpClient } from "../shared/graphql-client.js";
import { FRAMEWORK_CATALOG, type Level } from "./operations.js";

/** One support entitlement as a framework's definition declares it. */
export interface Entitlement {
  readonly activity: string;
  /** The upper figure when the definition gives a range ("2-3" is 3), as the server does. */
  readonly quantity: number;
  readonly unit: string;
  readonly per: string;
  /** Level keys that have it. */
  readonly levels: readonly string[];
  /** True when it depends on evidence (e.g. "while an inspection is due"); MAT.SUPPORT leaves these out, as the server does without evidence. */
  readonly conditional: boolean;
}

export interface FrameworkEntry {
  readonly key: string;
  readonly name: string;
  /** In rank order, rank 1 (most support) first. */
  readonly levels: readonly Level[];
  readonly support: readonly Entitlement[];
}

export class FrameworkCatalog {
  private cached: { at: number; frameworks: Promise<ReadonlyMap<string, FrameworkEntry>> } | null =
    null;

  constructor(
    private readonly client: () => Promise<GraphQLHttpClient>,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  /** The framework with this key; BAD_USER_INPUT naming the known keys when there is none. */
  async framework(key: string): Promise<FrameworkEntry> {
    const frameworks = await this.all();
    const found = frameworks.get(key);
    if (found) return found;
    throw new AddinFailure(
      "BAD_USER_INPUT",
      `framework: unknown framework "${key}"; the frameworks are ${[...frameworks.keys()].join(", ")}`,
    );
  }

  /** Forgets what was fetched (the connection changed). */
  invalidate(): void {
    this.cached = null;
  }

  private all(): Promise<ReadonlyMap<string, FrameworkEntry>> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.frameworks;
    const frameworks = this.fetch();
    const entry = { at: now, frameworks };
    this.cached = entry;
    frameworks.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return frameworks;
  }

  private async fetch(): Promise<ReadonlyMap<string, FrameworkEntry>> {
    const data = await (await this.client()).request(FRAMEWORK_CATALOG);
    return new Map(
      data.frameworks.map((framework) => [
        framework.key,
        {
          key: framework.key,
          name: framework.name,
          levels: [...framework.levels].sort((a, b) => a.rank - b.rank),
          support: entitlementsOf(framework.definition),
        },
      ]),
    );
  }
}

/** The `support` array of a framework definition, skipping anything not shaped like an entitlement. */
function entitlementsOf(definition: unknown): Entitlement[] {
  const support =
    typeof definition === "object" && definition !== null && "support" in definition
      ? definition.support
      : undefined;
  if (!Array.isArray(support)) return [];
  return support.flatMap((item: unknown): Entitlement[] => {
    const entry = item as Record<string, unknown>;
    const { activity, quantity, unit, per, levels } = entry;
    if (
      typeof activity !== "string" ||
      typeof quantity !== "number" ||
      typeof unit !== "string" ||
      typeof per !== "string" ||
      !Array.isArray(levels)
    )
      return [];
    return [
      {
        activity,
        quantity,
        unit,
        per,
        levels: levels.filter((level): level is string => typeof level === "string"),
        conditional: entry.when !== undefined,
      },
    ];
  });
}

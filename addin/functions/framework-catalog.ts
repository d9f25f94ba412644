// The frameworks the viewer may use, with each level's support entitlements
// read from the framework's own definition (`frameworks { definition }`),
// fetched once and kept for a few minutes: MAT.SUPPORT in a thousand cells
// costs one request. A failed fetch is never kept.
import {
  ErrorCode,
  declaredSupport,
  type EntitlementDeclaration,
} from "../../server/shared/index.js";
import { AddinFailure, type GraphQLHttpClient } from "../shared/graphql-client.js";
import { FRAMEWORK_CATALOG, type Level } from "./operations.js";

export interface FrameworkEntry {
  readonly key: string;
  readonly name: string;
  /** In rank order, rank 1 (most support) first. */
  readonly levels: readonly Level[];
  /** The definition's support entitlements, read by server/shared's rules. */
  readonly support: readonly EntitlementDeclaration[];
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
      ErrorCode.BAD_USER_INPUT,
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
          support: declaredSupport(framework.definition),
        },
      ]),
    );
  }
}

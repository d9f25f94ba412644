// What every resolver receives: the viewer (null when signed out), the
// services, and settings that shape authorization.
import type { Operator, Viewer } from "../auth/viewer.js";
import type { Services } from "../services/index.js";
import type { CompiledFramework } from "../domain/index.js";
import type { Loaders } from "./loaders/index.js";

export interface Context {
  readonly viewer: Viewer | null;
  /** The hosting operator, when it is the one signed in (viewer is then null). */
  readonly operator: Operator | null;
  readonly services: Services;
  /** Presets may be evaluated without signing in. */
  readonly publicEvaluation: boolean;
  /** Largest designateBatch or import, in rows. */
  readonly maxBatchRows: number;
  /** Batches per-academy lookups (and node lookups) within one request. */
  readonly loaders: Loaders;
  /** Largest public data file (PUBLIC_DATA_LIMIT, e.g. "100mb") an upload may send; null: no limit of its own. */
  readonly publicDataLimit: string | null;
  /** Per-request cache of frameworks by key, for mapping stored designations. */
  readonly frameworkCache: Map<string, Promise<CompiledFramework | null>>;
}

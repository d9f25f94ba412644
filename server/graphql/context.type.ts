// What every resolver receives: the viewer (null when signed out), the
// services, and settings that shape authorization.
import type { Operator, Viewer } from "../auth/viewer.js";
import type { Services } from "../services/index.js";
import type DataLoader from "dataloader";
import type { CompiledFramework } from "../domain/index.js";
import type { YearDesignation } from "../services/designation.service.js";
import type { UserRow } from "../services/administration.service.js";

export interface Context {
  readonly viewer: Viewer | null;
  /** The hosting operator, when it is the one signed in (viewer is then null). */
  readonly operator: Operator | null;
  readonly services: Services;
  /** Presets may be evaluated without signing in. */
  readonly publicEvaluation: boolean;
  /** Largest designateBatch or import, in rows. */
  readonly maxBatchRows: number;
  /** Per-request cache of frameworks by key, for mapping stored designations. */
  /** Batches per-academy lookups within one request. */
  readonly loaders: {
    /** The designation that counts, keyed "year|academyId". */
    readonly yearDesignation: DataLoader<string, YearDesignation | null>;
    /** A user of the viewer's trust by id; null for an id that names none (a seed, the operator). */
    readonly users: DataLoader<string, UserRow | null>;
  };
  readonly frameworkCache: Map<string, Promise<CompiledFramework | null>>;
}

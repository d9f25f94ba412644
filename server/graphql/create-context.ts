// Builds the per-request (or per-subscription) context: the viewer, the
// services, and loaders that batch per-academy lookups.
import type { Principal, Viewer } from "../auth/viewer.js";
import type { Services } from "../services/index.js";
import type { Context } from "./context.type.js";
import { createLoaders } from "./loaders/index.js";

export interface ContextSettings {
  readonly publicEvaluation: boolean;
  readonly maxBatchRows: number;
  /** PUBLIC_DATA_LIMIT, for importPublicData uploads. */
  readonly publicDataLimit?: string;
}

/** The context of a principal (a trust's user, the operator, or null when signed out). */
export function contextForPrincipal(
  principal: Principal | null,
  services: Services,
  settings: ContextSettings,
): Context {
  if (principal?.kind === "operator")
    return { ...createContext(null, services, settings), operator: principal.operator };
  return createContext(principal?.viewer ?? null, services, settings);
}

export function createContext(
  viewer: Viewer | null,
  services: Services,
  settings: ContextSettings,
): Context {
  return {
    viewer,
    operator: null,
    services,
    publicEvaluation: settings.publicEvaluation,
    maxBatchRows: settings.maxBatchRows,
    publicDataLimit: settings.publicDataLimit ?? null,
    frameworkCache: new Map(),
    loaders: createLoaders(viewer, services),
  };
}

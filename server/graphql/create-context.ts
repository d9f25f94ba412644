// Builds the per-request (or per-subscription) context: the viewer, the
// services, and loaders that batch per-academy lookups.
import type { Operator, Principal, Viewer } from "../auth/viewer.js";
import type { Services } from "../services/index.js";
import type { Context } from "./context.type.js";
import { createLoaders, type Loaders } from "./loaders/index.js";

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
    return createContext(null, services, settings, principal.operator);
  return createContext(principal?.viewer ?? null, services, settings);
}

export function createContext(
  viewer: Viewer | null,
  services: Services,
  settings: ContextSettings,
  operator: Operator | null = null,
): Context {
  // Made on first use: a subscription's context lives as long as its socket, and
  // most (live progress) never load anything through it (5,000 subscribers: 5,000 sets).
  let loaders: Loaders | undefined;
  return {
    viewer,
    operator,
    services,
    publicEvaluation: settings.publicEvaluation,
    maxBatchRows: settings.maxBatchRows,
    publicDataLimit: settings.publicDataLimit ?? null,
    frameworkCache: new Map(),
    get loaders() {
      return (loaders ??= createLoaders(viewer, services));
    },
  };
}

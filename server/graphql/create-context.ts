// Builds the per-request (or per-subscription) context: the viewer, the
// services, and loaders that batch per-academy lookups.
import DataLoader from "dataloader";
import type { Viewer } from "../auth/viewer.js";
import type { Services } from "../services/index.js";
import type { StoredDesignationRow } from "../services/designation.service.js";
import type { Context } from "./context.type.js";

export interface ContextSettings {
  readonly publicEvaluation: boolean;
  readonly maxBatchRows: number;
}

export function createContext(
  viewer: Viewer | null,
  services: Services,
  settings: ContextSettings,
): Context {
  return {
    viewer,
    services,
    publicEvaluation: settings.publicEvaluation,
    maxBatchRows: settings.maxBatchRows,
    frameworkCache: new Map(),
    loaders: {
      currentDesignation: new DataLoader<string, StoredDesignationRow | null>(async (ids) => {
        if (!viewer) return ids.map(() => null);
        const found = await services.designations.currentFor(viewer, ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
    },
  };
}

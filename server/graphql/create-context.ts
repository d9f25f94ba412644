// Builds the per-request (or per-subscription) context: the viewer, the
// services, and loaders that batch per-academy lookups.
import DataLoader from "dataloader";
import type { Principal, Viewer } from "../auth/viewer.js";
import type { Services } from "../services/index.js";
import type { YearDesignation } from "../services/designation.service.js";
import type { UserRow } from "../services/administration.service.js";
import type { Context } from "./context.type.js";

export interface ContextSettings {
  readonly publicEvaluation: boolean;
  readonly maxBatchRows: number;
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
    frameworkCache: new Map(),
    loaders: {
      // Keyed "year|academyId": one set of queries per year asked in the request.
      yearDesignation: new DataLoader<string, YearDesignation | null>(async (keys) => {
        if (!viewer) return keys.map(() => null);
        const byYear = new Map<string, string[]>();
        for (const key of keys) {
          const [year, id] = key.split("|") as [string, string];
          byYear.set(year, [...(byYear.get(year) ?? []), id]);
        }
        const found = new Map<string, YearDesignation>();
        for (const [year, ids] of byYear) {
          for (const [id, view] of await services.designations.yearDesignations(viewer, ids, year))
            found.set(`${year}|${id}`, view);
        }
        return keys.map((key) => found.get(key) ?? null);
      }),
      users: new DataLoader<string, UserRow | null>(async (ids) => {
        if (!viewer) return ids.map(() => null);
        const found = await services.administration.usersById(viewer, ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
    },
  };
}

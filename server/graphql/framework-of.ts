import type { CompiledFramework } from "../domain/index.js";
import type { Context } from "./context.type.js";

/** The framework a stored designation was computed under, cached for the request; null if it no longer exists. */
export function frameworkOf(context: Context, key: string): Promise<CompiledFramework | null> {
  let found = context.frameworkCache.get(key);
  if (!found) {
    found = context.services.frameworks.resolve(context.viewer, key).catch(() => null);
    context.frameworkCache.set(key, found);
  }
  return found;
}

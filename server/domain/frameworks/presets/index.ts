// The four preset frameworks, compiled once at first use.
import type { FrameworkInput } from "../framework.schema.js";
import { compileFramework, type CompiledFramework } from "../compile-framework.js";
import { phaseModel } from "./phase-model.js";
import { tieredSupport } from "./tiered-support.js";
import { riskMatrix } from "./risk-matrix.js";
import { riskDesignation } from "./risk-designation.js";

export const PRESET_DEFINITIONS: readonly FrameworkInput[] = [
  phaseModel,
  tieredSupport,
  riskMatrix,
  riskDesignation,
];

let compiled: ReadonlyMap<string, CompiledFramework> | null = null;

/** The presets by key, compiled on first call and reused. */
export function presets(): ReadonlyMap<string, CompiledFramework> {
  compiled ??= new Map(
    PRESET_DEFINITIONS.map((definition) => {
      const framework = compileFramework(definition);
      return [framework.key, framework] as const;
    }),
  );
  return compiled;
}

export function preset(key: string): CompiledFramework | undefined {
  return presets().get(key);
}

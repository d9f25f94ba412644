// What the rest of the add-in (and its tests) may use of the custom
// functions: the functions themselves, the runtime they share, and the
// progress feed's interface.
export {
  card,
  cardvalue,
  designation,
  evidence,
  explain,
  progress,
  stored,
  support,
  target,
  whatif,
} from "./functions.js";
export {
  configureFunctions,
  functionRuntime,
  FunctionRuntime,
  type FunctionRuntimeOptions,
} from "./function-runtime.js";
export type { ProgressFeed, ProgressKey, ProgressUpdate } from "./progress-feed.js";
export { SIGN_IN_AGAIN_MESSAGE, SIGN_IN_MESSAGE } from "./excel-error.js";

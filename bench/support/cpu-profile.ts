// A CPU profile of one piece of work, taken in-process through the inspector
// (what `node --cpu-prof` records), summarised as the functions with the most
// self time: where a missed target's time goes, measured in the same run.
import { Session } from "node:inspector/promises";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
}

export interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
}

export interface HotFunction {
  /** "designate (server/domain/frameworks/compile-framework.ts)" */
  readonly name: string;
  /** Share of the samples spent in the function itself, 0 to 1. */
  readonly selfShare: number;
}

const root = fileURLToPath(new URL("../..", import.meta.url));

function where(url: string): string {
  if (url === "") return "";
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  return path.startsWith(root) ? path.slice(root.length) : path;
}

/** "`designate` (compile-framework.ts) 12%, ..." for the `count` hottest entries, GC and idle left out. */
export function hotList(functions: readonly HotFunction[], count: number): string {
  return functions
    .filter((entry) => !/^\((garbage collector|idle|program)\)/.test(entry.name))
    .slice(0, count)
    .map((entry) => {
      const match = /^(.*?) \((.*)\)$/.exec(entry.name);
      // Our files by name; a dependency's with its package, so "client.js" says whose it is.
      const file = match?.[2]?.replace(/^node_modules\//, "").replace(/^(server|bench)\/.*\//, "");
      const name = match ? `\`${match[1]}\` (${file})` : `\`${entry.name}\``;
      return `${name} ${(entry.selfShare * 100).toFixed(0)}%`;
    })
    .join(", ");
}

/** The self-time share of entries whose name matches. */
export function shareOf(functions: readonly HotFunction[], pattern: RegExp): number {
  return functions
    .filter((entry) => pattern.test(entry.name))
    .reduce((total, entry) => total + entry.selfShare, 0);
}

/** The `top` functions by self time in a profile (from the inspector or a .cpuprofile file). */
export function summariseProfile(profile: Profile, top: number): HotFunction[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const file = where(frame.url);
    const name = `${frame.functionName || "(anonymous)"}${file ? ` (${file})` : ""}`;
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const total = Math.max(1, profile.samples.length);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, count]) => ({ name, selfShare: count / total }));
}

/** Profiles `work` and returns the `top` functions by self time. */
export async function hotFunctions(
  work: () => void | Promise<void>,
  top = 10,
): Promise<HotFunction[]> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
    await session.post("Profiler.start");
    await work();
    const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
    return summariseProfile(profile, top);
  } finally {
    await session.post("Profiler.disable").catch(() => undefined);
    session.disconnect();
  }
}

// Profiles another node process through its inspector (started with
// --inspect=127.0.0.1:0), over the DevTools protocol: the same sampling
// profiler `node --cpu-prof` uses, but started and stopped around one phase
// of a benchmark instead of the whole life of the process.
import WebSocket from "ws";
import type { Profile } from "./cpu-profile.js";

export interface RemoteProfiler {
  start(): Promise<void>;
  stop(): Promise<Profile>;
  close(): void;
}

export async function remoteProfiler(inspectorUrl: string): Promise<RemoteProfiler> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on("message", (data: WebSocket.RawData) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const post = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    async start() {
      await post("Profiler.enable");
      await post("Profiler.setSamplingInterval", { interval: 200 });
      await post("Profiler.start");
    },
    async stop() {
      const { profile } = (await post("Profiler.stop")) as { profile: Profile };
      return profile;
    },
    close: () => socket.close(),
  };
}

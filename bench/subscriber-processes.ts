// The subscriber fleet of progress-subscribers.ts spread over child processes
// (node's fork, IPC for commands), so that thousands of clients' parsing is
// not one thread's queue: one client process reads 5,000 messages an event one
// after another, which no 5,000 real browsers do. Each child opens its share
// of the clients and reports arrivals as wall-clock times (timeOrigin + now),
// which the parent turns into its own performance.now() timeline. As a
// program, this file is one such child.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { subscriberFleet, type SubscriberFleet } from "./progress-subscribers.js";
import { isMain } from "./support/benchmark-main.js";

/** Parent to child. */
type Command =
  | {
      readonly type: "open";
      readonly urls: readonly string[];
      readonly token: string;
      readonly count: number;
      readonly wave: number;
    }
  | { readonly type: "wait"; readonly count: number }
  | { readonly type: "dispose" };

/** Child to parent. */
type Report =
  | { readonly type: "opened" }
  | { readonly type: "arrived"; readonly at: number[]; readonly errors: unknown[] }
  | { readonly type: "failed"; readonly message: string };

export interface ProcessFleet extends SubscriberFleet {
  /** The child processes' ids (to read their CPU time). */
  readonly pids: readonly number[];
}

/**
 * `count` clients over `processes` children, alternating between `urls` as
 * subscriberFleet does (each child starts on the server after the previous
 * child's last, so the servers' shares stay equal).
 */
export async function subscriberProcesses(
  urls: readonly string[],
  token: string,
  count: number,
  processes: number,
  wave: number,
): Promise<ProcessFleet> {
  const shares = Array.from(
    { length: processes },
    (_, index) => Math.floor(count / processes) + (index < count % processes ? 1 : 0),
  );
  const errors: unknown[] = [];
  let arrivals: number[] = [];
  let received = 0;
  const children = shares.map((share, index) => {
    const child = fork(fileURLToPath(import.meta.url), [], { stdio: "inherit" });
    const offset = shares.slice(0, index).reduce((sum, value) => sum + value, 0);
    const rotated = urls.map((_, at) => urls[(at + offset) % urls.length]!);
    return { child, share, urls: rotated };
  });
  const reply = (child: ChildProcess) =>
    new Promise<Report>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`a subscriber process exited with ${code}`));
      child.once("exit", onExit);
      child.once("message", (report: Report) => {
        child.off("exit", onExit);
        resolve(report);
      });
    });
  const expect = async (child: ChildProcess, type: Report["type"]) => {
    const report = await reply(child);
    if (report.type === "failed") throw new Error(report.message);
    if (report.type !== type) throw new Error(`expected ${type}, got ${report.type}`);
    return report;
  };
  await Promise.all(
    children.map(({ child, share, urls: order }) => {
      const opened = expect(child, "opened");
      child.send({ type: "open", urls: order, token, count: share, wave } satisfies Command);
      return opened;
    }),
  );
  return {
    size: count,
    errors,
    pids: children.map(({ child }) => child.pid!),
    received: () => received,
    takeArrivals() {
      const taken = arrivals;
      arrivals = [];
      return taken;
    },
    async waitForEvents(total, ms) {
      const perClient = total / count;
      const timer = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`not every event arrived within ${ms} ms`)), ms).unref(),
      );
      const reports = await Promise.race([
        Promise.all(
          children.map(({ child, share }) => {
            const arrived = expect(child, "arrived");
            child.send({ type: "wait", count: perClient * share } satisfies Command);
            return arrived;
          }),
        ),
        timer,
      ]);
      for (const report of reports) {
        if (report.type !== "arrived") continue;
        errors.push(...report.errors);
        received += report.at.length;
        for (const at of report.at) arrivals.push(at - performance.timeOrigin);
      }
    },
    async dispose() {
      await Promise.all(
        children.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once("exit", () => resolve());
              child.send({ type: "dispose" } satisfies Command);
            }),
        ),
      );
    },
  };
}

/** A child: opens its clients, then answers each wait with the arrivals since the last. */
async function serveParent(): Promise<void> {
  let fleet: SubscriberFleet | null = null;
  let reported = 0;
  const send = (report: Report) => process.send!(report);
  process.on("message", (command: Command) => {
    void (async () => {
      try {
        switch (command.type) {
          case "open":
            fleet = await subscriberFleet(
              command.urls,
              command.token,
              null,
              command.count,
              command.wave,
            );
            send({ type: "opened" });
            return;
          case "wait": {
            await fleet!.waitForEvents(command.count, 120_000);
            const at = fleet!.takeArrivals().map((time) => time + performance.timeOrigin);
            send({ type: "arrived", at, errors: fleet!.errors.slice(reported) });
            reported = fleet!.errors.length;
            return;
          }
          case "dispose":
            await fleet?.dispose();
            process.exit(0);
        }
      } catch (error) {
        send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
}

if (isMain(import.meta.url)) await serveParent();

// A load run for live progress, shared by the two-instance test (small) and the
// benchmark (October-board size): many graphql-ws subscribers, measurements
// recorded at a steady rate over HTTP, and optionally one instance killed with
// SIGKILL mid-stream. Its subscribers reconnect to a surviving instance with
// the cursor of the last event they received. At the end every subscriber's
// events are compared with the measurements the database committed: what was
// lost, what was repeated, and how long reconnecting took.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { globalId } from "../../server/graphql/relay/global-id.js";

export interface LoadServer {
  readonly url: string;
  kill?(): void;
}

export interface LoadOptions {
  readonly servers: readonly LoadServer[];
  readonly leaderToken: string;
  readonly dataManagerToken: string;
  readonly subscribers: number;
  /** Measurements per second. */
  readonly rate: number;
  readonly seconds: number;
  /** Kill servers[0] this many seconds in (its subscribers move to the others). */
  readonly killAfterSeconds?: number;
  /** The row ids of the measurements committed with `source`, in the end (read from the database). */
  readonly committed: (source: string) => Promise<string[]>;
  /** Also select the target's progress (what an open card asks for). */
  readonly withTarget?: boolean;
  /** How long to wait, after the last recording, for every subscriber to have everything. */
  readonly settleMs?: number;
  /** Called as the first recording is sent, and once every subscriber has every event (or the wait is over): to read the servers' CPU time, say. */
  readonly onRecording?: (phase: "start" | "settled") => void | Promise<void>;
}

export interface LoadResult {
  readonly source: string;
  readonly committed: number;
  /** Recordings answered (some sent to a killed instance fail). */
  readonly recorded: number;
  readonly failedRecordings: number;
  /** Milliseconds from sending each answered recording to its answer. */
  readonly recordingMs: number[];
  /** Milliseconds from sending a measurement to each subscriber receiving it (live deliveries only). */
  readonly deliveryMs: number[];
  /** Subscribers missing at least one committed measurement, and how many were missing in all. */
  readonly subscribersMissing: number;
  readonly missing: number;
  /** Deliveries of a measurement a subscriber had already received. */
  readonly repeated: number;
  /** Per reconnected subscriber: ms from the kill to its subscription acknowledged by another instance. */
  readonly reconnectMs: number[];
  /** Per reconnected subscriber: ms from the kill to its first event from another instance. */
  readonly firstEventMs: number[];
  /** Sockets opened again because the first attempt closed before it was acknowledged. */
  readonly connectRetries: number;
  readonly errors: unknown[];
}

/** The demo trust's academies, whose two attendance targets the live loads measure. */
export const DEMO_URNS = Array.from({ length: 14 }, (_, index) => String(140_001 + index));
const METRICS = ["attendance.absence", "attendance.persistentAbsence"];

/**
 * The `index`th measurement a live load records: round the demo trust's
 * academies, then their two attendance targets, values moving a little.
 */
export function demoMeasurementInput(index: number, source: string) {
  return {
    urn: DEMO_URNS[index % DEMO_URNS.length],
    year: "2025/26",
    metric: METRICS[Math.floor(index / DEMO_URNS.length) % METRICS.length],
    period: "SUMMER2",
    value: 4 + (index % 20) / 10,
    source,
  };
}

async function graphql<T>(url: string, token: string, query: string, variables = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(JSON.stringify(body.errors ?? response.status));
  return body.data!;
}

const RECORD = `mutation ($input: MeasurementInput!) { recordMeasurement(input: $input) { id } }`;

interface Watcher {
  client: Client | null;
  server: number;
  cursor: string;
  seen: Set<string>;
  repeated: number;
  reconnected: boolean;
}

export async function runLiveLoad(options: LoadOptions): Promise<LoadResult> {
  const source = `load-${process.pid}-${Date.now()}`;
  const servers = options.servers;
  const query = `subscription ($after: String) { progressChanged(after: $after) { cursor measurement { id source } ${options.withTarget ? "target { progress { latest rag } }" : ""} } }`;
  const { liveCursor } = await graphql<{ liveCursor: string }>(
    servers[0]!.url,
    options.leaderToken,
    "{ liveCursor }",
  );
  const sentAt = new Map<string, number>();
  const pendingDelivery: { id: string; at: number }[] = [];
  const deliveryMs: number[] = [];
  const errors: unknown[] = [];
  const reconnectMs: number[] = [];
  const firstEventMs: number[] = [];
  let killedAt = 0;
  let killed = false;
  let stopping = false;

  const open = (watcher: Watcher, server: number) => {
    watcher.server = server;
    let acknowledged = false;
    let first = true;
    const client = createClient({
      url: servers[server]!.url.replace(/^http/, "ws") + "/graphql",
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${options.leaderToken}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      on: {
        connected: () => {
          if (watcher.reconnected && !acknowledged) {
            acknowledged = true;
            reconnectMs.push(performance.now() - killedAt);
          }
        },
      },
    });
    watcher.client = client;
    client.subscribe<{
      progressChanged: { cursor: string; measurement: { id: string; source: string } };
    }>(
      { query, variables: { after: watcher.cursor } },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          const change = result.data?.progressChanged;
          if (!change) return;
          const now = performance.now();
          watcher.cursor = change.cursor;
          if (change.measurement.source !== source) return;
          if (watcher.reconnected && first) firstEventMs.push(now - killedAt);
          first = false;
          if (watcher.seen.has(change.measurement.id)) watcher.repeated += 1;
          watcher.seen.add(change.measurement.id);
          const sent = sentAt.get(change.measurement.id);
          if (sent !== undefined) deliveryMs.push(now - sent);
          else pendingDelivery.push({ id: change.measurement.id, at: now });
        },
        error: () => {
          // The instance went away: move to a surviving one with the last cursor.
          if (stopping || !killed || watcher.server !== 0) return;
          watcher.reconnected = true;
          void client.dispose();
          open(watcher, 1 + (watchers.indexOf(watcher) % (servers.length - 1)));
        },
        complete: () => undefined,
      },
    );
  };

  const watchers: Watcher[] = Array.from({ length: options.subscribers }, () => ({
    client: null,
    server: 0,
    cursor: liveCursor,
    seen: new Set<string>(),
    repeated: 0,
    reconnected: false,
  }));
  // A socket refused or closed before it was acknowledged (a loaded machine) is opened
  // again, twice at most; then the run fails saying why rather than waiting for ever.
  let connectRetries = 0;
  const connect = async (watcher: Watcher, index: number) => {
    for (let attempt = 1; ; attempt++) {
      open(watcher, index % servers.length);
      const client = watcher.client!;
      const closed = await new Promise<{ code?: number; reason?: string } | null>((resolve) => {
        client.on("connected", () => resolve(null));
        client.on("closed", (event) => resolve(event as { code?: number; reason?: string }));
      });
      if (!closed) return;
      await client.dispose();
      if (attempt === 3)
        throw new Error(
          `subscriber ${index} could not connect in 3 attempts (last closed with ${closed.code ?? "no code"} ${closed.reason ?? ""})`,
        );
      connectRetries += 1;
    }
  };
  await Promise.all(watchers.map((watcher, index) => connect(watcher, index)));
  // Let every subscription start before the first measurement (they would catch it up anyway).
  await new Promise((resolve) => setTimeout(resolve, 500));

  const recordingMs: number[] = [];
  let failedRecordings = 0;
  const total = Math.round(options.rate * options.seconds);
  await options.onRecording?.("start");
  const started = performance.now();
  const recordings: Promise<void>[] = [];
  const killTimer =
    options.killAfterSeconds !== undefined
      ? setTimeout(() => {
          killedAt = performance.now();
          killed = true;
          servers[0]!.kill?.();
        }, options.killAfterSeconds * 1000)
      : null;
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const server = killed ? 1 + (index % (servers.length - 1)) : index % servers.length;
    const sent = performance.now();
    recordings.push(
      graphql<{ recordMeasurement: { id: string } }>(
        servers[server]!.url,
        options.dataManagerToken,
        RECORD,
        {
          input: demoMeasurementInput(index, source),
        },
      ).then(
        (data) => {
          recordingMs.push(performance.now() - sent);
          sentAt.set(data.recordMeasurement.id, sent);
        },
        () => {
          failedRecordings += 1;
        },
      ),
    );
  }
  await Promise.all(recordings);
  if (killTimer) clearTimeout(killTimer);
  // Deliveries that arrived before their recording answered: timed from the send.
  for (const { id, at } of pendingDelivery.splice(0)) {
    const sent = sentAt.get(id);
    if (sent !== undefined) deliveryMs.push(at - sent);
  }

  // The API answers each measurement's global id.
  const committed = (await options.committed(source)).map((id) => globalId("Measurement", id));
  const deadline = performance.now() + (options.settleMs ?? 30_000);
  while (
    performance.now() < deadline &&
    watchers.some((watcher) => watcher.seen.size < committed.length)
  )
    await new Promise((resolve) => setTimeout(resolve, 100));
  await options.onRecording?.("settled");

  stopping = true;
  await Promise.allSettled(watchers.map((watcher) => watcher.client?.dispose()));
  let missing = 0;
  let subscribersMissing = 0;
  for (const watcher of watchers) {
    const lost = committed.filter((id) => !watcher.seen.has(id)).length;
    missing += lost;
    if (lost > 0) subscribersMissing += 1;
  }
  return {
    source,
    committed: committed.length,
    recorded: recordingMs.length,
    failedRecordings,
    recordingMs,
    deliveryMs,
    subscribersMissing,
    missing,
    repeated: watchers.reduce((sum, watcher) => sum + watcher.repeated, 0),
    reconnectMs,
    firstEventMs,
    connectRetries,
    errors,
  };
}

/** The p-th percentile (0-100) of some numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

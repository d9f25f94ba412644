// The server URL and token the add-in talks with, kept in Office's own
// storage (OfficeRuntime.storage in the shared runtime), never in the workbook.
// The listeners are per runtime, not per bundle, so signing in on the pane
// reaches the functions.
import { perRuntime } from "./per-runtime.js";

export interface Connection {
  readonly serverUrl: string;
  readonly token: string | null;
  /** How the token was had: pasted (an access token from the trust admin) or Microsoft 365 sign-in. */
  readonly signedInWith?: "token" | "microsoft365";
  /** Microsoft 365: the account signed in, and when its token expires (ISO), so it is renewed before. */
  readonly account?: string;
  readonly expiresAt?: string;
}

const KEY = "mat.connection";

/** Where settings live; OfficeRuntime.storage in Excel, an in-memory map elsewhere (tests). */
export interface SettingsStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

function officeStorage(): SettingsStore | null {
  const runtime = (globalThis as { OfficeRuntime?: { storage?: SettingsStore } }).OfficeRuntime;
  return runtime?.storage ?? null;
}

const memory = perRuntime("memoryStore", () => new Map<string, string>());
const memoryStore: SettingsStore = {
  async getItem(key) {
    return memory.get(key) ?? null;
  },
  async setItem(key, value) {
    memory.set(key, value);
  },
  async removeItem(key) {
    memory.delete(key);
  },
};

export function settingsStore(): SettingsStore {
  return officeStorage() ?? memoryStore;
}

/** The page's own origin: the server that served the add-in. */
export function defaultServerUrl(): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return origin && origin.startsWith("http") ? origin : "http://localhost:4000";
}

const listeners = perRuntime(
  "connectionListeners",
  () => new Set<(connection: Connection) => void>(),
);

export async function loadConnection(store: SettingsStore = settingsStore()): Promise<Connection> {
  const text = await store.getItem(KEY);
  if (!text) return { serverUrl: defaultServerUrl(), token: null };
  try {
    const parsed = JSON.parse(text) as Partial<Connection>;
    const connection = {
      serverUrl: parsed.serverUrl || defaultServerUrl(),
      token: parsed.token ?? null,
    };
    return parsed.signedInWith === "microsoft365" && parsed.token
      ? {
          ...connection,
          signedInWith: "microsoft365",
          ...(typeof parsed.account === "string" ? { account: parsed.account } : {}),
          ...(typeof parsed.expiresAt === "string" ? { expiresAt: parsed.expiresAt } : {}),
        }
      : connection;
  } catch {
    return { serverUrl: defaultServerUrl(), token: null };
  }
}

export async function saveConnection(
  connection: Connection,
  store: SettingsStore = settingsStore(),
): Promise<void> {
  await store.setItem(KEY, JSON.stringify(connection));
  for (const listener of listeners) listener(connection);
}

export async function signOut(store: SettingsStore = settingsStore()): Promise<void> {
  const current = await loadConnection(store);
  await saveConnection({ serverUrl: current.serverUrl, token: null }, store);
}

/** Called whenever the connection changes (sign in, sign out) in this runtime. */
export function onConnectionChange(listener: (connection: Connection) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

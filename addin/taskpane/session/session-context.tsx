// The connection the pane works through: server URL and token from Office's
// storage, who the token belongs to (me), and the client every panel uses.
// Signing in checks the token before it is stored.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import {
  loadConnection,
  onConnectionChange,
  saveConnection,
  signOut as forgetToken,
  type Connection,
} from "../../shared/connection.js";
import { AddinFailure, GraphQLHttpClient } from "../../shared/graphql-client.js";
import { ME, viewerOf, type Viewer } from "../api/index.js";
import { isRole, roleHas, type Permission } from "../../../server/shared/index.js";

export type SessionStatus = "loading" | "signed-out" | "checking" | "connected" | "failed";

export interface Session {
  readonly status: SessionStatus;
  readonly connection: Connection | null;
  readonly viewer: Viewer | null;
  /** Why the last check or sign-in failed, in words. */
  readonly error: string | null;
  readonly client: GraphQLHttpClient;
  connect(serverUrl: string, token: string): Promise<boolean>;
  /** Checks the stored connection again (after the server was unreachable). */
  retry(): Promise<void>;
  signOut(): Promise<void>;
  /** Whether the signed-in role may do this (the server checks again). */
  can(permission: Permission): boolean;
}

const SessionContext = createContext<Session | null>(null);

/** A failure in words for the connect panel. */
export function describeFailure(error: unknown): string {
  if (error instanceof AddinFailure) {
    if (error.kind === "SIGNED_OUT")
      return "The server did not accept this token. Check it and try again.";
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function normaliseUrl(serverUrl: string): string {
  const trimmed = serverUrl.trim().replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(
      `"${trimmed}" is not a web address; enter the server's, such as https://mat.example.org`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`The server URL must start with https:// or http://, not ${url.protocol}`);
  }
  return trimmed;
}

async function whoIs(serverUrl: string, token: string): Promise<Viewer> {
  const data = await new GraphQLHttpClient(serverUrl, token).request(ME);
  return viewerOf(data.me);
}

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>("loading");
  const [connection, setConnection] = useState<Connection | null>(null);
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = useCallback(async (stored: Connection) => {
    setConnection(stored);
    if (!stored.token) {
      setViewer(null);
      setStatus("signed-out");
      return;
    }
    setStatus("checking");
    try {
      setViewer(await whoIs(stored.serverUrl, stored.token));
      setError(null);
      setStatus("connected");
    } catch (failure) {
      setViewer(null);
      setError(describeFailure(failure));
      setStatus("failed");
    }
  }, []);

  /** Office's storage could not be read: said like a failed check, so the pane does not wait for ever. */
  const storageFailed = useCallback((failure: unknown) => {
    setError(`The saved connection could not be read: ${describeFailure(failure)}`);
    setStatus("failed");
  }, []);

  useEffect(() => {
    let live = true;
    // Neither handler rejects: check() and storageFailed() put a failure in `error`.
    void loadConnection().then(
      (stored) => (live ? check(stored) : undefined),
      (failure: unknown) => (live ? storageFailed(failure) : undefined),
    );
    const stop = onConnectionChange((changed) => void check(changed));
    return () => {
      live = false;
      stop();
    };
  }, [check, storageFailed]);

  const connect = useCallback(
    async (serverUrl: string, token: string): Promise<boolean> => {
      setStatus("checking");
      setError(null);
      try {
        const url = normaliseUrl(serverUrl);
        const signedIn = await whoIs(url, token.trim());
        // Stored only once the server has accepted it; saveConnection tells onConnectionChange.
        await saveConnection({ serverUrl: url, token: token.trim() });
        setViewer(signedIn);
        return true;
      } catch (failure) {
        setError(describeFailure(failure));
        setStatus(connection?.token ? "failed" : "signed-out");
        return false;
      }
    },
    [connection],
  );

  const retry = useCallback(
    () => loadConnection().then(check, storageFailed),
    [check, storageFailed],
  );

  const signOut = useCallback(async () => {
    await forgetToken();
    setError(null);
  }, []);

  const client = useMemo(
    () => new GraphQLHttpClient(connection?.serverUrl ?? "", connection?.token ?? null),
    [connection],
  );

  const session = useMemo<Session>(() => {
    const role = viewer?.role ?? "";
    return {
      status,
      connection,
      viewer,
      error,
      client,
      connect,
      retry,
      signOut,
      can: (permission) => status === "connected" && isRole(role) && roleHas(role, permission),
    };
  }, [status, connection, viewer, error, client, connect, retry, signOut]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession is used outside SessionProvider");
  return session;
}

// The connection the pane works through: server URL and token from Office's
// storage, who the token belongs to (me), and the client every panel uses.
// Signing in checks the token before it is stored. A Microsoft 365 sign-in's
// token is renewed silently five minutes before it expires (and at once when
// a stored one has); when Microsoft 365 wants the person again, the pane says
// so and signs out rather than failing every request.
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
import { fetchSignInOptions, type MicrosoftSignInOptions } from "../../shared/microsoft-365.js";
import { renewMicrosoft365, signInWithMicrosoft365 } from "../connect/microsoft-sign-in.js";
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
  /** Signs in with Microsoft 365 (nested app authentication or the Office dialog). */
  connectWithMicrosoft365(serverUrl: string, options: MicrosoftSignInOptions): Promise<boolean>;
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

/** How long before a Microsoft 365 token expires it is renewed. */
export const RENEW_BEFORE_MS = 5 * 60_000;

const SIGN_IN_ENDED =
  "Your Microsoft 365 sign-in has ended and could not be renewed without you; sign in again.";

function renewalDue(connection: Connection, now = Date.now()): number | null {
  if (connection.signedInWith !== "microsoft365" || !connection.token || !connection.expiresAt)
    return null;
  const expires = Date.parse(connection.expiresAt);
  return Number.isNaN(expires) ? 0 : expires - RENEW_BEFORE_MS - now;
}

/** The same connection with a fresh Microsoft 365 token, or null when the person must sign in again. */
async function renewed(connection: Connection): Promise<Connection | null> {
  const options = await fetchSignInOptions(connection.serverUrl);
  const token =
    options && connection.account
      ? await renewMicrosoft365(connection.serverUrl, options, connection.account)
      : null;
  return token
    ? {
        ...connection,
        token: token.accessToken,
        account: token.account,
        expiresAt: token.expiresAt,
      }
    : null;
}

/** Stores the renewed connection, or signs out saying the sign-in has ended. */
async function renewOrEnd(
  connection: Connection,
  sayError: (error: string) => void,
): Promise<void> {
  const fresh = await renewed(connection).catch(() => null);
  if (fresh) return saveConnection(fresh);
  sayError(SIGN_IN_ENDED);
  return forgetToken();
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
    const due = renewalDue(stored);
    if (due !== null && due <= 0) {
      // Saving tells onConnectionChange, which checks the renewed connection.
      return renewOrEnd(stored, setError);
    }
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

  /** Signs in with the connection `obtain` gives, stored only once the server has accepted it. */
  const signInWith = useCallback(
    async (
      serverUrl: string,
      obtain: (url: string) => Promise<Connection & { token: string }>,
      explain: (failure: unknown) => string = describeFailure,
    ): Promise<boolean> => {
      setStatus("checking");
      setError(null);
      try {
        const url = normaliseUrl(serverUrl);
        const next = await obtain(url);
        const signedIn = await whoIs(url, next.token);
        // saveConnection tells onConnectionChange.
        await saveConnection(next);
        setViewer(signedIn);
        return true;
      } catch (failure) {
        setError(explain(failure));
        setStatus(connection?.token ? "failed" : "signed-out");
        return false;
      }
    },
    [connection],
  );

  const connect = useCallback(
    (serverUrl: string, token: string) =>
      signInWith(serverUrl, async (url) => ({ serverUrl: url, token: token.trim() })),
    [signInWith],
  );

  const connectWithMicrosoft365 = useCallback(
    (serverUrl: string, options: MicrosoftSignInOptions) =>
      signInWith(
        serverUrl,
        async (url) => {
          const token = await signInWithMicrosoft365(url, options);
          return {
            serverUrl: url,
            token: token.accessToken,
            signedInWith: "microsoft365",
            account: token.account,
            expiresAt: token.expiresAt,
          };
        },
        // The server's own words: they say which account to link when no trust knows it.
        (failure) =>
          failure instanceof AddinFailure && failure.kind === "SIGNED_OUT"
            ? failure.message
            : describeFailure(failure),
      ),
    [signInWith],
  );

  // A Microsoft 365 token renewed before it expires, while the pane is open.
  useEffect(() => {
    const due = connection ? renewalDue(connection) : null;
    if (!connection || due === null || due <= 0) return;
    const timer = setTimeout(() => void renewOrEnd(connection, setError), due);
    return () => clearTimeout(timer);
  }, [connection]);

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
      connectWithMicrosoft365,
      retry,
      signOut,
      can: (permission) => status === "connected" && isRole(role) && roleHas(role, permission),
    };
  }, [status, connection, viewer, error, client, connect, connectWithMicrosoft365, retry, signOut]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession is used outside SessionProvider");
  return session;
}

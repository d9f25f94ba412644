// Microsoft 365 sign-in, shared by the task pane and the Office dialog page:
// the server's sign-in options, MSAL.js configured from them, and a token
// as the add-in keeps it. MSAL's cache lives in the add-in origin's
// localStorage so the pane can renew a token the dialog obtained.
import type { AuthenticationResult, Configuration } from "@azure/msal-browser";
import {
  SIGN_IN_OPTIONS_PATH,
  type MicrosoftSignInOptions,
  type SignInOptions,
} from "../../server/shared/index.js";

export type { MicrosoftSignInOptions };

/** An access token for the server, who it is for, and when it ends. */
export interface MicrosoftToken {
  readonly accessToken: string;
  /** The account's sign-in name (ada@trust.example). */
  readonly account: string;
  /** ISO time the token expires. */
  readonly expiresAt: string;
}

/** The server's Microsoft 365 options, or null when it offers none (or cannot be asked). */
export async function fetchSignInOptions(
  serverUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<MicrosoftSignInOptions | null> {
  try {
    const response = await fetchImpl(`${serverUrl.replace(/\/+$/, "")}${SIGN_IN_OPTIONS_PATH}`, {
      headers: { accept: "application/json" },
    });
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<SignInOptions>;
    return body.microsoft365 ?? null;
  } catch {
    return null;
  }
}

export function msalConfiguration(
  options: MicrosoftSignInOptions,
  redirectUri: string,
): Configuration {
  return {
    auth: {
      clientId: options.clientId,
      authority: options.authority,
      knownAuthorities: [...options.knownAuthorities],
      protocolMode: options.protocolMode,
      redirectUri,
      navigateToLoginRequestUrl: false,
    },
    cache: { cacheLocation: "localStorage" },
  };
}

/** MSAL's answer as the add-in keeps it. */
export function tokenOf(result: AuthenticationResult): MicrosoftToken {
  const expires = result.expiresOn ?? new Date(Date.now() + 60 * 60_000);
  return {
    accessToken: result.accessToken,
    account: result.account?.username || result.account?.name || "your Microsoft 365 account",
    expiresAt: expires.toISOString(),
  };
}

/** What the sign-in dialog tells the task pane (Office.context.ui.messageParent). */
export type DialogMessage =
  | ({ readonly status: "signed-in" } & MicrosoftToken)
  | { readonly status: "failed"; readonly message: string };

export function parseDialogMessage(text: string): DialogMessage {
  try {
    const parsed = JSON.parse(text) as Partial<DialogMessage>;
    if (
      parsed.status === "signed-in" &&
      typeof parsed.accessToken === "string" &&
      typeof parsed.account === "string" &&
      typeof parsed.expiresAt === "string"
    )
      return parsed as DialogMessage;
    if (parsed.status === "failed" && typeof parsed.message === "string")
      return parsed as DialogMessage;
  } catch {
    // Said below.
  }
  return { status: "failed", message: "The sign-in window sent an answer the add-in cannot read." };
}

/** An MSAL or network failure in words. */
export function signInFailureText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/user_cancelled|popup_window_error|empty_window_error/i.test(text))
    return "Sign-in was cancelled, or the sign-in window could not open.";
  return `Microsoft 365 sign-in failed: ${text}`;
}

// What GET /addin/sign-in-options.json answers: how the task pane may sign
// in. The server builds it from its OIDC settings; the pane and the sign-in
// dialog read it to configure MSAL.js. None of it is secret.

export interface MicrosoftSignInOptions {
  /** The add-in's app registration (a single-page application). */
  readonly clientId: string;
  /** MSAL's authority: Entra's login address for a tenant (or organizations), or another OIDC issuer. */
  readonly authority: string;
  /** Hosts MSAL may sign in at without Microsoft's instance discovery (another OIDC provider). */
  readonly knownAuthorities: readonly string[];
  /** MSAL's protocol mode: AAD for Microsoft Entra, OIDC for any other provider. */
  readonly protocolMode: "AAD" | "OIDC";
  /** The scopes that give an access token for this server. */
  readonly scopes: readonly string[];
}

export interface SignInOptions {
  /** Null when the server has no Microsoft 365 (OIDC) sign-in: the pane asks for an access token. */
  readonly microsoft365: MicrosoftSignInOptions | null;
}

/** Where the server answers the options, under the add-in's own files. */
export const SIGN_IN_OPTIONS_PATH = "/addin/sign-in-options.json";
/** The Office dialog's page: signs in with a redirect, then tells the task pane (messageParent). */
export const SIGN_IN_DIALOG_PATH = "/addin/sign-in.html";
/** Where a sign-in popup returns (blank: MSAL reads the answer from the popup's address). */
export const SIGNED_IN_PATH = "/addin/signed-in.html";

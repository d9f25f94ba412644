// Signing in with Microsoft 365 as Microsoft recommends for an add-in that
// calls its own API: MSAL.js with nested app authentication where the host
// supports it (NestedAppAuth 1.1: Office signs the user in, silently when it
// can, with a popup otherwise), and the Office dialog elsewhere (our page
// /addin/sign-in.html signs in with a redirect and sends the token back with
// messageParent). A pasted access token stays the fallback (connect-panel).
import {
  createNestablePublicClientApplication,
  PublicClientApplication,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import {
  msalConfiguration,
  parseDialogMessage,
  signInFailureText,
  tokenOf,
  type MicrosoftSignInOptions,
  type MicrosoftToken,
} from "../../shared/microsoft-365.js";
import { SIGNED_IN_PATH, SIGN_IN_DIALOG_PATH } from "../../../server/shared/index.js";

/** How this host signs in: nested app authentication, or the Office dialog. */
export type SignInRoute = "nested" | "dialog";

/** Office's dialog closed by the person (Office's error 12006). */
const DIALOG_CLOSED = 12006;

export function signInRoute(): SignInRoute {
  try {
    return Office.context.requirements.isSetSupported("NestedAppAuth", "1.1") ? "nested" : "dialog";
  } catch {
    return "dialog";
  }
}

function serverBase(serverUrl: string): string {
  return serverUrl.replace(/\/+$/, "");
}

/** One MSAL instance per server and route in this runtime (MSAL keeps its own state). */
const instances = new Map<string, Promise<IPublicClientApplication>>();

function msalFor(
  serverUrl: string,
  options: MicrosoftSignInOptions,
  route: SignInRoute,
): Promise<IPublicClientApplication> {
  const key = `${route} ${serverBase(serverUrl)} ${options.clientId} ${options.authority}`;
  let instance = instances.get(key);
  if (!instance) {
    const redirect =
      serverBase(serverUrl) + (route === "nested" ? SIGNED_IN_PATH : SIGN_IN_DIALOG_PATH);
    const configuration = msalConfiguration(options, redirect);
    // Outside a host with nested app authentication, MSAL's nestable
    // application works as a standard one (popups in the pane's browser).
    instance =
      route === "nested"
        ? createNestablePublicClientApplication(configuration)
        : PublicClientApplication.createPublicClientApplication(configuration);
    instance.catch(() => instances.delete(key));
    instances.set(key, instance);
  }
  return instance;
}

async function silently(
  msal: IPublicClientApplication,
  options: MicrosoftSignInOptions,
  account?: string,
): Promise<MicrosoftToken | null> {
  const accounts = msal.getAllAccounts();
  const known =
    accounts.find((entry) => account !== undefined && entry.username === account) ??
    msal.getActiveAccount() ??
    accounts[0];
  try {
    const result = await msal.acquireTokenSilent({
      scopes: [...options.scopes],
      ...(known ? { account: known } : {}),
    });
    if (result.account) msal.setActiveAccount(result.account);
    return tokenOf(result);
  } catch {
    return null;
  }
}

function openDialog(url: string): Promise<MicrosoftToken> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(
      url,
      { height: 60, width: 30, promptBeforeOpen: false },
      (opened) => {
        if (opened.status !== Office.AsyncResultStatus.Succeeded) {
          reject(new Error(`Office could not open the sign-in window: ${opened.error.message}`));
          return;
        }
        const dialog = opened.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (event) => {
          dialog.close();
          const message = parseDialogMessage("message" in event ? event.message : "");
          if (message.status === "signed-in") {
            const { accessToken, account, expiresAt } = message;
            resolve({ accessToken, account, expiresAt });
          } else reject(new Error(message.message));
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (event) => {
          const code = "error" in event ? event.error : 0;
          reject(
            new Error(
              code === DIALOG_CLOSED
                ? "The sign-in window was closed before signing in."
                : `The sign-in window stopped (Office error ${code}).`,
            ),
          );
        });
      },
    );
  });
}

/** Signs in (interactively if need be) and returns an access token for the server. */
export async function signInWithMicrosoft365(
  serverUrl: string,
  options: MicrosoftSignInOptions,
  route: SignInRoute = signInRoute(),
): Promise<MicrosoftToken> {
  try {
    if (route === "dialog") return await openDialog(serverBase(serverUrl) + SIGN_IN_DIALOG_PATH);
    const msal = await msalFor(serverUrl, options, route);
    const silent = await silently(msal, options);
    if (silent) return silent;
    const result = await msal.acquireTokenPopup({ scopes: [...options.scopes] });
    if (result.account) msal.setActiveAccount(result.account);
    return tokenOf(result);
  } catch (error) {
    throw new Error(signInFailureText(error));
  }
}

/**
 * A fresh token without asking the person (MSAL's cache and refresh token),
 * or null when Microsoft 365 wants them to sign in again.
 */
export async function renewMicrosoft365(
  serverUrl: string,
  options: MicrosoftSignInOptions,
  account: string,
  route: SignInRoute = signInRoute(),
): Promise<MicrosoftToken | null> {
  try {
    return await silently(await msalFor(serverUrl, options, route), options, account);
  } catch {
    return null;
  }
}

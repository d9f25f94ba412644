// The Office dialog's page (/addin/sign-in.html) for hosts without nested
// app authentication: signs in with MSAL.js by redirect, then sends the
// access token (or what went wrong) to the task pane with messageParent.
// The token never goes in an address or the workbook.
import { PublicClientApplication, type AuthenticationResult } from "@azure/msal-browser";
import {
  fetchSignInOptions,
  msalConfiguration,
  signInFailureText,
  tokenOf,
  type DialogMessage,
} from "../shared/microsoft-365.js";
import { SIGN_IN_DIALOG_PATH } from "../../server/shared/index.js";

function say(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

function send(message: DialogMessage): void {
  say(message.status === "signed-in" ? "Signed in. You can close this window." : message.message);
  Office.context.ui.messageParent(JSON.stringify(message));
}

function signedIn(result: AuthenticationResult): DialogMessage {
  return { status: "signed-in", ...tokenOf(result) };
}

async function signIn(): Promise<void> {
  const options = await fetchSignInOptions(location.origin);
  if (!options) {
    send({ status: "failed", message: "This server does not offer Microsoft 365 sign-in." });
    return;
  }
  const msal = await PublicClientApplication.createPublicClientApplication(
    msalConfiguration(options, location.origin + SIGN_IN_DIALOG_PATH),
  );
  const returned = await msal.handleRedirectPromise();
  if (returned) {
    send(signedIn(returned));
    return;
  }
  const account = msal.getAllAccounts()[0];
  if (account) {
    try {
      send(signedIn(await msal.acquireTokenSilent({ scopes: [...options.scopes], account })));
      return;
    } catch {
      // Microsoft 365 wants the person: sign in below.
    }
  }
  say("Taking you to Microsoft 365 to sign in...");
  await msal.acquireTokenRedirect({ scopes: [...options.scopes] });
}

void Office.onReady(() =>
  signIn().catch((error: unknown) => send({ status: "failed", message: signInFailureText(error) })),
);

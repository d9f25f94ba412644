// What the add-in needs to offer "Sign in with Microsoft 365" (MSAL.js):
// the app registration's client id, where to sign in, and the scopes that
// give an access token for this server. Served signed out at
// /addin/sign-in-options.json; none of it is secret.
import { TENANT_PLACEHOLDER } from "./oidc.js";
import type { SignInOptions } from "../shared/index.js";

export interface SignInSettings {
  readonly OIDC_ISSUER?: string | undefined;
  readonly OIDC_AUDIENCE?: string | undefined;
  readonly OIDC_CLIENT_ID?: string | undefined;
  readonly OIDC_SCOPES?: string | undefined;
  readonly OIDC_AUTHORITY?: string | undefined;
}

const ENTRA_ISSUER = /^https:\/\/login\.microsoftonline\.(?:com|us)\/([^/]+)\/v2\.0\/?$/;

/** Entra's v2 issuer turned into MSAL's authority; any other issuer is its own authority. */
export function authorityOf(issuer: string): string {
  const entra = ENTRA_ISSUER.exec(issuer);
  if (!entra) return issuer.replace(/\/+$/, "");
  const tenant = decodeURIComponent(entra[1]!);
  const origin = new URL(issuer).origin;
  return `${origin}/${tenant === TENANT_PLACEHOLDER ? "organizations" : tenant}`;
}

export function signInOptions(settings: SignInSettings): SignInOptions {
  const { OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience, OIDC_CLIENT_ID: clientId } = settings;
  if (!issuer || !audience || !clientId) return { microsoft365: null };
  const authority = settings.OIDC_AUTHORITY ?? authorityOf(decodeURI(issuer));
  const host = new URL(authority).host;
  const entra = /^login\.microsoftonline\.(com|us)$/.test(host);
  const scopes = (settings.OIDC_SCOPES ?? `${audience.replace(/\/+$/, "")}/access_as_user`)
    .split(/\s+/)
    .filter(Boolean);
  return {
    microsoft365: {
      clientId,
      authority,
      knownAuthorities: entra ? [] : [host],
      protocolMode: entra ? "AAD" : "OIDC",
      scopes,
    },
  };
}

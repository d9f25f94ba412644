// A real OpenID provider on this machine (the certified `oidc-provider`
// package), standing in for Microsoft Entra ID in the sign-in tests: its
// development login page accepts any name, and it issues JWT access tokens
// for our API (resource indicators), signed with its own key. MSAL.js only
// signs in at an https:// authority, so it listens on TLS with a fresh
// self-signed certificate (openssl; the browser is told to accept it), and
// on plain http for the server's JWKS fetch (the server trusts only real
// certificates).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export const OIDC_CLIENT_ID = "mat-addin-test";
export const OIDC_AUDIENCE = "api://mat-designations";
export const OIDC_SCOPE = `${OIDC_AUDIENCE}/access_as_user`;

export interface LocalOidcProvider {
  /** https://127.0.0.1:<port>: the issuer, MSAL's authority. */
  readonly issuer: string;
  /** The same provider's keys over plain http, for OIDC_JWKS_URL. */
  readonly jwksUrl: string;
  /** Lets the add-in at this origin sign in (redirect URIs and CORS); call before the browser does. */
  register(addinOrigin: string, redirectPaths: readonly string[]): void;
  /** The server settings that trust this provider, with the add-in's client id. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

async function selfSignedCertificate(): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), "mat-oidc-cert-"));
  try {
    await promisify(execFile)("openssl", [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"],
      ...["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")],
      ...["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
    ]);
    return {
      key: await readFile(join(dir, "key.pem")),
      cert: await readFile(join(dir, "cert.pem")),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

/**
 * Starts the provider. `accessTokenSeconds` sets its access tokens' life (the
 * renewal test makes it short); `people` gives the name and sign-in name of
 * each login, which the login page takes as the subject.
 */
export async function startOidcProvider(
  options: {
    accessTokenSeconds?: number;
    people?: Readonly<Record<string, { name: string; email: string }>>;
  } = {},
): Promise<LocalOidcProvider> {
  const tls = https.createServer(await selfSignedCertificate());
  const plain = http.createServer();
  const issuer = `https://127.0.0.1:${await listen(tls)}`;
  const jwksUrl = `http://127.0.0.1:${await listen(plain)}/jwks`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const key = { ...(await exportJWK(privateKey)), kid: "local-test", alg: "RS256", use: "sig" };
  const people = options.people ?? {};

  let provider: Provider | null = null;
  const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (!provider) {
      response.statusCode = 503;
      response.end("register the add-in first");
      return;
    }
    void provider.callback()(request, response);
  };
  tls.on("request", handler);
  plain.on("request", handler);

  return {
    issuer,
    jwksUrl,
    env: {
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE,
      OIDC_JWKS_URL: jwksUrl,
      OIDC_CLIENT_ID,
      OIDC_SCOPES: OIDC_SCOPE,
    },
    register(addinOrigin, redirectPaths) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: OIDC_CLIENT_ID,
            token_endpoint_auth_method: "none",
            redirect_uris: redirectPaths.map((path) => addinOrigin + path),
            grant_types: ["authorization_code", "refresh_token"],
            response_types: ["code"],
          },
        ],
        jwks: { keys: [key] },
        cookies: { keys: ["mat-local-oidc-test"] },
        pkce: { required: () => true },
        claims: { openid: ["sub"], profile: ["name", "preferred_username"] },
        // Known to the provider itself too, so a refresh token carries the API's scope and
        // renews for it, as Entra's do (oidc-provider keeps resource scopes off refresh tokens).
        scopes: ["openid", "offline_access", "profile", OIDC_SCOPE],
        findAccount: (_ctx, id) => ({
          accountId: id,
          claims: () => ({
            sub: id,
            name: people[id]?.name ?? id,
            preferred_username: people[id]?.email ?? `${id}@trust.example`,
          }),
        }),
        // As Entra's access tokens do, say who signed in (the server names them when unlinked).
        extraTokenClaims: (_ctx, token) =>
          "accountId" in token && typeof token.accountId === "string"
            ? {
                name: people[token.accountId]?.name ?? token.accountId,
                preferred_username:
                  people[token.accountId]?.email ?? `${token.accountId}@trust.example`,
              }
            : undefined,
        // Refresh tokens for a public client, as Entra gives a single-page application.
        issueRefreshToken: () => true,
        features: {
          devInteractions: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: () => OIDC_AUDIENCE,
            useGrantedResource: () => true,
            getResourceServerInfo: () => ({
              scope: OIDC_SCOPE,
              audience: OIDC_AUDIENCE,
              accessTokenFormat: "jwt",
              accessTokenTTL: options.accessTokenSeconds ?? 3600,
              jwt: { sign: { alg: "RS256" } },
            }),
          },
        },
        clientBasedCORS: (_ctx, origin) => origin === addinOrigin,
        ttl: {
          Interaction: 600,
          Session: 3600,
          Grant: 3600,
          IdToken: 3600,
          AccessToken: options.accessTokenSeconds ?? 3600,
          AuthorizationCode: 60,
          RefreshToken: 3600,
        },
      });
      provider.on("server_error", (_ctx, error) => console.error("oidc-provider:", error));
      // OpenID Connect grants offline_access (a refresh token's right to renew) only with
      // prompt=consent; Entra gives a single-page application refresh tokens regardless, so the
      // provider is asked for consent on every sign-in, and its consent page is clicked through.
      provider.use(async (ctx, next) => {
        if (ctx.path === "/auth" && ctx.method === "GET") {
          const query = new URLSearchParams(ctx.querystring);
          if (!query.get("prompt")) query.set("prompt", "consent");
          ctx.querystring = query.toString();
        }
        await next();
      });
    },
    async stop() {
      await Promise.all(
        [tls, plain].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

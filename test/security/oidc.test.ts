// Sign-in with an OIDC identity provider (as Microsoft Entra ID issues): a
// JWT signed by the provider's key, published at a JWKS URL, is accepted for
// the user linked to its identity (Entra: tenant id + object id; otherwise
// issuer + subject), never by email; a token from another issuer, for another
// audience, expired, for an unlinked identity, or matching only an email is
// refused, and an identity linked in two trusts signs in to neither.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { loadConfig } from "../../server/config.js";
import { signInOptions } from "../../server/auth/sign-in-options.js";

const ISSUER = "https://login.example.test/tenant/v2.0";
const AUDIENCE = "api://mat-designations";
const TENANT = "7a1c0f1e-0000-4000-8000-00000000abcd";
const ADA = { tid: TENANT, oid: "0b5e-ada-object-id", sub: "pairwise-sub-for-ada" };

/** `me` asked with a bearer token: the answer's data and errors. */
async function askMe(serverUrl: string, token: string) {
  const response = await fetch(`${serverUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ me { name role trustName } }" }),
  });
  return (await response.json()) as {
    data?: { me: { name: string; role: string; trustName: string } } | null;
    errors?: { message: string; extensions: { code: string } }[];
  };
}

describe("OIDC sign-in", () => {
  let jwks: http.Server;
  let server: TestServer;
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair("RS256")).privateKey;
    const jwk: JWK = {
      ...(await exportJWK(pair.publicKey)),
      kid: "test-key",
      alg: "RS256",
      use: "sig",
    };
    jwks = http.createServer((_request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", () => resolve()));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`;
    server = await startTestServer("sqlite", {
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: jwksUrl,
    });
    const trustId = server.handle.demo!.trustId;
    const prisma = server.handle.prisma;
    await prisma.user.create({
      data: {
        trustId,
        name: "Ada Leader",
        email: "ada@northern-lights.example",
        role: "leader",
        oidcIssuer: TENANT,
        oidcSubject: ADA.oid,
      },
    });
    // A provider without tid/oid: issuer + subject.
    await prisma.user.create({
      data: {
        trustId,
        name: "Ben Data",
        role: "data-manager",
        oidcIssuer: ISSUER,
        oidcSubject: "ben",
      },
    });
    // One identity linked in two trusts is ambiguous.
    const other = await prisma.trust.create({ data: { uid: "TR07777", name: "Other Trust" } });
    for (const id of [trustId, other.id])
      await prisma.user.create({
        data: { trustId: id, name: "Cal", role: "leader", oidcIssuer: TENANT, oidcSubject: "cal" },
      });
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const sign = (
    claims: Record<string, unknown>,
    options: { key?: CryptoKey; issuer?: string; audience?: string; expires?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "test-key" })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expires ?? "10m")
      .sign(options.key ?? privateKey);

  const me = (token: string) => askMe(server.url, token);

  it("accepts an Entra token for the user linked to its tenant and object ids, with that user's trust and role", async () => {
    const answer = await me(await sign({ ...ADA, email: "someone-else@example.com" }));
    expect(answer.data?.me).toEqual({
      name: "Ada Leader",
      role: "LEADER",
      trustName: "Northern Lights Academy Trust",
    });
  });

  it("accepts another provider's token by issuer and subject", async () => {
    const answer = await me(await sign({ sub: "ben" }));
    expect(answer.data?.me).toMatchObject({ name: "Ben Data", role: "DATA_MANAGER" });
  });

  interface BadCase {
    readonly claims: Record<string, unknown>;
    readonly key?: "other";
    readonly issuer?: string;
    readonly audience?: string;
    readonly expires?: string;
  }

  it.each<[string, BadCase]>([
    ["signed by another key", { claims: ADA, key: "other" }],
    ["from another issuer", { claims: ADA, issuer: "https://evil.example/" }],
    ["for another audience", { claims: ADA, audience: "api://other" }],
    ["expired", { claims: ADA, expires: "-1m" }],
    [
      "carrying only a known user's email",
      { claims: { sub: "mallory", email: "ada@northern-lights.example" } },
    ],
    [
      "with Ada's object id from another tenant",
      { claims: { ...ADA, tid: "00000000-0000-4000-8000-000000000000" } },
    ],
    ["for an identity linked in two trusts", { claims: { tid: TENANT, oid: "cal" } }],
  ])("refuses a token %s", async (_case, { claims, key, issuer, audience, expires }) => {
    const token = await sign(claims, {
      key: key === "other" ? otherKey : privateKey,
      issuer,
      audience,
      expires,
    });
    const answer = await me(token);
    expect(answer.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
  });
});

// One deployment for many trusts, each with its own Microsoft 365 tenant:
// Microsoft's multi-tenant issuer with the {tenantid} placeholder accepts a
// token from the issuer naming the token's own tenant, and the user linked to
// that tenant and object id; a token whose issuer names another tenant than
// its tid is refused, and a verified person nobody linked is told what to
// ask their trust admin for.
describe("OIDC sign-in for every trust's own tenant", () => {
  const TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";
  const TENANT_A = "11111111-aaaa-4aaa-8aaa-111111111111";
  const TENANT_B = "22222222-bbbb-4bbb-8bbb-222222222222";
  const issuerOf = (tenant: string) => `https://login.microsoftonline.com/${tenant}/v2.0`;
  let jwks: http.Server;
  let server: TestServer;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "tenant-key", alg: "RS256" };
    jwks = http.createServer((_request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", () => resolve()));
    server = await startTestServer("sqlite", {
      OIDC_ISSUER: TEMPLATE,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`,
      OIDC_CLIENT_ID: "5f0c2a1e-0000-4000-8000-00000000c11d",
    });
    const prisma = server.handle.prisma;
    await prisma.user.create({
      data: {
        trustId: server.handle.demo!.trustId,
        name: "Ada of Tenant A",
        role: "leader",
        oidcIssuer: TENANT_A,
        oidcSubject: "ada-oid",
      },
    });
    const other = await prisma.trust.create({ data: { uid: "TR08888", name: "Southern Trust" } });
    await prisma.user.create({
      data: {
        trustId: other.id,
        name: "Bea of Tenant B",
        role: "data-manager",
        oidcIssuer: TENANT_B,
        oidcSubject: "bea-oid",
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const tokenFor = (claims: Record<string, unknown>, issuer: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "tenant-key" })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey);

  const me = (token: string) => askMe(server.url, token);

  it("signs each tenant's person in to their own trust", async () => {
    const ada = await me(
      await tokenFor({ tid: TENANT_A, oid: "ada-oid", sub: "x" }, issuerOf(TENANT_A)),
    );
    expect(ada.data?.me).toEqual({
      name: "Ada of Tenant A",
      role: "LEADER",
      trustName: "Northern Lights Academy Trust",
    });
    const bea = await me(
      await tokenFor({ tid: TENANT_B, oid: "bea-oid", sub: "y" }, issuerOf(TENANT_B)),
    );
    expect(bea.data?.me).toEqual({
      name: "Bea of Tenant B",
      role: "DATA_MANAGER",
      trustName: "Southern Trust",
    });
  });

  it("refuses a token whose issuer names another tenant than its own", async () => {
    const answer = await me(
      await tokenFor({ tid: TENANT_A, oid: "ada-oid", sub: "x" }, issuerOf(TENANT_B)),
    );
    expect(answer.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(answer.errors?.[0]?.message).toContain("unknown, expired or revoked");
  });

  it("tells a verified person nobody linked which identity their trust admin should link", async () => {
    const answer = await me(
      await tokenFor(
        { tid: TENANT_A, oid: "new-oid", sub: "z", preferred_username: "new@a.example" },
        issuerOf(TENANT_A),
      ),
    );
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(answer.errors?.[0]?.message).toBe(
      `You signed in as new@a.example but no user of a trust here is linked to this account. Ask your trust admin to link it to your user (sign-in issuer (Microsoft 365: tenant id) ${TENANT_A}, subject (object id) new-oid).`,
    );
  });

  it("tells the task pane to sign in with Microsoft 365 at the organizations authority", async () => {
    const response = await fetch(`${server.url}/addin/sign-in-options.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      microsoft365: {
        clientId: "5f0c2a1e-0000-4000-8000-00000000c11d",
        authority: "https://login.microsoftonline.com/organizations",
        knownAuthorities: [],
        protocolMode: "AAD",
        scopes: [`${AUDIENCE}/access_as_user`],
      },
    });
  });
});

describe("Microsoft 365 sign-in settings", () => {
  const base = { DATABASE_URL: "file::memory:" };
  const oidc = {
    OIDC_ISSUER: "https://login.microsoftonline.com/7a1c0f1e-0000-4000-8000-00000000abcd/v2.0",
    OIDC_AUDIENCE: "api://mat",
    OIDC_JWKS_URL: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
  };

  it("offers no Microsoft 365 sign-in without a client id, and the pasted token alone", () => {
    expect(signInOptions(loadConfig({ ...base, ...oidc }))).toEqual({ microsoft365: null });
    expect(signInOptions(loadConfig(base))).toEqual({ microsoft365: null });
  });

  it("signs a single-tenant deployment in at its tenant, and another provider at its issuer", () => {
    const entra = signInOptions(loadConfig({ ...base, ...oidc, OIDC_CLIENT_ID: "app" }));
    expect(entra.microsoft365).toMatchObject({
      authority: "https://login.microsoftonline.com/7a1c0f1e-0000-4000-8000-00000000abcd",
      protocolMode: "AAD",
      scopes: ["api://mat/access_as_user"],
    });
    const other = signInOptions(
      loadConfig({
        ...base,
        OIDC_ISSUER: "https://id.trust.example/realms/staff",
        OIDC_AUDIENCE: "mat",
        OIDC_JWKS_URL: "https://id.trust.example/realms/staff/certs",
        OIDC_CLIENT_ID: "mat-addin",
        OIDC_SCOPES: "mat/read  mat/write",
      }),
    );
    expect(other.microsoft365).toEqual({
      clientId: "mat-addin",
      authority: "https://id.trust.example/realms/staff",
      knownAuthorities: ["id.trust.example"],
      protocolMode: "OIDC",
      scopes: ["mat/read", "mat/write"],
    });
  });

  it.each([
    [{ ...base, OIDC_CLIENT_ID: "app" }, "OIDC_CLIENT_ID, OIDC_SCOPES and OIDC_AUTHORITY need"],
    [
      { ...base, ...oidc, OIDC_ISSUER: "http://id.example/", OIDC_CLIENT_ID: "app" },
      "needs an https:// OIDC_ISSUER",
    ],
    [{ ...base, ...oidc, OIDC_AUTHORITY: "http://id.example/" }, "must be an https:// address"],
  ])("refuses settings MSAL.js cannot sign in with (%#)", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

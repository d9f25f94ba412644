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

const ISSUER = "https://login.example.test/tenant/v2.0";
const AUDIENCE = "api://mat-designations";
const TENANT = "7a1c0f1e-0000-4000-8000-00000000abcd";
const ADA = { tid: TENANT, oid: "0b5e-ada-object-id", sub: "pairwise-sub-for-ada" };

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

  async function me(token: string) {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ me { name role trustName } }" }),
    });
    return (await response.json()) as {
      data?: { me: { name: string; role: string; trustName: string } } | null;
      errors?: { extensions: { code: string } }[];
    };
  }

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

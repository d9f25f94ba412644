// Sign-in with an OIDC identity provider (as Microsoft Entra ID issues): a
// JWT signed by the provider's key, published at a JWKS URL, is accepted for
// the user with that email; a token from another issuer, for another
// audience, expired, or for an unknown email is refused.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { startTestServer, type TestServer } from "../support/test-server.js";

const ISSUER = "https://login.example.test/tenant/v2.0";
const AUDIENCE = "api://mat-designations";

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
    await server.handle.prisma.user.create({
      data: { trustId, name: "Ada Leader", email: "ada@northern-lights.example", role: "leader" },
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

  it("accepts the provider's token for a known user, with that user's trust and role", async () => {
    const answer = await me(await sign({ preferred_username: "Ada@Northern-Lights.example" }));
    expect(answer.data?.me).toEqual({
      name: "Ada Leader",
      role: "leader",
      trustName: "Northern Lights Academy Trust",
    });
  });

  interface BadCase {
    readonly claims: Record<string, unknown>;
    readonly key?: "other";
    readonly issuer?: string;
    readonly audience?: string;
    readonly expires?: string;
  }

  it.each<[string, BadCase]>([
    ["signed by another key", { claims: { email: "ada@northern-lights.example" }, key: "other" }],
    [
      "from another issuer",
      { claims: { email: "ada@northern-lights.example" }, issuer: "https://evil.example/" },
    ],
    [
      "for another audience",
      { claims: { email: "ada@northern-lights.example" }, audience: "api://other" },
    ],
    ["expired", { claims: { email: "ada@northern-lights.example" }, expires: "-1m" }],
    ["for an unknown email", { claims: { email: "mallory@example.com" } }],
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

// Administering a hosted service for real, over the API: the hosting operator
// creates a trust and its first trust admin (and reads none of its data); the
// trust admin adds an academy user, issues and revokes their token, links
// their sign-in identity and switches the trust's framework, every step in
// the trust's audit log. Also `npm run trust -- create` from the command line.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { issueOperatorToken } from "../../server/auth/tokens.js";
import { loadConfig } from "../../server/config.js";
import { bootstrap } from "../../server/bootstrap.js";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";

// Answers are read field by field in each test; their shape is asserted there.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Answer {
  readonly data: Record<string, Json> | null;
  readonly codes: string[];
  readonly message: string;
}

async function ask(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as {
    data?: Record<string, Json> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return {
    data: json.data ?? null,
    codes: (json.errors ?? []).map((error) => error.extensions?.code ?? ""),
    message: json.errors?.[0]?.message ?? "",
  };
}

const CREATE_TRUST = `mutation($input: CreateTrustInput!) {
  createTrust(input: $input) { trust { uid name frameworkKey } adminUserId adminToken adminTokenExpiresAt }
}`;
const CREATE_USER = `mutation($input: UserInput!) {
  createUser(input: $input) { id name role academyUrns signIn { issuer subject } }
}`;

describe.each(await storesToTest())("administration on %s", (store) => {
  let server: TestServer;
  let operator: string;
  beforeAll(async () => {
    server = await startTestServer(store, { RATE_LIMIT_PER_MINUTE: "100000" });
    operator = (await issueOperatorToken(server.handle.prisma, "Hosting team", 1)).token;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lets the operator create a trust whose first admin signs in with the token shown once, and read none of its data", async () => {
    const created = await ask(server.url, operator, CREATE_TRUST, {
      input: { uid: "TR12345", name: "Riverside Learning Trust", adminName: "Ada Admin" },
    });
    expect(created.codes).toEqual([]);
    expect(created.data!.createTrust.trust).toEqual({
      uid: "TR12345",
      name: "Riverside Learning Trust",
      frameworkKey: "phase-model",
    });
    const adminToken = created.data!.createTrust.adminToken as string;
    expect(adminToken).toMatch(/^mat_/);
    const me = await ask(server.url, adminToken, "{ me { name role trustName } }");
    expect(me.data!.me).toEqual({
      name: "Ada Admin",
      role: "TRUST_ADMIN",
      trustName: "Riverside Learning Trust",
    });
    for (const query of ["{ academies { totalCount } }", "{ me { name } }", "{ users { name } }"])
      expect((await ask(server.url, operator, query)).codes).toEqual(["FORBIDDEN"]);
    const trusts = await ask(server.url, operator, "{ trusts { uid } }");
    expect(trusts.data!.trusts.map((trust: { uid: string }) => trust.uid)).toContain("TR12345");
    // A trust admin is not the operator.
    expect((await ask(server.url, adminToken, "{ trusts { uid } }")).codes).toEqual(["FORBIDDEN"]);
  });

  it.each([
    [{ uid: "TR1", name: "X", adminName: "Y" }, "uid"],
    [{ uid: "TR23456", name: "", adminName: "Y" }, "name"],
    [{ uid: "TR23456", name: "X", adminName: "Y", frameworkKey: "mine" }, "frameworkKey"],
    [{ uid: "TR04567", name: "Again", adminName: "Y" }, "already exists"],
  ])("refuses a trust %j, naming %s", async (input, named) => {
    const answer = await ask(server.url, operator, CREATE_TRUST, { input });
    expect(answer.codes).toEqual([named === "already exists" ? "CONFLICT" : "BAD_USER_INPUT"]);
    expect(answer.message).toContain(named);
  });

  it("lets a trust admin add an academy user, issue and revoke their token, all audited", async () => {
    const admin = server.tokens["trust-admin"];
    const bad = await ask(server.url, admin, CREATE_USER, {
      input: { name: "Sam", role: "ACADEMY", academyUrns: ["999999"] },
    });
    expect(bad.codes).toEqual(["BAD_USER_INPUT"]);
    expect(bad.message).toContain("no academy with URN 999999 in your trust");
    const trustWide = await ask(server.url, admin, CREATE_USER, {
      input: { name: "Lee", role: "LEADER", academyUrns: ["140001"] },
    });
    expect(trustWide.message).toContain("sees the whole trust");

    const created = await ask(server.url, admin, CREATE_USER, {
      input: { name: "Sam Head", role: "ACADEMY", academyUrns: ["140002"] },
    });
    expect(created.codes).toEqual([]);
    const userId = created.data!.createUser.id as string;
    expect(created.data!.createUser).toMatchObject({ role: "ACADEMY", academyUrns: ["140002"] });

    const issued = await ask(
      server.url,
      admin,
      'mutation($id: ID!) { issueToken(userId: $id, label: "Excel", days: 7) { token record { id label revokedAt } } }',
      { id: userId },
    );
    const token = issued.data!.issueToken.token as string;
    const tokenId = issued.data!.issueToken.record.id as string;
    const seen = await ask(server.url, token, "{ academies { edges { node { urn } } } }");
    expect(
      seen.data!.academies.edges.map((edge: { node: { urn: string } }) => edge.node.urn),
    ).toEqual(["140002"]);

    const revoked = await ask(
      server.url,
      admin,
      "mutation($id: ID!) { revokeToken(id: $id) { revokedAt } }",
      {
        id: tokenId,
      },
    );
    expect(revoked.data!.revokeToken.revokedAt).not.toBeNull();
    expect((await ask(server.url, token, "{ me { name } }")).codes).toEqual(["UNAUTHENTICATED"]);

    const users = await ask(server.url, admin, "{ users { id name tokens { id revokedAt } } }");
    const sam = users.data!.users.find((user: { id: string }) => user.id === userId);
    expect(sam.tokens).toEqual([{ id: tokenId, revokedAt: expect.any(String) }]);

    const audit = await server.handle.prisma.auditEntry.findMany({
      where: {
        trustId: server.handle.demo!.trustId,
        action: { in: ["user.create", "token.issue", "token.revoke"] },
      },
    });
    expect(new Set(audit.map((entry) => entry.action))).toEqual(
      new Set(["user.create", "token.issue", "token.revoke"]),
    );
    expect(audit.every((entry) => entry.actor.includes("trust-admin"))).toBe(true);
  });

  it("links a sign-in identity once per trust, and keeps a trust from losing its only admin", async () => {
    const admin = server.tokens["trust-admin"];
    const identity = { issuer: "11111111-2222-3333-4444-555555555555", subject: "oid-ada" };
    const first = await ask(server.url, admin, CREATE_USER, {
      input: { name: "Ada", role: "LEADER", signIn: identity },
    });
    expect(first.data!.createUser.signIn).toEqual(identity);
    const again = await ask(server.url, admin, CREATE_USER, {
      input: { name: "Not Ada", role: "LEADER", signIn: identity },
    });
    expect(again.codes).toEqual(["CONFLICT"]);

    const adminId = server.handle.demo!.tokens["trust-admin"].userId;
    const demote = await ask(
      server.url,
      admin,
      "mutation($id: ID!) { updateUser(id: $id, input: { role: LEADER }) { role } }",
      {
        id: adminId,
      },
    );
    expect(demote.codes).toEqual(["CONFLICT"]);
    expect(demote.message).toContain("only trust admin");
  });

  it("never lets a trust admin touch another trust's users", async () => {
    const other = await ask(server.url, operator, CREATE_TRUST, {
      input: { uid: "TR54321", name: "Other Trust", adminName: "Otto" },
    });
    const otherAdmin = other.data!.createTrust.adminToken as string;
    const demoLeader = server.handle.demo!.tokens.leader.userId;
    const update = await ask(
      server.url,
      otherAdmin,
      'mutation($id: ID!) { updateUser(id: $id, input: { name: "Hijacked" }) { id } }',
      {
        id: demoLeader,
      },
    );
    expect(update.codes).toEqual(["NOT_FOUND"]);
    const issue = await ask(
      server.url,
      otherAdmin,
      "mutation($id: ID!) { issueToken(userId: $id) { token } }",
      {
        id: demoLeader,
      },
    );
    expect(issue.codes).toEqual(["NOT_FOUND"]);
    const users = await ask(server.url, otherAdmin, "{ users { name } }");
    expect(users.data!.users).toEqual([{ name: "Otto" }]);
  });

  it("switches the trust's framework to a preset or one it saved, and audits the change", async () => {
    const admin = server.tokens["trust-admin"];
    const presets = await ask(server.url, admin, "{ frameworks { key definition } }");
    const copy = structuredClone(
      presets.data!.frameworks.find((framework: { key: string }) => framework.key === "phase-model")
        .definition,
    );
    copy.key = "our-own";
    copy.name = "Our own model";
    await ask(
      server.url,
      admin,
      "mutation($d: JSONObject!) { saveFramework(definition: $d) { key } }",
      {
        d: copy,
      },
    );
    const SET = "mutation($f: String!) { setTrustFramework(framework: $f) { frameworkKey } }";
    expect((await ask(server.url, admin, SET, { f: "our-own" })).data!.setTrustFramework).toEqual({
      frameworkKey: "our-own",
    });
    const unknown = await ask(server.url, admin, SET, { f: "nobody-has-this" });
    expect(unknown.codes).toEqual(["BAD_USER_INPUT"]);
    expect(unknown.message).toContain("our-own");
    expect((await ask(server.url, server.tokens.leader, SET, { f: "phase-model" })).codes).toEqual([
      "FORBIDDEN",
    ]);
    expect((await ask(server.url, admin, SET, { f: "risk-designation" })).codes).toEqual([]);
    const audit = await ask(
      server.url,
      admin,
      "{ auditLog(entity: TRUST) { edges { node { action actor { name role } changes { field before after } } } } }",
    );
    const chosen = (
      audit.data!.auditLog.edges as {
        node: {
          action: string;
          actor: { name: string; role: string } | null;
          changes: unknown[];
        };
      }[]
    )
      .map((edge) => edge.node)
      .filter((entry) => entry.action === "TRUST_FRAMEWORK");
    expect(chosen.map((entry) => entry.changes)).toEqual([
      [{ field: "frameworkKey", before: "our-own", after: "risk-designation" }],
      [{ field: "frameworkKey", before: "phase-model", after: "our-own" }],
    ]);
    expect(chosen[0]!.actor).toEqual({ name: expect.any(String), role: "TRUST_ADMIN" });
  });
});

describe("npm run trust -- create", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("creates a trust and prints its first admin's token once, which then signs in", async () => {
    dir = await mkdtemp(join(tmpdir(), "mat-trust-cli-"));
    const databaseUrl = `file:${join(dir, "cli.db")}`;
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            "server/cli/trust.ts",
            "create",
            "--name",
            "Hill Trust",
            "--uid",
            "TR12399",
            "--admin",
            "Hana",
          ],
          { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" } },
        );
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.once("exit", (code) => resolve({ code, stdout, stderr }));
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^mat_\S+$/);
    expect(run.stderr).toContain("shown only now");
    const handle = await bootstrap(
      loadConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        NODE_ENV: "test",
        SEED_DEMO: "false",
      }),
      { logger: pino({ level: "silent" }) },
    );
    try {
      const me = await ask(
        `http://127.0.0.1:${handle.port}`,
        token,
        "{ me { name role trustName } }",
      );
      expect(me.data!.me).toEqual({ name: "Hana", role: "TRUST_ADMIN", trustName: "Hill Trust" });
    } finally {
      await handle.stop();
    }
  });
});

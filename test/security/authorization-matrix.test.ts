// Walks every operation in schema/schema.graphql for every role, a user of
// another trust, and with no, expired and revoked tokens, asserting allowed or
// denied. An operation added to the schema without a rule here fails.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchema } from "graphql";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { issueToken, issueTokenForUser, revokeToken } from "../../server/auth/tokens.js";
import { subscribe } from "../support/subscriber.js";

type Who = "trust-admin" | "data-manager" | "leader" | "governor" | "academy";
const EVERYONE: Who[] = ["trust-admin", "data-manager", "leader", "governor", "academy"];

interface Rule {
  /** Roles allowed; "public" also allows no token at all. */
  readonly allowed: readonly Who[] | "public";
  readonly document: string;
  readonly variables?: Record<string, unknown>;
  /** Subscriptions go over graphql-ws, not HTTP. */
  readonly subscription?: boolean;
}

const YEAR = "2025/26";

/** The rules, written from the roles table in the README (not from the code). */
const RULES: Record<string, Rule> = {
  frameworks: { allowed: "public", document: "{ frameworks { key } }" },
  designate: {
    allowed: "public",
    document:
      '{ designate(framework: "phase-model", evidence: [{ indicator: "P8", value: "0.1" }]) { level { key } } }',
  },
  designateBatch: {
    allowed: "public",
    document:
      '{ designateBatch(framework: "phase-model", rows: [[{ indicator: "P8", value: "0.1" }]]) { level { key } } }',
  },
  academy: {
    allowed: EVERYONE,
    document: '{ academy(urn: "140001") { name currentDesignation { level { key } } } }',
  },
  academies: {
    allowed: EVERYONE,
    document: "{ academies(first: 5) { totalCount edges { node { name } } } }",
  },
  academyCard: {
    allowed: EVERYONE,
    document: `{ academyCard(urn: "140001", year: "${YEAR}") { academy { name } targets { metric } } }`,
  },
  academyCards: {
    allowed: EVERYONE,
    document: `{ academyCards(urns: ["140001", "140002"], year: "${YEAR}") { academy { name } } }`,
  },
  target: {
    allowed: EVERYONE,
    document: `{ target(urn: "140001", metric: "attendance.absence", year: "${YEAR}") { id } }`,
  },
  targetVersions: { allowed: EVERYONE, document: '{ targetVersions(id: "none") { version } }' },
  me: { allowed: EVERYONE, document: "{ me { role trustName } }" },
  publicEvidence: {
    allowed: EVERYONE,
    document:
      '{ publicEvidence(urn: "140001", indicator: "ks2.rwmExpected") { value source fileName } }',
  },
  trustOverview: {
    allowed: EVERYONE,
    document: `{ trustOverview(year: "${YEAR}") { trustName academies { academy { name } } } }`,
  },
  auditLog: { allowed: ["trust-admin", "leader"], document: "{ auditLog(first: 5) { action } }" },
  saveFramework: {
    allowed: ["trust-admin"],
    document: "mutation($d: String!) { saveFramework(definition: $d) { key } }",
    variables: { d: "{}" },
  },
  createAcademy: {
    allowed: ["trust-admin", "data-manager"],
    document:
      'mutation { createAcademy(input: { urn: "150001", name: "Matrix Academy", phase: "primary" }) { urn } }',
  },
  updateAcademy: {
    allowed: ["trust-admin", "data-manager"],
    document:
      'mutation { updateAcademy(urn: "140001", input: { name: "Oakfield Primary Academy" }) { urn } }',
  },
  importAcademies: {
    allowed: ["trust-admin", "data-manager"],
    document:
      'mutation { importAcademies(rows: [{ urn: "150002", name: "Imported", phase: "secondary" }]) { created updated } }',
  },
  recordEvidence: {
    allowed: ["trust-admin", "data-manager"],
    document: `mutation { recordEvidence(urn: "140001", year: "${YEAR}", term: "autumn", evidence: [{ indicator: "P8", value: "0.1" }]) { urn } }`,
  },
  recordEvidenceBatch: {
    allowed: ["trust-admin", "data-manager"],
    document: `mutation { recordEvidenceBatch(year: "${YEAR}", term: "spring", rows: [{ urn: "140001", evidence: [] }]) { urn } }`,
  },
  confirmDesignation: {
    allowed: ["trust-admin", "leader"],
    document: 'mutation { confirmDesignation(urn: "140001", agreedOn: "2025-10-14") { status } }',
  },
  decideDesignation: {
    allowed: ["trust-admin", "leader"],
    document: `mutation { decideDesignation(urn: "140001", year: "${YEAR}", body: "Trust Board", agreedOn: "2025-10-14") { status } }`,
  },
  setTarget: {
    allowed: ["trust-admin", "data-manager", "academy"],
    document: `mutation { setTarget(input: { urn: "140001", year: "${YEAR}", metric: "behaviour.suspensionRate", baseline: 5, target: 4 }) { id } }`,
  },
  proposeTarget: {
    allowed: ["trust-admin", "data-manager", "academy"],
    document: 'mutation { proposeTarget(id: "none", expectedVersion: 1) { id } }',
  },
  reviewTarget: {
    allowed: ["trust-admin", "leader", "governor"],
    document:
      'mutation { reviewTarget(id: "none", expectedVersion: 1, meetingOn: "2025-10-01") { id } }',
  },
  agreeTarget: {
    allowed: ["trust-admin", "leader"],
    document:
      'mutation { agreeTarget(id: "none", expectedVersion: 1, meetingOn: "2025-10-14") { id } }',
  },
  changeAgreedTarget: {
    allowed: ["trust-admin", "leader"],
    document:
      'mutation { changeAgreedTarget(id: "none", expectedVersion: 1, values: { baseline: 6, target: 5 }, reason: "Inspection", meetingOn: "2025-10-14") { id } }',
  },
  progressChangesSince: {
    allowed: EVERYONE,
    document:
      '{ progressChangesSince(since: "2025-01-01T00:00:00Z", urn: "140001") { urn measurement { value } } }',
  },
  progressChanged: {
    allowed: EVERYONE,
    subscription: true,
    document: 'subscription { progressChanged(urn: "140001") { urn } }',
  },
  designationChanged: {
    allowed: EVERYONE,
    subscription: true,
    document: "subscription { designationChanged { urn } }",
  },
  targetChanged: {
    allowed: EVERYONE,
    subscription: true,
    document: "subscription { targetChanged { urn } }",
  },
  recordMeasurement: {
    allowed: ["trust-admin", "data-manager", "academy"],
    document: `mutation { recordMeasurement(input: { urn: "140001", year: "${YEAR}", metric: "attendance.absence", period: autumn1, value: 5 }) { id } }`,
  },
};

function operationsInSchema(): string[] {
  const schema = buildSchema(
    readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8"),
  );
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
    .flatMap((type) => (type ? Object.keys(type.getFields()) : []))
    .sort();
}

interface Outcome {
  readonly status: number;
  readonly codes: string[];
  readonly body: string;
}

describe("authorization matrix", () => {
  let server: TestServer;
  const tokens: Record<string, string | null> = {};

  beforeAll(async () => {
    server = await startTestServer("sqlite", { RATE_LIMIT_PER_MINUTE: "100000" });
    Object.assign(tokens, server.tokens, { none: null });
    const prisma = server.handle.prisma;
    const other = await prisma.trust.create({ data: { uid: "TR09876", name: "Other Trust" } });
    await prisma.academy.create({
      data: { trustId: other.id, urn: "140001", name: "Other Trust's 140001", phase: "primary" },
    });
    tokens["other-trust-admin"] = (
      await issueToken(prisma, { trustId: other.id, role: "trust-admin", name: "Other admin" })
    ).token;
    const demoTrust = server.handle.demo!.trustId;
    const expired = await issueToken(prisma, {
      trustId: demoTrust,
      role: "trust-admin",
      name: "Expired admin",
    });
    await prisma.apiToken.update({
      where: { id: expired.tokenId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    tokens.expired = expired.token;
    const revoked = await issueTokenForUser(
      prisma,
      server.handle.demo!.tokens["trust-admin"].userId,
      "to revoke",
      30,
    );
    await revokeToken(prisma, revoked.tokenId);
    tokens.revoked = revoked.token;
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A subscription: accepted (no errors within a moment), refused with errors, or the socket closed. */
  async function subscribeOnce(rule: Rule, token: string | null): Promise<Outcome> {
    const subscriber = subscribe<unknown>(server.url, token, rule.document);
    const closed = await Promise.race([
      subscriber.closed,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 400)),
    ]);
    await subscriber.dispose();
    const text = JSON.stringify(subscriber.errors);
    const codes =
      closed !== null
        ? ["UNAUTHENTICATED"]
        : /Sign in/.test(text)
          ? ["UNAUTHENTICATED"]
          : /may not/.test(text)
            ? ["FORBIDDEN"]
            : [];
    return { status: closed ?? 101, codes, body: text + JSON.stringify(subscriber.events) };
  }

  async function call(rule: Rule, token: string | null): Promise<Outcome> {
    if (rule.subscription) return subscribeOnce(rule, token);
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: rule.document, variables: rule.variables ?? {} }),
    });
    const body = await response.text();
    const json = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
    return {
      status: response.status,
      codes: (json.errors ?? []).map((error) => error.extensions?.code ?? ""),
      body,
    };
  }

  it("has a rule for every operation in the schema, and no rule for one that is gone", () => {
    expect(Object.keys(RULES).sort()).toEqual(operationsInSchema());
  });

  const cases = Object.entries(RULES).flatMap(([operation, rule]) => [
    ...EVERYONE.map((who) => ({ operation, rule, who: who as string })),
    { operation, rule, who: "none" },
    { operation, rule, who: "expired" },
    { operation, rule, who: "revoked" },
    { operation, rule, who: "other-trust-admin" },
  ]);

  it.each(cases)("$operation as $who", async ({ rule, who }) => {
    const outcome = await call(rule, tokens[who] ?? null);
    const denied = outcome.codes.some((code) => code === "FORBIDDEN" || code === "UNAUTHENTICATED");
    if (who === "expired" || who === "revoked") {
      expect(outcome.codes).toContain("UNAUTHENTICATED");
    } else if (who === "none") {
      if (rule.allowed === "public") expect(denied).toBe(false);
      else expect(outcome.codes).toContain("UNAUTHENTICATED");
    } else if (who === "other-trust-admin") {
      // Allowed at the gate as an admin of its own trust, but never sees the demo trust.
      expect(outcome.body).not.toContain("Oakfield");
      expect(outcome.body).not.toContain("Northern Lights");
    } else {
      const allowed = rule.allowed === "public" || rule.allowed.includes(who as Who);
      expect(denied, outcome.body).toBe(!allowed);
      if (!allowed) expect(outcome.codes).toContain("FORBIDDEN");
    }
    expect(outcome.body).not.toMatch(/at .*\.ts:\d+|SELECT |prisma/i);
  });
});

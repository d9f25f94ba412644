// Walks every operation in schema/schema.graphql for every role, a user of
// another trust, the hosting operator, and with no, expired and revoked
// tokens, asserting allowed or denied. An operation added to the schema
// without a rule here fails. Subscriptions go over a real WebSocket: an
// accepted one is proven by the next change reaching it, a refused one by its
// error or the closed socket (never by waiting for nothing to happen).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchema } from "graphql";
import { startTestServer, type TestServer } from "../support/test-server.js";
import {
  issueOperatorToken,
  issueToken,
  issueTokenForUser,
  revokeToken,
} from "../../server/auth/tokens.js";
import { wsSession, type WsMessage } from "../support/ws-session.js";
import { globalId } from "../../server/graphql/relay/global-id.js";

type Who = "trust-admin" | "data-manager" | "leader" | "governor" | "academy" | "operator";
const EVERYONE: Who[] = ["trust-admin", "data-manager", "leader", "governor", "academy"];
const ROLES_AND_OPERATOR: Who[] = [...EVERYONE, "operator"];

interface Rule {
  /**
   * Who is allowed. Nothing is open to a request without a token by default
   * (PUBLIC_EVALUATION is off; test/security/hostile-limits.test.ts turns it on).
   */
  readonly allowed: readonly Who[];
  readonly document: string;
  readonly variables?: Record<string, unknown> | (() => Record<string, unknown>);
  /** Subscriptions go over graphql-ws, not HTTP, with the change (run as the trust's admin) that reaches them. */
  readonly subscription?: { readonly trigger: (year: string) => string };
  /** A file sent as a GraphQL multipart request in the variable `file`. */
  readonly upload?: { readonly name: string; readonly content: string };
}

/** A small KS2 file: an England row and one school of the demo trust (and of the other trust's roster). */
const KS2_FILE = [
  "time_period,geographic_level,school_urn,subject,breakdown_topic,breakdown,expected_standard_pupil_percent",
  '202425,National,,"Reading, writing and maths",All pupils,Total,61',
  '202425,School,140001,"Reading, writing and maths",All pupils,Total,70',
].join("\n");

const YEAR = "2025/26";

/** The rules, written from the roles table in the README (not from the code). */
const RULES: Record<string, Rule> = {
  frameworks: { allowed: EVERYONE, document: "{ frameworks { key } }" },
  indicators: { allowed: EVERYONE, document: "{ indicators { key frameworks } }" },
  designate: {
    allowed: EVERYONE,
    document:
      '{ designate(framework: "phase-model", evidence: [{ indicator: "P8", value: "0.1" }]) { level { key } } }',
  },
  designateBatch: {
    allowed: EVERYONE,
    document:
      '{ designateBatch(framework: "phase-model", rows: [[{ indicator: "P8", value: "0.1" }]]) { level { key } } }',
  },
  designateRows: {
    allowed: EVERYONE,
    document:
      '{ designateRows(framework: "phase-model", headers: ["P8"], rows: [[0.1]]) { levelKeys } }',
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
  targetVersions: {
    allowed: EVERYONE,
    document: '{ targetVersions(id: "none") { edges { node { version } } } }',
  },
  me: { allowed: EVERYONE, document: "{ me { role trustName } }" },
  node: {
    allowed: EVERYONE,
    // Oakfield Primary Academy (140001), which every role of the demo trust sees.
    document: "query($id: ID!) { node(id: $id) { id ... on Academy { name } } }",
    variables: () => ({ id: ids.oakfield }),
  },
  nationalBenchmarks: {
    allowed: EVERYONE,
    document: '{ nationalBenchmarks(year: "2025/26") { indicator value source builtIn } }',
  },
  importPublicData: {
    allowed: ["trust-admin", "data-manager"],
    document:
      'mutation($file: Upload!) { importPublicData(file: $file, designationYear: "2025/26") { kind loaded unchanged } }',
    upload: { name: "ks2_school_attainment_data.csv", content: KS2_FILE },
  },
  publicEvidence: {
    allowed: EVERYONE,
    document:
      '{ publicEvidence(urn: "140001", indicator: "ks2.rwmExpected") { value source fileName } }',
  },
  trustOverview: {
    allowed: EVERYONE,
    document: `{ trustOverview(year: "${YEAR}") { trustName academies { academy { name } } } }`,
  },
  auditLog: {
    allowed: ["trust-admin", "leader"],
    document: "{ auditLog(first: 5) { edges { node { action } } } }",
  },
  columnMap: { allowed: EVERYONE, document: "{ columnMap { header indicator } }" },
  reviewCalendar: {
    allowed: EVERYONE,
    document: `{ reviewCalendar(year: "${YEAR}", urn: "140001", to: "2025-10-31") { kind title academyName } }`,
  },
  supportDelivered: {
    allowed: EVERYONE,
    document: `{ supportDelivered(urn: "140001", year: "${YEAR}") { activity deliveredBy } }`,
  },
  recordSupportDelivered: {
    allowed: ["trust-admin", "leader"],
    document:
      'mutation { recordSupportDelivered(input: { urn: "140001", activity: "CEO visit", deliveredOn: "2026-03-10", deliveredBy: "Matrix CEO", summary: "Visit" }) { id activity } }',
  },
  calendarTokens: { allowed: EVERYONE, document: "{ calendarTokens { id label } }" },
  createCalendarToken: {
    allowed: EVERYONE,
    document: 'mutation { createCalendarToken(label: "matrix") { trustFeedPath } }',
  },
  revokeCalendarToken: {
    allowed: EVERYONE,
    document: 'mutation { revokeCalendarToken(id: "none") { revokedAt } }',
  },
  saveColumnMap: {
    allowed: ["trust-admin", "data-manager"],
    document:
      'mutation { saveColumnMap(entries: [{ header: "Safeguarding", indicator: "qa.safeguarding" }]) { header } }',
  },
  saveFramework: {
    allowed: ["trust-admin"],
    document: "mutation($d: JSONObject!) { saveFramework(definition: $d) { key } }",
    variables: { d: {} },
  },
  createAcademy: {
    allowed: ["trust-admin", "data-manager"],
    document:
      'mutation { createAcademy(input: { urn: "150001", name: "Matrix Academy", phase: PRIMARY }) { urn } }',
  },
  updateAcademy: {
    allowed: ["trust-admin", "data-manager"],
    document:
      'mutation { updateAcademy(urn: "140001", input: { name: "Oakfield Primary Academy" }) { urn } }',
  },
  importAcademies: {
    allowed: ["trust-admin", "data-manager"],
    document:
      'mutation { importAcademies(rows: [{ urn: "150002", name: "Imported", phase: SECONDARY }]) { created updated } }',
  },
  recordEvidence: {
    allowed: ["trust-admin", "data-manager"],
    document: `mutation { recordEvidence(urn: "140001", year: "${YEAR}", term: AUTUMN, evidence: [{ indicator: "P8", value: "0.1" }]) { urn } }`,
  },
  recordEvidenceBatch: {
    allowed: ["trust-admin", "data-manager"],
    document: `mutation { recordEvidenceBatch(year: "${YEAR}", term: SPRING, rows: [{ urn: "140001", evidence: [] }]) { urn } }`,
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
  liveCursor: {
    allowed: EVERYONE,
    document: "{ liveCursor }",
  },
  progressChanges: {
    allowed: EVERYONE,
    document: '{ progressChanges(urn: "140001") { hasMore changes { urn } } }',
  },
  designationChanges: {
    allowed: EVERYONE,
    document: "{ designationChanges { cursor changes { urn } } }",
  },
  targetChanges: {
    allowed: EVERYONE,
    document: "{ targetChanges { cursor changes { urn } } }",
  },
  progressChanged: {
    allowed: EVERYONE,
    subscription: {
      trigger: (year) =>
        `mutation { recordMeasurement(input: { urn: "140001", year: "${year}", metric: "attendance.absence", period: SUMMER2, value: 4 }) { id } }`,
    },
    document: 'subscription { progressChanged(urn: "140001") { urn } }',
  },
  designationChanged: {
    allowed: EVERYONE,
    subscription: {
      trigger: (year) =>
        `mutation { recordEvidence(urn: "140001", year: "${year}", term: SUMMER, evidence: [{ indicator: "P8", value: "0.2" }]) { urn } }`,
    },
    document: "subscription { designationChanged { urn } }",
  },
  targetChanged: {
    allowed: EVERYONE,
    subscription: {
      trigger: (year) =>
        `mutation { setTarget(input: { urn: "140001", year: "${year}", metric: "behaviour.suspensionRate", baseline: 5, target: 4 }) { id } }`,
    },
    document: "subscription { targetChanged { urn } }",
  },
  trusts: { allowed: ["operator"], document: "{ trusts { uid name } }" },
  createTrust: {
    allowed: ["operator"],
    document:
      "mutation($input: CreateTrustInput!) { createTrust(input: $input) { trust { uid } adminToken } }",
    variables: () => ({
      input: {
        uid: `TR${String(nextUid++).padStart(5, "0")}`,
        name: "Matrix Trust",
        adminName: "Ann",
      },
    }),
  },
  users: { allowed: ["trust-admin"], document: "{ users { name role } }" },
  createUser: {
    allowed: ["trust-admin"],
    document: 'mutation { createUser(input: { name: "Matrix Leader", role: LEADER }) { id role } }',
  },
  updateUser: {
    allowed: ["trust-admin"],
    document:
      'mutation($id: ID!) { updateUser(id: $id, input: { email: "m@example.org" }) { id } }',
    variables: () => ({ id: ids.throwawayUser }),
  },
  issueToken: {
    allowed: ["trust-admin"],
    document:
      'mutation($id: ID!) { issueToken(userId: $id, label: "matrix", days: 1) { record { id } } }',
    variables: () => ({ id: ids.throwawayUser }),
  },
  revokeToken: {
    allowed: ["trust-admin"],
    document: "mutation($id: ID!) { revokeToken(id: $id) { revokedAt } }",
    variables: () => ({ id: ids.throwawayToken }),
  },
  setTrustFramework: {
    allowed: ["trust-admin"],
    document: 'mutation { setTrustFramework(framework: "phase-model") { frameworkKey } }',
  },
  recordMeasurement: {
    allowed: ["trust-admin", "data-manager", "academy"],
    document: `mutation { recordMeasurement(input: { urn: "140001", year: "${YEAR}", metric: "attendance.absence", period: AUTUMN1, value: 5 }) { id } }`,
  },
};

let nextUid = 30_000;
/** Each change is made in a year of its own, so it is new (never a version conflict). */
let nextYear = 2030;
const freshYear = () => {
  const start = nextYear++;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
};
const ids = { throwawayUser: "", throwawayToken: "", oakfield: "" };

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
    server = await startTestServer("sqlite", {
      RATE_LIMIT_PER_MINUTE: "100000",
      RATE_LIMIT_SIGNED_OUT_PER_MINUTE: "100000",
      SIGN_IN_FAILURES_PER_MINUTE: "100000",
    });
    Object.assign(tokens, server.tokens, { none: null });
    const prisma = server.handle.prisma;
    tokens.operator = (await issueOperatorToken(prisma, "Matrix hosting", 1)).token;
    const throwaway = await issueToken(prisma, {
      trustId: server.handle.demo!.trustId,
      role: "leader",
      name: "Throwaway",
    });
    ids.throwawayUser = throwaway.userId;
    ids.throwawayToken = throwaway.tokenId;
    const oakfield = await prisma.academy.findFirstOrThrow({
      where: { trustId: server.handle.demo!.trustId, urn: "140001" },
    });
    ids.oakfield = globalId("Academy", oakfield.id);
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

  async function post(document: string, variables: Record<string, unknown>, token: string | null) {
    return fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document, variables }),
    });
  }

  /** A GraphQL multipart request (the spec's operations, map and file parts). */
  async function postUpload(
    document: string,
    upload: NonNullable<Rule["upload"]>,
    token: string | null,
  ) {
    const form = new FormData();
    form.append("operations", JSON.stringify({ query: document, variables: { file: null } }));
    form.append("map", JSON.stringify({ 0: ["variables.file"] }));
    form.append("0", new Blob([upload.content], { type: "text/csv" }), upload.name);
    return fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "apollo-require-preflight": "true",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: form,
    });
  }

  /**
   * A subscription: refused at connection (the socket closes), refused with an
   * error, or accepted, which the next change in the subscriber's own trust
   * proves by reaching it (the change is made again until one does).
   */
  async function subscribeOnce(rule: Rule, who: string, token: string | null): Promise<Outcome> {
    const session = await wsSession(server.url.replace(/^http/, "ws") + "/graphql", token);
    try {
      if (!(await session.acknowledged))
        return { status: await session.closed, codes: ["UNAUTHENTICATED"], body: "" };
      const first = session.subscribe(rule.document).firstMessage;
      let message: WsMessage | null = null;
      void first.then((found) => (message = found));
      const admin = who === "other-trust-admin" ? tokens[who]! : tokens["trust-admin"]!;
      for (let attempt = 0; attempt < 100 && message === null; attempt++) {
        const triggered = await (
          await post(rule.subscription!.trigger(freshYear()), {}, admin)
        ).text();
        expect(triggered).not.toContain('"errors"');
        await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 50))]);
      }
      const answer = (message ?? (await first)) as WsMessage;
      const body = JSON.stringify(answer.payload);
      const errors =
        answer.type === "error"
          ? (answer.payload as { extensions?: { code?: string } }[])
          : ((answer.payload as { errors?: { extensions?: { code?: string } }[] }).errors ?? []);
      return { status: 101, codes: errors.map((error) => error.extensions?.code ?? ""), body };
    } finally {
      session.close();
    }
  }

  async function call(rule: Rule, who: string, token: string | null): Promise<Outcome> {
    if (rule.subscription) return subscribeOnce(rule, who, token);
    const variables =
      typeof rule.variables === "function" ? rule.variables() : (rule.variables ?? {});
    const response = rule.upload
      ? await postUpload(rule.document, rule.upload, token)
      : await post(rule.document, variables, token);
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
    ...ROLES_AND_OPERATOR.map((who) => ({ operation, rule, who: who as string })),
    { operation, rule, who: "none" },
    { operation, rule, who: "expired" },
    { operation, rule, who: "revoked" },
    { operation, rule, who: "other-trust-admin" },
  ]);

  it.each(cases)("$operation as $who", async ({ rule, who }) => {
    const outcome = await call(rule, who, tokens[who] ?? null);
    const denied = outcome.codes.some((code) => code === "FORBIDDEN" || code === "UNAUTHENTICATED");
    if (who === "expired" || who === "revoked") {
      expect(outcome.codes).toContain("UNAUTHENTICATED");
    } else if (who === "none") {
      expect(outcome.codes).toContain("UNAUTHENTICATED");
    } else if (who === "other-trust-admin") {
      // Allowed at the gate as an admin of its own trust, but never sees the demo trust.
      expect(outcome.body).not.toContain("Oakfield");
      expect(outcome.body).not.toContain("Northern Lights");
    } else {
      const allowed = rule.allowed.includes(who as Who);
      expect(denied, outcome.body).toBe(!allowed);
      // The operator's socket is refused at connection; over HTTP it is FORBIDDEN like a role.
      if (!allowed && !(who === "operator" && rule.subscription))
        expect(outcome.codes).toContain("FORBIDDEN");
    }
    expect(outcome.body).not.toMatch(/at .*\.ts:\d+|SELECT |prisma/i);
  });

  // The flat reads (/data/*) for reporting tools: the same callers, the same
  // answers as GraphQL's reads, and rows only of the caller's trust and scope.
  const FLAT_READS = ["overview", "targets", "designations"].flatMap((table) =>
    ["csv", "json"].map((format) => `/data/${table}.${format}?year=${YEAR}`),
  );
  const flatCases = FLAT_READS.flatMap((path) =>
    [...ROLES_AND_OPERATOR, "none", "expired", "revoked", "other-trust-admin"].map((who) => ({
      path,
      who,
    })),
  );

  it.each(flatCases)("GET $path as $who", async ({ path, who }) => {
    const token = tokens[who] ?? null;
    const response = await fetch(`${server.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const body = await response.text();
    expect(body).not.toMatch(/at .*\.ts:\d+|SELECT |prisma/i);
    if (who === "none" || who === "expired" || who === "revoked") {
      expect(response.status).toBe(401);
      expect(JSON.parse(body)).toMatchObject({
        errors: [{ extensions: { code: "UNAUTHENTICATED" } }],
      });
      return;
    }
    if (who === "operator") {
      expect(response.status).toBe(403);
      expect(JSON.parse(body)).toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });
      return;
    }
    expect(response.status, body).toBe(200);
    const urns = path.includes(".json")
      ? (JSON.parse(body) as { rows: { urn: string }[] }).rows.map((row) => row.urn)
      : body
          .split("\r\n")
          .slice(1)
          .filter(Boolean)
          .map((line) => line.split(",")[0]!);
    if (who === "other-trust-admin") {
      // Only its own trust's academies (its 140001, and any the mutations above
      // made it create or rename), nothing of the demo trust's.
      const own = await server.handle.prisma.academy.findMany({
        where: { trust: { uid: "TR09876" } },
      });
      expect(body).not.toContain("Northern Lights");
      for (const urn of urns) expect(own.map((academy) => academy.urn)).toContain(urn);
      if (path.includes("overview")) expect(urns).toContain("140001");
      expect(urns).not.toContain("140002");
    } else if (who === "governor" || who === "academy") {
      // Scoped to the academy on the token, as GraphQL scopes them.
      expect(urns.length).toBeGreaterThan(0);
      expect(new Set(urns)).toEqual(new Set(["140001"]));
    } else {
      expect(new Set(urns).size).toBeGreaterThan(10);
    }
  });
});

// The holes a hostile tenant and an outside client found in the limits, each
// tried again over real HTTP and a real WebSocket and shown closed:
// work multiplied by aliases, list sizes ignored by the cost, the rate limiter
// keyed on the raw header, graphql-ws skipping HTTP's protections, wrong
// variable types answering 500, and production serving the IDE, schema hints
// and the demo trust. Every answer is a clear error with extensions.code.
// The suite counts what it tried and what was refused, and prints the figures.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import WebSocket from "ws";
import { loadConfig } from "../../server/config.js";
import { bootstrap } from "../../server/bootstrap.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { redisAvailable, redisUrl } from "../support/redis.js";
import { wsSession } from "../support/ws-session.js";

interface Answer {
  readonly status: number;
  readonly codes: string[];
  readonly messages: string[];
  /** Each error's extensions, as sent. */
  readonly extensions: Record<string, unknown>[];
  readonly data: Record<string, unknown> | null;
  readonly body: string;
}

const figures = { tried: 0, refused: 0, largestSignedOutMs: 0, largestSignedOutRows: 0 };

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  authorization: string | null = null,
): Promise<Answer> {
  figures.tried++;
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.text();
  const json = JSON.parse(body) as {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
  };
  const codes = (json.errors ?? []).map((error) => error.extensions?.code ?? "");
  if (codes.length > 0 || response.status >= 400) figures.refused++;
  return {
    status: response.status,
    codes,
    messages: (json.errors ?? []).map((error) => error.message),
    extensions: (json.errors ?? []).map((error) => error.extensions ?? {}),
    data: json.data ?? null,
    body,
  };
}

const bearer = (token: string) => `Bearer ${token}`;
const rowsOf = (count: number) =>
  Array.from({ length: count }, () => [{ indicator: "P8", value: "0.1" }]);
const aliased = (count: number, field: string) =>
  Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join("\n");
const BATCH_ALIASES = (count: number) =>
  `query($rows: [[EvidenceInput!]!]!) {\n${aliased(count, 'designateBatch(framework: "phase-model", rows: $rows) { level { key } }')}\n}`;
const CARD_ALIASES = (count: number) =>
  `query($urns: [URN!]!) {\n${aliased(count, 'academyCards(urns: $urns, year: "2025/26") { academy { urn } }')}\n}`;

afterAll(() => {
  console.log(
    `hostile limits: ${figures.tried} requests and messages tried, ${figures.refused} refused; ` +
      `the largest signed-out request (PUBLIC_EVALUATION on, ${figures.largestSignedOutRows} rows) took ${figures.largestSignedOutMs} ms`,
  );
});

describe("one request budget over HTTP", () => {
  let server: TestServer;
  let open: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { RATE_LIMIT_PER_MINUTE: "100000" });
    open = await startTestServer("sqlite", {
      PUBLIC_EVALUATION: "true",
      RATE_LIMIT_SIGNED_OUT_PER_MINUTE: "100000",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await open?.stop();
  });

  it("refuses designate without a token unless the operator turns public evaluation on", async () => {
    const query = '{ designate(framework: "phase-model", evidence: []) { insufficientEvidence } }';
    expect((await post(server.url, query)).codes).toEqual(["UNAUTHENTICATED"]);
    expect((await post(open.url, query)).codes).toEqual([]);
  });

  it("counts eleven aliases sharing one 1,000-row variable as 11,000 rows and refuses them, naming the figure and the limit", async () => {
    const rows = rowsOf(1_000);
    const signedIn = await post(
      server.url,
      BATCH_ALIASES(11),
      { rows },
      bearer(server.tokens.leader),
    );
    expect(signedIn.codes).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(signedIn.messages[0]).toContain("asks for 11000 rows");
    expect(signedIn.messages[0]).toContain("the limit is 10000 per operation");
    expect(signedIn.extensions[0]).toEqual({
      code: "QUERY_TOO_COMPLEX",
      rows: 11_000,
      maximumRows: 10_000,
      cost: expect.any(Number),
      maximumCost: 50_000,
    });
    expect(signedIn.data).toBeNull();
    const two = await post(server.url, BATCH_ALIASES(2), { rows }, bearer(server.tokens.leader));
    expect(two.codes).toEqual([]);
    expect((two.data?.a1 as unknown[]).length).toBe(1_000);
  });

  it("gives a signed-out request its own small budget: 100 rows, all aliases together", async () => {
    const over = await post(open.url, BATCH_ALIASES(11), { rows: rowsOf(10) });
    expect(over.codes).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(over.messages[0]).toContain("asks for 110 rows");
    expect(over.messages[0]).toContain("the limit is 100 per operation without signing in");
    const started = Date.now();
    const largest = await post(open.url, BATCH_ALIASES(1), { rows: rowsOf(100) });
    figures.largestSignedOutMs = Date.now() - started;
    figures.largestSignedOutRows = 100;
    expect((largest.data?.a0 as unknown[]).length).toBe(100);
  });

  it("counts academyCards aliases together: six aliases of 500 URNs are 3,000 cards, over 500", async () => {
    const urns = Array.from({ length: 500 }, (_, index) => String(140_001 + index));
    const answer = await post(server.url, CARD_ALIASES(6), { urns }, bearer(server.tokens.leader));
    expect(answer.codes).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(answer.messages[0]).toContain("asks for 3000 academy cards");
    expect(answer.messages[0]).toContain("the limit is 500");
    const one = await post(server.url, CARD_ALIASES(1), { urns }, bearer(server.tokens.leader));
    expect(one.codes).toEqual([]);
  });

  it("caps top-level fields: 21 aliases (or 2,380) are refused naming the count and the limit", async () => {
    for (const count of [21, 2_380]) {
      const answer = await post(
        server.url,
        `{ ${aliased(count, "frameworks { key }")} }`,
        {},
        bearer(server.tokens.leader),
      );
      expect(answer.codes).toEqual(["QUERY_TOO_COMPLEX"]);
      expect(answer.messages[0]).toBe(
        `This operation has ${count} top-level fields (each alias counts); the limit is 20.`,
      );
    }
    const twenty = await post(
      server.url,
      `{ ${aliased(20, "frameworks { key }")} }`,
      {},
      bearer(server.tokens.leader),
    );
    expect(twenty.codes).toEqual([]);
  });

  it("counts list arguments in the cost: the same selection costs more with more URNs", async () => {
    const strict = await startTestServer("sqlite", { MAX_QUERY_COST: "100" });
    try {
      const query = CARD_ALIASES(1);
      const few = await post(strict.url, query, { urns: ["140001"] }, bearer(strict.tokens.leader));
      expect(few.codes).toEqual([]);
      const many = Array.from({ length: 200 }, (_, index) => String(140_001 + index));
      const refused = await post(strict.url, query, { urns: many }, bearer(strict.tokens.leader));
      expect(refused.codes).toEqual(["QUERY_TOO_COMPLEX"]);
      const [, cost] = /would cost (\d+); the limit is 100\./.exec(refused.messages[0]!) ?? [];
      // The figures of the message, as numbers a client can act on.
      expect(refused.extensions[0]).toEqual({
        code: "QUERY_TOO_COMPLEX",
        cost: Number(cost),
        maximumCost: 100,
      });
      expect(Number(cost)).toBeGreaterThan(100);
    } finally {
      await strict.stop();
    }
  });

  it.each([
    [
      "an Int out of range",
      "query($n: Int) { academies(first: $n) { totalCount } }",
      { n: 2 ** 40 },
      "$n",
    ],
    [
      '"ten" for an Int',
      "query($n: Int) { academies(first: $n) { totalCount } }",
      { n: "ten" },
      "$n",
    ],
    [
      "a missing required variable",
      'query($since: DateTimeISO!) { progressChangesSince(since: $since, urn: "140001") { urn } }',
      {},
      "$since",
    ],
    [
      "a date-only DateTimeISO",
      'query($since: DateTimeISO!) { progressChangesSince(since: $since, urn: "140001") { urn } }',
      { since: "2025-01-01" },
      "$since",
    ],
  ])(
    "answers %s with 400 BAD_USER_INPUT naming the variable",
    async (_what, query, variables, name) => {
      const answer = await post(server.url, query, variables, bearer(server.tokens.leader));
      expect(answer.status).toBe(400);
      expect(answer.codes).toEqual(["BAD_USER_INPUT"]);
      expect(answer.messages[0]).toContain(`Variable "${name}"`);
      expect(answer.body).not.toMatch(/Something went wrong|at .*\.ts:\d+/);
    },
  );

  it("reads at most PUBLIC_BODY_LIMIT (100kb) from a signed-out request, and more when signed in", async () => {
    const padding = "x".repeat(200_000);
    const signedOut = await post(open.url, "{ frameworks { key } }", { padding });
    expect(signedOut.status).toBe(413);
    expect(signedOut.messages[0]).toContain("larger than the limit of 100kb");
    const signedIn = await post(
      server.url,
      "{ frameworks { key } }",
      { padding },
      bearer(server.tokens.leader),
    );
    expect(signedIn.status).toBe(200);
  });
});

describe("rate limits by principal", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", {
      RATE_LIMIT_PER_MINUTE: "5",
      RATE_LIMIT_SIGNED_OUT_PER_MINUTE: "3",
      SIGN_IN_FAILURES_PER_MINUTE: "4",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("gives one budget to a token however its header is spelt", async () => {
    const token = server.tokens.leader;
    const spellings = [
      `Bearer ${token}`,
      `bearer ${token}`,
      `BEARER ${token}`,
      `Bearer  ${token}`,
      `Bearer ${token} `,
      `bEaReR ${token}`,
    ];
    const statuses = [];
    for (const authorization of spellings)
      statuses.push((await post(server.url, "{ me { role } }", {}, authorization)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("stops a fresh fake token each time once the address's failed sign-ins are used up", async () => {
    const answers = [];
    for (let attempt = 0; attempt < 6; attempt++)
      answers.push(
        await post(server.url, "{ me { role } }", {}, `Bearer mat_fake${attempt}_${Date.now()}`),
      );
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(answers[4]!.codes).toEqual(["RATE_LIMITED"]);
    expect(answers[4]!.messages[0]).toContain("failed sign-ins");
  });

  it("limits signed-out requests by address, with Retry-After", async () => {
    const statuses = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 4; attempt++) {
      figures.tried++;
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ frameworks { key } }" }),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        figures.refused++;
        retryAfter = response.headers.get("retry-after");
      }
      await response.text();
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe("rate limits shared by instances through Redis", async () => {
  const available = await redisAvailable();
  it.skipIf(!available)(
    "counts one user's requests on two instances against one budget",
    async () => {
      const first = await startTestServer("sqlite", {
        REDIS_URL: redisUrl,
        RATE_LIMIT_PER_MINUTE: "4",
      });
      try {
        // The second instance serves the same database (as instances behind a load balancer do).
        const second = await bootstrap(
          loadConfig({
            PORT: "0",
            HOST: "127.0.0.1",
            DATABASE_URL: first.databaseUrl,
            REDIS_URL: redisUrl,
            RATE_LIMIT_PER_MINUTE: "4",
            SEED_DEMO: "false",
            NODE_ENV: "test",
          }),
          { logger: pino({ level: "silent" }) },
        );
        try {
          const urls = [first.url, `http://127.0.0.1:${second.port}`];
          const statuses = [];
          for (let attempt = 0; attempt < 6; attempt++)
            statuses.push(
              (await post(urls[attempt % 2]!, "{ me { role } }", {}, bearer(first.tokens.leader)))
                .status,
            );
          expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
        } finally {
          await second.stop();
        }
      } finally {
        await first.stop();
      }
    },
  );
});

describe("graphql-ws on the same footing as HTTP", () => {
  let server: TestServer;
  let wsUrl: string;
  beforeAll(async () => {
    server = await startTestServer("sqlite", {
      RATE_LIMIT_PER_MINUTE: "100000",
      WS_MAX_PAYLOAD: "64kb",
      // Low enough for a subscription with two lists to go over; the others here cost 2.
      MAX_QUERY_COST: "20",
    });
    wsUrl = server.url.replace(/^http/, "ws") + "/graphql";
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("closes a socket sending a message over WS_MAX_PAYLOAD (1009) before reading it, signed out", async () => {
    figures.tried++;
    const socket = new WebSocket(wsUrl, "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", resolve));
    socket.send("x".repeat(21 * 1024 * 1024));
    expect(await closed).toBe(1009);
    figures.refused++;
  });

  it("refuses a connection without a token, or with a fake one, before any operation (4401)", async () => {
    for (const token of [null, "mat_not_a_real_token"]) {
      const session = await wsSession(wsUrl, token);
      figures.tried++;
      expect(await session.acknowledged).toBe(false);
      expect(await session.closed).toBe(4401);
      figures.refused++;
    }
  });

  it("answers queries and mutations with an error on that operation, keeping the socket and its subscriptions", async () => {
    const session = await wsSession(wsUrl, server.tokens["trust-admin"]);
    try {
      expect(await session.acknowledged).toBe(true);
      const live = session.subscribe('subscription { progressChanged(urn: "140001") { urn } }');
      for (const query of [
        "{ academies(first: 1) { totalCount } }",
        'mutation { createAcademy(input: { urn: "190001", name: "Via WS", phase: PRIMARY }) { urn } }',
      ]) {
        figures.tried++;
        const refused = await session.subscribe(query).firstMessage;
        figures.refused++;
        expect(refused.type).toBe("error");
        expect(refused.payload).toEqual([
          expect.objectContaining({
            message: expect.stringContaining("Only subscriptions run over WebSocket"),
            extensions: { code: "BAD_REQUEST" },
          }),
        ]);
      }
      expect(await server.handle.prisma.academy.count({ where: { urn: "190001" } })).toBe(0);
      // The subscription opened first is still live: an event reaches it.
      await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: bearer(server.tokens["trust-admin"]),
        },
        body: JSON.stringify({
          query:
            'mutation { recordMeasurement(input: { urn: "140001", year: "2025/26", metric: "attendance.absence", period: SUMMER2, value: 4.2 }) { id } }',
        }),
      });
      expect((await live.firstMessage).type).toBe("next");
      expect(session.closeCode()).toBeNull();
    } finally {
      session.close();
    }
  });

  it("answers a bad variable as BAD_USER_INPUT naming it, without closing the socket", async () => {
    const session = await wsSession(wsUrl, server.tokens.leader);
    try {
      expect(await session.acknowledged).toBe(true);
      for (const variables of [{ urn: 5 }, { since: "2025-01-01" }, {}]) {
        figures.tried++;
        const query =
          "urn" in variables
            ? "subscription($urn: URN) { progressChanged(urn: $urn) { urn } }"
            : "subscription($since: DateTimeISO!) { progressChanged(since: $since) { urn } }";
        const answer = await session.subscribe(query, variables).firstMessage;
        figures.refused++;
        expect(answer.type).toBe("error");
        const [error] = answer.payload as { message: string; extensions: { code: string } }[];
        expect(error!.extensions.code).toBe("BAD_USER_INPUT");
        expect(error!.message).toMatch(/Variable "\$(urn|since)"/);
      }
      // Still open: a later operation on the same socket is answered.
      const later = await session.subscribe("subscription { nope }").firstMessage;
      expect(later.payload).toEqual([
        expect.objectContaining({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }),
      ]);
      expect(session.closeCode()).toBeNull();
    } finally {
      session.close();
    }
  });

  it("refuses a subscription over the cost limit with the cost and the limit as numbers, keeping the socket", async () => {
    const session = await wsSession(wsUrl, server.tokens.leader);
    try {
      expect(await session.acknowledged).toBe(true);
      figures.tried++;
      const answer = await session.subscribe(
        "subscription { designationChanged { cursor urn designation { reasons { message } support { activity } } } }",
      ).firstMessage;
      figures.refused++;
      expect(answer.type).toBe("error");
      expect(answer.payload).toEqual([
        {
          message:
            "This query would cost 26; the limit is 20. Ask for fewer fields or smaller pages.",
          extensions: { code: "QUERY_TOO_COMPLEX", cost: 26, maximumCost: 20 },
        },
      ]);
      expect(session.closeCode()).toBeNull();
    } finally {
      session.close();
    }
  });

  it("counts subscriptions against the principal's rate limit", async () => {
    const limited = await startTestServer("sqlite", { RATE_LIMIT_PER_MINUTE: "3" });
    try {
      const session = await wsSession(
        limited.url.replace(/^http/, "ws") + "/graphql",
        limited.tokens.leader,
      );
      expect(await session.acknowledged).toBe(true); // the connection is the first of 3
      const answers = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        figures.tried++;
        const sub = session.subscribe("subscription { nope }");
        answers.push(await sub.firstMessage);
      }
      const codes = answers.map(
        (answer) => (answer.payload as { extensions: { code: string } }[])[0]!.extensions.code,
      );
      expect(codes).toEqual([
        "GRAPHQL_VALIDATION_FAILED",
        "GRAPHQL_VALIDATION_FAILED",
        "RATE_LIMITED",
      ]);
      figures.refused += 3;
      session.close();
    } finally {
      await limited.stop();
    }
  });
});

describe("production", () => {
  let dir = "";
  let handle: Awaited<ReturnType<typeof bootstrap>> | null = null;
  let url = "";
  let token = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "mat-prod-"));
    handle = await bootstrap(
      loadConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${join(dir, "prod.db")}`,
        NODE_ENV: "production",
        RATE_LIMIT_PER_MINUTE: "100000",
      }),
      { logger: pino({ level: "silent" }) },
    );
    url = `http://127.0.0.1:${handle.port}`;
    const trust = await handle.prisma.trust.create({
      data: { uid: "TR55555", name: "Prod Trust" },
    });
    const { issueToken } = await import("../../server/auth/tokens.js");
    token = (await issueToken(handle.prisma, { trustId: trust.id, role: "leader", name: "Lee" }))
      .token;
  });
  afterAll(async () => {
    await handle?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("seeds no demo trust (and prints no tokens) unless SEED_DEMO=true", async () => {
    expect(handle!.demo).toBeNull();
    expect(await handle!.prisma.trust.count({ where: { uid: "TR04567" } })).toBe(0);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
    expect(loadConfig({ NODE_ENV: "development" }).SEED_DEMO).toBe(true);
  });

  it("serves no /graphiql unless GRAPHIQL=true", async () => {
    figures.tried++;
    const page = await fetch(`${url}/graphiql`);
    expect(page.status).toBe(404);
    figures.refused++;
    await page.text();
    expect(loadConfig({ NODE_ENV: "production", GRAPHIQL: "true" }).GRAPHIQL).toBe(true);
  });

  it("suggests no field names and refuses introspection, over HTTP and WebSocket", async () => {
    const typo = await post(url, '{ academie(urn: "140001") { name } }', {}, bearer(token));
    expect(typo.codes).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(typo.body).not.toContain("Did you mean");
    const introspection = await post(url, "{ __schema { types { name } } }", {}, bearer(token));
    expect(introspection.codes).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(introspection.body).not.toContain('"Academy"');

    const session = await wsSession(url.replace(/^http/, "ws") + "/graphql", token);
    try {
      expect(await session.acknowledged).toBe(true);
      figures.tried += 2;
      const wsTypo = await session.subscribe("subscription { progressChange { urn } }")
        .firstMessage;
      expect(JSON.stringify(wsTypo.payload)).not.toContain("Did you mean");
      expect(wsTypo.payload).toEqual([
        expect.objectContaining({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }),
      ]);
      const wsIntrospection = await session.subscribe(
        "subscription { __schema { types { name } } }",
      ).firstMessage;
      expect(wsIntrospection.type).toBe("error");
      expect(JSON.stringify(wsIntrospection.payload)).toContain("introspection");
      expect(JSON.stringify(wsIntrospection.payload)).toContain("GRAPHQL_VALIDATION_FAILED");
      figures.refused += 2;
    } finally {
      session.close();
    }
  });
});

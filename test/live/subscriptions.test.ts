// Live progress on one server: a leader subscribed to an academy sees a
// measurement the moment a data manager records it, with the new progress;
// another trust sees nothing; a revoked token closes the socket; a client
// that was away catches up with `since`; each event's target is the target as
// of that event (the card read once and brought forward along the events).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { subscribe } from "../support/subscriber.js";
import { issueToken, issueTokenForUser, revokeToken } from "../../server/auth/tokens.js";

const PROGRESS = `subscription($urn: URN, $metric: String, $since: DateTimeISO) {
  progressChanged(urn: $urn, metric: $metric, since: $since) {
    urn metric at
    measurement { period value }
    target { target baseline progress { latest rag gapClosed } }
  }
}`;

interface ProgressEvent {
  progressChanged: {
    urn: string;
    metric: string;
    at: string;
    measurement: { period: string; value: number };
    target: {
      target: number;
      baseline: number;
      progress: { latest: number; rag: string; gapClosed: number };
    } | null;
  };
}

const RECORD = gql`
  mutation ($input: MeasurementInput!) {
    recordMeasurement(input: $input) {
      id
      createdAt
    }
  }
`;

describe("subscriptions on one server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { LIVE_TOKEN_RECHECK_SECONDS: "0.2" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const record = (value: number, period = "SUMMER2") =>
    server
      .client(server.tokens["data-manager"])
      .request<{ recordMeasurement: { createdAt: string } }>(RECORD, {
        input: {
          urn: "140001",
          year: "2025/26",
          metric: "attendance.absence",
          period,
          value,
          source: "test",
        },
      });

  it("delivers a measurement with the target's new progress to a subscribed leader", async () => {
    const leader = subscribe<ProgressEvent>(server.url, server.tokens.leader, PROGRESS, {
      urn: "140001",
    });
    await leader.ready;
    await record(3.2);
    const [event] = await leader.waitFor(1);
    expect(event!.progressChanged.urn).toBe("140001");
    expect(event!.progressChanged.measurement).toEqual({ period: "SUMMER2", value: 3.2 });
    const target = event!.progressChanged.target!;
    expect(target.progress.latest).toBe(3.2);
    expect(target.progress.rag).toBe("GREEN");
    expect(target.progress.gapClosed).toBeCloseTo(
      (3.2 - target.baseline) / (target.target - target.baseline),
      4,
    );
    await leader.dispose();
  });

  it("tells another trust's user nothing about this trust, even for the same URN", async () => {
    const prisma = server.handle.prisma;
    const other = await prisma.trust.create({ data: { uid: "TR07654", name: "Other Trust" } });
    await prisma.academy.create({
      data: { trustId: other.id, urn: "140001", name: "Other 140001", phase: "primary" },
    });
    const outsider = await issueToken(prisma, {
      trustId: other.id,
      role: "trust-admin",
      name: "Outsider",
    });
    const watcher = subscribe<ProgressEvent>(server.url, outsider.token, PROGRESS, {
      urn: "140001",
    });
    const insider = subscribe<ProgressEvent>(server.url, server.tokens.leader, PROGRESS, {
      urn: "140001",
    });
    await Promise.all([watcher.ready, insider.ready]);
    await record(3.4);
    await insider.waitFor(1);
    // Nothing reached the outsider: a measurement recorded in its own trust afterwards is the
    // first event it sees (one subscriber's events arrive in the order they were published).
    await server.client(outsider.token).request(RECORD, {
      input: {
        urn: "140001",
        year: "2025/26",
        metric: "attendance.absence",
        period: "SUMMER2",
        value: 8.75,
        source: "test",
      },
    });
    const [own] = await watcher.waitFor(1);
    expect(own!.progressChanged.measurement.value).toBe(8.75);
    await Promise.all([watcher.dispose(), insider.dispose()]);
  });

  it("refuses a connection without a token before any subscription runs (4401: sign in)", async () => {
    const anonymous = subscribe<ProgressEvent>(server.url, null, PROGRESS, {});
    expect(await anonymous.closed).toBe(4401);
    expect(anonymous.events).toEqual([]);
    await anonymous.dispose();
  });

  it("closes the socket when the token is revoked", async () => {
    const issued = await issueTokenForUser(
      server.handle.prisma,
      server.handle.demo!.tokens.leader.userId,
      "revoke me",
      1,
    );
    const leader = subscribe<ProgressEvent>(server.url, issued.token, PROGRESS, {});
    await leader.ready;
    await revokeToken(server.handle.prisma, issued.tokenId);
    expect(await leader.closed).toBe(4401);
  });

  it("gives a client that was away both measurements recorded meanwhile when it resumes with since", async () => {
    const first = subscribe<ProgressEvent>(server.url, server.tokens.leader, PROGRESS, {
      urn: "140001",
      metric: "attendance.absence",
    });
    await first.ready;
    await record(3.5);
    const [seen] = await first.waitFor(1);
    await first.dispose();
    await record(3.6, "SUMMER1");
    await record(3.7, "SUMMER2");
    const resumed = subscribe<ProgressEvent>(server.url, server.tokens.leader, PROGRESS, {
      urn: "140001",
      metric: "attendance.absence",
      since: seen!.progressChanged.at,
    });
    const missed = await resumed.waitFor(2);
    expect(missed.map((event) => event.progressChanged.measurement.value)).toEqual([3.6, 3.7]);
    await record(3.8);
    const live = await resumed.waitFor(3);
    expect(live[2]!.progressChanged.measurement.value).toBe(3.8);
    await resumed.dispose();
  });

  it("shows with each event the target as of that event: every measurement recorded up to it once, and a target changed meanwhile", async () => {
    const urn = "140005";
    const metric = "attendance.persistentAbsence";
    const watcher = subscribe<{
      progressChanged: {
        measurement: { value: number };
        target: { target: number; measurements: { value: number }[] } | null;
      };
    }>(
      server.url,
      server.tokens.leader,
      `subscription($urn: URN, $metric: String) {
        progressChanged(urn: $urn, metric: $metric) {
          measurement { value }
          target { target measurements { value } }
        }
      }`,
      { urn, metric },
    );
    await watcher.ready;
    const recordHere = (value: number, period: string) =>
      server.client(server.tokens["data-manager"]).request(RECORD, {
        input: { urn, year: "2025/26", metric, period, value, source: "test" },
      });
    // Overlapping recordings: the card may be read after some of them committed.
    await Promise.all([
      recordHere(11.1, "AUTUMN1"),
      recordHere(11.2, "AUTUMN2"),
      recordHere(11.3, "SPRING1"),
    ]);
    const first = await watcher.waitFor(3);
    const shown = first[2]!.progressChanged.target!.measurements.map((m) => m.value);
    for (const value of [11.1, 11.2, 11.3])
      expect(shown.filter((known) => known === value)).toHaveLength(1);

    // A target change (as the card service makes one: the row and its event in one transaction).
    const { prisma, events } = server.handle.services;
    const academy = await prisma.academy.findFirstOrThrow({ where: { urn } });
    const target = await prisma.target.findFirstOrThrow({
      where: { academyId: academy.id, year: "2025/26", metric },
    });
    await events.transaction(async (tx) => {
      await tx.target.update({ where: { id: target.id }, data: { target: target.target - 1 } });
      events.emit(tx, {
        kind: "targetChanged",
        trustId: academy.trustId,
        urn,
        data: { year: "2025/26", metric },
      });
    });
    await recordHere(11.4, "SPRING2");
    const all = await watcher.waitFor(4);
    const latest = all[3]!.progressChanged;
    expect(latest.measurement.value).toBe(11.4);
    expect(latest.target!.target).toBe(target.target - 1);
    expect(latest.target!.measurements.filter((m) => m.value === 11.4)).toHaveLength(1);
    expect(latest.target!.measurements).toHaveLength(shown.length + 1);
    await watcher.dispose();
  });
});

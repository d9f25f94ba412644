// Upgrading a database of the previous release, holding a trust with an
// academy, a user and an API token, to record support delivered and calendar
// feed tokens, on both stores: existing rows are kept, a delivery belongs to
// its academy (removed with it), and a calendar token's hash is unique.
import { expect } from "vitest";
import { openDatabase } from "../../server/db/index.js";
import { describeUpgrade } from "../support/upgrade-test.js";

const RELEASE_DATA = [
  `INSERT INTO "Trust" ("id", "uid", "name") VALUES ('trust-1', 'TR04567', 'Northern Lights Academy Trust')`,
  `INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "updatedAt") VALUES ('academy-1', 'trust-1', '140001', 'Oakfield Primary Academy', 'primary', '2025-09-01T00:00:00.000+00:00')`,
  `INSERT INTO "User" ("id", "trustId", "name", "role") VALUES ('user-1', 'trust-1', 'Ada Leader', 'leader')`,
  `INSERT INTO "ApiToken" ("id", "userId", "hash", "label") VALUES ('token-1', 'user-1', 'abc123', 'laptop')`,
];

async function checkUpgraded(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    const prisma = database.prisma;
    expect((await prisma.academy.findUniqueOrThrow({ where: { id: "academy-1" } })).name).toBe(
      "Oakfield Primary Academy",
    );
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: "token-1" } })).hash).toBe(
      "abc123",
    );
    const delivery = await prisma.supportDelivery.create({
      data: {
        trustId: "trust-1",
        academyId: "academy-1",
        year: "2026/27",
        frameworkKey: "risk-designation",
        activity: "School improvement adviser",
        deliveredOn: "2026-09-15",
        quantity: 0.5,
        deliveredBy: "Sam Patel (SIA)",
        summary: "Learning walk, Year 6 maths",
        recordedBy: "Ada Leader",
        recordedById: "user-1",
      },
    });
    expect([delivery.quantity, delivery.notes]).toEqual([0.5, ""]);
    await prisma.calendarToken.create({ data: { userId: "user-1", hash: "cal-1" } });
    await expect(
      prisma.calendarToken.create({ data: { userId: "user-1", hash: "cal-1" } }),
    ).rejects.toThrow();
    await prisma.academy.delete({ where: { id: "academy-1" } });
    expect(await prisma.supportDelivery.count()).toBe(0);
    await prisma.user.delete({ where: { id: "user-1" } });
    expect(await prisma.calendarToken.count()).toBe(0);
  } finally {
    await database.close();
  }
}

await describeUpgrade("upgrading to support delivered and calendar tokens", {
  migration: "20261202030000_support_delivered_calendar_tokens",
  does: "keeps the trust's rows and adds deliveries and calendar tokens",
  releaseData: RELEASE_DATA,
  check: checkUpgraded,
});

// Loading public files into a trust on a real database (SQLite, and PostgreSQL
// when it answers): GIAS builds the roster by the trust's UID, Ofsted MI and
// KS2 values land with their provenance, every academy is designated with the
// files named in its reasons; loading again changes nothing, a newer edition
// supersedes, and the trust's own evidence wins.
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openDatabase, type Database } from "../../server/db/index.js";
import { createServices, type Services } from "../../server/services/index.js";
import { currentPeriod } from "../../server/services/public-data.service.js";
import { inProcessEvents } from "../../server/live/events/index.js";
import type { Viewer } from "../../server/auth/viewer.js";
import { createTestDatabase, postgresAvailable } from "../support/postgres.js";

const FIXTURES = new URL("../fixtures/public-data/", import.meta.url);
const DEMO_URNS = Array.from({ length: 14 }, (_, index) => String(140001 + index));
const YEAR = "2026/27";

function file(name: string) {
  return { fileName: name, content: createReadStream(new URL(name, FIXTURES)) };
}

const stores = (await postgresAvailable())
  ? (["sqlite", "postgresql"] as const)
  : (["sqlite"] as const);

describe.each(stores)("public data on %s", (store) => {
  let database: Database;
  let services: Services;
  let cleanup: () => Promise<void>;
  let viewer: Viewer;
  let otherTrust: Viewer;

  beforeAll(async () => {
    let url: string;
    if (store === "sqlite") {
      const dir = await mkdtemp(join(tmpdir(), "mat-public-"));
      url = `file:${join(dir, "test.db")}`;
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const created = await createTestDatabase();
      url = created.url;
      cleanup = created.drop;
    }
    await migrate(url);
    database = await openDatabase(url);
    services = createServices(database.prisma, inProcessEvents(), store);
    const trust = await database.prisma.trust.create({
      data: { uid: "TR04567", name: "Northern Lights Academy Trust" },
    });
    const other = await database.prisma.trust.create({
      data: { uid: "TR09999", name: "Another Trust" },
    });
    viewer = {
      userId: "dm",
      name: "Dana Data",
      trustId: trust.id,
      role: "data-manager",
      academyUrns: null,
      tokenId: null,
    };
    otherTrust = { ...viewer, userId: "other", trustId: other.id };
  });
  afterAll(async () => {
    await database?.close();
    await cleanup?.();
  });

  const load = (name: string, options: { year?: string } = {}, who = viewer) =>
    services.publicData.importFile(
      who,
      { ...file(name), year: options.year ?? null },
      { designationYear: YEAR },
    );

  it("creates the trust's academies from GIAS by its group UID, and not another trust's", async () => {
    const report = await load("edubasealldata20261130.csv");
    expect(report).toMatchObject({
      kind: "gias-establishments",
      academiesCreated: DEMO_URNS,
      missing: [],
    });
    expect(report.skipped).toBeGreaterThanOrEqual(1);
    const academy = await database.prisma.academy.findFirstOrThrow({ where: { urn: "140011" } });
    expect(academy).toMatchObject({
      name: "Valley Special School",
      phase: "special",
      laestab: "3731011",
      ukprn: "10140011",
      openedOn: "2015-09-01",
    });
    expect(await database.prisma.academy.count({ where: { urn: "199001" } })).toBe(0);
    expect(await database.prisma.academy.count({ where: { trustId: otherTrust.trustId } })).toBe(0);
  });

  it("links predecessors from the GIAS links file", async () => {
    const report = await load("links_edubasealldata20261130.csv");
    expect(report.predecessorsLinked).toBe(2);
    const links = await database.prisma.academyPredecessor.findMany({ orderBy: { urn: "asc" } });
    expect(links.map((link) => [link.urn, link.name])).toEqual([
      ["100005", "St Anne\u2019s CE Primary School"],
      ["100012", "Harbour High School"],
    ]);
  });

  it("designates every academy with no typed evidence after Ofsted MI and KS2, naming each file", async () => {
    const ofsted = await load("ofsted-mi-report-card-era.csv");
    expect(ofsted).toMatchObject({
      kind: "ofsted-mi",
      edition: "2026-07-31",
      matched: DEMO_URNS,
      missing: [],
      skipped: 1,
    });
    const ks2 = await load("ks2_school_attainment_data.csv");
    expect(ks2).toMatchObject({
      kind: "ks2",
      edition: "2024/25",
      matched: ["140001", "140004", "140005", "140007", "140009", "140013"],
    });
    expect(ks2.missing).toEqual([]);
    expect(ks2.nationalFigures).toContainEqual({
      indicator: "ks2.rwmExpected",
      phase: null,
      year: "2024/25",
      value: 62,
    });

    // Designations are appended: the newest of each academy for the year is the one computed last.
    const all = await database.prisma.designation.findMany({
      where: { trustId: viewer.trustId, year: YEAR },
      orderBy: { createdAt: "desc" },
      include: { academy: true },
    });
    const designations = all.filter(
      (row, index) => all.findIndex((other) => other.academyId === row.academyId) === index,
    );
    expect(designations.map((row) => row.academy.urn).sort()).toEqual(DEMO_URNS);
    for (const row of designations) {
      expect(row.year).toBe(YEAR);
      expect(row.insufficientEvidence, row.academy.urn).toBe(false);
      expect(row.computedLevel, row.academy.urn).not.toBeNull();
    }
    const reasonsOf = (urn: string) =>
      (
        designations.find((row) => row.academy.urn === urn)!.reasons as unknown as {
          message: string;
        }[]
      ).map((reason) => reason.message);
    expect(reasonsOf("140001")).toContain(
      "Inspection taken from Ofsted, report card 20 Jan 2026, from the MI file as at 31 Jul 2026 (ofsted-mi-report-card-era.csv): no inspection recorded for 2026/27",
    );
    expect(reasonsOf("140001")).toContain(
      "KS2 reading, writing and maths at the expected standard taken from DfE KS2 school results 2024/25, from ks2_school_attainment_data.csv: no value recorded for 2026/27",
    );
    expect(reasonsOf("140005").join("\n")).toMatch(
      /OEIF graded inspection 8 Nov 2022 \(predecessor school, URN 100005\)/,
    );
    const levels = Object.fromEntries(
      designations.map((row) => [row.academy.urn, row.computedLevel]),
    );
    expect(levels["140003"]).toBe("stabilise"); // safeguarding not met on its report card
    expect(levels["140012"]).toBe("stabilise"); // its predecessor's inadequate inspection
    expect(levels["140010"]).toBe("sustain"); // outstanding, no outcome yet loaded

    // Stored by the designation service's own path: a designationChanged event in the
    // outbox for every designation appended, and coverage stored as recording stores it.
    const events = await database.prisma.liveEvent.findMany({
      where: { trustId: viewer.trustId, kind: "designationChanged" },
    });
    expect(events.length).toBe(all.length);
    expect([...new Set(events.map((event) => event.urn))].sort()).toEqual(DEMO_URNS);
    for (const event of events) expect(JSON.parse(event.data)).toMatchObject({ year: YEAR });
    for (const row of designations)
      expect(row.missingSources, row.academy.urn).toEqual(expect.any(Array));
  });

  it("changes nothing when the same file is loaded again", async () => {
    const before = await database.prisma.publicValue.findMany({ orderBy: { id: "asc" } });
    const designations = await database.prisma.designation.count();
    const imports = await database.prisma.publicImport.count();
    const report = await load("ofsted-mi-report-card-era.csv");
    expect(report).toMatchObject({ loaded: 0, designated: 0 });
    expect(report.unchanged).toBe(before.filter((row) => row.kind === "ofsted-mi").length);
    expect(await database.prisma.publicValue.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await database.prisma.designation.count()).toBe(designations);
    expect(await database.prisma.publicImport.count()).toBe(imports);
  });

  it("lets a newer edition supersede and never lets an older one replace it", async () => {
    const text = (asAt: string, grade: string) =>
      [
        `"Management information - latest inspections as at ${asAt}"`,
        "URN,Inspection start date,Inclusion,Achievement,Inspection number of latest full inspection,Leadership and governance,Safeguarding standards",
        `140006,10/12/2025,Expected standard,${grade},10400006,Expected standard,Met`,
      ].join("\n");
    const newer = await services.publicData.importFile(
      viewer,
      {
        fileName: "mi.csv",
        content: Readable.from([Buffer.from(text("31 Aug 2026", "Strong standard"))]),
      },
      { designationYear: YEAR },
    );
    expect(newer.loaded).toBeGreaterThan(0);
    const older = await services.publicData.importFile(
      viewer,
      {
        fileName: "old.csv",
        content: Readable.from([Buffer.from(text("30 Jun 2026", "Needs attention"))]),
      },
      { designationYear: YEAR },
    );
    expect(older.loaded).toBe(0);
    expect(older.olderThanHeld).toBeGreaterThan(0);
    const value = await services.publicData.evidence(viewer, "140006", "ofsted.achievement", null);
    expect(value).toMatchObject({
      value: "Strong standard",
      edition: "2026-08-31",
      fileName: "mi.csv",
    });
  });

  it("stores England rows as the trust's national figures, used by its designations and cards; a newer edition supersedes", async () => {
    const heldOf = async () =>
      (
        await database.prisma.nationalBenchmark.findMany({
          where: { trustId: viewer.trustId },
          orderBy: [{ indicator: "asc" }, { phase: "asc" }, { year: "asc" }],
        })
      ).map((row) => [row.indicator, row.phase, row.year, row.value, row.fileName]);
    // The KS2 file loaded above: its England row, all schools 2024/25.
    expect(await heldOf()).toEqual([
      ["ks2.rwmExpected", "", "2024/25", 62, "ks2_school_attainment_data.csv"],
    ]);

    const absence = await load("1a_absence_3term_school.csv");
    expect(absence).toMatchObject({ nationalLoaded: 4, nationalUnchanged: 0 });
    const again = await load("1a_absence_3term_school.csv");
    expect(again).toMatchObject({
      loaded: 0,
      nationalLoaded: 0,
      nationalUnchanged: 4,
      designated: 0,
    });

    // A count (permanent exclusions in the year) is read but never a national figure; its rate is.
    const exclusions = await load("exclusions_school_level.csv");
    expect(exclusions.nationalFigures.map((row) => row.indicator)).toContain(
      "behaviour.permanentExclusions",
    );
    expect(exclusions.nationalLoaded).toBe(2);
    expect(
      (await heldOf()).filter(([indicator]) => String(indicator).startsWith("behaviour")),
    ).toEqual([
      [
        "behaviour.permanentExclusionRate",
        "secondary",
        "2024/25",
        0.26,
        "exclusions_school_level.csv",
      ],
      ["behaviour.suspensionRate", "secondary", "2024/25", 22.85, "exclusions_school_level.csv"],
    ]);

    // A newer edition (its newest time period 2025/26) revises 2024/25 and adds 2025/26.
    const ks2 = (rows: string[]) =>
      Readable.from([
        Buffer.from(
          [
            "time_period,geographic_level,school_urn,subject,breakdown_topic,breakdown,expected_standard_pupil_percent",
            ...rows,
          ].join("\n"),
        ),
      ]);
    const newer = await services.publicData.importFile(
      viewer,
      {
        fileName: "ks2-revised.csv",
        content: ks2([
          '202425,National,,"Reading, writing and maths",All pupils,Total,61.5',
          '202526,National,,"Reading, writing and maths",All pupils,Total,63',
        ]),
      },
      { designationYear: YEAR },
    );
    expect(newer).toMatchObject({ edition: "2025/26", nationalLoaded: 2, loaded: 0 });
    expect(newer.designated).toBeGreaterThan(0);
    const older = await load("ks2_school_attainment_data.csv");
    expect(older).toMatchObject({ nationalLoaded: 0, nationalOlderThanHeld: 1 });
    expect((await heldOf()).filter(([indicator]) => indicator === "ks2.rwmExpected")).toEqual([
      ["ks2.rwmExpected", "", "2024/25", 61.5, "ks2-revised.csv"],
      ["ks2.rwmExpected", "", "2025/26", 63, "ks2-revised.csv"],
    ]);

    // In force for 2024/25: the loaded figures over the built-in ones, each with its source.
    const inForce = await services.nationalBenchmarks.inForce(viewer, "2024/25");
    const pick = (indicator: string, phase: string | null) =>
      inForce.find((figure) => figure.indicator === indicator && figure.phase === phase);
    expect(pick("ks2.rwmExpected", null)).toMatchObject({
      year: "2024/25",
      value: 61.5,
      builtIn: false,
      fileName: "ks2-revised.csv",
      edition: "2025/26",
      source: "DfE KS2 school results 2024/25, England figure from ks2-revised.csv",
    });
    expect(pick("attendance.absence", "secondary")).toMatchObject({ value: 8.6, builtIn: false });
    expect(pick("attendance.absence", null)).toMatchObject({
      year: "2024/25",
      value: 6.9,
      builtIn: true,
      fileName: null,
    });
    expect(pick("ks4.attainment8", null)).toMatchObject({ year: "2023/24", builtIn: true });
    // Another trust holds none of them.
    expect(
      (await services.nationalBenchmarks.inForce(otherTrust, "2024/25")).every((f) => f.builtIn),
    ).toBe(true);

    // A primary's KS2 outcome is compared with the loaded 2025/26 figure, named with its file.
    const academy = await database.prisma.academy.findFirstOrThrow({
      where: { trustId: viewer.trustId, urn: "140001" },
    });
    const designation = await database.prisma.designation.findFirstOrThrow({
      where: { academyId: academy.id, year: YEAR },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.stringify(designation.reasons)).toMatch(
      /national \(all schools, 2025\/26, from ks2-revised\.csv\) 63%/,
    );

    // A secondary's absence target on its card: the loaded secondary figure, with its source.
    await services.cards.setTarget(viewer, {
      urn: "140002",
      year: YEAR,
      metric: "attendance.absence",
      baseline: 9,
      target: 8,
    });
    const card = await services.cards.card(viewer, "140002", YEAR);
    expect(card.targets[0]?.progress).toMatchObject({
      national: 8.6,
      nationalFigure: "secondary, 2024/25, from 1a_absence_3term_school.csv",
    });
  });

  it("keeps the trust's own value for the year over the imported one", async () => {
    const academy = await database.prisma.academy.findFirstOrThrow({
      where: { trustId: viewer.trustId, urn: "140007" },
    });
    await services.designations.record(viewer, {
      urn: "140007",
      year: YEAR,
      term: "autumn",
      evidence: [{ indicator: "ks2.rwmExpected", value: "40" }],
    });
    await services.publicData.designate(viewer, YEAR, "autumn");
    const current = await database.prisma.designation.findFirstOrThrow({
      where: { academyId: academy.id, year: YEAR },
      orderBy: { createdAt: "desc" },
    });
    const messages = (current.reasons as { message: string }[])
      .map((reason) => reason.message)
      .join("\n");
    expect(messages).toMatch(/40/);
    expect(messages).not.toMatch(
      /KS2 reading, writing and maths at the expected standard taken from/,
    );
    expect(messages).toMatch(/Inspection taken from Ofsted/);
    const evidence = await database.prisma.evidenceRecord.findFirstOrThrow({
      where: { academyId: academy.id },
    });
    expect(evidence.entries).toEqual([{ indicator: "ks2.rwmExpected", value: "40" }]);
  });

  it.each([
    ["TRUST", /KS2 reading, writing and maths at the expected standard.*40/, false],
    [
      "PUBLIC",
      /the public figure preferred over the trust's value for 2024\/25 \(prefer PUBLIC\)/,
      true,
    ],
  ] as const)(
    "with prefer %s, decides between the trust's KS2 value for 2024/25 and the published one",
    async (prefer, reason, publicWins) => {
      const academy = await database.prisma.academy.findFirstOrThrow({
        where: { trustId: viewer.trustId, urn: "140009" },
      });
      const published = await database.prisma.publicValue.findFirstOrThrow({
        where: { academyId: academy.id, indicator: "ks2.rwmExpected", describes: "2024/25" },
      });
      expect(published.value).not.toBe("40");
      const existing = await database.prisma.evidenceRecord.findFirst({
        where: { academyId: academy.id, year: "2024/25", term: "summer" },
      });
      await services.designations.record(viewer, {
        urn: "140009",
        year: "2024/25",
        term: "summer",
        evidence: [{ indicator: "ks2.rwmExpected", value: "40" }],
        ...(existing ? { expectedVersion: existing.version } : {}),
      });
      await services.publicData.designate(viewer, "2024/25", "summer", prefer);
      const current = await database.prisma.designation.findFirstOrThrow({
        where: { academyId: academy.id, year: "2024/25" },
        orderBy: { createdAt: "desc" },
      });
      const reasons = current.reasons as { message: string }[];
      const messages = reasons.map((item) => item.message).join("\n");
      expect(messages).toMatch(reason);
      expect(
        reasons.some(
          (item) => item.message.includes(`${published.value}`) && /KS2/.test(item.message),
        ),
      ).toBe(publicWins);
      // The trust's recorded evidence is never changed by the choice.
      const evidence = await database.prisma.evidenceRecord.findFirstOrThrow({
        where: { academyId: academy.id, year: "2024/25", term: "summer" },
      });
      expect(evidence.entries).toEqual([{ indicator: "ks2.rwmExpected", value: "40" }]);
    },
  );

  it("refuses an academy user and stores nothing of another trust's", async () => {
    await expect(
      load(
        "ks2_school_attainment_data.csv",
        {},
        { ...viewer, role: "academy", academyUrns: new Set(["140001"]) },
      ),
    ).rejects.toThrow(/trust admin or data manager/);
    const report = await load("ks2_school_attainment_data.csv", {}, otherTrust);
    // The England row becomes the other trust's own figure; no school is its.
    expect(report).toMatchObject({ matched: [], loaded: 0, nationalLoaded: 1 });
    expect(
      await database.prisma.publicValue.count({ where: { trustId: otherTrust.trustId } }),
    ).toBe(0);
  });

  it("refuses a file it does not recognise with a clear error naming it", async () => {
    await expect(
      services.publicData.importFile(viewer, {
        fileName: "scores.csv",
        content: Readable.from([Buffer.from("Name,Score\nA,1\n")]),
      }),
    ).rejects.toThrow(/scores\.csv: not a public data file/);
  });
});

describe("the term a load designates for when none is given", () => {
  it.each([
    ["2025-12-01", "2025/26", "autumn"],
    ["2026-01-02", "2025/26", "autumn"], // Christmas holiday: still the autumn term
    ["2026-01-05", "2025/26", "spring"], // first Monday of January
    ["2026-04-20", "2025/26", "summer"], // after the Easter holiday, still April
    ["2026-08-20", "2025/26", "summer"],
    ["2026-09-01", "2026/27", "autumn"],
  ])("on %s is %s %s (England term dates)", (day, year, term) => {
    expect(currentPeriod(new Date(`${day}T12:00:00Z`))).toEqual({ year, term });
  });
});

// Loading public files for a trust (PUBLIC-DATA.md "Rules for loading"): only
// the trust's academies (and their predecessors) are read beyond their URN;
// values are stored with their provenance; loading the same file again
// changes nothing; a newer edition supersedes; the trust's own evidence is
// never touched (it wins at designation time). GIAS creates or updates the
// roster by the trust's group UID and records predecessor links. After a load
// the trust's academies are designated for the year from their evidence with
// the imported values filling what the trust has not recorded.
import { isDeepStrictEqual } from "node:util";
import {
  badInput,
  calendarPosition,
  indicatorForHeader,
  DomainError,
  isoDate,
  forbidden,
  readEvidence,
  type EvidenceEntry,
} from "../domain/index.js";
import type { Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import { roleHas, type PublicLoadReport } from "../shared/index.js";
import type { AuditService } from "./audit.service.js";
import type { FrameworkService } from "./framework.service.js";
import type { EventBus } from "../live/events/index.js";
import { readPublicFile, type FileEncoding } from "../public-data/read-public-file.js";
import {
  KIND_LABELS,
  PublicFileError,
  type Establishment,
  type LinkRow,
  type NationalRow,
  type PublicKind,
  type PublicValue,
  type SchoolRow,
} from "../public-data/types.js";
import { filledReasons, publicLayers, sourceWords } from "../public-data/evidence-layers.js";
import { evidenceForYear, type EvidenceLayer } from "../domain/designations/evidence-for-year.js";
import type { DesignationService } from "./designation.service.js";
import type { NationalBenchmarkService, NationalPlan } from "./national-benchmark.service.js";

export interface PublicImportInput {
  readonly fileName: string;
  readonly content: AsyncIterable<Uint8Array>;
  /** The academic year of an older wide DfE file that does not state it. */
  readonly year?: string | null;
  readonly onProgress?: (progress: { rows: number; bytes: number }) => void;
}

/** The report a load answers: what the task pane reads (PublicLoadReport), and more. */
export interface PublicImportReport extends PublicLoadReport {
  readonly kind: PublicKind;
  readonly encoding: FileEncoding;
  readonly bytes: number;
  /** England rows (national figures) the file carries. */
  readonly nationalFigures: readonly Omit<NationalRow, "type">[];
  /** England figures already held as they are. */
  readonly nationalUnchanged: number;
  /** England figures not taken because a newer edition is held. */
  readonly nationalOlderThanHeld: number;
}

export interface StoredValueRow {
  readonly urn: string;
  readonly kind: string;
  readonly indicator: string;
  readonly value: string | null;
  readonly unavailable: string | null;
  readonly describes: string;
  readonly date: string | null;
  readonly groupKey: string;
  readonly groupLabel: string | null;
  readonly predecessorUrn: string | null;
  readonly edition: string;
  readonly fileName: string;
  readonly loadedAt: Date;
  readonly source: string;
}

const TERMS = ["autumn", "spring", "summer"] as const;

/**
 * Which value counts when the trust recorded an indicator for a year and a
 * public file has the same indicator for the same year: the trust's (the
 * default) or the public figure. Chosen per load.
 */
export const PREFERENCES = ["TRUST", "PUBLIC"] as const;
export type Preference = (typeof PREFERENCES)[number];

/** A preference as a route or CLI gives it ("public", "TRUST"); null or empty is TRUST. */
export function preferenceOf(field: string, text: string | null | undefined): Preference {
  if (text === null || text === undefined || text.trim() === "") return "TRUST";
  const upper = text.trim().toUpperCase();
  if ((PREFERENCES as readonly string[]).includes(upper)) return upper as Preference;
  throw badInput([
    {
      field,
      message: `${field}: "${text.slice(0, 40)}" is not a preference; accepts TRUST (the trust's value wins) or PUBLIC (the public figure wins)`,
    },
  ]);
}

/** The indicator key of a recorded cell (headers resolved). */
function keyOfEntry(entry: EvidenceEntry): string {
  return typeof entry.indicator === "string"
    ? (indicatorForHeader(entry.indicator)?.key ?? entry.indicator)
    : String(entry.indicator);
}

/** Today's academic year and term by the England term dates (a holiday belongs to the term before it). */
export function currentPeriod(today = new Date()): { year: string; term: (typeof TERMS)[number] } {
  const position = calendarPosition(isoDate(today));
  return { year: position.academicYear, term: position.term };
}

/** A GIAS group UID and the trust's UID name the same trust: "TR04567" and "4567" agree. */
export function sameTrust(trustUid: string, code: string | null): boolean {
  if (code === null) return false;
  const fold = (text: string) => text.trim().toUpperCase().replace(/^TR/, "").replace(/^0+/, "");
  return fold(trustUid) !== "" && fold(trustUid) === fold(code);
}

/** Which of the trust's academies a kind of file should have (KS2: those with a primary phase...). */
function expects(kind: PublicKind, phase: string): boolean {
  if (kind === "ks2") return phase === "primary" || phase === "all-through";
  if (kind === "ks4") return phase === "secondary" || phase === "all-through";
  if (kind === "gias-links") return false;
  return true;
}

const valueKey = (
  academyId: string,
  kind: string,
  value: { indicator: string; describes: string; group: string },
) => `${academyId}|${kind}|${value.indicator}|${value.describes}|${value.group}`;

export class PublicDataService {
  constructor(
    private readonly prisma: Db,
    private readonly frameworks: FrameworkService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly designations: DesignationService,
    private readonly nationals: NationalBenchmarkService,
  ) {}

  /** Reads one file and stores what it holds for the viewer's trust; returns what it found and did. */
  async importFile(
    viewer: Viewer,
    input: PublicImportInput,
    options: { designationYear?: string | null; today?: Date; prefer?: Preference } = {},
  ): Promise<PublicImportReport> {
    if (!roleHas(viewer.role, "recordEvidence") || viewer.academyUrns !== null)
      throw forbidden("Only a trust admin or data manager loads public data.");
    const trust = await this.prisma.trust.findUniqueOrThrow({ where: { id: viewer.trustId } });
    const academies = await this.prisma.academy.findMany({ where: { trustId: trust.id } });
    const predecessors = await this.prisma.academyPredecessor.findMany({
      where: { trustId: trust.id },
    });
    const byUrn = new Map(academies.map((academy) => [academy.urn, academy]));
    const successorOf = new Map(predecessors.map((link) => [link.urn, link.academyId]));
    const academyById = new Map(academies.map((academy) => [academy.id, academy]));

    const schools: SchoolRow[] = [];
    const establishments: Establishment[] = [];
    const links: LinkRow[] = [];
    const nationals: NationalRow[] = [];
    let summary;
    try {
      summary = await readPublicFile(
        input.content,
        {
          fileName: input.fileName,
          year: input.year ?? null,
          onProgress: input.onProgress,
          wants: ({ urn, trust: code }) =>
            byUrn.has(urn) || successorOf.has(urn) || sameTrust(trust.uid, code),
        },
        (row) => {
          if (row.type === "school") schools.push(row);
          else if (row.type === "establishment") establishments.push(row.establishment);
          else if (row.type === "link") links.push(row);
          else nationals.push(row);
        },
      );
    } catch (error) {
      if (error instanceof PublicFileError)
        throw badInput([
          { field: "file", value: input.fileName.slice(0, 100), message: error.message },
        ]);
      throw error;
    }
    const base = {
      fileName: input.fileName,
      kind: summary.kind,
      kindLabel: KIND_LABELS[summary.kind],
      edition: summary.edition,
      encoding: summary.encoding,
      rows: summary.rows,
      bytes: summary.bytes,
      nationalFigures: nationals.map(({ indicator, phase, year, value }) => ({
        indicator,
        phase,
        year,
        value,
      })),
    };
    let outcome: Omit<PublicImportReport, keyof typeof base | "designated" | "designationYear">;
    const noNational = { nationalLoaded: 0, nationalUnchanged: 0, nationalOlderThanHeld: 0 };
    if (summary.kind === "gias-establishments") {
      outcome = {
        ...(await this.applyEstablishments(viewer, trust.uid, establishments, byUrn, {
          ...summary,
          fileName: input.fileName,
        })),
        ...noNational,
      };
    } else if (summary.kind === "gias-links") {
      outcome = { ...(await this.applyLinks(viewer, links, byUrn, summary)), ...noNational };
    } else {
      const edition = summary.edition ?? "";
      const matched = new Set<string>();
      const incoming: { academyId: string; value: PublicValue }[] = [];
      const notInRoster = new Set<string>();
      for (const school of schools) {
        const own = byUrn.get(school.urn);
        const academyId = own?.id ?? successorOf.get(school.urn);
        if (!academyId) {
          notInRoster.add(school.urn);
          continue;
        }
        matched.add(academyById.get(academyId)!.urn);
        for (const value of school.values) {
          const viaPredecessor = own ? null : school.urn;
          incoming.push({
            academyId,
            value: viaPredecessor
              ? {
                  ...value,
                  predecessorUrn: value.predecessorUrn ?? viaPredecessor,
                  group: value.group || `predecessor ${viaPredecessor}`,
                }
              : value,
          });
        }
      }
      const missing = academies
        .filter((academy) => !matched.has(academy.urn) && expects(summary.kind, academy.phase))
        .map((academy) => academy.urn)
        .sort();
      // England rows become the trust's national benchmarks (a newer edition supersedes).
      const national = await this.nationals.plan(viewer.trustId, edition, nationals);
      const stored = await this.storeValues(
        viewer,
        summary.kind,
        edition,
        input.fileName,
        summary,
        incoming,
        [...matched],
        missing,
        national,
      );
      outcome = {
        skipped: summary.skipped + notInRoster.size,
        matched: [...matched].sort(),
        missing,
        ...stored,
        academiesCreated: [],
        academiesUpdated: [],
        predecessorsLinked: 0,
        notes:
          notInRoster.size > 0
            ? [
                `${notInRoster.size} school(s) named under your trust's UID are not in your roster (load GIAS first): ${[...notInRoster].sort().slice(0, 20).join(", ")}`,
              ]
            : [],
      };
    }
    // Only evidence and national figures change a designation: GIAS (the roster, predecessor links) does not.
    const changed =
      (outcome.loaded > 0 || outcome.nationalLoaded > 0) &&
      summary.kind !== "gias-establishments" &&
      summary.kind !== "gias-links";
    // The designations below compare with the figures this load stored, not
    // those read before it: storing them (apply) told the figures service.
    const period = options.designationYear
      ? { year: options.designationYear, term: null }
      : currentPeriod(options.today);
    const designated = changed
      ? await this.designate(viewer, period.year, period.term, options.prefer ?? "TRUST")
      : 0;
    return { ...base, ...outcome, designated, designationYear: period.year };
  }

  private async storeValues(
    viewer: Viewer,
    kind: PublicKind,
    edition: string,
    fileName: string,
    summary: { rows: number; skipped: number; encoding: FileEncoding; edition: string | null },
    incoming: readonly { academyId: string; value: PublicValue }[],
    matched: readonly string[],
    missing: readonly string[],
    national: NationalPlan,
  ): Promise<{
    loaded: number;
    unchanged: number;
    olderThanHeld: number;
    nationalLoaded: number;
    nationalUnchanged: number;
    nationalOlderThanHeld: number;
  }> {
    const existing = await this.prisma.publicValue.findMany({
      where: { trustId: viewer.trustId, kind },
    });
    const held = new Map(
      existing.map((row) => [
        valueKey(row.academyId, kind, {
          indicator: row.indicator,
          describes: row.describes,
          group: row.groupKey,
        }),
        row,
      ]),
    );
    const creates: PublicValue[] = [];
    const createFor: string[] = [];
    const updates: { id: string; value: PublicValue }[] = [];
    let unchanged = 0;
    let olderThanHeld = 0;
    const seen = new Set<string>();
    for (const { academyId, value } of incoming) {
      const key = valueKey(academyId, kind, value);
      if (seen.has(key)) continue; // a file repeating a school's row: the first counts
      seen.add(key);
      const row = held.get(key);
      if (!row) {
        creates.push(value);
        createFor.push(academyId);
        continue;
      }
      if (row.edition > edition) {
        olderThanHeld++;
        continue;
      }
      const same =
        row.value === value.value &&
        row.unavailable === value.unavailable &&
        row.date === value.date &&
        row.groupLabel === value.groupLabel &&
        row.predecessorUrn === value.predecessorUrn;
      if (same && row.edition === edition) unchanged++;
      else updates.push({ id: row.id, value });
    }
    const loaded = creates.length + updates.length;
    const counts = {
      loaded,
      unchanged,
      olderThanHeld,
      nationalLoaded: national.loaded,
      nationalUnchanged: national.unchanged,
      nationalOlderThanHeld: national.olderThanHeld,
    };
    if (loaded === 0 && national.loaded === 0) return counts;
    await this.prisma.$transaction(
      async (tx) => {
        const record = await tx.publicImport.create({
          data: {
            trustId: viewer.trustId,
            kind,
            edition: summary.edition,
            fileName,
            encoding: summary.encoding,
            rows: summary.rows,
            matched: matched.length,
            skipped: summary.skipped,
            missing: missing.join(","),
            loaded,
            unchanged,
            national: national.loaded,
            loadedBy: viewer.userId,
          },
        });
        await this.nationals.write(
          tx,
          viewer.trustId,
          { id: record.id, kind, edition, fileName, loadedAt: record.loadedAt },
          national,
        );
        const data = (value: PublicValue) => ({
          value: value.value,
          unavailable: value.unavailable,
          date: value.date,
          groupLabel: value.groupLabel,
          predecessorUrn: value.predecessorUrn,
          edition,
          fileName,
          importId: record.id,
          loadedAt: record.loadedAt,
        });
        for (let start = 0; start < creates.length; start += 500) {
          await tx.publicValue.createMany({
            data: creates.slice(start, start + 500).map((value, index) => ({
              trustId: viewer.trustId,
              academyId: createFor[start + index]!,
              kind,
              indicator: value.indicator,
              describes: value.describes,
              groupKey: value.group,
              ...data(value),
            })),
          });
        }
        for (const update of updates)
          await tx.publicValue.update({ where: { id: update.id }, data: data(update.value) });
        await this.audit.record(tx, viewer, "publicData.load", "PublicImport", record.id, null, {
          kind,
          edition: summary.edition,
          fileName,
          loaded,
          unchanged,
          national: national.loaded,
        });
      },
      { timeout: 300_000 },
    );
    if (national.loaded > 0) this.nationals.changed(viewer.trustId);
    return counts;
  }

  private async applyEstablishments(
    viewer: Viewer,
    trustUid: string,
    establishments: readonly Establishment[],
    byUrn: ReadonlyMap<
      string,
      {
        id: string;
        urn: string;
        name: string;
        phase: string;
        laestab: string | null;
        ukprn: string | null;
        openedOn: string | null;
      }
    >,
    summary: {
      rows: number;
      skipped: number;
      encoding: FileEncoding;
      edition: string | null;
      fileName: string;
    },
  ) {
    const notes: string[] = [];
    const created: string[] = [];
    const updated: string[] = [];
    let unchanged = 0;
    const matched = new Set<string>();
    const open = establishments.filter(
      (item) => !(item.status ?? "").toLowerCase().startsWith("closed"),
    );
    await this.prisma.$transaction(
      async (tx) => {
        for (const school of open) {
          const existing = byUrn.get(school.urn);
          const ours = sameTrust(trustUid, school.trustCode);
          if (!existing && !ours) continue;
          if (existing && !ours)
            notes.push(
              `${school.urn} ${school.name}: GIAS now gives it under ${school.trustName ?? "no trust"} (${school.trustCode ?? "no UID"}), not your trust; its details are updated, and it stays in your roster until you remove it`,
            );
          matched.add(school.urn);
          const phase = school.phase ?? existing?.phase ?? null;
          if (phase === null) {
            notes.push(
              `${school.urn} ${school.name}: GIAS gives no phase we use (${school.type ?? "no type"}); add it by hand`,
            );
            continue;
          }
          const fields = {
            name: school.name,
            phase,
            laestab: school.laestab ?? existing?.laestab ?? null,
            ukprn: school.ukprn ?? existing?.ukprn ?? null,
            openedOn: school.openDate ?? existing?.openedOn ?? null,
          };
          if (!existing) {
            const row = await tx.academy.create({
              data: { trustId: viewer.trustId, urn: school.urn, ...fields },
            });
            await this.audit.record(tx, viewer, "academy.create", "Academy", row.id, null, {
              ...fields,
              urn: school.urn,
              source: "GIAS",
            });
            created.push(school.urn);
          } else if (
            existing.name !== fields.name ||
            existing.phase !== fields.phase ||
            existing.laestab !== fields.laestab ||
            existing.ukprn !== fields.ukprn ||
            existing.openedOn !== fields.openedOn
          ) {
            const row = await tx.academy.update({ where: { id: existing.id }, data: fields });
            await this.audit.record(tx, viewer, "academy.update", "Academy", row.id, existing, {
              ...fields,
              source: "GIAS",
            });
            updated.push(school.urn);
          } else unchanged++;
        }
        if (created.length + updated.length > 0) {
          await tx.publicImport.create({
            data: {
              trustId: viewer.trustId,
              kind: "gias-establishments",
              edition: summary.edition,
              fileName: summary.fileName,
              encoding: summary.encoding,
              rows: summary.rows,
              matched: matched.size,
              skipped: summary.skipped,
              loaded: created.length + updated.length,
              unchanged,
              loadedBy: viewer.userId,
            },
          });
        }
      },
      { timeout: 300_000 },
    );
    const missing = [...byUrn.keys()].filter((urn) => !matched.has(urn)).sort();
    return {
      skipped: summary.skipped + (establishments.length - matched.size - notes.length),
      matched: [...matched].sort(),
      missing,
      loaded: created.length + updated.length,
      unchanged,
      olderThanHeld: 0,
      academiesCreated: created.sort(),
      academiesUpdated: updated.sort(),
      predecessorsLinked: 0,
      notes,
    };
  }

  private async applyLinks(
    viewer: Viewer,
    links: readonly LinkRow[],
    byUrn: ReadonlyMap<string, { id: string; urn: string }>,
    summary: { rows: number; skipped: number },
  ) {
    const predecessorLinks = links.filter(
      (link) => byUrn.has(link.urn) && link.linkType.toLowerCase().startsWith("predecessor"),
    );
    let linked = 0;
    let unchanged = 0;
    await this.prisma.$transaction(async (tx) => {
      for (const link of predecessorLinks) {
        const academy = byUrn.get(link.urn)!;
        const existing = await tx.academyPredecessor.findUnique({
          where: { academyId_urn: { academyId: academy.id, urn: link.linkUrn } },
        });
        const fields = {
          name: link.linkName,
          linkType: link.linkType,
          establishedOn: link.established,
        };
        if (!existing) {
          await tx.academyPredecessor.create({
            data: { trustId: viewer.trustId, academyId: academy.id, urn: link.linkUrn, ...fields },
          });
          await this.audit.record(tx, viewer, "academy.predecessor", "Academy", academy.id, null, {
            urn: link.linkUrn,
            ...fields,
          });
          linked++;
        } else if (
          existing.name !== fields.name ||
          existing.linkType !== fields.linkType ||
          existing.establishedOn !== fields.establishedOn
        ) {
          await tx.academyPredecessor.update({ where: { id: existing.id }, data: fields });
          linked++;
        } else unchanged++;
      }
    });
    const matched = [
      ...new Set(links.filter((link) => byUrn.has(link.urn)).map((link) => link.urn)),
    ].sort();
    return {
      skipped: summary.skipped + links.filter((link) => !byUrn.has(link.urn)).length,
      matched,
      missing: [],
      loaded: linked,
      unchanged,
      olderThanHeld: 0,
      academiesCreated: [],
      academiesUpdated: [],
      predecessorsLinked: linked,
      notes: [],
    };
  }

  /**
   * Designates the trust's academies for `year` from their evidence: the
   * trust's own values for the year first, then imported values and earlier
   * years' evidence filling what is not recorded, each filled value named in
   * the reasons. A designation is stored only when it differs from the current one.
   * Returns how many changed.
   */
  async designate(
    viewer: Viewer,
    year: string,
    term: string | null,
    prefer: Preference = "TRUST",
  ): Promise<number> {
    const trust = await this.prisma.trust.findUniqueOrThrow({ where: { id: viewer.trustId } });
    const framework = await this.frameworks.resolve(viewer, trust.frameworkKey);
    const [academies, records, values, currents] = await Promise.all([
      this.prisma.academy.findMany({ where: { trustId: trust.id }, orderBy: { urn: "asc" } }),
      this.prisma.evidenceRecord.findMany({ where: { trustId: trust.id } }),
      this.prisma.publicValue.findMany({ where: { trustId: trust.id } }),
      // The newest computed designation of each academy for the year (designations are appended, never changed).
      this.prisma.designation.findMany({
        where: { trustId: trust.id, year },
        orderBy: { createdAt: "desc" },
      }),
    ]);
    const order = (t: string) => TERMS.indexOf(t as (typeof TERMS)[number]);
    let changed = 0;
    await this.events.transaction(
      async (tx) => {
        for (const academy of academies) {
          const own = records.filter((record) => record.academyId === academy.id);
          const forYear = own
            .filter((record) => record.year === year)
            .sort((a, b) => order(b.term) - order(a.term));
          const current = forYear[0];
          const entriesOf = (stored: unknown) => stored as EvidenceEntry[];
          const imported = publicLayers(values.filter((value) => value.academyId === academy.id));
          // prefer PUBLIC: the trust's value for an indicator and year a public file also has is set aside.
          const published = new Set(
            prefer === "PUBLIC"
              ? imported.flatMap((layer) =>
                  layer.entries.map((entry) => `${keyOfEntry(entry)}|${layer.describes}`),
                )
              : [],
          );
          const setAside = new Set<string>();
          const trustEntries = (describes: string, stored: unknown) =>
            entriesOf(stored).filter((entry) => {
              const key = keyOfEntry(entry);
              if (!published.has(`${key}|${describes}`)) return true;
              if (describes === year) setAside.add(key);
              return false;
            });
          const layers: EvidenceLayer[] = [
            ...own
              .filter((record) => record !== current)
              .map((record) => ({
                describes: record.year,
                date: null,
                source: `risk matrix ${record.year} ${record.term}`,
                entries: trustEntries(record.year, record.entries),
              })),
            ...imported,
          ];
          const filledYear = evidenceForYear(
            year,
            current ? trustEntries(year, current.entries) : [],
            layers,
          );
          if (filledYear.entries.length === 0) continue;
          let result;
          try {
            result = framework.designate(readEvidence(filledYear.entries), { year });
          } catch (error) {
            if (error instanceof DomainError) continue; // the trust's own unreadable cell: recording it reports that
            throw error;
          }
          const reasons = [
            ...result.reasons,
            ...filledReasons(
              filledYear.filled.filter((value) => !setAside.has(value.indicator)),
              year,
            ).map((message) => ({
              source: "evidence",
              indicated: null,
              rating: null,
              message,
            })),
            ...filledYear.filled
              .filter((value) => setAside.has(value.indicator))
              .map((value) => ({
                source: "evidence",
                indicated: null,
                rating: null,
                message: `${indicatorForHeader(value.indicator)?.label ?? value.indicator} taken from ${value.source}: the public figure preferred over the trust's value for ${year} (prefer PUBLIC)`,
              })),
          ];
          const designationTerm = current?.term ?? term ?? currentPeriod().term;
          const previous = currents.find((row) => row.academyId === academy.id);
          // As stored and read back (undefined fields dropped); key order does not matter (jsonb reorders).
          const reasonsStored: unknown = JSON.parse(JSON.stringify(reasons));
          if (
            previous &&
            previous.frameworkKey === framework.key &&
            previous.year === year &&
            previous.term === designationTerm &&
            previous.computedLevel === (result.level?.key ?? null) &&
            isDeepStrictEqual(previous.reasons, reasonsStored)
          )
            continue;
          await this.designations.storeComputed(
            tx,
            viewer,
            academy,
            framework.key,
            year,
            designationTerm,
            { result, reasons },
          );
          changed++;
        }
      },
      { timeout: 300_000 },
    );
    return changed;
  }

  /**
   * The stored public value of an indicator for an academy: for `year` (the
   * latest describing that year or earlier), else the latest; Ofsted fields
   * from the latest inspection. Null when none is held.
   */
  async evidence(
    viewer: Viewer,
    urn: string,
    indicator: string,
    year: string | null,
  ): Promise<StoredValueRow | null> {
    const academy = await this.prisma.academy.findUnique({
      where: { trustId_urn: { trustId: viewer.trustId, urn } },
    });
    if (!academy || (viewer.academyUrns !== null && !viewer.academyUrns.has(urn))) return null;
    const rows = await this.prisma.publicValue.findMany({
      where: { academyId: academy.id, indicator, ...(year ? { describes: { lte: year } } : {}) },
    });
    const graded = rows.filter((row) => row.groupLabel !== "ungraded inspection");
    const pick = (graded.length > 0 ? graded : rows).sort((a, b) =>
      a.describes !== b.describes
        ? a.describes < b.describes
          ? 1
          : -1
        : (b.date ?? "").localeCompare(a.date ?? "") || b.edition.localeCompare(a.edition),
    )[0];
    if (!pick) return null;
    return { ...pick, urn, source: sourceWords(pick) };
  }
}

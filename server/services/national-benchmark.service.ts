// National (England) figures a trust loaded from DfE files' England rows,
// stored as dated benchmarks by indicator, phase and year (NationalBenchmark),
// laid over the built-in figures (server/domain/national-benchmarks.ts)
// wherever a comparison with national is made: designations (through the
// compiled framework, FrameworkService) and academy cards' progress. Kept per
// trust: a file one trust loads never moves another trust's comparisons.
import {
  NATIONAL_BENCHMARKS,
  benchmarkLookup,
  figuresInForce,
  hasNationalFigure,
  isoDate,
  nationalFigures,
  type BenchmarkLookup,
  type NationalFigure,
  type Phase,
} from "../domain/index.js";
import type { Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import { KIND_LABELS, type NationalRow, type PublicKind } from "../public-data/types.js";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A stored figure, as the store holds it. */
export interface StoredNationalRow {
  readonly id: string;
  readonly indicator: string;
  readonly phase: string;
  readonly year: string;
  readonly value: number;
  readonly kind: string;
  readonly edition: string;
  readonly fileName: string;
  readonly loadedAt: Date;
}

/** A figure in force, built in or loaded, with where it came from. */
export interface FigureInForce extends NationalFigure {
  /** True for the built-in figures (no file); false for one loaded from a DfE file. */
  readonly builtIn: boolean;
  readonly edition: string | null;
}

/** What storing a file's England rows will do, worked out before the transaction. */
export interface NationalPlan {
  readonly creates: readonly NationalRow[];
  readonly updates: readonly { readonly id: string; readonly row: NationalRow }[];
  readonly loaded: number;
  readonly unchanged: number;
  readonly olderThanHeld: number;
}

/** "DfE KS2 school results 2024/25, England figure from ks2_school_attainment_data.csv". */
export function loadedSource(row: Pick<StoredNationalRow, "kind" | "year" | "fileName">): string {
  const label = KIND_LABELS[row.kind as PublicKind] ?? row.kind;
  return `${label} ${row.year}, England figure from ${row.fileName}`;
}

/** A stored row as the figure a comparison reads. */
export function figureOf(row: StoredNationalRow): NationalFigure & { edition: string } {
  return {
    indicator: row.indicator,
    phase: row.phase === "" ? null : (row.phase as Phase),
    year: row.year,
    value: row.value,
    source: loadedSource(row),
    fileName: row.fileName,
    asOf: isoDate(row.loadedAt),
    edition: row.edition,
  };
}

const keyOf = (row: { indicator: string; phase: string | null; year: string }) =>
  `${row.indicator}|${row.phase ?? ""}|${row.year}`;

/** How long a viewer's figures serve it: a request's span, well over. */
const FIGURES_REUSE_MS = 10_000;

export class NationalBenchmarkService {
  /** Figures read for a viewer, reused for the rest of its request. */
  private readonly byViewer = new WeakMap<
    Viewer,
    { at: number; generation: number; read: Promise<{ figures: NationalFigure[]; stamp: string }> }
  >();
  /** Bumped when this instance commits figures for a trust, so no viewer keeps the old ones. */
  private readonly generations = new Map<string, number>();

  constructor(private readonly prisma: Db) {}

  /** The trust's loaded figures, and a stamp that changes whenever one does. */
  async loaded(trustId: string): Promise<{ figures: NationalFigure[]; stamp: string }> {
    const rows = await this.prisma.nationalBenchmark.findMany({
      where: { trustId },
      orderBy: [{ indicator: "asc" }, { phase: "asc" }, { year: "asc" }],
    });
    return {
      figures: rows.map(figureOf),
      stamp: rows.map((row) => `${row.id}@${row.loadedAt.getTime()}`).join(","),
    };
  }

  /**
   * The viewer's trust's loaded figures, read once for everything one request
   * resolves (a page's designations, decisions and history each compile a
   * framework): a request's viewer is its own object. A viewer kept longer (a
   * subscription's) reads them again after FIGURES_REUSE_MS, or at once when
   * this instance has loaded new figures for the trust.
   */
  loadedFor(viewer: Viewer): Promise<{ figures: NationalFigure[]; stamp: string }> {
    const now = Date.now();
    const generation = this.generations.get(viewer.trustId) ?? 0;
    const held = this.byViewer.get(viewer);
    if (held && held.generation === generation && now - held.at < FIGURES_REUSE_MS)
      return held.read;
    const read = this.loaded(viewer.trustId);
    this.byViewer.set(viewer, { at: now, generation, read });
    read.catch(() => this.byViewer.delete(viewer));
    return read;
  }

  /** Figures of the trust changed (committed by this instance): read them afresh. */
  changed(trustId: string): void {
    this.generations.set(trustId, (this.generations.get(trustId) ?? 0) + 1);
  }

  /** The lookup a trust's comparisons use: built-in figures with the trust's loaded ones over them. */
  async lookup(trustId: string): Promise<BenchmarkLookup> {
    return benchmarkLookup(nationalFigures((await this.loaded(trustId)).figures));
  }

  /** The figures in force for `year` (latest when null) for the viewer's trust, with their provenance. */
  async inForce(viewer: Viewer, year: string | null): Promise<FigureInForce[]> {
    const rows = await this.prisma.nationalBenchmark.findMany({
      where: { trustId: viewer.trustId },
    });
    const builtIn = new Set<NationalFigure>(NATIONAL_BENCHMARKS);
    const loaded = rows.map(figureOf);
    return figuresInForce(nationalFigures(loaded), year).map((figure) => ({
      ...figure,
      builtIn: builtIn.has(figure),
      edition: "edition" in figure ? (figure.edition as string) : null,
      fileName: figure.fileName ?? null,
      asOf: figure.asOf ?? null,
    }));
  }

  /**
   * What storing a file's England rows does for the trust: new figures, figures
   * the file changes, those held as they are, and those not taken because a
   * newer edition is held. A count (permanent exclusions) is never a figure;
   * a file repeating a figure: the first counts.
   */
  async plan(
    trustId: string,
    edition: string,
    rows: readonly NationalRow[],
  ): Promise<NationalPlan> {
    const held = new Map(
      (await this.prisma.nationalBenchmark.findMany({ where: { trustId } })).map((row) => [
        keyOf({ ...row, phase: row.phase === "" ? null : row.phase }),
        row,
      ]),
    );
    const creates: NationalRow[] = [];
    const updates: { id: string; row: NationalRow }[] = [];
    let unchanged = 0;
    let olderThanHeld = 0;
    const seen = new Set<string>();
    for (const row of rows) {
      if (!hasNationalFigure(row.indicator)) continue;
      const key = keyOf(row);
      if (seen.has(key)) continue;
      seen.add(key);
      const existing = held.get(key);
      if (!existing) creates.push(row);
      else if (existing.edition > edition) olderThanHeld++;
      else if (existing.edition === edition && existing.value === row.value) unchanged++;
      else updates.push({ id: existing.id, row });
    }
    return {
      creates,
      updates,
      loaded: creates.length + updates.length,
      unchanged,
      olderThanHeld,
    };
  }

  /** Writes a plan within the load's transaction, naming the load it came from. */
  async write(
    tx: Tx,
    trustId: string,
    load: { id: string; kind: string; edition: string; fileName: string; loadedAt: Date },
    plan: NationalPlan,
  ): Promise<void> {
    const fields = (row: NationalRow) => ({
      value: row.value,
      kind: load.kind,
      edition: load.edition,
      fileName: load.fileName,
      importId: load.id,
      loadedAt: load.loadedAt,
    });
    if (plan.creates.length > 0)
      await tx.nationalBenchmark.createMany({
        data: plan.creates.map((row) => ({
          trustId,
          indicator: row.indicator,
          phase: row.phase ?? "",
          year: row.year,
          ...fields(row),
        })),
      });
    for (const update of plan.updates)
      await tx.nationalBenchmark.update({ where: { id: update.id }, data: fields(update.row) });
  }
}

// The loaders of one request (or one subscription): every field that reads
// per parent goes through one of them, so a page of 100 academies reads its
// evidence, designations, history and decisions in as many statements as a
// page of 10. Each reads only the viewer's trust: the services scope every
// query by it, and a signed-out request loads nothing.
import DataLoader from "dataloader";
import type { Viewer } from "../../auth/viewer.js";
import type { Services } from "../../services/index.js";
import type { AcademyRow } from "../../services/academy.service.js";
import type { AuditRow } from "../../services/audit.service.js";
import type { UserRow } from "../../services/administration.service.js";
import type { MeasurementRow, TargetWithProgress } from "../../services/academy-card.service.js";
import type {
  DecisionRow,
  EvidenceRow,
  StoredDesignationRow,
  YearDesignation,
} from "../../services/designation.service.js";
import type { SupportUse } from "../../domain/index.js";
import { pageOf, type NewestFirstKey, type Page, type PageWindow } from "../../services/page.js";
import type { NodeTypeName } from "../relay/global-id.js";
import { byIdLoader, perParentLoader, type ParentKey } from "./batch-loaders.js";

export type { ParentKey } from "./batch-loaders.js";

/** A target found by id, with its progress and its academy's URN. */
export interface TargetById {
  readonly id: string;
  readonly urn: string;
  readonly entry: TargetWithProgress;
}

/** What node(id) finds for each Node type: the row, before mapping. */
export interface NodeRows {
  readonly Academy: AcademyRow;
  readonly AuditEntry: AuditRow;
  readonly DesignationDecision: DecisionRow;
  readonly EvidenceRecord: EvidenceRow;
  readonly Measurement: MeasurementRow;
  readonly StoredDesignation: StoredDesignationRow;
  readonly Target: TargetById;
}

type HistoryWindow = PageWindow<NewestFirstKey>;

export interface Loaders {
  /** The id of an academy of the viewer's trust by URN; null for none. */
  readonly academyIdByUrn: DataLoader<string, string | null>;
  /** The designation that counts in a year (options: the year). */
  readonly yearDesignation: DataLoader<ParentKey<string>, YearDesignation | null, string>;
  /** Support delivered of allocated as at today (options: the year). */
  readonly supportUse: DataLoader<ParentKey<string>, SupportUse[], string>;
  /** Stored evidence, newest year first (options: the year, or null for every year). */
  readonly evidence: DataLoader<ParentKey<string | null>, EvidenceRow[], string>;
  /** A page of computed designations, newest first. */
  readonly designationHistory: DataLoader<
    ParentKey<HistoryWindow>,
    Page<StoredDesignationRow>,
    string
  >;
  readonly designationHistoryCount: DataLoader<ParentKey<null>, number, string>;
  /** A page of decisions, newest first. */
  readonly designationDecisions: DataLoader<ParentKey<HistoryWindow>, Page<DecisionRow>, string>;
  readonly designationDecisionCount: DataLoader<ParentKey<null>, number, string>;
  /** A user of the viewer's trust by id; null for an id that names none (a seed, the operator). */
  readonly users: DataLoader<string, UserRow | null>;
  /** Objects by row id, for node(id): null when absent or not the viewer's to see. */
  readonly nodes: { readonly [T in NodeTypeName]: DataLoader<string, NodeRows[T] | null> };
}

export function createLoaders(viewer: Viewer | null, services: Services): Loaders {
  const signedIn = <O, V>(
    load: (viewer: Viewer, options: O, ids: readonly string[]) => Promise<ReadonlyMap<string, V>>,
  ) => {
    return (options: O, ids: readonly string[]): Promise<ReadonlyMap<string, V>> =>
      viewer ? load(viewer, options, ids) : Promise.resolve(new Map<string, V>());
  };
  const rows = <V extends { readonly id: string }>(
    load: (viewer: Viewer, ids: readonly string[]) => Promise<readonly V[]>,
  ) => byIdLoader<V>((ids) => (viewer ? load(viewer, ids) : Promise.resolve([])));
  const { designations, academies, audit, cards, administration, support } = services;
  return {
    academyIdByUrn: new DataLoader<string, string | null>(async (urns) => {
      const found = viewer ? await academies.idsByUrn(viewer, urns) : new Map<string, string>();
      return urns.map((urn) => found.get(urn) ?? null);
    }),
    yearDesignation: perParentLoader(
      signedIn((who, year: string, ids) => designations.yearDesignations(who, ids, year)),
      () => null,
    ),
    supportUse: perParentLoader(
      signedIn((who, year: string, ids) => support.usage(who, ids, year)),
      () => [],
    ),
    evidence: perParentLoader(
      signedIn((who, year: string | null, ids) => designations.evidenceOf(who, ids, year)),
      () => [],
    ),
    designationHistory: perParentLoader(
      signedIn((who, window: HistoryWindow, ids) => designations.historyPages(who, ids, window)),
      (window) => pageOf(window, []),
    ),
    designationHistoryCount: perParentLoader(
      signedIn((who, _: null, ids) => designations.historyCounts(who, ids)),
      () => 0,
    ),
    designationDecisions: perParentLoader(
      signedIn((who, window: HistoryWindow, ids) => designations.decisionPages(who, ids, window)),
      (window) => pageOf(window, []),
    ),
    designationDecisionCount: perParentLoader(
      signedIn((who, _: null, ids) => designations.decisionCounts(who, ids)),
      () => 0,
    ),
    users: rows((who, ids) => administration.usersByIds(who, ids)),
    nodes: {
      Academy: rows((who, ids) => academies.byIds(who, ids)),
      AuditEntry: rows((who, ids) => audit.byIds(who, ids)),
      DesignationDecision: rows((who, ids) => designations.decisionsByIds(who, ids)),
      EvidenceRecord: rows((who, ids) => designations.evidenceByIds(who, ids)),
      Measurement: rows((who, ids) => cards.measurementsByIds(who, ids)),
      StoredDesignation: rows((who, ids) => designations.computedByIds(who, ids)),
      Target: rows(async (who, ids) =>
        [...(await cards.targetsByIds(who, ids))].map(([id, found]) => ({ id, ...found })),
      ),
    },
  };
}

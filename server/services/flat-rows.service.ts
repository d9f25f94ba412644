// Flat rows for reporting tools (Power BI, Excel's Get Data, scripts): the
// trust overview, targets with their progress, and the designation history of
// a year, each a table of plain values under stable snake_case column names
// (docs/clients.md lists them). They are read through the same services as
// GraphQL and the exports, so a viewer sees exactly the academies, targets and
// designations GraphQL shows them. Dates and times are ISO 8601; numbers are
// as stored (never rounded or formatted); a missing value is null.
import type { Viewer } from "../auth/viewer.js";
import { indicatorByKey } from "../domain/index.js";
import type { AcademyCardService } from "./academy-card.service.js";
import type { OverviewService } from "./overview.service.js";
import { MAX_CARDS } from "./academy-card.service.js";

export type FlatValue = string | number | boolean | null;

/** A flat table: its columns, in order, and one record per row with exactly those keys. */
export interface FlatTable<C extends string = string> {
  readonly columns: readonly C[];
  readonly rows: readonly Readonly<Record<C, FlatValue>>[];
}

/** The overview's columns: one row per academy the viewer sees. */
export const OVERVIEW_COLUMNS = [
  "urn",
  "academy",
  "phase",
  "year",
  "level_key",
  "level",
  "level_rank",
  "status",
  "provisional",
  "agreed_on",
  "agreed_by_body",
  "agreed_in_year",
  "review_suggested_level",
  "in_level_since",
  "in_level_months",
  "beyond_expected_time",
  "targets_green",
  "targets_amber",
  "targets_red",
  "targets_not_measured",
  "targets_draft",
  "targets_proposed",
  "targets_reviewed",
  "targets_agreed",
  "targets_change_pending",
] as const;

/** The targets' columns: one row per target of the year, with its progress. */
export const TARGET_COLUMNS = [
  "urn",
  "academy",
  "year",
  "metric",
  "metric_label",
  "unit",
  "baseline",
  "target",
  "tolerance",
  "status",
  "change_pending_status",
  "version",
  "latest",
  "latest_period",
  "latest_provisional",
  "expected",
  "short_of_expected",
  "gap_closed",
  "on_track",
  "rag",
  "national",
  "difference_from_national",
  "measurements",
  "updated_at",
] as const;

/** The designation history's columns: one row per computed designation of the year and per decision up to it. */
export const DESIGNATION_COLUMNS = [
  "urn",
  "academy",
  "year",
  "kind",
  "recorded_at",
  "designation_year",
  "term",
  "framework",
  "level_key",
  "level",
  "insufficient_evidence",
  "provisional",
  "body",
  "agreed_on",
  "decided_by",
  "reason",
] as const;

export type OverviewColumn = (typeof OVERVIEW_COLUMNS)[number];
export type TargetColumn = (typeof TARGET_COLUMNS)[number];
export type DesignationColumn = (typeof DESIGNATION_COLUMNS)[number];

export class FlatRowsService {
  constructor(
    private readonly overviews: OverviewService,
    private readonly cards: AcademyCardService,
  ) {}

  /** The trust overview of `year`: the designation that counts and the targets' RAG and sign-off counts. */
  async overview(viewer: Viewer, year: string): Promise<FlatTable<OverviewColumn>> {
    const rows = await this.overviews.overview(viewer, year, null);
    return {
      columns: OVERVIEW_COLUMNS,
      rows: rows.map(({ academy, designation, rag, targets }) => {
        const counts = designation?.counts ?? null;
        const level = counts?.level ? (designation?.framework.level(counts.level) ?? null) : null;
        const suggested = counts?.reviewSuggested?.level ?? null;
        const time = designation?.timeInLevel ?? null;
        return {
          urn: academy.urn,
          academy: academy.name,
          phase: academy.phase,
          year,
          level_key: counts?.level ?? null,
          level: level?.label ?? (counts?.computed ? "Insufficient evidence" : null),
          level_rank: level?.rank ?? null,
          status: counts ? counts.status : null,
          provisional: counts ? counts.provisional : null,
          agreed_on: counts?.decision?.agreedOn ?? null,
          agreed_by_body: counts?.decision?.row.body ?? null,
          agreed_in_year: counts?.decision?.year ?? null,
          review_suggested_level: suggested
            ? (designation?.framework.level(suggested)?.label ?? suggested)
            : null,
          in_level_since: time?.since ?? null,
          in_level_months: time?.months ?? null,
          beyond_expected_time: time ? time.beyondExpected : null,
          targets_green: rag.green,
          targets_amber: rag.amber,
          targets_red: rag.red,
          targets_not_measured: rag.none,
          targets_draft: targets.draft,
          targets_proposed: targets.proposed,
          targets_reviewed: targets.reviewed,
          targets_agreed: targets.agreed,
          targets_change_pending: targets.changePending,
        };
      }),
    };
  }

  /** Every target of `year` with its progress, academy by academy (URN order), metric by metric. */
  async targets(viewer: Viewer, year: string): Promise<FlatTable<TargetColumn>> {
    const academies = await this.overviews.overview(viewer, year, null);
    const urns = academies.map((row) => row.academy.urn);
    const rows: Record<TargetColumn, FlatValue>[] = [];
    for (let start = 0; start < urns.length; start += MAX_CARDS) {
      const cards = await this.cards.cards(viewer, urns.slice(start, start + MAX_CARDS), year);
      for (const card of cards) {
        if (!card) continue;
        for (const { target, progress, measurements } of card.targets) {
          const indicator = indicatorByKey(target.metric);
          rows.push({
            urn: card.academy.urn,
            academy: card.academy.name,
            year: target.year,
            metric: target.metric,
            metric_label: indicator?.label ?? target.metric,
            unit: indicator?.unit ?? null,
            baseline: target.baseline,
            target: target.target,
            tolerance: progress.tolerance,
            status: target.status,
            change_pending_status: target.pendingStatus,
            version: target.version,
            latest: progress.latest,
            latest_period: progress.latestPeriod,
            latest_provisional: progress.latest === null ? null : progress.provisional,
            expected: progress.expected,
            short_of_expected: progress.shortOfExpected,
            gap_closed: progress.gapClosed,
            on_track: progress.onTrack,
            rag: progress.rag,
            national: progress.national,
            difference_from_national: progress.differenceFromNational,
            measurements: measurements.length,
            updated_at: target.updatedAt.toISOString(),
          });
        }
      }
    }
    return { columns: TARGET_COLUMNS, rows };
  }

  /**
   * The designation history as of `year`: each academy's computed designations
   * of the year and its decisions up to the year, newest first.
   */
  async designations(viewer: Viewer, year: string): Promise<FlatTable<DesignationColumn>> {
    const academies = await this.overviews.overview(viewer, year, null);
    const rows: Record<DesignationColumn, FlatValue>[] = [];
    for (const { academy, designation } of academies) {
      if (!designation) continue;
      const label = (key: string | null) =>
        key ? (designation.framework.level(key)?.label ?? key) : null;
      for (const event of designation.history) {
        const common = {
          urn: academy.urn,
          academy: academy.name,
          year,
          recorded_at: event.at.toISOString(),
        };
        if (event.kind === "computed") {
          const row = event.computed;
          rows.push({
            ...common,
            kind: "computed",
            designation_year: row.year,
            term: row.term,
            framework: row.frameworkKey,
            level_key: row.computedLevel,
            level: row.insufficientEvidence ? "Insufficient evidence" : label(row.computedLevel),
            insufficient_evidence: row.insufficientEvidence,
            provisional: row.provisional,
            body: null,
            agreed_on: null,
            decided_by: null,
            reason: null,
          });
        } else {
          const row = event.decision;
          rows.push({
            ...common,
            kind: "decision",
            designation_year: row.year,
            term: row.term,
            framework: row.frameworkKey,
            level_key: row.level,
            level: label(row.level),
            insufficient_evidence: false,
            provisional: row.provisional,
            body: row.body,
            agreed_on: row.agreedOn,
            decided_by: row.decidedBy,
            reason: row.reason,
          });
        }
      }
    }
    return { columns: DESIGNATION_COLUMNS, rows };
  }
}

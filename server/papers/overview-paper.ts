// The trust overview as a paper for a trust board: every academy with the
// designation that counts (agreed by whom and when, or not yet), time in
// level, support, RAG counts and what changed since the last board, in words.
import { calendarPosition, englandTermDates, isoDate } from "../domain/index.js";
import type { OverviewRow } from "../services/overview.service.js";
import { designationPaper } from "./designation-paper.js";
import type { PaperContext } from "./academy-card-paper.js";
import type { OverviewPaper } from "./paper.types.js";
import { dateWords } from "./paper-words.js";
import { startYearOf } from "../shared/index.js";

/** The date changes are counted from, and why. */
export interface Since {
  readonly day: string;
  readonly reason: string;
}

/**
 * The last board, when the paper is not told: the latest date a designation
 * decision that counts was agreed (the trust board's October meeting, in
 * seed 001), up to today; with none, the first day of the current term (or
 * 1 September of a past or coming year).
 */
export function lastBoard(rows: readonly OverviewRow[], year: string, now: Date): Since {
  const today = isoDate(now);
  let latest: { day: string; body: string } | null = null;
  for (const row of rows) {
    const decision = row.designation?.counts.decision;
    if (decision && decision.agreedOn <= today && (!latest || decision.agreedOn > latest.day))
      latest = { day: decision.agreedOn, body: decision.row.body };
  }
  if (latest)
    return {
      day: latest.day,
      reason: `the last ${latest.body} decision, ${dateWords(latest.day)}`,
    };
  const position = calendarPosition(today);
  if (position.academicYear !== year) {
    const day = `${startYearOf(year)}-09-01`;
    return { day, reason: `the start of ${year}, ${dateWords(day)}` };
  }
  const start = englandTermDates(year).find((half) => half.term === position.term)!.start;
  return { day: start, reason: `the start of the ${position.term} term, ${dateWords(start)}` };
}

/**
 * The overview paper from the overview's rows (read with changes since the
 * start of the year or earlier): changes are kept from `since` on.
 */
export function overviewPaper(
  rows: readonly OverviewRow[],
  year: string,
  since: Since,
  context: PaperContext,
): OverviewPaper {
  const from = new Date(`${since.day}T00:00:00Z`);
  const moments = rows.flatMap((row) => [
    ...row.changes.map((change) => change.at),
    ...(row.designation?.history.map((event) => event.at) ?? []),
  ]);
  return {
    heading: {
      trustName: context.trustName,
      title: "Trust overview",
      academy: null,
      year,
      framework: context.frameworkName,
      producedAt: context.now,
      dataAsAt:
        moments.length === 0 ? null : new Date(Math.max(...moments.map((at) => at.getTime()))),
    },
    since: since.day,
    sinceReason: since.reason,
    academies: rows.map((row) => ({
      urn: row.academy.urn,
      name: row.academy.name,
      phase: row.academy.phase,
      designation: designationPaper(row.academy.urn, row.designation, context.deliveredOf),
      rag: row.rag,
      targetsAgreed: row.targets.agreed,
      targetsAwaiting:
        row.targets.draft + row.targets.proposed + row.targets.reviewed + row.targets.changePending,
      changes: row.changes
        .filter((change) => change.at >= from)
        .map((change) => ({ at: change.at, when: dateWords(change.at), what: change.words })),
    })),
  };
}

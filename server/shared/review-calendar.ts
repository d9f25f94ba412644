// The review calendar's vocabulary (issue 15): the kinds of meeting and visit
// a framework's support entitlements put in the year, how often they come (a
// cadence, as data on each entitlement), and how delivered support compares
// with what was allocated. Pure, so the add-in's words use the same lists.

/** What a calendar event is: the seeds' meetings and visits. */
export const CALENDAR_EVENT_KINDS = [
  "progressBoard",
  "sipVisit",
  "silVisit",
  "adviserDay",
  "healthCheck",
  "ceoOneToOne",
  "ceoVisit",
  "qaReview",
  "leadershipBriefing",
  "governanceCommittee",
  "standardsReview",
  "inspectionReadiness",
  "supportDay",
  "trustBoard",
  "improvementTeam",
  "standardsCommittee",
] as const;
export type CalendarEventKind = (typeof CALENDAR_EVENT_KINDS)[number];

/** What each kind is, in words for people (the GraphQL enum's descriptions and the task pane). */
export const CALENDAR_EVENT_KIND_WORDS: Readonly<Record<CalendarEventKind, string>> = {
  progressBoard: "Progress board meeting",
  sipVisit: "School improvement partner (SIP) visit",
  silVisit: "School improvement lead (SIL) visit",
  adviserDay: "School improvement adviser (SIA) day",
  healthCheck: "External health check",
  ceoOneToOne: "CEO 1:1",
  ceoVisit: "CEO visit",
  qaReview: "Quality assurance review",
  leadershipBriefing: "Headteacher and trust leadership briefing",
  governanceCommittee: "Governor challenge and improvement committee",
  standardsReview: "Trust board detailed review of standards",
  inspectionReadiness: "Inspection-readiness meeting",
  supportDay: "Support day",
  trustBoard: "Trust board",
  improvementTeam: "Education improvement team meeting",
  standardsCommittee: "Standards committee",
};

export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;
export type Month = (typeof MONTHS)[number];

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * How often an entitlement's events come, placed on school days (weekdays in
 * the trust's term dates, never in a holiday):
 * - `weeks`: every n-th school week (1 weekly, 2 fortnightly, 4 every four weeks),
 * - `halfTerm` / `term` / `year`: `count` events spread evenly over each half
 *   term, term or the school year,
 * - `months`: one event in each named month.
 */
export type Cadence =
  | { readonly every: "weeks"; readonly weeks: number }
  | { readonly every: "halfTerm"; readonly count: number }
  | { readonly every: "term"; readonly count: number }
  | { readonly every: "year"; readonly count: number }
  | { readonly every: "months"; readonly months: readonly Month[] };

/** When an entitlement's events happen: the data the review calendar places. */
export interface EntitlementSchedule {
  readonly kind: CalendarEventKind;
  readonly cadence: Cadence;
  /** Preferred weekday for `weeks` and `months` cadences (default Tue). */
  readonly weekday?: Weekday | undefined;
  /** Which matching weekday of the month for `months` (1-4, default 2: the second). */
  readonly weekOfMonth?: number | undefined;
  /** Start time in Europe/London, "16:00"; absent for a whole-day event (a visit, a day of support). */
  readonly time?: string | undefined;
  /** Length in minutes of a timed event (default 60). */
  readonly minutes?: number | undefined;
}

/** A trust-wide meeting a framework declares (the October trust board, the standards committee). */
export interface TrustMeeting {
  readonly kind: CalendarEventKind;
  readonly title: string;
  /** A cadence of its own, or `follows`: a set number of days after each event of another kind. */
  readonly cadence?: Cadence | undefined;
  readonly follows?: { readonly kind: CalendarEventKind; readonly days: number } | undefined;
  readonly weekday?: Weekday | undefined;
  readonly weekOfMonth?: number | undefined;
  readonly time?: string | undefined;
  readonly minutes?: number | undefined;
}

/** Delivered support against its allocation for a period. */
export const DELIVERY_STATUSES = ["under", "onTrack", "complete", "over"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_WORDS: Readonly<Record<DeliveryStatus, string>> = {
  under: "behind: less delivered than expected by now",
  onTrack: "on track",
  complete: "all delivered",
  over: "more delivered than allocated",
};

// The card's support and calendar in words for people: an event's day and
// time in London ("Tue 9 Dec, 16:00"), its kind, and how delivery stands.
import { wordOf } from "../../shared/enum-words.js";
import {
  CALENDAR_EVENT_KIND_WORDS,
  DELIVERY_STATUS_WORDS,
  type CalendarEventKind,
  type DeliveryStatus,
} from "../../../server/shared/index.js";

const DAY = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  weekday: "short",
  day: "numeric",
  month: "short",
});
const TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "Tue 9 Dec, 16:00" (London time); "Thu 11 Dec, all day" for a visit. */
export function whenWords(date: string, start: string | null): string {
  const day = DAY.format(new Date(`${date}T00:00:00Z`)).replace(",", "");
  return start ? `${day}, ${TIME.format(new Date(start))}` : `${day}, all day`;
}

/** The kind of event as a person says it: PROGRESS_BOARD -> "Progress board meeting". */
export function kindWords(kind: string): string {
  return CALENDAR_EVENT_KIND_WORDS[wordOf(kind) as CalendarEventKind] ?? kind;
}

/** A delivery status as a badge shows it, with its colour. */
export function deliveryBadge(status: string): {
  readonly label: string;
  readonly color: "warning" | "success" | "informative" | "danger";
  readonly title: string;
} {
  const word = wordOf(status) as DeliveryStatus;
  const title = DELIVERY_STATUS_WORDS[word] ?? status;
  switch (word) {
    case "under":
      return { label: "Behind", color: "warning", title };
    case "over":
      return { label: "Over", color: "danger", title };
    case "complete":
      return { label: "All delivered", color: "success", title };
    default:
      return { label: "On track", color: "informative", title };
  }
}

/** The two half terms the pane shows: the one `today` is in (or the first to come) and the next. */
export function thisAndNextHalfTerm<E extends { readonly date: string; readonly halfTerm: string }>(
  events: readonly E[],
  today: string,
): { readonly halfTerm: string; readonly events: E[] }[] {
  const order: string[] = [];
  for (const event of events) if (!order.includes(event.halfTerm)) order.push(event.halfTerm);
  const started = events.filter((event) => event.date <= today).at(-1)?.halfTerm;
  const first = started ?? events.find((event) => event.date > today)?.halfTerm;
  if (first === undefined) return [];
  const index = order.indexOf(first);
  return order.slice(index, index + 2).map((halfTerm) => ({
    halfTerm,
    events: events.filter((event) => event.halfTerm === halfTerm && event.date >= today),
  }));
}

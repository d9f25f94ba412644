// The review calendar, support delivered and calendar feed tokens as a client
// reads them (issue 15; docs/calendar.md).
import { Field, Float, ID, InputType, ObjectType } from "type-graphql";
import {
  CALENDAR_EVENT_KIND_WORDS,
  DELIVERY_STATUS_WORDS,
  type CalendarEventKind,
  type DeliveryStatus,
} from "../../shared/index.js";
import type { AllocationPeriod } from "../../domain/index.js";
import { AcademicYearScalar, CalendarDateScalar, URNScalar } from "../scalars.js";
import { domainEnum } from "./domain-enum.js";
import { HalfTermEnum } from "./academy-card.enums.js";

export const CalendarEventKindEnum = domainEnum<CalendarEventKind>({
  name: "CalendarEventKind",
  description: "What a review-calendar event is: a meeting or visit from the seeds.",
  values: CALENDAR_EVENT_KIND_WORDS,
});

export const DeliveryStatusEnum = domainEnum<DeliveryStatus>({
  name: "DeliveryStatus",
  description: "Support delivered against its allocation for the period.",
  values: {
    under: `Under-delivered: ${DELIVERY_STATUS_WORDS.under}.`,
    onTrack: "On track: at least what the schedule (or the period so far) expects, short of all.",
    complete: "All the allocation delivered.",
    over: `Over-delivered: ${DELIVERY_STATUS_WORDS.over}.`,
  },
});

export const AllocationPeriodEnum = domainEnum<AllocationPeriod>({
  name: "AllocationPeriod",
  description: "The period an entitlement's allocation is counted over.",
  values: {
    halfTerm: "This half term.",
    term: "This term (weekly and fortnightly entitlements are counted per term).",
    year: "This academic year.",
  },
});

@ObjectType("CalendarEvent", {
  description:
    "A meeting or visit in the review calendar, placed on a school day of the term dates (Europe/London).",
})
export class CalendarEventType {
  @Field(() => ID, {
    description:
      "Stable for the same year, academy, activity and day: the iCalendar feed's UID is built from it.",
  })
  id!: string;

  @Field(() => CalendarEventKindEnum, { description: "What it is." })
  kind!: CalendarEventKind;

  @Field(() => URNScalar, {
    nullable: true,
    description: "The academy it is for; null for a trust-wide meeting (trust board, committee).",
  })
  urn!: string | null;

  @Field(() => String, { nullable: true, description: "The academy's name; null trust-wide." })
  academyName!: string | null;

  @Field(() => CalendarDateScalar, { description: "The day, in Europe/London." })
  date!: string;

  @Field(() => HalfTermEnum, { description: "The half term it falls in." })
  halfTerm!: string;

  @Field(() => Date, {
    nullable: true,
    description: "When it starts (an instant; 16:00 London time); null for a whole-day visit.",
  })
  start!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it ends; null for a whole-day visit." })
  end!: Date | null;

  @Field(() => String, { description: 'In words: "Progress board meeting: Oak Academy".' })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The entitlement it delivers (its activity, as the framework words it); null for a trust-wide meeting.",
  })
  entitlement!: string | null;

  @Field(() => String, {
    description: 'Where it falls in its allocation: "day 3 of 20 this term", "every week".',
  })
  detail!: string;
}

@ObjectType("SupportUse", {
  description:
    'Support delivered of support allocated for one entitlement in its period: "School improvement adviser: 12 of up to 20 days this term".',
})
export class SupportUseType {
  @Field(() => String, { description: "The entitlement's activity." })
  activity!: string;

  @Field(() => String, { description: 'Its unit: "days", "visits", "meetings".' })
  unit!: string;

  @Field(() => AllocationPeriodEnum, { description: "The period it is counted over." })
  period!: AllocationPeriod;

  @Field(() => CalendarDateScalar, { description: "The period's first school day." })
  from!: string;

  @Field(() => CalendarDateScalar, { description: "The period's last school day." })
  to!: string;

  @Field(() => Float, {
    description: 'Allocated in the period (the upper figure of "up to 20" or "2-3").',
  })
  allocated!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The allocation as the framework words it ("up to 20"); null for a plain number.',
  })
  allocatedText!: string | null;

  @Field(() => Float, { description: "Delivered in the period (half days count 0.5)." })
  delivered!: number;

  @Field(() => Float, {
    description: "Expected by today: the schedule's events so far, else the allocation pro rata.",
  })
  expectedByNow!: number;

  @Field(() => DeliveryStatusEnum, { description: "Under, on track, complete or over." })
  status!: DeliveryStatus;

  @Field(() => String, { description: "In words for a board paper or the task pane." })
  words!: string;
}

@ObjectType("SupportDelivery", {
  description: "A visit or amount of support delivered to an academy against an entitlement.",
})
export class SupportDeliveryType {
  @Field(() => ID, { description: "Its id." })
  id!: string;

  @Field(() => URNScalar, { description: "The academy's URN." })
  urn!: string;

  @Field(() => AcademicYearScalar, { description: "The academic year of the day delivered." })
  year!: string;

  @Field(() => String, { description: "The entitlement's activity it counts against." })
  activity!: string;

  @Field(() => CalendarDateScalar, { description: "The day it was delivered." })
  deliveredOn!: string;

  @Field(() => Float, { description: "In the entitlement's unit: 1 visit, 0.5 of a day." })
  quantity!: number;

  @Field(() => String, { description: "Who delivered it." })
  deliveredBy!: string;

  @Field(() => String, { description: "What was done." })
  summary!: string;

  @Field(() => String, { description: "Notes; empty when none." })
  notes!: string;

  @Field(() => String, { description: "Who recorded it (name)." })
  recordedBy!: string;

  @Field(() => Date, { description: "When it was recorded." })
  createdAt!: Date;
}

@InputType({ description: "A visit or amount of support delivered, to record." })
export class SupportDeliveryInput {
  @Field(() => URNScalar, { description: "URN of the academy." })
  urn!: string;

  @Field(() => String, {
    description:
      "The entitlement it counts against: one of the academy's counted entitlements' activities (SupportUse.activity).",
  })
  activity!: string;

  @Field(() => CalendarDateScalar, { description: "The day it was delivered (not in the future)." })
  deliveredOn!: string;

  @Field(() => Float, {
    nullable: true,
    description: "How many of the entitlement's unit, in halves from 0.5 to 100; 1 when left out.",
  })
  quantity?: number | null;

  @Field(() => String, { description: 'Who delivered it: "Sam Patel (SIA)" (at most 120).' })
  deliveredBy!: string;

  @Field(() => String, { description: "What was done (at most 500 characters)." })
  summary!: string;

  @Field(() => String, { nullable: true, description: "Notes (at most 2,000 characters)." })
  notes?: string | null;
}

@ObjectType("CalendarToken", {
  description:
    "A read-only calendar feed token of yours: only GET /calendar/...ics accepts it, as ?token=.",
})
export class CalendarTokenType {
  @Field(() => ID, { description: "Its id (to revoke it)." })
  id!: string;

  @Field(() => String, { description: 'Your label for it: "Outlook on my laptop".' })
  label!: string;

  @Field(() => Date, { description: "When it was issued." })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When a calendar last read a feed with it." })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was revoked; null while in use." })
  revokedAt!: Date | null;
}

@ObjectType("IssuedCalendarToken", {
  description: "A new calendar feed token, shown once, with the feed addresses that use it.",
})
export class IssuedCalendarTokenType {
  @Field(() => CalendarTokenType, { description: "The token's record." })
  calendarToken!: CalendarTokenType;

  @Field(() => String, {
    description: "The secret (matcal_...), shown only now: it is stored only as a hash.",
  })
  token!: string;

  @Field(() => String, {
    description:
      "The path of the trust's feed with the token, to append to the server's address: /calendar/<trust uid>.ics?token=...",
  })
  trustFeedPath!: string;
}

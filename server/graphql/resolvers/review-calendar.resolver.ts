// The review calendar, support delivered and calendar feed tokens (issue 15).
// Thin: the services decide (server/services/review-calendar.service.ts,
// support-delivered.service.ts) and the domain places and counts.
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Context } from "../context.type.js";
import type { CalendarEvent } from "../../domain/index.js";
import type { SupportDeliveryRow } from "../../services/support-delivered.service.js";
import { AcademicYearScalar, CalendarDateScalar, URNScalar } from "../scalars.js";
import {
  CalendarEventType,
  CalendarTokenType,
  IssuedCalendarTokenType,
  SupportDeliveryInput,
  SupportDeliveryType,
  SupportUseType,
} from "../types/review-calendar.type.js";
import { AcademyCardType } from "../types/academy-card.type.js";
import { OverviewRowType } from "../types/overview.type.js";

const toEvent = ({ activity, ...event }: CalendarEvent): CalendarEventType => ({
  ...event,
  entitlement: activity,
});

const toDelivery = (urn: string, row: SupportDeliveryRow): SupportDeliveryType => ({
  ...row,
  urn,
});

const SUPPORT_USE =
  "Support delivered of allocated for each counted entitlement of the designation that counts, in its period as at today (held within the year), with under- and over-delivery flagged.";

@Resolver()
export class ReviewCalendarResolver {
  @Authorized("read")
  @Query(() => [CalendarEventType], {
    description:
      "The review calendar: the year's meetings and visits for your academies (or one), from the designation that counts and the framework's entitlements, with the trust-wide meetings (the October trust board; committees after the boards) when no URN is given; on school days of the term dates, in date order. The same events as GET /calendar/<trust uid>.ics.",
  })
  async reviewCalendar(
    @Arg("year", () => AcademicYearScalar, { description: "Academic year, e.g. 2026/27." })
    year: string,
    @Arg("from", () => CalendarDateScalar, {
      nullable: true,
      description: "First day wanted (included); the year's start when left out.",
    })
    from: string | null,
    @Arg("to", () => CalendarDateScalar, {
      nullable: true,
      description: "Last day wanted (included); the year's end when left out.",
    })
    to: string | null,
    @Arg("urn", () => URNScalar, {
      nullable: true,
      description:
        "One academy's events only (NOT_FOUND when it is not yours to see); all your academies and the trust-wide meetings when left out.",
    })
    urn: string | null,
    @Ctx() { viewer, services }: Context,
  ): Promise<CalendarEventType[]> {
    const events = await services.calendar.calendar(viewer!, year, {
      urn: urn ?? null,
      from: from ?? null,
      to: to ?? null,
    });
    return events.map(toEvent);
  }

  @Authorized("read")
  @Query(() => [SupportDeliveryType], {
    description:
      "Support delivered to an academy in a year, newest first: who, when, what and notes. NOT_FOUND for an academy that is not yours to see.",
  })
  async supportDelivered(
    @Arg("urn", () => URNScalar, { description: "URN of the academy." }) urn: string,
    @Arg("year", () => AcademicYearScalar, { description: "Academic year, e.g. 2026/27." })
    year: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<SupportDeliveryType[]> {
    return (await services.support.list(viewer!, urn, year)).map((row) => toDelivery(urn, row));
  }

  @Authorized("recordSupport")
  @Mutation(() => SupportDeliveryType, {
    description:
      "Records a visit or amount of support delivered against one of the academy's entitlements in the day's year (trust admins and leaders). BAD_USER_INPUT names an activity that is not one of its counted entitlements, a day in the future, or a quantity outside 0.5-100 in halves. Audited.",
  })
  async recordSupportDelivered(
    @Arg("input", () => SupportDeliveryInput, { description: "What was delivered." })
    input: SupportDeliveryInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<SupportDeliveryType> {
    return toDelivery(input.urn, await services.support.record(viewer!, input));
  }

  @Authorized("read")
  @Query(() => [CalendarTokenType], {
    description: "Your calendar feed tokens, newest first (never their secrets).",
  })
  async calendarTokens(@Ctx() { viewer, services }: Context): Promise<CalendarTokenType[]> {
    return services.calendar.tokens(viewer!);
  }

  @Authorized("read")
  @Mutation(() => IssuedCalendarTokenType, {
    description:
      "Issues you a read-only calendar feed token for GET /calendar/...ics?token= (calendar apps cannot send headers). It reads only the calendar, as your role and academies at each use; revoke it on its own. The secret is shown once.",
  })
  async createCalendarToken(
    @Arg("label", () => String, {
      description: 'Where it will be used: "Outlook on my laptop" (at most 100 characters).',
    })
    label: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<IssuedCalendarTokenType> {
    const issued = await services.calendar.issueToken(viewer!, label);
    return {
      calendarToken: issued.row,
      token: issued.token,
      trustFeedPath: issued.trustFeedPath,
    };
  }

  @Authorized("read")
  @Mutation(() => CalendarTokenType, {
    description:
      "Revokes one of your calendar feed tokens (a trust admin: any of the trust's); feeds using it are refused from now on.",
  })
  async revokeCalendarToken(
    @Arg("id", () => ID, { description: "The token's id (CalendarToken.id)." }) id: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<CalendarTokenType> {
    return services.calendar.revokeToken(viewer!, id);
  }
}

@Resolver(() => AcademyCardType)
export class AcademyCardSupportResolver {
  @FieldResolver(() => [SupportUseType], { description: SUPPORT_USE })
  async supportUse(
    @Root() card: AcademyCardType,
    @Ctx() context: Context,
  ): Promise<SupportUseType[]> {
    return context.loaders.supportUse.load({ options: card.year, id: card.academy.id });
  }
}

@Resolver(() => OverviewRowType)
export class OverviewSupportResolver {
  @FieldResolver(() => [SupportUseType], { description: SUPPORT_USE })
  async supportUse(
    @Root() row: OverviewRowType & { readonly year?: string },
    @Ctx() context: Context,
  ): Promise<SupportUseType[]> {
    return row.year
      ? context.loaders.supportUse.load({ options: row.year, id: row.academy.id })
      : [];
  }
}

// The three live streams and their catch-up queries. Events come from the
// event bus (server/live/events) in commit order with a position each;
// this file only decides who may see an event and how it looks in GraphQL.
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  Int,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import type { Context } from "../context.type.js";
import { URNScalar } from "../scalars.js";
import {
  DesignationChangePageType,
  DesignationChangeType,
  ProgressChangePageType,
  ProgressChangeType,
  TargetChangePageType,
  TargetChangeType,
} from "../types/live.type.js";
import { toMeasurement, toTarget } from "../mappers.js";
import { shownDesignation } from "./academy.resolver.js";
import { badInput, DomainError } from "../../domain/index.js";
import { canSeeAcademy, type Viewer } from "../../auth/viewer.js";
import {
  decodeCursor,
  encodeCursor,
  type EventKind,
  type LiveEvent,
} from "../../live/events/index.js";
import type { TargetType } from "../types/academy-card.type.js";
import { ErrorCode } from "../../shared/index.js";

interface Filter {
  readonly urn: string | null;
  readonly metric?: string | null;
}

const DEFAULT_PAGE = 200;
const MAX_PAGE = 1000;

function signedIn(context: Context): Viewer {
  if (!context.viewer)
    throw new DomainError(
      ErrorCode.UNAUTHENTICATED,
      'Sign in: pass { authorization: "Bearer <token>" } in the connection parameters.',
    );
  return context.viewer;
}

/** Who may see an event, and whether this subscriber asked for it. */
function acceptor(viewer: Viewer, kind: EventKind, filter: Filter): (event: LiveEvent) => boolean {
  return (event) =>
    event.kind === kind &&
    event.trustId === viewer.trustId &&
    canSeeAcademy(viewer, event.urn) &&
    (!filter.urn || event.urn === filter.urn) &&
    (!filter.metric || ("metric" in event.data && event.data.metric === filter.metric));
}

/** The position an `after` cursor names, checked against the viewer's trust. */
function positionOf(viewer: Viewer, after: string | null | undefined): number | null {
  if (after === null || after === undefined) return null;
  const decoded = decodeCursor(after);
  if (!decoded || decoded.trustId !== viewer.trustId)
    throw badInput([
      {
        field: "after",
        value: after.slice(0, 40),
        accepts: "a cursor this server gave you (a change's `cursor` or a page's `cursor`)",
        message: `after: "${after.slice(0, 40)}" is not a cursor for your trust; pass the \`cursor\` of the last change you received`,
      },
    ]);
  return decoded.seq;
}

async function subscribeTo(
  data: SubscribeResolverData<unknown, Record<string, unknown>, Context>,
  kind: EventKind,
  filter: Filter,
): Promise<AsyncIterableIterator<LiveEvent>> {
  const viewer = signedIn(data.context);
  // An academy the viewer cannot see is NOT_FOUND, as a query answers, never a silent stream.
  if (filter.urn) await data.context.services.academies.get(viewer, filter.urn);
  const args = data.args as { after?: string | null; since?: Date | null };
  const events = data.context.services.events;
  let after = positionOf(viewer, args.after);
  if (after === null && args.since) after = await events.positionAt(viewer.trustId, args.since);
  return events.stream({ trustId: viewer.trustId, after, accept: acceptor(viewer, kind, filter) });
}

function firstOf(first: number | null): number {
  if (first === null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
    throw badInput([
      {
        field: "first",
        value: String(first),
        accepts: `1 to ${MAX_PAGE}`,
        message: `first: ${first} is not a page size; ask for 1 to ${MAX_PAGE} changes a page`,
      },
    ]);
  return first;
}

/** One page after a cursor (null: from the trust's first event). */
async function pageOf(
  context: Context,
  kind: EventKind,
  after: string | null,
  first: number | null,
  filter: Filter,
) {
  const viewer = signedIn(context);
  const limit = firstOf(first);
  const page = await context.services.events.page(
    viewer.trustId,
    positionOf(viewer, after) ?? 0,
    limit,
    acceptor(viewer, kind, filter),
  );
  return { ...page, cursor: encodeCursor(viewer.trustId, page.last) };
}

// One event reaches every subscriber as the same object: map it once for all of them.
const mapped = new WeakMap<LiveEvent, unknown>();

function once<T>(event: LiveEvent, map: () => T): T {
  if (mapped.has(event)) return mapped.get(event) as T;
  const value = map();
  mapped.set(event, value);
  return value;
}

/**
 * The target with its progress as of the event (or later): from the academy's
 * card for that year, one for every subscriber and reconnection, and none when
 * no subscriber selects `target`.
 */
function targetReader(
  context: Context,
  event: LiveEvent & { data: { year: string; metric: string } },
): () => Promise<TargetType | null> {
  let found: Promise<TargetType | null> | undefined;
  return () =>
    (found ??= (async () => {
      const { year, metric } = event.data;
      const card = await context.services.cards
        .liveCard(signedIn(context), event, year)
        .catch(() => null);
      const entry = card?.targets.find((target) => target.target.metric === metric);
      return entry ? toTarget(event.urn, entry) : null;
    })());
}

/** `target` as a getter: GraphQL reads (and awaits) it only when a subscriber selects it. */
function withTarget<T extends object>(
  change: T,
  read: () => Promise<TargetType | null>,
): T & { target: TargetType | null } {
  return Object.defineProperty(change, "target", { enumerable: true, get: read }) as T & {
    target: TargetType | null;
  };
}

type EventOf<K extends EventKind> = Extract<LiveEvent, { kind: K }>;

/** The event as its kind: a subscription or page of one kind only ever holds that kind. */
function ofKind<K extends EventKind>(event: LiveEvent, kind: K): EventOf<K> {
  if (event.kind !== kind) throw new Error(`expected a ${kind} event, got ${event.kind}`);
  return event as EventOf<K>;
}

function progressChange(context: Context, live: LiveEvent): ProgressChangeType {
  const event = ofKind(live, "progressChanged");
  return once(event, () =>
    withTarget(
      {
        cursor: encodeCursor(event.trustId, event.seq),
        urn: event.urn,
        year: event.data.year,
        metric: event.data.metric,
        at: event.at,
        measurement: toMeasurement(event.data.measurement),
      },
      targetReader(context, event),
    ),
  );
}

function targetChange(context: Context, live: LiveEvent): TargetChangeType {
  const event = ofKind(live, "targetChanged");
  return once(event, () =>
    withTarget(
      {
        cursor: encodeCursor(event.trustId, event.seq),
        urn: event.urn,
        year: event.data.year,
        metric: event.data.metric,
        at: event.at,
      },
      targetReader(context, event),
    ),
  );
}

async function designationChange(
  context: Context,
  live: LiveEvent,
): Promise<DesignationChangeType> {
  const event = ofKind(live, "designationChanged");
  const year = event.data.year;
  // A page of catch-up events finds its academies in one query.
  const academyId = await context.loaders.academyIdByUrn.load(event.urn);
  // Read afresh: a subscription's loaders live as long as it does.
  const key = { options: year, id: academyId ?? "" };
  const view = academyId ? await context.loaders.yearDesignation.clear(key).load(key) : null;
  return {
    cursor: encodeCursor(event.trustId, event.seq),
    urn: event.urn,
    at: event.at,
    year,
    designation: shownDesignation(view),
  };
}

const AFTER = {
  nullable: true,
  description:
    "Resume after this cursor (the `cursor` of the last change you received): the changes committed since then come first, in order, then live ones. Without it, only changes from now on.",
} as const;

/** A subscription's academy filter: one the viewer cannot see is refused, never a silent stream. */
const URN_FILTER = {
  nullable: true,
  description:
    "Only this academy. One you cannot see (another trust's, or outside your academies) is refused with NOT_FOUND, as an error on the subscription.",
} as const;

const RESUMING =
  " Changes arrive in commit order, each once per subscription; pass `after` (the last `cursor` you received) when reconnecting and nothing is lost or repeated.";

/** The arguments every catch-up page takes. */
@ArgsType()
class ChangesArgs {
  @Field(() => String, {
    nullable: true,
    description: "Start after this cursor; without it, from the first change kept.",
  })
  after!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Most changes in the page (1 to ${MAX_PAGE}; ${DEFAULT_PAGE} when not given).`,
  })
  first!: number | null;

  @Field(() => URNScalar, { nullable: true, description: "Only this academy." })
  urn!: string | null;
}

@ArgsType()
class ProgressChangesArgs extends ChangesArgs {
  @Field(() => String, { nullable: true, description: "Only this metric." })
  metric!: string | null;
}

@Resolver()
export class LiveResolver {
  @Authorized("read")
  @Subscription(() => ProgressChangeType, {
    description:
      "Each measurement recorded for the trust's academies (filter by URN and metric), with the target's progress." +
      RESUMING,
    subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, Context>) => {
      const args = data.args as { urn?: string | null; metric?: string | null };
      return subscribeTo(data, "progressChanged", {
        urn: args.urn ?? null,
        metric: args.metric ?? null,
      });
    },
  })
  progressChanged(
    @Root() event: LiveEvent,
    @Arg("urn", () => URNScalar, URN_FILTER)
    _urn: string | null,
    @Arg("metric", () => String, { nullable: true, description: "Only this metric." })
    _metric: string | null,
    @Arg("after", () => String, AFTER)
    _after: string | null,
    @Arg("since", () => Date, {
      nullable: true,
      deprecationReason:
        "Times do not follow commit order: a change committed later can carry an earlier time, and resuming by time can lose it. Pass `after` with the last `cursor` instead.",
      description:
        "Deprecated: first deliver the changes committed after this time (ignored when `after` is given).",
    })
    _since: Date | null,
    @Ctx() context: Context,
  ): ProgressChangeType {
    return progressChange(context, event);
  }

  @Authorized("read")
  @Subscription(() => DesignationChangeType, {
    description:
      "Each designation computed or decided in the trust (filter by URN), with the designation that counts in that year afterwards." +
      RESUMING,
    subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, Context>) =>
      subscribeTo(data, "designationChanged", {
        urn: (data.args as { urn?: string | null }).urn ?? null,
      }),
  })
  designationChanged(
    @Root() event: LiveEvent,
    @Arg("urn", () => URNScalar, URN_FILTER)
    _urn: string | null,
    @Arg("after", () => String, AFTER)
    _after: string | null,
    @Ctx() context: Context,
  ): Promise<DesignationChangeType> {
    return designationChange(context, event);
  }

  @Authorized("read")
  @Subscription(() => TargetChangeType, {
    description:
      "Each target created, changed or moved to another status in the trust (filter by URN)." +
      RESUMING,
    subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, Context>) =>
      subscribeTo(data, "targetChanged", {
        urn: (data.args as { urn?: string | null }).urn ?? null,
      }),
  })
  targetChanged(
    @Root() event: LiveEvent,
    @Arg("urn", () => URNScalar, URN_FILTER)
    _urn: string | null,
    @Arg("after", () => String, AFTER)
    _after: string | null,
    @Ctx() context: Context,
  ): TargetChangeType {
    return targetChange(context, event);
  }

  @Authorized("read")
  @Query(() => String, {
    description:
      "The trust's current position in its sequence of changes: read it before reading data, then subscribe with `after` set to it, and no change in between is missed.",
  })
  async liveCursor(@Ctx() context: Context): Promise<string> {
    const viewer = signedIn(context);
    return encodeCursor(viewer.trustId, await context.services.events.head(viewer.trustId));
  }

  @Authorized("read")
  @Query(() => ProgressChangePageType, {
    description:
      "Measurements recorded after a cursor, oldest first, a page at a time (`hasMore` says when more follow): what a client missed.",
  })
  async progressChanges(
    @Args(() => ProgressChangesArgs) { after, first, urn, metric }: ProgressChangesArgs,
    @Ctx() context: Context,
  ): Promise<ProgressChangePageType> {
    const page = await pageOf(context, "progressChanged", after, first, { urn, metric });
    return { ...page, changes: page.events.map((event) => progressChange(context, event)) };
  }

  @Authorized("read")
  @Query(() => DesignationChangePageType, {
    description:
      "Designation changes after a cursor, oldest first, a page at a time (`hasMore` says when more follow).",
  })
  async designationChanges(
    @Args(() => ChangesArgs) { after, first, urn }: ChangesArgs,
    @Ctx() context: Context,
  ): Promise<DesignationChangePageType> {
    const page = await pageOf(context, "designationChanged", after, first, { urn });
    const changes = await Promise.all(
      page.events.map((event) => designationChange(context, event)),
    );
    return { ...page, changes };
  }

  @Authorized("read")
  @Query(() => TargetChangePageType, {
    description:
      "Target changes after a cursor, oldest first, a page at a time (`hasMore` says when more follow).",
  })
  async targetChanges(
    @Args(() => ChangesArgs) { after, first, urn }: ChangesArgs,
    @Ctx() context: Context,
  ): Promise<TargetChangePageType> {
    const page = await pageOf(context, "targetChanged", after, first, { urn });
    return { ...page, changes: page.events.map((event) => targetChange(context, event)) };
  }

  @Authorized("read")
  @Query(() => [ProgressChangeType], {
    deprecationReason:
      "Times do not follow commit order, and this list stops at 1,000 without saying so. Use `progressChanges(after:)`, which pages with `hasMore`.",
    description:
      "Deprecated: measurements committed after a time, oldest first (at most 1,000), each with its target's progress now.",
  })
  async progressChangesSince(
    @Arg("since", () => Date, { description: "Only changes committed after this time." })
    since: Date,
    @Arg("urn", () => URNScalar, { nullable: true, description: "Only this academy." })
    urn: string | null,
    @Arg("metric", () => String, { nullable: true, description: "Only this metric." })
    metric: string | null,
    @Ctx() context: Context,
  ): Promise<ProgressChangeType[]> {
    const viewer = signedIn(context);
    const after = await context.services.events.positionAt(viewer.trustId, since);
    const page = await context.services.events.page(
      viewer.trustId,
      after,
      MAX_PAGE,
      acceptor(viewer, "progressChanged", { urn, metric }),
    );
    return page.events.map((event) => progressChange(context, event));
  }
}

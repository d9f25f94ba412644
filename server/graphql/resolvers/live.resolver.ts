import {
  Arg,
  Authorized,
  Ctx,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import type { Context } from "../context.type.js";
import { DesignationChangeType, ProgressChangeType, TargetChangeType } from "../types/live.type.js";
import { toMeasurement, toTarget } from "../mappers.js";
import { shownDesignation } from "./academy.resolver.js";
import { eventStream } from "../../live/event-stream.js";
import { DomainError } from "../../domain/index.js";
import { canSeeAcademy, type Viewer } from "../../auth/viewer.js";
import {
  eventJson,
  type DesignationChangedEvent,
  type LiveEvent,
  type ProgressChangedEvent,
  type TargetChangedEvent,
} from "../../live/live-events.js";
import type { MeasurementRow, TargetWithProgress } from "../../services/academy-card.service.js";

/** Dates cross Redis as ISO text: turn fields named ...At back into Dates. */
function revive<T>(value: unknown): T {
  if (Array.isArray(value)) return value.map((item) => revive(item)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key.endsWith("At") && typeof inner === "string" ? new Date(inner) : revive(inner),
      ]),
    ) as T;
  }
  return value as T;
}

interface Filter {
  readonly urn: string | null;
  readonly metric?: string | null;
}

function visible(
  viewer: Viewer | null,
  event: LiveEvent,
  kind: LiveEvent["kind"],
  filter: Filter,
): boolean {
  if (
    !viewer ||
    event.kind !== kind ||
    event.trustId !== viewer.trustId ||
    !canSeeAcademy(viewer, event.urn)
  )
    return false;
  if (filter.urn && event.urn !== filter.urn) return false;
  return !(filter.metric && "metric" in event && event.metric !== filter.metric);
}

function stream<E extends LiveEvent>(
  { context }: SubscribeResolverData<unknown, Record<string, unknown>, Context>,
  kind: E["kind"],
  filter: Filter,
  first: Promise<readonly E[]> | readonly E[] = [],
  identity?: (event: E) => string,
): AsyncIterableIterator<E> {
  const viewer = context.viewer;
  if (!viewer)
    throw new DomainError(
      "UNAUTHENTICATED",
      'Sign in: pass { authorization: "Bearer <token>" } in the connection parameters.',
    );
  return eventStream<E>(
    (push) =>
      context.services.events.subscribe(viewer.trustId, (event) => {
        if (visible(viewer, event, kind, filter)) push(event as E);
      }),
    first,
    identity,
  );
}

// One event reaches every subscriber as the same object: map it once for all of them.
const mapped = new WeakMap<ProgressChangedEvent, ProgressChangeType>();

function progressChange(event: ProgressChangedEvent): ProgressChangeType {
  const known = mapped.get(event);
  if (known) return known;
  const change = mapProgressChange(event);
  mapped.set(event, change);
  return change;
}

function mapProgressChange(event: ProgressChangedEvent): ProgressChangeType {
  const target = event.target
    ? toTarget(event.urn, revive<TargetWithProgress>(event.target))
    : null;
  return {
    urn: event.urn,
    year: event.year,
    metric: event.metric,
    at: new Date(event.at),
    measurement: toMeasurement(revive<MeasurementRow>(event.measurement)),
    target,
  };
}

@Resolver()
export class LiveResolver {
  @Authorized("read")
  @Subscription(() => ProgressChangeType, {
    description:
      "Each measurement recorded for the trust's academies (filter by URN and metric), with the new progress. Pass `since` when reconnecting to receive what was recorded meanwhile first.",
    subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, Context>) => {
      const args = data.args as {
        urn?: string | null;
        metric?: string | null;
        since?: Date | null;
      };
      const filter = { urn: args.urn ?? null, metric: args.metric ?? null };
      // Listening starts before the catch-up is read, so nothing recorded in between is lost.
      const missed =
        args.since && data.context.viewer ? catchUp(data.context, args.since, filter) : [];
      return stream<ProgressChangedEvent>(data, "progressChanged", filter, missed, (event) =>
        String(event.measurement.id),
      );
    },
  })
  progressChanged(
    @Root() event: ProgressChangedEvent,
    @Arg("urn", () => String, { nullable: true, description: "Only this academy." })
    _urn: string | null,
    @Arg("metric", () => String, { nullable: true, description: "Only this metric." })
    _metric: string | null,
    @Arg("since", () => Date, {
      nullable: true,
      description: "First deliver the measurements recorded after this time.",
    })
    _since: Date | null,
  ): ProgressChangeType {
    return progressChange(event);
  }

  @Authorized("read")
  @Subscription(() => DesignationChangeType, {
    description:
      "Each designation computed or decided in the trust (filter by URN), with the designation that counts in that year afterwards.",
    subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, Context>) =>
      stream<DesignationChangedEvent>(data, "designationChanged", {
        urn: (data.args as { urn?: string | null }).urn ?? null,
      }),
  })
  async designationChanged(
    @Root() event: DesignationChangedEvent,
    @Arg("urn", () => String, { nullable: true, description: "Only this academy." })
    _urn: string | null,
    @Ctx() context: Context,
  ): Promise<DesignationChangeType> {
    const academy = await context.services.prisma.academy.findUnique({
      where: { trustId_urn: { trustId: context.viewer!.trustId, urn: event.urn } },
      select: { id: true },
    });
    const view = academy
      ? await context.loaders.yearDesignation.load(`${event.year}|${academy.id}`)
      : null;
    return {
      urn: event.urn,
      at: new Date(event.at),
      year: event.year,
      designation: shownDesignation(view),
    };
  }

  @Authorized("read")
  @Subscription(() => TargetChangeType, {
    description:
      "Each target created, changed or moved to another status in the trust (filter by URN).",
    subscribe: (data: SubscribeResolverData<unknown, Record<string, unknown>, Context>) =>
      stream<TargetChangedEvent>(data, "targetChanged", {
        urn: (data.args as { urn?: string | null }).urn ?? null,
      }),
  })
  targetChanged(
    @Root() event: TargetChangedEvent,
    @Arg("urn", () => String, { nullable: true, description: "Only this academy." })
    _urn: string | null,
  ): TargetChangeType {
    const target = event.target
      ? toTarget(event.urn, revive<TargetWithProgress>(event.target))
      : null;
    return {
      urn: event.urn,
      year: event.year,
      metric: event.metric,
      at: new Date(event.at),
      target,
    };
  }

  @Authorized("read")
  @Query(() => [ProgressChangeType], {
    description:
      "Measurements recorded after a time, oldest first (at most 1,000), each with its target's progress now: what a client missed while disconnected.",
  })
  async progressChangesSince(
    @Arg("since", () => Date, { description: "Only measurements recorded after this time." })
    since: Date,
    @Arg("urn", () => String, { nullable: true, description: "Only this academy." })
    urn: string | null,
    @Arg("metric", () => String, { nullable: true, description: "Only this metric." })
    metric: string | null,
    @Ctx() context: Context,
  ): Promise<ProgressChangeType[]> {
    return (await catchUp(context, since, { urn, metric })).map(progressChange);
  }
}

/** Measurements after `since`, as events, with each target's progress as it stands now. */
async function catchUp(
  context: Context,
  since: Date,
  filter: { urn: string | null; metric: string | null },
): Promise<ProgressChangedEvent[]> {
  const viewer = context.viewer!;
  const rows = await context.services.cards.measurementsSince(viewer, since, filter);
  const targets = new Map<string, Record<string, unknown> | null>();
  const events: ProgressChangedEvent[] = [];
  for (const { academy, ...measurement } of rows) {
    if (!canSeeAcademy(viewer, academy.urn)) continue;
    const key = `${academy.urn}|${measurement.metric}|${measurement.year}`;
    if (!targets.has(key)) {
      targets.set(
        key,
        await context.services.cards.snapshot(
          viewer,
          academy.urn,
          measurement.metric,
          measurement.year,
        ),
      );
    }
    events.push({
      kind: "progressChanged",
      trustId: viewer.trustId,
      urn: academy.urn,
      year: measurement.year,
      metric: measurement.metric,
      at: measurement.createdAt.toISOString(),
      measurement: eventJson(measurement),
      target: targets.get(key) ?? null,
    });
  }
  return events;
}

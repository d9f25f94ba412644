// The services the GraphQL layer and HTTP routes call; built once per server.
import type { DatabaseKind, Db } from "../db/index.js";
import type { LiveEvents } from "../live/events/index.js";
import { EventBus, type EventBusOptions } from "../live/events/index.js";
import { AcademyService } from "./academy.service.js";
import { AdministrationService } from "./administration.service.js";
import { AcademyCardService } from "./academy-card.service.js";
import { AuditService } from "./audit.service.js";
import { DesignationService } from "./designation.service.js";
import { FrameworkService } from "./framework.service.js";
import { OverviewService } from "./overview.service.js";
import { FlatRowsService } from "./flat-rows.service.js";
import { PublicDataService } from "./public-data.service.js";
import { NationalBenchmarkService } from "./national-benchmark.service.js";

export interface Services {
  readonly prisma: Db;
  readonly audit: AuditService;
  readonly administration: AdministrationService;
  readonly frameworks: FrameworkService;
  readonly academies: AcademyService;
  readonly designations: DesignationService;
  readonly cards: AcademyCardService;
  readonly overview: OverviewService;
  readonly flatRows: FlatRowsService;
  readonly publicData: PublicDataService;
  readonly nationalBenchmarks: NationalBenchmarkService;
  readonly events: EventBus;
}

export function createServices(
  prisma: Db,
  transport: LiveEvents,
  store: DatabaseKind,
  live: EventBusOptions = {},
): Services {
  const events = new EventBus(prisma, transport, live);
  const audit = new AuditService(prisma);
  const nationalBenchmarks = new NationalBenchmarkService(prisma);
  const frameworks = new FrameworkService(prisma, audit, nationalBenchmarks);
  const academies = new AcademyService(prisma, audit, store === "postgresql");
  const designations = new DesignationService(prisma, frameworks, audit, events);
  const cards = new AcademyCardService(prisma, academies, audit, events, nationalBenchmarks);
  const overview = new OverviewService(prisma, designations, nationalBenchmarks);
  return {
    prisma,
    audit,
    administration: new AdministrationService(prisma, audit),
    frameworks,
    academies,
    designations,
    cards,
    overview,
    flatRows: new FlatRowsService(overview, cards),
    publicData: new PublicDataService(
      prisma,
      frameworks,
      audit,
      events,
      designations,
      nationalBenchmarks,
    ),
    nationalBenchmarks,
    events,
  };
}

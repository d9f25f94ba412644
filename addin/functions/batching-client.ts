// The custom functions' way to the server. Calls made during one
// recalculation are collected for a few milliseconds (BatchWindow) and sent
// together: one designateRows per framework and header row (5,000 rows a
// request), one academyCards query per year and 500 academies. Identical
// calls share one row. Nothing is cached between recalculations, so a
// failure (server down, signed out) lasts exactly as long as its cause.
import type { GraphQLHttpClient } from "../shared/graphql-client.js";
import { BatchWindow } from "./batch-window.js";
import { cardKey, sendCards, type CardCall } from "./card-requests.js";
import {
  DesignationRequests,
  RowGroups,
  designationKey,
  mergeCalls,
  type DesignationAnswer,
  type DesignationCall,
} from "./designation-requests.js";
import type { CardResult } from "./operations.js";

export interface BatchingOptions {
  /** Quiet time that closes a batch (default 15 ms). */
  readonly windowMs?: number;
  /** Longest a call waits for its batch to close (default 250 ms). */
  readonly maxWaitMs?: number;
  /** Rows per designateRows request (default 5,000; the server takes up to MAX_BATCH_ROWS). */
  readonly maxRowsPerRequest?: number;
  /** Academies per academyCards request (default 500, the most the server takes). */
  readonly maxCardsPerRequest?: number;
}

export class BatchingClient {
  private readonly designations: BatchWindow<DesignationCall, DesignationAnswer>;
  private readonly cards: BatchWindow<CardCall, CardResult>;
  private readonly groups = new RowGroups();

  constructor(client: () => Promise<GraphQLHttpClient>, options: BatchingOptions = {}) {
    const timing = { windowMs: options.windowMs ?? 15, maxWaitMs: options.maxWaitMs ?? 250 };
    const requests = new DesignationRequests(options.maxRowsPerRequest ?? 5_000);
    this.designations = new BatchWindow(
      async (batch) => requests.send(await client(), batch),
      timing,
      mergeCalls,
    );
    this.cards = new BatchWindow(
      async (batch) => sendCards(await client(), batch, options.maxCardsPerRequest),
      timing,
    );
  }

  /**
   * One academy's row designated under a framework (a bad row answers with
   * its problems); `explain`: with its reasons and coverage, which only
   * MAT.EXPLAIN and MAT.WHATIF's changes read.
   */
  designate(
    framework: string,
    row: DesignationCall["row"],
    explain: boolean,
  ): Promise<DesignationAnswer> {
    const call = { framework, row, explain, group: this.groups.idOf(framework, row) };
    return this.designations.call(designationKey(call), call);
  }

  /** An academy's card for a year: its targets with progress. */
  card(urn: string, year: string): Promise<CardResult> {
    const call = { urn, year };
    return this.cards.call(cardKey(call), call);
  }
}

// Sends one recalculation's academy-card calls as aliased academyCard
// queries (c0: academyCard(...) c1: ...), as many per request as the
// server's query-cost limit allows.
//
// Every root field is non-null, so one unknown URN makes the server answer
// `data: null` with that alias's error (and only the first such error). The
// named aliases are answered with their error and the rest sent again; the
// first time a URN is not found, the trust's roster of URNs (one small paged
// query) answers every other unknown URN at once, so a workbook with typos
// costs two extra requests, not one per typo.
import {
  AddinFailure,
  failureKindOf,
  type FailureKind,
  type GraphQLHttpClient,
} from "../shared/graphql-client.js";
import type { Outcome } from "./batch-window.js";
import {
  ACADEMY_ROSTER,
  CARD_COST,
  cardsQuery,
  cardsVariables,
  type AcademyRosterData,
  type CardResult,
} from "./operations.js";

export interface CardCall {
  readonly urn: string;
  readonly year: string;
}

export function cardKey(call: CardCall): string {
  return `${call.urn}|${call.year}`;
}

type Entry = readonly [string, CardCall];

/** Failures that belong to one card's arguments, not to the viewer or the request. */
const PER_CARD: ReadonlySet<FailureKind> = new Set(["NOT_FOUND", "BAD_USER_INPUT"]);
type Outcomes = Map<string, Outcome<CardResult>>;

/**
 * Most aliases per request: under the cost limit, and at most 250. The cap is
 * the server's: it looks each academy up with a findUnique that Prisma merges
 * across aliases into one SQL statement, which fails past SQLite's 999
 * parameters (about 333 cards, found by test); 250 keeps a margin.
 */
export const MAX_CARDS_PER_REQUEST = 250;

export function cardsPerRequest(maxQueryCost: number): number {
  return Math.max(1, Math.min(MAX_CARDS_PER_REQUEST, Math.floor(maxQueryCost / CARD_COST)));
}

export async function sendCards(
  client: GraphQLHttpClient,
  batch: ReadonlyMap<string, CardCall>,
  maxQueryCost: number,
): Promise<Outcomes> {
  const outcomes: Outcomes = new Map();
  const entries = [...batch];
  const size = cardsPerRequest(maxQueryCost);
  const roster = once(() => fetchRoster(client));
  const chunks: Entry[][] = [];
  for (let start = 0; start < entries.length; start += size)
    chunks.push(entries.slice(start, start + size));
  await Promise.all(chunks.map((chunk) => sendChunk(client, chunk, roster, outcomes)));
  return outcomes;
}

async function sendChunk(
  client: GraphQLHttpClient,
  chunk: readonly Entry[],
  roster: () => Promise<ReadonlySet<string> | null>,
  outcomes: Outcomes,
): Promise<void> {
  let pending = chunk;
  // Each round answers at least one alias, so this ends.
  while (pending.length > 0) {
    try {
      const { data } = await client.send<Record<string, CardResult | null>>(
        cardsQuery(pending.length),
        cardsVariables(pending.map(([, call]) => call)),
      );
      pending.forEach(([key], index) => {
        const card = data?.[`c${index}`];
        outcomes.set(
          key,
          card ? { value: card } : { failure: new AddinFailure("SERVER", "No card came back") },
        );
      });
      return;
    } catch (error) {
      if (!(error instanceof AddinFailure)) throw error;
      const blamed = blamedAliases(error, pending.length);
      const viewerWide = [...blamed.values()].find((failure) => !PER_CARD.has(failure.kind));
      if (viewerWide) {
        // Signed out or forbidden: every other alias would say the same.
        for (const [key] of pending) outcomes.set(key, { failure: viewerWide });
        return;
      }
      if (blamed.size === 0) {
        if (error.errors[0]?.extensions?.code === "QUERY_TOO_COMPLEX" && pending.length > 1) {
          // The server's limit is lower than ours: halve until it fits.
          const half = Math.ceil(pending.length / 2);
          await Promise.all([
            sendChunk(client, pending.slice(0, half), roster, outcomes),
            sendChunk(client, pending.slice(half), roster, outcomes),
          ]);
          return;
        }
        for (const [key] of pending) outcomes.set(key, { failure: error });
        return;
      }
      for (const [index, failure] of blamed) outcomes.set(pending[index]![0], { failure });
      pending = pending.filter((_, index) => !blamed.has(index));
      if ([...blamed.values()].some((failure) => failure.kind === "NOT_FOUND")) {
        const known = await roster();
        if (known) {
          pending = pending.filter(([key, call]) => {
            if (known.has(call.urn)) return true;
            outcomes.set(key, { failure: unknownUrn(call.urn) });
            return false;
          });
        }
      }
    }
  }
}

/** The aliases (by index) a failed response names in its errors' paths, with their own error. */
function blamedAliases(failure: AddinFailure, count: number): Map<number, AddinFailure> {
  const blamed = new Map<number, AddinFailure>();
  for (const error of failure.errors) {
    const alias = error.path?.[0];
    const match = typeof alias === "string" ? /^c(\d+)$/.exec(alias) : null;
    const index = match ? Number(match[1]) : -1;
    if (index < 0 || index >= count || blamed.has(index)) continue;
    blamed.set(
      index,
      new AddinFailure(failureKindOf(error.extensions?.code), error.message, [error]),
    );
  }
  return blamed;
}

function unknownUrn(urn: string): AddinFailure {
  return new AddinFailure("NOT_FOUND", `No academy with URN ${urn} in your trust`);
}

/** Every URN the viewer may see, or null when the roster cannot be read. */
async function fetchRoster(client: GraphQLHttpClient): Promise<ReadonlySet<string> | null> {
  const urns = new Set<string>();
  let after: string | null = null;
  try {
    for (let page = 0; page < 200; page++) {
      const data: AcademyRosterData = await client.request<AcademyRosterData>(ACADEMY_ROSTER, {
        after,
      });
      for (const edge of data.academies.edges) urns.add(edge.node.urn);
      if (!data.academies.pageInfo.hasNextPage) return urns;
      after = data.academies.pageInfo.endCursor;
    }
    return urns;
  } catch {
    // Without a roster the aliases are still answered, one round at a time.
    return null;
  }
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => (promise ??= make());
}

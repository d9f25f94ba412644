// Sends one recalculation's academy-card calls as academyCards queries: one
// per year and up to 500 distinct URNs (the server's limit), all sent at
// once. The server answers in the order asked, with null for a URN that is
// not one of the viewer's academies: that cell is #N/A "No academy with URN
// ... in your trust", and its neighbours are answered as usual.
//
// The server's cost estimate of academyCards grows by one per URN
// (ACADEMY_CARDS_COST + n), well within the default limit for 500 URNs, so
// requests are not sized by cost. Should a server refuse one as
// QUERY_TOO_COMPLEX all the same (a lower MAX_QUERY_COST), it is halved while
// dropping URNs can bring it within the limit (the excess is smaller than the
// URNs asked for) and halving lowers the cost the server reports; otherwise
// the cells show the server's message rather than a request being sent per academy.
import type { GraphQLResponse } from "../shared/graphql-client.js";
import { ErrorCode } from "../../server/shared/index.js";
import {
  AddinFailure,
  failureKindOf,
  type GraphQLErrorBody,
  type GraphQLHttpClient,
} from "../shared/graphql-client.js";
import type { Outcome } from "./batch-window.js";
import { notAvailable } from "./excel-error.js";
import {
  ACADEMY_CARDS,
  MAX_CARDS_PER_REQUEST,
  type AcademyCardsData,
  cardResultOf,
  type CardResult,
} from "./operations.js";

export interface CardCall {
  readonly urn: string;
  readonly year: string;
}

export function cardKey(call: CardCall): string {
  return `${call.urn}|${call.year}`;
}

type Outcomes = Map<string, Outcome<CardResult>>;

export async function sendCards(
  client: GraphQLHttpClient,
  batch: ReadonlyMap<string, CardCall>,
  perRequest = MAX_CARDS_PER_REQUEST,
): Promise<Outcomes> {
  const outcomes: Outcomes = new Map();
  // The batch's keys are urn|year, so each year's URNs are distinct.
  const urnsByYear = new Map<string, string[]>();
  for (const { urn, year } of batch.values()) {
    const urns = urnsByYear.get(year);
    if (urns) urns.push(urn);
    else urnsByYear.set(year, [urn]);
  }
  const size = Math.max(1, Math.min(MAX_CARDS_PER_REQUEST, perRequest));
  const requests: Promise<void>[] = [];
  for (const [year, urns] of urnsByYear)
    for (let start = 0; start < urns.length; start += size)
      requests.push(sendChunk(client, year, urns.slice(start, start + size), outcomes, null));
  await Promise.all(requests);
  return outcomes;
}

async function sendChunk(
  client: GraphQLHttpClient,
  year: string,
  urns: readonly string[],
  outcomes: Outcomes,
  refusedCost: number | null,
): Promise<void> {
  const settle = (urn: string, outcome: Outcome<CardResult>) =>
    outcomes.set(cardKey({ urn, year }), outcome);
  let response: GraphQLResponse<AcademyCardsData>;
  try {
    response = await client.send(ACADEMY_CARDS, { urns, year });
  } catch (error) {
    if (!(error instanceof AddinFailure)) throw error;
    const refusal = refusedCostOf(error);
    const cost = refusal?.cost ?? null;
    if (
      refusal !== null &&
      cost !== null &&
      urns.length > 1 &&
      cost - refusal.limit < urns.length &&
      (refusedCost === null || cost < refusedCost)
    ) {
      const half = Math.ceil(urns.length / 2);
      await Promise.all([
        sendChunk(client, year, urns.slice(0, half), outcomes, cost),
        sendChunk(client, year, urns.slice(half), outcomes, cost),
      ]);
      return;
    }
    // Signed out, unreachable, or a refusal halving cannot cure: every card of the request says so.
    for (const urn of urns) settle(urn, { failure: error });
    return;
  }
  const cards = response.data?.academyCards;
  if (!cards) {
    const failure = new AddinFailure("SERVER", "No cards came back");
    for (const urn of urns) settle(urn, { failure });
    return;
  }
  urns.forEach((urn, index) => {
    const card = cards[index];
    if (card) {
      settle(urn, { value: cardResultOf(card) });
      return;
    }
    const error = response.errors.find(
      (entry) => entry.path?.[0] === "academyCards" && entry.path[1] === index,
    );
    settle(urn, {
      failure: error ? failureOf(error) : notAvailable(`No academy with URN ${urn} in your trust`),
    });
  });
}

/**
 * The cost and limit the server gave when it refused a request as too
 * costly (its `extensions.cost` and `maximumCost`), or null for any other
 * failure (a depth refusal carries no cost).
 */
function refusedCostOf(failure: AddinFailure): { cost: number; limit: number } | null {
  const extensions = failure.errors[0]?.extensions;
  if (extensions?.code !== ErrorCode.QUERY_TOO_COMPLEX) return null;
  const { cost, maximumCost } = extensions;
  return cost !== undefined && maximumCost !== undefined ? { cost, limit: maximumCost } : null;
}

function failureOf(error: GraphQLErrorBody): AddinFailure {
  return new AddinFailure(failureKindOf(error.extensions?.code), error.message, [error]);
}

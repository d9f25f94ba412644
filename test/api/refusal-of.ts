// The refusal an API test expects: the GraphQL error's message, code and
// problems. A request that succeeds instead fails the test, showing what it answered.
import { graphQLErrorOf } from "../support/test-server.js";

export type Refusal = ReturnType<typeof graphQLErrorOf>;

export async function refusalOf(request: Promise<unknown>): Promise<Refusal> {
  let answer: unknown;
  try {
    answer = await request;
  } catch (error) {
    return graphQLErrorOf(error);
  }
  throw new Error(
    `Expected the request to be refused, but it answered ${JSON.stringify(answer).slice(0, 500)}`,
  );
}

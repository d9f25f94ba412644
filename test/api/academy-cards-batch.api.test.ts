// academyCards: many cards in one request, in the order asked, null where a
// URN is not the viewer's, in a fixed number of queries whatever the count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { DEMO_ROWS } from "../../server/demo/demo-risk-matrix.js";

const CARDS = gql`
  query ($urns: [URN!]!, $year: AcademicYear!) {
    academyCards(urns: $urns, year: $year) {
      academy {
        urn
      }
      designation {
        level {
          key
        }
      }
      targets {
        metric
        progress {
          latest
          rag
        }
      }
    }
  }
`;
const CARD = gql`
  query ($urn: URN!, $year: AcademicYear!) {
    academyCard(urn: $urn, year: $year) {
      academy {
        urn
      }
      designation {
        level {
          key
        }
      }
      targets {
        metric
        progress {
          latest
          rag
        }
      }
    }
  }
`;

type Card = {
  academy: { urn: string };
  designation: { level: { key: string } | null } | null;
  targets: { metric: string; progress: { latest: number | null; rag: string | null } }[];
};

describe.each(await storesToTest())("academyCards on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers each URN in order, the same as academyCard, with null for a URN that is not the viewer's", async () => {
    const urns = ["140003", "999999", "140001", "140003"];
    const leader = server.client(server.tokens.leader);
    const { academyCards } = await leader.request<{ academyCards: (Card | null)[] }>(CARDS, {
      urns,
      year: "2025/26",
    });
    expect(academyCards.map((card) => card?.academy.urn ?? null)).toEqual([
      "140003",
      null,
      "140001",
      "140003",
    ]);
    for (const urn of ["140001", "140003"]) {
      const { academyCard } = await leader.request<{ academyCard: Card }>(CARD, {
        urn,
        year: "2025/26",
      });
      expect(academyCards.find((card) => card?.academy.urn === urn)).toEqual(academyCard);
    }
    const academyUser = server.client(server.tokens.academy);
    const scoped = await academyUser.request<{ academyCards: (Card | null)[] }>(CARDS, {
      urns: ["140001", "140002"],
      year: "2025/26",
    });
    expect(scoped.academyCards.map((card) => card?.academy.urn ?? null)).toEqual(["140001", null]);
  });

  it("uses the same number of queries for 2 cards as for all 14", async () => {
    const leader = server.client(server.tokens.leader);
    const count = async (urns: string[]) => {
      await leader.request(CARDS, { urns, year: "2025/26" });
      server.handle.resetQueryCount();
      await leader.request(CARDS, { urns, year: "2025/26" });
      return server.handle.queryCount();
    };
    const few = await count(["140001", "140002"]);
    const all = await count(DEMO_ROWS.map((row) => String(row.URN)));
    expect(all).toBe(few);
    // The designation that counts reads the trust's framework, the year's computed designations,
    // decisions and evidence: four queries for all the cards, in place of one; the trust's loaded
    // national figures, once for progress and once with the framework.
    expect(all).toBeLessThanOrEqual(12);
  });

  it("refuses more than 500 URNs with a clear message", async () => {
    const urns = Array.from({ length: 501 }, (_, index) => String(400_000 + index));
    const error = await server
      .client(server.tokens.leader)
      .request(CARDS, { urns, year: "2025/26" })
      .catch(
        (caught: { response: { errors: { message: string }[] } }) =>
          caught.response.errors[0]!.message,
      );
    expect(error).toContain("asks for 501 academy cards");
    expect(error).toContain("the limit is 500");
  });
});

// A web page on another origin reading the API as an outside developer
// writes it (docs/clients.md "Apollo Client in a web page"): Apollo Client
// with its default headers and client awareness, queries over HTTP and a
// subscription over graphql-ws, and an export downloaded with fetch, its file
// name read from Content-Disposition. Bundled with esbuild by the test;
// `window.outside` is what the test reads, the page is what people see.
import { ApolloClient, HttpLink, InMemoryCache, gql, split } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";

interface OverviewData {
  trustOverview: {
    trustName: string;
    academies: {
      academy: { urn: string; name: string };
      designation: { level: { label: string } | null; status: string } | null;
      rag: { green: number; amber: number; red: number; none: number };
    }[];
  };
}

interface ProgressData {
  progressChanged: {
    urn: string;
    metric: string;
    measurement: { period: string; value: number };
    target: { progress: { rag: string | null } } | null;
  };
}

interface Outside {
  overview: OverviewData["trustOverview"] | null;
  events: ProgressData["progressChanged"][];
  download: { file: string; bytes: number } | null;
  errors: string[];
  subscribed: boolean;
}

declare global {
  interface Window {
    /** Set by the page's HTML: where the API is and the token to send. */
    MAT_SERVER: string;
    MAT_TOKEN: string;
    MAT_YEAR: string;
    outside: Outside;
  }
}

const OVERVIEW = gql`
  query Overview($year: AcademicYear!) {
    trustOverview(year: $year) {
      trustName
      academies {
        academy {
          urn
          name
        }
        designation {
          level {
            label
          }
          status
        }
        rag {
          green
          amber
          red
          none
        }
      }
    }
  }
`;

const PROGRESS = gql`
  subscription Progress {
    progressChanged {
      urn
      metric
      measurement {
        period
        value
      }
      target {
        progress {
          rag
        }
      }
    }
  }
`;

const outside: Outside = {
  overview: null,
  events: [],
  download: null,
  errors: [],
  subscribed: false,
};
window.outside = outside;

function element(tag: string, text: string, parent: Element): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  parent.append(node);
  return node;
}

const server = window.MAT_SERVER;
const authorization = `Bearer ${window.MAT_TOKEN}`;
const year = window.MAT_YEAR;

// Queries and mutations over HTTP, subscriptions over graphql-ws, on one client.
const httpLink = new HttpLink({ uri: `${server}/graphql`, headers: { authorization } });
const wsLink = new GraphQLWsLink(
  createClient({
    url: `${server.replace(/^http/, "ws")}/graphql`,
    connectionParams: { authorization },
  }),
);
const client = new ApolloClient({
  link: split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === "OperationDefinition" && definition.operation === "subscription";
    },
    wsLink,
    httpLink,
  ),
  cache: new InMemoryCache(),
  // Sent as the apollographql-client-name and -version headers.
  clientAwareness: { name: "trust-dashboard", version: "1.0.0" },
});

const status = document.querySelector("#status")!;
const table = document.querySelector("#overview tbody")!;
const live = document.querySelector("#live")!;

async function showOverview(): Promise<void> {
  try {
    const { data } = await client.query<OverviewData>({ query: OVERVIEW, variables: { year } });
    if (!data) throw new Error("no data");
    outside.overview = data.trustOverview;
    document.querySelector("#trust")!.textContent = `${data.trustOverview.trustName}, ${year}`;
    for (const row of data.trustOverview.academies) {
      const line = document.createElement("tr");
      element("td", row.academy.urn, line);
      element("td", row.academy.name, line);
      element("td", row.designation?.level?.label ?? "not yet designated", line);
      element("td", (row.designation?.status ?? "").toLowerCase().replaceAll("_", " "), line);
      const rag = element("td", "", line);
      for (const colour of ["green", "amber", "red"] as const)
        element("span", String(row.rag[colour]), rag).className = `rag ${colour}`;
      table.append(line);
    }
    status.textContent = "Connected from another origin with Apollo Client.";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outside.errors.push(`overview: ${message}`);
    status.textContent = `Could not read the overview: ${message}`;
  }
}

function followProgress(): void {
  client.subscribe<ProgressData>({ query: PROGRESS }).subscribe({
    next: ({ data }) => {
      if (!data) return;
      const change = data.progressChanged;
      outside.events.push(change);
      element(
        "li",
        `${change.urn} ${change.metric} ${change.measurement.period}: ${change.measurement.value} (${change.target?.progress.rag ?? "no RAG"})`,
        live,
      );
    },
    error: (error: unknown) =>
      outside.errors.push(`live: ${error instanceof Error ? error.message : String(error)}`),
  });
  outside.subscribed = true;
}

/** Downloads the overview workbook, naming it as the server does (Content-Disposition). */
async function download(): Promise<void> {
  try {
    const response = await fetch(
      `${server}/export/overview.xlsx?year=${encodeURIComponent(year)}`,
      {
        headers: { authorization },
      },
    );
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const disposition = response.headers.get("content-disposition") ?? "";
    const file = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "download.xlsx";
    const blob = await response.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = file;
    link.textContent = `${file} (${Math.round(blob.size / 1024)} KB)`;
    document.querySelector("#download")!.replaceChildren(link);
    outside.download = { file, bytes: blob.size };
  } catch (error) {
    outside.errors.push(`export: ${error instanceof Error ? error.message : String(error)}`);
  }
}

await showOverview();
if (outside.errors.length === 0) {
  followProgress();
  await download();
}

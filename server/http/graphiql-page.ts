// A GraphQL IDE that works with no internet: GraphiQL and React served from
// npm packages on this server, never from a CDN.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express, { type Router } from "express";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const FILES: Record<string, string> = {
  "react.js": join(packageDir("react"), "umd", "react.production.min.js"),
  "react-dom.js": join(packageDir("react-dom"), "umd", "react-dom.production.min.js"),
  "graphiql.js": join(packageDir("graphiql"), "graphiql.min.js"),
  "graphiql.css": join(packageDir("graphiql"), "graphiql.min.css"),
};

const EXAMPLE = `# Welcome. Add a header { "Authorization": "Bearer <token>" } below (npm start
# prints demo tokens). Presets can be tried without one where PUBLIC_EVALUATION=true.
query Presets {
  frameworks { key name levels { key label rank risk } }
}

query TryADesignation {
  designate(framework: "phase-model", evidence: [
    { indicator: "phase", value: "secondary" }
    { indicator: "Latest Ofsted judgement", value: "Good" }
    { indicator: "P8", value: "-0.62" }
  ]) {
    level { key label }
    reasons { source message }
    support { activity quantity unit per }
  }
}
`;

function page(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>MAT designations - GraphQL IDE</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>html,body,#ide{height:100%;margin:0}</style>
</head>
<body>
<div id="ide">Loading GraphiQL...</div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)}, subscriptionUrl: location.origin.replace(/^http/, "ws") + ${JSON.stringify(endpoint)} });
  ReactDOM.createRoot(document.getElementById("ide")).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE)}, defaultEditorToolsVisibility: "headers", shouldPersistHeaders: false })
  );
</script>
</body>
</html>`;
}

/** Routes: GET /graphiql (the page) and its scripts under /graphiql/. */
export function graphiqlRouter(endpoint: string): Router {
  const router = express.Router();
  router.get("/graphiql", (_request, response) => {
    response.type("html").send(page(endpoint));
  });
  for (const [name, file] of Object.entries(FILES)) {
    router.get(`/graphiql/${name}`, (_request, response) =>
      response.sendFile(file, { maxAge: "1d" }),
    );
  }
  return router;
}

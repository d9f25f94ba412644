import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // One graphql module for everything (DESIGN.md): type-graphql is inlined by
  // vitest while Apollo Server loads graphql's CommonJS build from Node, so the
  // inlined code is pointed at that same build.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    include: ["test/**/*.test.ts"],
    // Child processes (`node --import tsx server/main.ts`) compile with the
    // options `npm start` uses (type-graphql's decorators): see tsconfig.run.json.
    env: { TSX_TSCONFIG_PATH: fileURLToPath(new URL("tsconfig.run.json", import.meta.url)) },
    server: { deps: { inline: ["type-graphql", "graphql-scalars"] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // type-graphql and the tests must share one graphql module (DESIGN.md).
    server: { deps: { inline: ["type-graphql"] } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});

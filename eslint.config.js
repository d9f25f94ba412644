// Lint rules that guard the design (STYLE.md 14): the domain stays free of
// GraphQL, Prisma, HTTP, Node and Office imports; live events stay free of
// GraphQL (graphql -> live/transport -> live/events, never back).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["node_modules", "dist", "data", "generated", "coverage", "test-results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["server/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "graphql*",
                "type-graphql",
                "@prisma/*",
                "express",
                "node:*",
                "fs",
                "path",
                "@apollo/*",
                "react*",
                "@fluentui/*",
              ],
              message:
                "The domain engine is pure: no GraphQL, Prisma, HTTP, Node or Office imports.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/live/events/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "graphql",
                "graphql/*",
                "graphql-ws",
                "graphql-ws/*",
                "type-graphql",
                "@apollo/*",
                "**/graphql/**",
                "**/live/transport/**",
                "../transport/**",
              ],
              message:
                "Live events know nothing of GraphQL: shape events for GraphQL in server/graphql, serve them in server/live/transport.",
            },
          ],
        },
      ],
    },
  },
);

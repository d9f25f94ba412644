// Lint rules that guard the design (STYLE.md 14): the domain stays free of
// GraphQL, Prisma, HTTP, Node and Office imports; live events stay free of
// GraphQL (graphql -> live/transport -> live/events, never back); the add-in
// reaches the server only through server/shared/index.ts; server/shared stays
// pure; and a promise is never left unawaited by accident (type-aware rules).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

/** Imports no pure module may make: frameworks, the database, Node, the browser's UI. */
const IMPURE = [
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
];

/** A no-restricted-imports rule for some files: each pattern says why it is refused. */
function restrictImports(files, patterns) {
  return { files, rules: { "no-restricted-imports": ["error", { patterns }] } };
}

export default tseslint.config(
  { ignores: ["node_modules", "dist", "data", "generated", "coverage", "test-results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
  restrictImports(
    ["server/domain/**/*.ts"],
    [
      {
        group: IMPURE,
        message: "The domain engine is pure: no GraphQL, Prisma, HTTP, Node or Office imports.",
      },
      {
        regex: "(^|/)shared(/index(\\.js)?)?$",
        message:
          "The domain imports server/shared's own modules (error-codes.js, academic-year.js...), not its index, which re-exports the domain.",
      },
    ],
  ),
  restrictImports(
    ["server/shared/**/*.ts"],
    [
      {
        group: IMPURE,
        message:
          "server/shared is pure (the add-in bundles it): no GraphQL, Prisma, HTTP, Node or React imports.",
      },
      {
        regex: "^\\.\\./(?!domain/)",
        message: "server/shared imports only its own modules and server/domain.",
      },
    ],
  ),
  {
    ...restrictImports(
      ["addin/**/*.ts", "addin/**/*.tsx"],
      [
        {
          regex: "/server/(?!shared/index\\.js$)",
          message:
            "The add-in imports from the server only through server/shared/index.js (the rules both sides use).",
        },
      ],
    ),
    ignores: ["addin/build.ts", "addin/dev-https.ts", "addin/assets/**"],
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

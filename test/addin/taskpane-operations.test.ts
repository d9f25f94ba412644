// Every GraphQL operation the task pane sends is valid against the committed
// schema (schema/schema.graphql), so a renamed field fails here, not in Excel.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSchema, parse, validate } from "graphql";
import { OPERATION_DOCUMENTS } from "../../addin/taskpane/api/index.js";

const schema = buildSchema(
  readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8"),
);

describe("the task pane's operations", () => {
  it.each(Object.entries(OPERATION_DOCUMENTS))(
    "%s is valid against schema/schema.graphql",
    (_, document) => {
      expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
    },
  );
});

// The add-in's operation types are generated from the committed SDL and the
// operations it sends (npm run schema). A field renamed on the server, or an
// operation changed without regenerating, fails here before the add-in is
// built against stale types.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Kind, parse } from "graphql";
import * as functionOperations from "../../addin/functions/operations.js";
import { OPERATION_DOCUMENTS } from "../../addin/taskpane/api/index.js";
import { CLIENT_TYPES_PATH, clientTypesText } from "../../server/cli/client-types.js";

const committedPath = fileURLToPath(new URL(`../../${CLIENT_TYPES_PATH}`, import.meta.url));

describe("the add-in's generated operation types", () => {
  it("equal what schema/schema.graphql and the add-in's operations generate", async () => {
    const [committed, generated] = await Promise.all([
      readFile(committedPath, "utf8"),
      clientTypesText(),
    ]);
    expect(
      generated === committed,
      `${CLIENT_TYPES_PATH} is stale: run npm run schema and commit the result`,
    ).toBe(true);
  }, 60_000);

  it("type every operation the add-in sends, answer and variables", async () => {
    const generated = await clientTypesText();
    const documents = [
      ...Object.values(OPERATION_DOCUMENTS),
      ...Object.values(functionOperations),
    ].filter(
      (value): value is string =>
        typeof value === "string" && /^\s*(query|mutation|subscription|fragment)\b/m.test(value),
    );
    const named = documents.flatMap((document) =>
      parse(document).definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.name
          ? [`${definition.name.value}${capital(definition.operation)}`]
          : [],
      ),
    );
    expect(named.length).toBeGreaterThanOrEqual(20);
    for (const name of named) {
      expect(generated, name).toMatch(new RegExp(`^export type ${name} =`, "m"));
      expect(generated, `${name}Variables`).toMatch(
        new RegExp(`^export type ${name}Variables =`, "m"),
      );
    }
  }, 60_000);
});

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

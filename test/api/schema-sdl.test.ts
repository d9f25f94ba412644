// The committed SDL (schema/schema.graphql) is generated from the code and
// must not drift from it; and every type, field and argument a client sees
// carries a description (STYLE.md 9 and 16).
import { readFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from "graphql";
import { buildAppSchema, schemaText } from "../../server/graphql/schema.js";

const committedPath = fileURLToPath(new URL("../../schema/schema.graphql", import.meta.url));
const linterCli = createRequire(import.meta.url).resolve("graphql-schema-linter/lib/cli.js");

describe("the GraphQL schema", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it("equals the committed schema/schema.graphql byte for byte", async () => {
    const committed = await readFile(committedPath, "utf8");
    expect(
      schemaText(schema) === committed,
      "schema/schema.graphql differs from the code: run npm run schema and commit the result",
    ).toBe(true);
    // The same comparison again, for a readable diff when it fails.
    expect(schemaText(schema)).toBe(committed);
  });

  /** Every named type a client sees, without GraphQL's own. */
  function ownTypes() {
    return Object.values(schema.getTypeMap()).filter(
      (type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type),
    );
  }

  it("describes every type except the root operation types", () => {
    // Query and Mutation are containers: each of their fields (the operations) is described below.
    const roots = new Set(
      [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
        .filter((type) => type !== null && type !== undefined)
        .map((type) => type!.name),
    );
    const undescribed = ownTypes()
      .filter((type) => !roots.has(type.name))
      .filter((type) => !type.description?.trim())
      .map((type) => type.name);
    expect(undescribed).toEqual([]);
  });

  it("passes graphql-schema-linter's default rules (UPPER_CASE enum values, every description, Relay page info)", () => {
    const run = spawnSync(process.execPath, [linterCli, "--format", "json", committedPath], {
      encoding: "utf8",
    });
    const report = JSON.parse(run.stdout) as { errors: { message: string; rule: string }[] };
    expect(report.errors.map((error) => `${error.rule}: ${error.message}`)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it("describes every field, input field and argument", () => {
    const undescribed: string[] = [];
    for (const type of ownTypes()) {
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) undescribed.push(`${type.name}.${field.name}`);
          for (const argument of field.args)
            if (!argument.description?.trim())
              undescribed.push(`${type.name}.${field.name}(${argument.name})`);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description?.trim()) undescribed.push(`${type.name}.${field.name}`);
      }
    }
    expect(undescribed).toEqual([]);
  });
});

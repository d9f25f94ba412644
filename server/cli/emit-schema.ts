// Writes schema/schema.graphql from the code: `npm run schema`.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { buildAppSchema, schemaText } from "../graphql/schema.js";

const target = fileURLToPath(new URL("../../schema/schema.graphql", import.meta.url));
await writeFile(target, schemaText(await buildAppSchema()));
console.log(`Wrote ${target}`);

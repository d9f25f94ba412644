// Writes schema/schema.graphql from the code, then the add-in's operation
// types generated from it: `npm run schema`.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { buildAppSchema, schemaText } from "../graphql/schema.js";
import { CLIENT_TYPES_PATH, clientTypesText } from "./client-types.js";

const target = fileURLToPath(new URL("../../schema/schema.graphql", import.meta.url));
await writeFile(target, schemaText(await buildAppSchema()));
console.log(`Wrote ${target}`);
const types = fileURLToPath(new URL(`../../${CLIENT_TYPES_PATH}`, import.meta.url));
await writeFile(types, await clientTypesText());
console.log(`Wrote ${types}`);

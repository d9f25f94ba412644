// The repository's root folder, so that relative SQLite URLs (file:./data/mat.db)
// and the migration folders resolve the same from any working directory.
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

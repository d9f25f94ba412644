// Where the built add-in lives (npm run build:addin writes it); the server
// serves it at /addin/.
import { fileURLToPath } from "node:url";

export function addinDirectory(): string {
  return fileURLToPath(new URL("../../dist/addin", import.meta.url));
}

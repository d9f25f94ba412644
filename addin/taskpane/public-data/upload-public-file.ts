// Sends one public file to POST /public-data and follows it: the upload's
// progress (XMLHttpRequest's upload events) and then the server's reading of
// it (the NDJSON progress lines), ending in the load's report.
import type {
  PublicLoadFailure,
  PublicLoadLine,
  PublicLoadReport,
} from "../../../server/shared/index.js";

export type { PublicLoadReport } from "../../../server/shared/index.js";

export type LoadProgress =
  | { readonly stage: "sending"; readonly fraction: number }
  | { readonly stage: "reading"; readonly fraction: number | null; readonly rows: number };

export class PublicLoadError extends Error {}

/** The first error's message, or null when the body is not an error body. */
export function errorMessageOf(body: unknown): string | null {
  const first = (body as Partial<PublicLoadFailure> | null)?.errors?.[0];
  return typeof first?.message === "string" ? first.message : null;
}

/** The report's key facts in one line a data manager reads. */
export function reportSummary(report: PublicLoadReport): string {
  const edition = report.edition ? `, ${report.edition}` : "";
  const parts = [
    `${report.kindLabel}${edition}`,
    `${report.matched.length} of your academies matched`,
  ];
  if (report.kind === "gias-establishments")
    parts.push(
      `${report.academiesCreated.length} created`,
      `${report.academiesUpdated.length} updated`,
    );
  else if (report.kind === "gias-links")
    parts.push(`${report.predecessorsLinked} predecessor links`);
  else parts.push(`${report.loaded} values loaded`, `${report.unchanged} unchanged`);
  if (report.nationalLoaded > 0)
    parts.push(`${report.nationalLoaded} England figures loaded as national benchmarks`);
  parts.push(`${report.skipped} other schools skipped`);
  if (report.missing.length > 0) parts.push(`missing: ${report.missing.join(", ")}`);
  if (report.designated > 0)
    parts.push(
      `${report.designated} designations for ${report.designationYear ?? "the year"} changed`,
    );
  return parts.join("; ");
}

export function uploadPublicFile(
  connection: { readonly serverUrl: string; readonly token: string },
  file: Blob & { readonly name: string },
  options: { readonly year: string | null },
  onProgress: (progress: LoadProgress) => void,
): Promise<PublicLoadReport> {
  return new Promise((resolve, reject) => {
    const query = new URLSearchParams({ name: file.name });
    if (options.year) query.set("year", options.year);
    const request = new XMLHttpRequest();
    request.open("POST", `${connection.serverUrl}/public-data?${query.toString()}`);
    request.setRequestHeader("authorization", `Bearer ${connection.token}`);
    request.setRequestHeader("content-type", "text/csv");
    request.setRequestHeader("accept", "application/x-ndjson");
    request.upload.onprogress = (event) =>
      onProgress({
        stage: "sending",
        fraction: event.lengthComputable ? event.loaded / event.total : 0,
      });
    let seen = 0;
    let final: Exclude<PublicLoadLine, { progress: unknown }> | null = null;
    const readLines = () => {
      const text = request.responseText;
      const end = text.lastIndexOf("\n");
      if (end < seen) return;
      for (const line of text.slice(seen, end).split("\n")) {
        if (!line.trim()) continue;
        let message: PublicLoadLine;
        try {
          message = JSON.parse(line) as PublicLoadLine;
        } catch {
          continue;
        }
        if ("progress" in message) {
          const { rows, bytes, total } = message.progress;
          onProgress({
            stage: "reading",
            fraction: total ? Math.min(1, bytes / total) : null,
            rows,
          });
        } else final = message;
      }
      seen = end + 1;
    };
    request.onprogress = readLines;
    request.onerror = () =>
      reject(
        new PublicLoadError(
          `Cannot reach the server at ${connection.serverUrl}; check the connection.`,
        ),
      );
    request.onload = () => {
      readLines();
      if (request.status !== 200) {
        let message: string | null = null;
        try {
          message = errorMessageOf(JSON.parse(request.responseText));
        } catch {
          // not JSON: say the status
        }
        reject(new PublicLoadError(message ?? `The server answered ${request.status}`));
        return;
      }
      const answer = final as Exclude<PublicLoadLine, { progress: unknown }> | null;
      if (answer && "report" in answer) resolve(answer.report);
      else
        reject(
          new PublicLoadError(
            errorMessageOf(answer) ?? "The server ended the load without a report.",
          ),
        );
    };
    onProgress({ stage: "sending", fraction: 0 });
    request.send(file);
  });
}

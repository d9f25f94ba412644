// Renders board papers as a governor would meet them: a printable page
// printed to PDF by Chromium at A4, a workbook converted to PDF by
// LibreOffice, and a PDF's pages counted and its text read (poppler). Used by
// the paper tests and by test/fixtures/board-papers.ts for docs/papers/.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

function onPath(command: string): boolean {
  return (process.env.PATH ?? "")
    .split(":")
    .some((dir) => dir !== "" && existsSync(join(dir, command)));
}

/** LibreOffice and poppler are here; under CI=true their absence fails the suite. */
export function officeToolsAvailable(): boolean {
  const missing = ["soffice", "pdftotext", "pdfinfo"].filter((command) => !onPath(command));
  if (missing.length === 0) return true;
  const reason = `${missing.join(", ")} not installed (apt-get install libreoffice-calc-nogui poppler-utils)`;
  if (process.env.CI === "true") throw new Error(`${reason}; required under CI=true`);
  console.warn(`Skipping the LibreOffice paper checks: ${reason}.`);
  return false;
}

/** Converts a workbook to PDF with LibreOffice (headless, its own profile); returns the PDF's path. */
export async function workbookToPdf(xlsx: Buffer, name: string, outDir?: string): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), "mat-paper-"));
  const dir = outDir ?? work;
  const input = join(work, `${name}.xlsx`);
  await writeFile(input, xlsx);
  try {
    await run(
      "soffice",
      [
        `-env:UserInstallation=file://${join(work, "profile")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        input,
      ],
      { timeout: 120_000 },
    );
  } finally {
    if (outDir) await rm(work, { recursive: true, force: true });
  }
  return join(dir, `${basename(input, ".xlsx")}.pdf`);
}

/** A PDF's number of pages and its text, page by page (pdftotext -layout). */
export async function pdfContent(path: string): Promise<{ pages: number; text: string[] }> {
  const { stdout: info } = await run("pdfinfo", [path]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  const { stdout } = await run("pdftotext", ["-layout", path, "-"], {
    maxBuffer: 20 * 1024 * 1024,
  });
  return { pages, text: stdout.split("\f").slice(0, pages) };
}

/** The first `most` pages of a PDF as PNGs at `dpi` (pdftoppm): their paths, in order. */
export async function pdfToPngs(
  path: string,
  prefix: string,
  dpi = 60,
  most = 100,
): Promise<string[]> {
  const { stdout } = await run("pdfinfo", [path]);
  const total = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0);
  const pages = Math.min(most, total);
  await run("pdftoppm", ["-png", "-r", String(dpi), "-f", "1", "-l", String(pages), path, prefix]);
  // pdftoppm pads page numbers to the width of the document's last page.
  const width = String(total).length;
  return Array.from(
    { length: pages },
    (_, index) => `${prefix}-${String(index + 1).padStart(width, "0")}.png`,
  );
}

export async function bytesOf(path: string): Promise<Buffer> {
  return readFile(path);
}

// Bundles for the browser test, built fresh with esbuild the way
// addin/build.ts builds dist/addin/taskpane.js (IIFE, JSX automatic, React 18),
// and the mock Office host served in place of Office.js.
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { WorkbookSeed } from "./mock-workbook.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

async function bundle(entry: string, jsx: boolean): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    platform: "browser",
    logLevel: "silent",
    ...(jsx ? { jsx: "automatic" as const } : {}),
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return result.outputFiles[0]!.text;
}

/** The task pane, from addin/taskpane/index.tsx. */
export function bundleTaskpane(): Promise<string> {
  return bundle(`${ROOT}addin/taskpane/index.tsx`, true);
}

/** The mock Office host with its workbook seeded. */
export async function bundleMockOffice(seed: WorkbookSeed): Promise<string> {
  const host = await bundle(`${ROOT}test/addin/taskpane-support/mock-office-host.ts`, false);
  return `window.__excelMockSeed = ${JSON.stringify(seed)};\n${host}`;
}

/** The add-in's page: addin/taskpane.html when it exists, else the same shape written here. */
export async function taskpaneHtml(): Promise<string> {
  const page = `${ROOT}addin/taskpane.html`;
  if (existsSync(page)) return readFile(page, "utf8");
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8" /><title>MAT designations</title>
<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
</head><body><script src="taskpane.js"></script></body></html>`;
}

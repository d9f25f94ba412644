// Debian's Chromium for the browser tests, launched the one way they all use.
// Missing, a browser test is skipped, except under CI=true, where it fails.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Flags for a headless Chromium in a container with no network of its own to call. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** Whether Chromium is installed; throws under CI=true when it is not. */
export function chromiumAvailable(): boolean {
  const available = existsSync(CHROMIUM);
  if (!available && process.env.CI === "true")
    throw new Error(`${CHROMIUM} is missing; .ci/run installs Debian's chromium`);
  return available;
}

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

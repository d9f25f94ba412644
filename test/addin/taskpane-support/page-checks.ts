// Checks every page of the task pane must pass: it fits Excel's narrow pane,
// every control has an accessible name, and screenshots land in test-results/.
import { mkdir } from "node:fs/promises";
import type { Page } from "playwright-core";
import { TASKPANE_WIDTH } from "./taskpane-browser.js";

const SCREENSHOTS = new URL("../../../test-results/", import.meta.url);

/** A full-page screenshot at the pane's width: test-results/taskpane-NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = new URL(`taskpane-${name}.png`, SCREENSHOTS).pathname;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How far the page is wider than the pane (0 when it fits). */
export function overflowWidth(page: Page): Promise<number> {
  return page.evaluate(
    (width) => Math.max(0, document.documentElement.scrollWidth - width),
    TASKPANE_WIDTH,
  );
}

/** Visible controls with no accessible name, described for the failure message. */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, input, select, textarea, [role="combobox"], [role="tab"], [role="progressbar"], [role="checkbox"]',
    );
    const nameOf = (element: HTMLElement): string => {
      const label = element.getAttribute("aria-label");
      if (label?.trim()) return label;
      const labelledBy = element.getAttribute("aria-labelledby");
      if (labelledBy) {
        const text = labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" ");
        if (text.trim()) return text;
      }
      const labels = (element as HTMLInputElement).labels;
      if (labels && labels.length > 0)
        return Array.from(labels)
          .map((l) => l.textContent ?? "")
          .join(" ");
      if (element.tagName === "BUTTON" || element.getAttribute("role") === "tab") {
        return element.textContent ?? "";
      }
      return element.getAttribute("title") ?? "";
    };
    return Array.from(controls)
      .filter(
        (element) => element.offsetParent !== null && element.getAttribute("type") !== "hidden",
      )
      .filter((element) => nameOf(element).trim() === "")
      .map((element) => element.outerHTML.slice(0, 160));
  });
}

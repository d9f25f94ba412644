// Board papers rendered as a governor meets them, from the demo trust living
// its year: each printable page in Chromium at A4 with print media, checked
// for text that overflows or is clipped, then printed to PDF (a sensible
// number of pages, the footer on each); each workbook converted to PDF by
// LibreOffice, its pages counted and its text read (poppler).
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { startTestServer, type TestServer } from "../support/test-server.js";
import {
  CHROMIUM_ARGS,
  officeToolsAvailable,
  pdfContent,
  workbookToPdf,
} from "../support/paper-render.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === "true")
  throw new Error(`${CHROMIUM} is missing; .ci/run installs Debian's chromium`);

const YEAR = "2025/26";
/** A4 at 96 px per inch: 210 x 297 mm. */
const A4 = { portrait: { width: 794, height: 1123 }, landscape: { width: 1123, height: 794 } };
const PERIOD_CODE = /\b(autumn|spring|summer)[12]\b/;

const PAPERS = [
  {
    name: "academy card (primary)",
    path: `/papers/academy-card?urn=140001&year=2025%2F26`,
    xlsx: `/export/academy-card.xlsx?urn=140001&year=2025%2F26`,
    orientation: "portrait" as const,
    maxPages: 4,
    mustRead: ["Oakfield Primary Academy", "Overall absence", "lower is better", "RAG legend"],
  },
  {
    name: "academy card (alternative provision)",
    path: `/papers/academy-card?urn=140014&year=2025%2F26`,
    xlsx: `/export/academy-card.xlsx?urn=140014&year=2025%2F26`,
    orientation: "portrait" as const,
    maxPages: 4,
    mustRead: ["Bridge Alternative Provision", "alternative provision", "RAG legend"],
  },
  {
    name: "trust overview",
    path: `/papers/overview?year=2025%2F26`,
    xlsx: `/export/overview.xlsx?year=2025%2F26`,
    orientation: "landscape" as const,
    maxPages: 12,
    mustRead: [
      "Trust overview",
      "Confirmed",
      "Trust Board, 14 Oct",
      "Bridge Alternative",
      "RAG legend",
      "Changes since 14 Oct 2025",
    ],
  },
];

/** Elements whose text is cut (scrolls inside a box that hides it) or runs past the page's content box. */
function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      if (element.closest("svg")) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      const label = `<${element.tagName.toLowerCase()}> "${(element.textContent ?? "").trim().slice(0, 50)}"`;
      if (rect.right > width + 0.5 || rect.left < -0.5)
        problems.push(
          `${label} runs past the page (${Math.round(rect.left)}..${Math.round(rect.right)} of ${width})`,
        );
      if (
        element.scrollWidth > element.clientWidth + 1 &&
        getComputedStyle(element).overflowX !== "visible"
      )
        problems.push(
          `${label} is clipped (${element.scrollWidth} px of text in ${element.clientWidth})`,
        );
      if (
        element.scrollHeight > element.clientHeight + 1 &&
        getComputedStyle(element).overflowY === "hidden"
      )
        problems.push(`${label} is cut at the bottom`);
      // Text wider than its cell, even where nothing clips it.
      if (element.tagName === "TD" || element.tagName === "TH" || element.tagName === "DD") {
        for (const child of element.children) {
          const inner = child.getBoundingClientRect();
          if (inner.right > rect.right + 0.5)
            problems.push(`${label} holds text wider than itself`);
        }
        if (element.scrollWidth > element.clientWidth + 1)
          problems.push(
            `${label} overflows its cell (${element.scrollWidth} > ${element.clientWidth})`,
          );
      }
    }
    if (document.documentElement.scrollWidth > width)
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide (A4 ${width} px)`);
    return problems;
  });
}

describe.skipIf(!available)("board papers rendered for print", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    // The demo trust living its year: decisions by the October board, review suggestions.
    server = await startTestServer("sqlite", { DEMO_LIVE_YEAR: "true" });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    await mkdir("test-results", { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(PAPERS)(
    "prints the $name at A4 with no clipped or overflowing text and a footer on every page",
    async (paper) => {
      const context = await browser.newContext({
        viewport: A4[paper.orientation],
        extraHTTPHeaders: { authorization: `Bearer ${server.tokens.leader}` },
      });
      const page = await context.newPage();
      const outside: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(server.url)) outside.push(request.url());
      });
      const response = await page.goto(`${server.url}${paper.path}`);
      expect(response?.status()).toBe(200);
      await page.emulateMedia({ media: "print" });
      // In print the page's content box is A4 less its margins (12 mm each side).
      await page.setViewportSize({
        width: A4[paper.orientation].width - Math.round((24 / 25.4) * 96),
        height: A4[paper.orientation].height,
      });
      expect(await overflowProblems(page)).toEqual([]);
      const file = paper.name.replace(/\W+/g, "-");
      await page.screenshot({ path: `test-results/paper-${file}.png`, fullPage: true });
      const pdf = `test-results/paper-${file}.pdf`;
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      await context.close();
      expect(outside).toEqual([]);
      if (officeToolsAvailable()) {
        const { pages, text } = await pdfContent(pdf);
        expect(pages).toBeGreaterThan(0);
        expect(pages).toBeLessThanOrEqual(paper.maxPages);
        text.forEach((onPage, index) => {
          expect(onPage, `page ${index + 1}`).toContain(`Page ${index + 1} of ${pages}`);
          expect(onPage).toContain("Northern Lights Academy Trust: ");
        });
        const all = text.join("\n").replace(/\s+/g, " ");
        for (const words of paper.mustRead) expect(all).toContain(words);
        expect(all).not.toMatch(PERIOD_CODE);
      }
      await rm(pdf, { force: true });
    },
  );

  describe.skipIf(!officeToolsAvailable())("the workbooks through LibreOffice", () => {
    it.each(PAPERS)(
      "converts the $name workbook to a PDF of sensible length that reads in full",
      async (paper) => {
        const response = await fetch(`${server.url}${paper.xlsx}`, {
          headers: { authorization: `Bearer ${server.tokens.leader}` },
        });
        expect(response.status).toBe(200);
        const pdf = await workbookToPdf(
          Buffer.from(await response.arrayBuffer()),
          paper.name.replace(/\W+/g, "-"),
        );
        const { pages, text } = await pdfContent(pdf);
        expect(pages).toBeGreaterThan(0);
        expect(pages).toBeLessThanOrEqual(paper.maxPages);
        // The footer on every page, with its number and the date produced.
        text.forEach((onPage, index) => {
          expect(onPage, `page ${index + 1}`).toMatch(new RegExp(`Page ${index + 1} of ${pages}`));
          expect(onPage).toMatch(/produced \d{1,2} [A-Z][a-z]{2} \d{4}/);
        });
        const all = text.join("\n").replace(/\s+/g, " ");
        expect(all).toContain("Northern Lights Academy Trust");
        expect(all).toContain(`${YEAR}`);
        for (const words of paper.mustRead) expect(all).toContain(words);
        expect(all).not.toMatch(PERIOD_CODE);
        // A number too wide for its column prints as ###.
        expect(all).not.toMatch(/###/);
      },
    );
  });
});

// The task pane at Excel's default width (320 px), at 303 px (what is left
// beside Windows' scroll bar) and a wider 450 px, in
// headless Chromium against the real server with the demo trust: every
// screen and every form opened (connect, the risk matrix and its column
// mapping, designating, saving with problems, the academy card, "Add a
// target", "Edit target" with its reason, "Record measurement", the three
// sign-off forms, "Record a visit" of support delivered, public data), and on each the box of every control
// measured: none outside the pane, none overlapping another. Also the
// column mapping's readable names and the words shown for roles, periods
// and statuses, and Office's dark theme followed. With
// ADDIN_SCREENSHOTS=docs the 320 px screenshots are written to
// docs/addin-pane/ (docs/addin.md shows them); otherwise to test-results/.
import { mkdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { demoWorkbookSeed } from "./taskpane-support/demo-workbook.js";
import { layoutProblems } from "./taskpane-support/layout-checks.js";
import type { MockOfficeTheme } from "./taskpane-support/mock-office-host.js";
import { unlabelledControls } from "./taskpane-support/page-checks.js";
import { pageErrors } from "./taskpane-support/taskpane-browser.js";
import { connectWith, taskpaneSuite } from "./taskpane-support/taskpane-suite.js";

const YEAR = "2025/26";
/** Excel's default, the same less a classic 17 px scroll bar (Windows), and a widened pane. */
const WIDTHS = [320, 303, 450] as const;
/** Each width adds a target to its own academy (the server is shared). */
const ACADEMY: Readonly<Record<(typeof WIDTHS)[number], readonly [string, string]>> = {
  320: ["Oakfield Primary Academy", "140001"],
  450: ["Meadow Lane Primary", "140004"],
  303: ["Castle Primary", "140013"],
};
const DOCS = process.env.ADDIN_SCREENSHOTS === "docs";
const SHOTS = new URL(DOCS ? "../../docs/addin-pane/" : "../../test-results/", import.meta.url);

/** Excel's dark grey theme as Office.context.officeTheme answers it. */
const DARK_OFFICE: MockOfficeTheme = {
  bodyBackgroundColor: "#262626",
  bodyForegroundColor: "#FFFFFF",
  controlBackgroundColor: "#3D3D3D",
  controlForegroundColor: "#FFFFFF",
};

const suite = taskpaneSuite();

/**
 * Measures the screen as it is; at 320 px keeps a screenshot of it: the whole
 * page, or only `part` (a form on a long card) to keep the pictures small.
 */
async function expectFits(page: Page, width: number, name: string, part?: Locator): Promise<void> {
  await page.waitForTimeout(400); // Fluent's tab indicator and styles settle after a render
  if (width === 320) {
    await mkdir(SHOTS, { recursive: true });
    const path = new URL(DOCS ? `${name}.png` : `taskpane-320-${name}.png`, SHOTS).pathname;
    if (part) await part.screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  }
  expect(await layoutProblems(page), `${name} at ${width} px`).toEqual([]);
  expect(
    await unlabelledControls(page),
    `${name} at ${width} px: controls without a label`,
  ).toEqual([]);
}

async function openCard(page: Page, name: string, urn: string): Promise<void> {
  await page.getByRole("tab", { name: "Academy cards" }).click();
  await page.getByRole("combobox", { name: "Academy" }).click();
  await page.getByRole("option", { name: `${name} (${urn})` }).click();
  await page.getByRole("region", { name: `Card of ${name}, ${YEAR}` }).waitFor();
}

describe("the task pane fits Excel's narrow pane", () => {
  for (const width of WIDTHS) {
    it(`at ${width} px: every screen and form, each control inside the pane and none overlapping`, async () => {
      const page = await suite.browser.open(demoWorkbookSeed(), { width });

      // Connect: signed out, refused, connected.
      await page.getByLabel("Access token").waitFor();
      await expectFits(page, width, "connect");
      await page.getByLabel("Access token").fill("mat_not-a-real-token");
      await page.getByRole("button", { name: "Connect" }).click();
      await page.getByText("The server did not accept this token").waitFor();
      await expectFits(page, width, "connect-refused");
      await connectWith(page, suite.server.tokens["trust-admin"]);
      await page.getByRole("tab", { name: "Connect" }).click();
      // Roles in words: "trust admin", not the API's "trust-admin".
      await page.getByText(/Signed in as .* \(trust admin\)/).waitFor();
      expect(await page.getByRole("banner").textContent()).toContain("trust admin");
      await expectFits(page, width, "connected");

      // Risk matrix: the mapping opens with readable names, the key beside them.
      await page.getByRole("tab", { name: "Risk matrix" }).click();
      await expectFits(page, width, "matrix");
      await page.getByRole("button", { name: "Use selection" }).click();
      await page.getByText("'Risk matrix'!A1:AE15: 14 academies, 31 columns").waitFor();
      const pane = page.getByRole("tabpanel", { name: "Risk matrix" });
      const p8 = pane.getByLabel("Indicator for column O, P8");
      expect(await p8.inputValue()).toBe("ks4.progress8");
      expect(await p8.locator("option:checked").textContent()).toBe("Progress 8");
      await pane.getByText("ks4.progress8", { exact: true }).waitFor();
      // Every column's indicator name is readable whole: it fits its dropdown (text measured in
      // the dropdown's font), or a long one is written out beneath it.
      const cutOff = await pane.getByRole("group", { name: "Column mapping" }).evaluate((group) => {
        const canvas = document.createElement("canvas").getContext("2d")!;
        return [...group.querySelectorAll("select")].flatMap((select) => {
          const style = getComputedStyle(select);
          canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const text = select.selectedOptions[0]?.textContent ?? "";
          const room =
            select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          const whole =
            canvas.measureText(text).width <= room ||
            (select.closest("div")?.textContent ?? "").includes(`${text}: `);
          return whole ? [] : [`${text} (${Math.round(room)} px)`];
        });
      });
      expect(cutOff, `indicator names cut off at ${width} px`).toEqual([]);
      // The action comes before the 31-row mapping, within the first screen.
      const designate = await pane.getByRole("button", { name: "Designate" }).boundingBox();
      const mappingTop = await pane.getByRole("group", { name: "Column mapping" }).boundingBox();
      expect(designate!.y).toBeLessThan(mappingTop!.y);
      expect(designate!.y).toBeLessThan(900);
      await expectFits(page, width, "mapping");

      // Confirmed, the mapping collapses to one line.
      await pane.getByRole("button", { name: "Confirm mapping" }).click();
      await pane.getByRole("group", { name: "Column mapping" }).waitFor({ state: "hidden" });
      await pane.getByText("29 of 31 columns used").waitFor();
      await pane.getByLabel("Year").selectOption(YEAR);
      await pane.getByRole("button", { name: "Designate" }).click();
      await page.getByRole("status", { name: "Designation summary" }).waitFor();
      await expectFits(page, width, "designated");

      // Saving with a cell the server cannot read: problems listed by row.
      await page.evaluate(() => window.__excelMock!.setCell("Risk matrix", "O4", "Goodish"));
      await pane.getByRole("button", { name: "Use selection" }).click();
      await page.getByText("'Risk matrix'!A1:AG15: 14 academies, 33 columns").waitFor();
      // The same matrix read again (with Designate's two columns) stays confirmed and collapsed.
      await pane.getByText("29 of 33 columns used, confirmed").waitFor();
      await pane.getByLabel("Term").selectOption("summer");
      expect(await pane.getByLabel("Term").locator("option:checked").textContent()).toBe("Summer");
      await pane.getByRole("button", { name: "Save to server" }).click();
      await page.getByText("1 row has problems; nothing was saved").waitFor();
      await expectFits(page, width, "save-problems");

      // The academy card and its forms (a trust admin sees every button).
      const [academy, urn] = ACADEMY[width];
      await openCard(page, academy, urn);
      const card = page.getByRole("region", { name: `Card of ${academy}, ${YEAR}` });
      await expectFits(page, width, "card");

      await card.getByRole("button", { name: "Add a target" }).click();
      const newTarget = card.getByRole("form", { name: "New target" });
      await newTarget.getByLabel("Metric").selectOption("behaviour.suspensionRate");
      const metric = await newTarget.getByLabel("Metric").locator("option:checked").textContent();
      await newTarget.getByLabel("Baseline").fill("4.2");
      await newTarget.getByLabel("Target").fill("3");
      await expectFits(page, width, "add-target", newTarget);
      await newTarget.getByRole("button", { name: "Add target" }).click();
      const added = card.getByRole("article", { name: metric!, exact: true });
      await added.waitFor();
      expect(await added.textContent()).toContain("Draft");

      // Propose (no fields), then the LGB's review and the trust board's agreement (dates).
      await added.getByRole("button", { name: `Propose: ${metric}` }).click();
      await expectFits(page, width, "propose-form", added);
      await added.getByRole("button", { name: "Propose", exact: true }).click();
      await added.getByRole("button", { name: `Record LGB review: ${metric}` }).click();
      await added.getByLabel("Date the board met").fill("2025-10-01");
      await expectFits(page, width, "review-form", added);
      await added.getByRole("button", { name: "Record LGB review", exact: true }).click();
      await added.getByRole("button", { name: `Record trust board agreement: ${metric}` }).click();
      await added.getByLabel("Date the board met").fill("2025-10-08");
      await expectFits(page, width, "agree-form", added);
      await added
        .getByRole("button", { name: "Record trust board agreement", exact: true })
        .click();
      await added.getByText("Agreed", { exact: true }).waitFor();

      // Changing an agreed target asks for a reason.
      await added.getByRole("button", { name: `Edit target: ${metric}` }).click();
      await added.getByLabel("Reason for the change").waitFor();
      await expectFits(page, width, "edit-agreed-target", added);
      await added.getByRole("button", { name: "Cancel" }).click();

      // Record a measurement: periods in words, the value read back.
      const absence = card.getByRole("article", { name: "Overall absence", exact: true });
      await absence.getByRole("button", { name: "Record measurement: Overall absence" }).click();
      const period = absence.getByLabel("Period");
      expect(await period.locator("option").allTextContents()).toContain("Autumn 1");
      await period.selectOption("summer2");
      await absence.getByLabel("Value").fill("0.034");
      await absence.getByText("read as 3.4%").waitFor();
      await absence.getByLabel("Source").fill("MIS export, summer census");
      await expectFits(page, width, "measurement-form", absence);
      await absence.getByRole("button", { name: "Record", exact: true }).click();
      await absence.getByText(/latest 3\.4% \(Summer 2\)/).waitFor();
      await expectFits(page, width, "card-measured", absence);

      // Support used of allocated, and recording a visit against an entitlement.
      const support = card.getByRole("region", { name: "Support and calendar" });
      const used = support.getByRole("list", { name: "Support used of allocated" });
      await used.getByText(/^CEO visit: 0 of 1 visit this half term/).waitFor();
      await support.getByRole("button", { name: "Record a visit" }).click();
      const visit = support.getByRole("form", { name: "Record support delivered" });
      await visit.getByLabel("Entitlement").selectOption("CEO visit");
      await visit.getByLabel("Day").fill("2026-07-14");
      await visit.getByLabel("Delivered by").fill("Dr Amina Shah (CEO)");
      await visit.getByLabel("What was done").fill("Learning walk with the head");
      await visit.getByLabel("Notes").fill("Follow up attendance in September");
      await expectFits(page, width, "support-form", support);
      await visit.getByRole("button", { name: "Record support" }).click();
      await used.getByText(/^CEO visit: 1 of 1 visit this half term/).waitFor();
      expect(await used.getByText("All delivered").count()).toBeGreaterThan(0);
      await expectFits(page, width, "card-support", support);

      // Public data.
      await page.getByRole("tab", { name: "Public data" }).click();
      await page.getByRole("heading", { name: "Load public data" }).waitFor();
      await expectFits(page, width, "public-data");
      // What each file did, and a refused file's reason, in the same narrow list.
      await page
        .getByLabel("Files")
        .first()
        .setInputFiles([
          {
            name: "ks2_school_attainment_data.csv",
            mimeType: "text/csv",
            buffer: await readFile(
              new URL("../fixtures/public-data/ks2_school_attainment_data.csv", import.meta.url),
            ),
          },
          { name: "scores.csv", mimeType: "text/csv", buffer: Buffer.from("Name,Score\nA,1\n") },
        ]);
      await page.getByRole("button", { name: "Load 2 files" }).click();
      const loaded = page.getByRole("list", { name: "What each file loaded" });
      await loaded.getByRole("listitem").nth(1).waitFor({ timeout: 60_000 });
      await expectFits(page, width, "public-data-loaded");
      // The refused token's 401 is the one error expected.
      expect(pageErrors(page).filter((error) => !/status of 401/.test(error))).toEqual([]);
    }, 240_000);
  }

  it("follows Office's dark theme, and fits in it", async () => {
    const page = await suite.browser.open(demoWorkbookSeed(), { officeTheme: DARK_OFFICE });
    await connectWith(page, suite.server.tokens["data-manager"]);
    const background = () =>
      page.evaluate(
        () => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor,
      );
    // webDarkTheme's neutral background, light text.
    expect(await background()).toBe("rgb(41, 41, 41)");
    await page.getByRole("tab", { name: "Risk matrix" }).click();
    await page.getByRole("button", { name: "Use selection" }).click();
    await page.getByText("14 academies, 31 columns").waitFor();
    await expectFits(page, 320, "dark-mapping");
    await openCard(page, "Oakfield Primary Academy", "140001");
    await expectFits(page, 320, "dark-card");
    // Switched to a light theme while the pane is open: picked up when the pane has focus again.
    await page.evaluate(() => {
      const office = (window as unknown as { Office: { context: { officeTheme: unknown } } })
        .Office;
      office.context.officeTheme = {
        ...(office.context.officeTheme as object),
        bodyBackgroundColor: "#FFFFFF",
      };
      window.dispatchEvent(new Event("focus"));
    });
    await expect.poll(background).toBe("rgb(255, 255, 255)");
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});

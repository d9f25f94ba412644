// What "fits the pane" means, measured control by control rather than by the
// page's scroll width alone: every visible control (its Fluent UI box, not
// the bare <input> inside it) lies within the viewport, no two controls
// overlap, and no visible element runs past the right edge unless an
// ancestor clips it (an ellipsis is fine; a box sticking out is not).
import type { Page } from "playwright-core";

export interface LayoutProblem {
  readonly kind: "outside" | "overlap" | "sticks out";
  readonly what: string;
}

/** Layout problems on the page as it is now; empty when every control fits and none overlap. */
export function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const SLACK = 0.5;
    const CONTROLS =
      'button, input:not([type="hidden"]), select, textarea, [role="combobox"], [role="checkbox"], [role="tab"], [role="progressbar"]';
    const BOXES = ".fui-Input, .fui-Select, .fui-Textarea, .fui-Combobox, .fui-Checkbox";
    const visible = (element: Element): boolean => {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return false;
      const style = getComputedStyle(element);
      return style.visibility !== "hidden" && (element as HTMLElement).offsetParent !== null;
    };
    const describe = (box: Element): string => {
      const element = box.matches(CONTROLS) ? box : (box.querySelector(CONTROLS) ?? box);
      const label =
        element.getAttribute("aria-label") ??
        (element as HTMLInputElement).labels?.[0]?.textContent ??
        element.textContent ??
        "";
      const rect = box.getBoundingClientRect();
      return `<${element.tagName.toLowerCase()}${element.className ? ` class="${String(element.className).split(" ")[0]}"` : ""}> "${label.trim().slice(0, 60)}" at x ${Math.round(rect.left)}..${Math.round(rect.right)}, y ${Math.round(rect.top)}..${Math.round(rect.bottom)}`;
    };
    const problems: { kind: "outside" | "overlap" | "sticks out"; what: string }[] = [];

    // Each control once, as the box the user sees.
    const boxes = new Set<Element>();
    for (const control of document.querySelectorAll(CONTROLS)) {
      const box = control.closest(BOXES) ?? control;
      if (visible(box)) boxes.add(box);
    }
    const controls = [...boxes];
    for (const control of controls) {
      const rect = control.getBoundingClientRect();
      if (rect.left < -SLACK || rect.right > width + SLACK)
        problems.push({ kind: "outside", what: `${describe(control)} (pane ${width} px)` });
    }
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i]!;
        const b = controls[j]!;
        if (a.contains(b) || b.contains(a)) continue;
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (x > SLACK && y > SLACK)
          problems.push({ kind: "overlap", what: `${describe(a)} overlaps ${describe(b)}` });
      }
    }

    // Any element past the right edge that no ancestor clips.
    const clipped = (element: Element): boolean => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX !== "visible" && up.getBoundingClientRect().right <= width + SLACK)
          return true;
      }
      return false;
    };
    for (const element of document.body.querySelectorAll("*")) {
      if (element.closest("svg") && element.tagName.toLowerCase() !== "svg") continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (rect.right <= width + SLACK && rect.left >= -SLACK) continue;
      if (!visible(element) || clipped(element)) continue;
      // Report the outermost: a child of a box that sticks out adds nothing.
      const parent = element.parentElement?.getBoundingClientRect();
      if (parent && parent.right > width + SLACK) continue;
      problems.push({ kind: "sticks out", what: `${describe(element)} (pane ${width} px)` });
    }
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width)
      problems.push({
        kind: "sticks out",
        what: `the page is ${scroll} px wide (pane ${width} px)`,
      });
    return problems;
  });
}

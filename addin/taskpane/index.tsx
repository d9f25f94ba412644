// Entry of the task pane (bundled to dist/addin/taskpane.js): waits for
// Office, then renders the pane into #root, creating it when the page has none.
// Outside Office (a plain browser) the pane still renders; workbook actions
// then say they need Excel.
import { createRoot } from "react-dom/client";
import { App } from "./app.js";

function rootElement(): HTMLElement {
  const existing = document.getElementById("root");
  if (existing) return existing;
  const created = document.createElement("div");
  created.id = "root";
  document.body.appendChild(created);
  return created;
}

function render(): void {
  // The pane is the page: no browser margin eating into Excel's 320 px.
  document.body.style.margin = "0";
  createRoot(rootElement()).render(<App />);
}

function whenDocumentReady(): Promise<void> {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }),
  );
}

const office = (globalThis as { Office?: { onReady(): Promise<unknown> } }).Office;
const officeReady = office ? office.onReady().catch(() => undefined) : Promise.resolve();
// Neither wait rejects (Office's is caught above); a failing render is reported by the browser.
void Promise.all([officeReady, whenDocumentReady()]).then(render);

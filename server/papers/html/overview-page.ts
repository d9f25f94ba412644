// The trust overview as a printable page (A4 landscape): title block, the
// framework, every academy with the designation that counts, its status and
// who agreed it, time in level and RAG counts, its support on a row across
// the table; then what changed since the last board, academy by academy.
import type { OverviewAcademyLine, OverviewPaper } from "../paper.types.js";
import { supportText } from "../paper.types.js";
import { dateWords } from "../paper-words.js";
import { html, type Markup } from "./escape-html.js";
import { paperDocument, ragLegend, statusWords } from "./paper-page.js";

function ragCell(count: number, rag: "green" | "amber" | "red" | "none"): Markup {
  return html`<td class="num${count > 0 ? ` rag-${rag}` : ""}">${count}</td>`;
}

/** An academy: its figures on one row, its support on a full-width row under it (one tbody, never split). */
function academyRows(line: OverviewAcademyLine): Markup {
  const { designation } = line;
  return html`<tbody class="academy-rows">
    <tr>
      <td>
        <strong>${line.name}</strong><br /><span class="muted">URN ${line.urn}, ${line.phase}</span>
      </td>
      <td><strong>${designation.level}</strong><br />${statusWords(designation)}</td>
      <td>${designation.agreed ?? "not yet agreed"}</td>
      <td>${designation.timeInLevel || "no decision yet"}</td>
      ${ragCell(line.rag.green, "green")}${ragCell(line.rag.amber, "amber")}${ragCell(line.rag.red, "red")}${ragCell(line.rag.none, "none")}
      <td class="num">${line.targetsAgreed}</td>
      <td class="num">${line.targetsAwaiting}</td>
    </tr>
    <tr>
      <td colspan="10" class="support">
        <strong>Support:</strong>
        ${designation.support.length === 0 ? "none listed" : designation.support.map(supportText).join("; ")}
      </td>
    </tr>
  </tbody>`;
}

function changesOf(line: OverviewAcademyLine, since: string): Markup {
  return html`<div class="academy changes">
    <h3>${line.name} <span class="muted">(URN ${line.urn})</span></h3>
    ${
      line.changes.length === 0
        ? html`<p class="muted">No changes since ${dateWords(since)}.</p>`
        : html`<ul>
            ${line.changes.map((change) => html`<li>${change.when}: ${change.what}</li>`)}
          </ul>`
    }
  </div>`;
}

export function overviewPage(paper: OverviewPaper): string {
  return paperDocument(
    paper.heading,
    "landscape",
    html`<section aria-label="Academies">
        <h2>Academies and the designation that counts</h2>
        <table class="overview" aria-label="Academies">
          <colgroup>
            <col style="width:18%" />
            <col style="width:16%" />
            <col style="width:17%" />
            <col style="width:16%" />
            <col style="width:5.5%" />
            <col style="width:5.5%" />
            <col style="width:5.5%" />
            <col style="width:5.5%" />
            <col style="width:5.5%" />
            <col style="width:5.5%" />
          </colgroup>
          <thead>
            <tr>
              <th rowspan="2">Academy</th>
              <th rowspan="2">Designation</th>
              <th rowspan="2">Confirmed (agreed by, when)</th>
              <th rowspan="2">Time in level</th>
              <th colspan="4" class="group">RAG of targets</th>
              <th colspan="2" class="group">Targets</th>
            </tr>
            <tr>
              <th class="num">Green</th>
              <th class="num">Amber</th>
              <th class="num">Red</th>
              <th class="num">None</th>
              <th class="num">Agreed</th>
              <th class="num">Waiting</th>
            </tr>
          </thead>
          ${paper.academies.map(academyRows)}
        </table>
        ${ragLegend()}
        <p class="muted">Changes counted since ${dateWords(paper.since)} (${paper.sinceReason}).</p>
      </section>
      <section aria-label="Changes">
        <h2>Changes since ${dateWords(paper.since)}</h2>
        <p class="muted">From ${paper.sinceReason}.</p>
        ${paper.academies.map((line) => changesOf(line, paper.since))}
      </section>`,
  );
}

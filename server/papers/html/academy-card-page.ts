// The academy card as a printable page (A4 portrait): title block, the
// designation that counts, a summary table of every target, then each target
// on its own block (never split across pages) with its figures, trend chart,
// national position and sign-off.
import type { AcademyCardPaper, TargetPaper } from "../paper.types.js";
import { html, type Markup } from "./escape-html.js";
import { designationSection, paperDocument, ragBadge, ragLegend } from "./paper-page.js";
import { trendChart } from "./trend-chart.js";

function share(value: number | null): string {
  return value === null ? "not shown" : `${Math.round(value * 100)}%`;
}

function summary(targets: readonly TargetPaper[]): Markup {
  return html`<table aria-label="Targets at a glance">
    <colgroup>
      <col style="width:34%" />
      <col style="width:13%" />
      <col style="width:13%" />
      <col style="width:13%" />
      <col style="width:13%" />
      <col style="width:14%" />
    </colgroup>
    <thead>
      <tr>
        <th>Metric</th>
        <th class="num">Baseline</th>
        <th class="num">Expected now</th>
        <th class="num">Latest</th>
        <th class="num">Target</th>
        <th>RAG</th>
      </tr>
    </thead>
    <tbody>
      ${targets.map(
        (target) =>
          html`<tr>
            <td>${target.metricName}<br /><span class="muted">${target.direction}</span></td>
            <td class="num">${target.baseline.text}</td>
            <td class="num">${target.expectedNow ? target.expectedNow.text : "not started"}</td>
            <td class="num">
              ${target.latest ? html`${target.latest.text}${target.latest.provisional ? html`<br /><span class="muted">provisional</span>` : ""}` : "none yet"}
            </td>
            <td class="num">${target.target.text}</td>
            <td>${ragBadge(target.rag)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function targetBlock(target: TargetPaper): Markup {
  return html`<article
    class="target rag-border-${target.rag ?? "none"}"
    aria-label="${target.metricName}"
  >
    <div class="target-head">
      <h3>${target.metricName}</h3>
      ${ragBadge(target.rag)}
    </div>
    <p class="muted">
      Unit: ${target.unit || "none"}; ${target.direction}. Target
      ${target.status}${
        target.signOff.length > 0 ? html`. Sign-off: ${target.signOff.join("; ")}` : ""
      }.
    </p>
    ${target.pendingChange ? html`<p><strong>Change pending:</strong> ${target.pendingChange}</p>` : ""}
    <table class="figures">
      <thead>
        <tr>
          <th class="num">Baseline</th>
          <th class="num">Expected now</th>
          <th class="num">Latest</th>
          <th class="num">Expected by latest</th>
          <th class="num">Target</th>
          <th class="num">Tolerance</th>
          <th class="num">Gap closed</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td class="num">${target.baseline.text}</td>
          <td class="num">
            ${target.expectedNow ? html`${target.expectedNow.text}<br /><span class="muted">${target.expectedNow.periodWords}</span>` : "not started"}
          </td>
          <td class="num">
            ${target.latest ? html`${target.latest.text}<br /><span class="muted">${target.latest.periodWords}${target.latest.provisional ? ", provisional" : ""}</span>` : "none yet"}
          </td>
          <td class="num">${target.expectedByLatest?.text ?? "-"}</td>
          <td class="num">${target.target.text}</td>
          <td class="num">${target.tolerance.text}</td>
          <td class="num">${share(target.gapClosed)}</td>
        </tr>
      </tbody>
    </table>
    <div class="trend">
      ${trendChart(target)}
      <div>
        <p>
          <strong>Milestones:</strong>
          ${target.milestones.length === 0 ? "none set (expected on the line from baseline to target)" : target.milestones.map((m) => `${m.periodWords} ${m.text}`).join("; ")}
        </p>
        <p>
          <strong>Measurements:</strong>
          ${target.trend.length === 0 ? "none yet" : target.trend.map((point) => `${point.periodWords} ${point.text}${point.provisional ? " (provisional)" : ""}`).join("; ")}
        </p>
        <p><strong>National:</strong> ${target.national}</p>
      </div>
    </div>
  </article>`;
}

export function academyCardPage(paper: AcademyCardPaper): string {
  return paperDocument(
    paper.heading,
    "portrait",
    html`${designationSection(paper.designation)}
      <section aria-label="Targets">
        <h2>Targets ${paper.heading.year}</h2>
        ${paper.targets.length === 0 ? html`<p>No targets for ${paper.heading.year} yet.</p>` : html`${summary(paper.targets)}${ragLegend()}`}
      </section>
      ${
        paper.targets.length > 0
          ? html`<section class="page-break" aria-label="Each target">
              <h2>Each target: trend and position</h2>
              ${paper.targets.map(targetBlock)}
            </section>`
          : ""
      }`,
  );
}

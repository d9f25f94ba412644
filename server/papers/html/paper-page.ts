// The parts every printable paper shares: the document with its print style,
// the title block (trust, academy, year, framework, produced, data as at),
// the designation that counts, and the RAG legend.
import type { DesignationPaper, PaperHeading } from "../paper.types.js";
import { supportText } from "../paper.types.js";
import { RAG_LEGEND, RAG_WORDS, momentWords } from "../paper-words.js";
import { Markup, html } from "./escape-html.js";
import { printCss } from "./print-css.js";

export function paperDocument(
  heading: PaperHeading,
  orientation: "portrait" | "landscape",
  body: Markup,
): string {
  const name = [heading.trustName, heading.title, heading.academy, heading.year]
    .filter(Boolean)
    .join(" - ");
  const footer = `${heading.trustName}: ${heading.title.toLowerCase()} ${heading.year}, produced ${momentWords(heading.producedAt)}`;
  return html`<!doctype html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${name}</title>
        <style>
          ${new Markup(printCss(orientation, footer))}
        </style>
      </head>
      <body>
        ${titleBlock(heading)} ${body}
      </body>
    </html> `.text;
}

function titleBlock(heading: PaperHeading): Markup {
  return html`<header class="title-block">
    <div class="trust">${heading.trustName}</div>
    <h1>${heading.title}${heading.academy ? html`: ${heading.academy}` : ""}</h1>
    <dl class="facts">
      <dt>Year</dt>
      <dd>${heading.year}</dd>
      <dt>Framework</dt>
      <dd>${heading.framework}</dd>
      <dt>Produced</dt>
      <dd>${momentWords(heading.producedAt)}</dd>
      <dt>Data as at</dt>
      <dd>${heading.dataAsAt ? momentWords(heading.dataAsAt) : "no figures recorded yet"}</dd>
    </dl>
  </header>`;
}

export function ragBadge(rag: keyof typeof RAG_WORDS | null): Markup {
  const key = rag ?? "none";
  return html`<span class="rag rag-${key}">${RAG_WORDS[key]}</span>`;
}

export function ragLegend(): Markup {
  return html`<div class="legend" aria-label="RAG legend">
    <strong>RAG legend:</strong>
    ${RAG_LEGEND.map(
      (entry) =>
        html`<span>${ragBadge(entry.rag === "none" ? null : entry.rag)} ${entry.meaning}</span>`,
    )}
  </div>`;
}

const STATUS_WORDS: Readonly<Record<DesignationPaper["status"], string>> = {
  agreed: "Agreed",
  "not yet agreed": "Not yet agreed",
  "review suggested": "Agreed; review suggested",
  provisional: "Provisional, not yet agreed",
};

export function statusWords(designation: DesignationPaper): string {
  return STATUS_WORDS[designation.status];
}

export function designationSection(designation: DesignationPaper): Markup {
  return html`<section aria-label="Designation">
    <h2>Designation that counts</h2>
    <dl class="facts">
      <dt>Level</dt>
      <dd><strong>${designation.level}</strong></dd>
      <dt>Status</dt>
      <dd>${statusWords(designation)}</dd>
      <dt>Agreed by</dt>
      <dd>${designation.agreed ?? "not yet agreed"}</dd>
      ${
        designation.status === "agreed"
          ? ""
          : html`<dt>In full</dt>
              <dd>${designation.statusText}</dd>`
      }
      <dt>Time in level</dt>
      <dd>${designation.timeInLevel || "no decision yet"}</dd>
      <dt>Support</dt>
      <dd>
        ${
          designation.support.length === 0
            ? "none listed for this level"
            : html`<ul>
                ${designation.support.map((line) => html`<li>${supportText(line)}</li>`)}
              </ul>`
        }
      </dd>
    </dl>
  </section>`;
}

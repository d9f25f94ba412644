// A target's trend as a small inline SVG: the expected path from the baseline
// to the target (dashed), each measurement that counts (a hollow point when
// provisional) and the target, over the six half terms of the year.
import { periodOrder } from "../../domain/index.js";
import type { TargetPaper } from "../paper.types.js";
import { html, type Markup } from "./escape-html.js";

const WIDTH = 240;
const HEIGHT = 92;
const LEFT = 34;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 16;
const HALVES = ["Au1", "Au2", "Sp1", "Sp2", "Su1", "Su2"];

function label(value: number, precision: number): string {
  return value.toFixed(precision);
}

export function trendChart(target: TargetPaper): Markup {
  const values = [...target.expectation, target.target.value, ...target.trend.map((p) => p.value)];
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (high === low) {
    high += 1;
    low -= 1;
  }
  const pad = (high - low) * 0.1;
  low -= pad;
  high += pad;
  const x = (point: number) => LEFT + (point / 6) * (WIDTH - LEFT - RIGHT);
  const y = (value: number) => TOP + ((high - value) / (high - low)) * (HEIGHT - TOP - BOTTOM);
  const expected = target.expectation
    .map((value, point) => `${x(point).toFixed(1)},${y(value).toFixed(1)}`)
    .join(" ");
  const points = target.trend.map((point) => ({
    ...point,
    cx: x(periodOrder(point.period)),
    cy: y(point.value),
  }));
  const measured = points.map((point) => `${point.cx.toFixed(1)},${point.cy.toFixed(1)}`).join(" ");
  const summary = `${target.metricName}: ${
    target.trend.length === 0
      ? "no measurements yet"
      : target.trend
          .map(
            (point) =>
              `${point.periodWords} ${point.text}${point.provisional ? " (provisional)" : ""}`,
          )
          .join(", ")
  }; target ${target.target.text}`;
  return html`<svg
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    role="img"
    aria-label="${summary}"
    xmlns="http://www.w3.org/2000/svg"
  >
    <title>${summary}</title>
    <line
      x1="${LEFT}"
      y1="${TOP}"
      x2="${LEFT}"
      y2="${HEIGHT - BOTTOM}"
      stroke="#999"
      stroke-width="0.6"
    />
    <line
      x1="${LEFT}"
      y1="${HEIGHT - BOTTOM}"
      x2="${WIDTH - RIGHT}"
      y2="${HEIGHT - BOTTOM}"
      stroke="#999"
      stroke-width="0.6"
    />
    <text x="${LEFT - 3}" y="${TOP + 3}" font-size="7" text-anchor="end" fill="#444">
      ${label(high - pad, target.precision)}
    </text>
    <text x="${LEFT - 3}" y="${HEIGHT - BOTTOM}" font-size="7" text-anchor="end" fill="#444">
      ${label(low + pad, target.precision)}
    </text>
    ${HALVES.map((half, index) => html`<text x="${x(index + 1).toFixed(1)}" y="${HEIGHT - 5}" font-size="6.5" text-anchor="middle" fill="#444">${half}</text>`)}
    <polyline
      points="${expected}"
      fill="none"
      stroke="#888"
      stroke-width="1"
      stroke-dasharray="3 2"
    />
    <circle
      cx="${x(6).toFixed(1)}"
      cy="${y(target.target.value).toFixed(1)}"
      r="3"
      fill="none"
      stroke="#1f4e79"
      stroke-width="1.2"
    />
    ${points.length > 1 ? html`<polyline points="${measured}" fill="none" stroke="#1f4e79" stroke-width="1.6" />` : ""}
    ${points.map((point) => html`<circle cx="${point.cx.toFixed(1)}" cy="${point.cy.toFixed(1)}" r="2.4" fill="${point.provisional ? "#fff" : "#1f4e79"}" stroke="#1f4e79" stroke-width="1.2" />`)}
  </svg>`;
}

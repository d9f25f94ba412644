// The print style of every paper: A4 with margins, a footer with the page
// number and the date produced (CSS page-margin boxes), text that wraps and
// is never clipped, a section or target never split across pages.
/**
 * Text as a CSS string: every character that could end the string, the rule
 * or the <style> element is written as a CSS escape (the footer carries the
 * trust's name, which is the trust's data).
 */
export function cssString(text: string): string {
  return `"${text.replace(/[^\p{L}\p{N} ,.:()/-]/gu, (character) => `\\${character.codePointAt(0)!.toString(16)} `)}"`;
}

export function printCss(orientation: "portrait" | "landscape", footer: string): string {
  const quoted = cssString(footer);
  return `
@page { size: A4 ${orientation}; margin: 14mm 12mm 16mm 12mm;
  @bottom-left { content: ${quoted}; font: 8pt system-ui, sans-serif; color: #555; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 9.5pt/1.35 system-ui, "Segoe UI", Arial, sans-serif; color: #111; overflow-wrap: anywhere; }
@media screen { body { max-width: ${orientation === "portrait" ? "186mm" : "273mm"}; margin: 8mm auto; } }
h1 { font-size: 16pt; margin: 0 0 1mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1px solid #1f4e79; color: #1f4e79; }
h3 { font-size: 10.5pt; margin: 0 0 1mm; }
p { margin: 0 0 1.5mm; }
.title-block { border-bottom: 2px solid #1f4e79; padding-bottom: 2mm; margin-bottom: 3mm; }
.title-block .trust { font-size: 10pt; color: #1f4e79; font-weight: 600; }
.facts { display: grid; grid-template-columns: max-content 1fr; column-gap: 4mm; row-gap: 0.5mm; margin: 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; min-width: 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #c8c8c8; padding: 1mm 1.5mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #1f4e79; color: #fff; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #555; }
table.overview td, table.overview th { font-size: 8.5pt; }
table.overview th { overflow-wrap: normal; }
table.overview th.group { text-align: center; }
table.overview th.num, table.overview td.num { padding: 1mm 0.8mm; font-size: 8pt; }
td.support { font-size: 8pt; background: #f7f7f7; }
tbody.academy-rows { break-inside: avoid; }
.rag { display: inline-block; min-width: 14mm; padding: 0.3mm 1.5mm; border-radius: 1mm; text-align: center; font-weight: 600; }
.rag-green { background: #c6efce; color: #0b5d1e; }
.rag-amber { background: #ffeb9c; color: #7a5b00; }
.rag-red { background: #ffc7ce; color: #9c0006; }
.rag-none { background: #eee; color: #333; }
.legend { display: flex; flex-wrap: wrap; gap: 1mm 4mm; font-size: 8.5pt; margin: 1mm 0 3mm; }
.target { break-inside: avoid; border: 1px solid #c8c8c8; border-left: 4px solid #999; padding: 2mm 3mm; margin: 0 0 3mm; }
.target.rag-border-green { border-left-color: #2e7d32; }
.target.rag-border-amber { border-left-color: #c79100; }
.target.rag-border-red { border-left-color: #c62828; }
.target-head { display: flex; justify-content: space-between; gap: 3mm; align-items: baseline; }
.target-head h3 { min-width: 0; }
.figures { margin: 1.5mm 0; }
.figures td, .figures th { font-size: 9pt; }
.trend { display: grid; grid-template-columns: 62mm 1fr; gap: 3mm; align-items: start; }
.trend svg { width: 62mm; height: 24mm; }
.academy { break-inside: avoid; margin-bottom: 2mm; }
.changes ul { columns: 2; column-gap: 6mm; font-size: 8.5pt; }
.changes li { break-inside: avoid; }
.page-break { break-before: page; }
ul { margin: 0; padding-left: 4mm; }
li { margin: 0 0 0.5mm; }
`;
}

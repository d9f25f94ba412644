// The help pages the server serves at /addin/help/: one per function
// (designation.html ...) and an index, rendered at build time from
// docs/functions/*.md, so the page Excel opens from a function's help link
// (functions.json's helpUrl) says what the docs say. Each function's page
// adds its formula as written in an Excel table (structured references),
// the way a risk matrix formatted as a table is filled.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import MarkdownIt from "markdown-it";

/** Each function's formula in a table named Matrix (or Cards), as the help pages show it. */
export const TABLE_FORMS: Readonly<Record<string, readonly string[]>> = {
  DESIGNATION: [
    `=MAT.DESIGNATION("phase-model", Matrix[@[Phase]:[Notes]], Matrix[[#Headers],[Phase]:[Notes]])`,
  ],
  EXPLAIN: [
    `=MAT.EXPLAIN("phase-model", Matrix[@[Phase]:[Notes]], Matrix[[#Headers],[Phase]:[Notes]])`,
  ],
  SUPPORT: [`=MAT.SUPPORT("phase-model", [@Designation], "MAT QA review")`],
  TARGET: [`=MAT.TARGET([@URN], "attendance.absence", [@Year])`],
  CARD: [`=MAT.CARD([@URN], [@Year])`],
  STORED: [`=MAT.STORED([@URN], [@Year], "status")`],
  PROGRESS: [`=MAT.PROGRESS([@URN], "attendance.absence", "rag", [@Year])`],
  EVIDENCE: [`=MAT.EVIDENCE([@URN], "ks2.rwmExpected", [@Year])`],
  WHATIF: [
    `=MAT.WHATIF("phase-model", Matrix[@[Phase]:[Notes]], Matrix[[#Headers],[Phase]:[Notes]], "P8", 0.3)`,
    `=MAT.WHATIF("phase-model", Matrix[@[Phase]:[Notes]], Matrix[[#Headers],[Phase]:[Notes]], "P8", 0.3, "changes")`,
  ],
  CARDVALUE: [`=MAT.CARDVALUE([@URN], [@Year])`],
};

/** Where a function's help page is served, under the add-in's base URL. */
export function helpUrlOf(baseUrl: string, id: string): string {
  return `${baseUrl}/addin/help/${id.toLowerCase()}.html`;
}

const STYLE = `body{font-family:"Segoe UI",system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
code{background:#f3f2f1;padding:0 .25rem;overflow-wrap:anywhere}pre code{display:block;padding:.5rem;white-space:pre-wrap}
table{border-collapse:collapse;display:block;overflow-x:auto}td,th{border:1px solid #d1d1d1;padding:.25rem .5rem;vertical-align:top}
@media (prefers-color-scheme:dark){body{background:#1f1f1f;color:#f3f2f1}code{background:#333}a{color:#6cb8f6}}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${title}</title><style>${STYLE}</style></head>
<body>
<p><a href="index.html">All MAT functions</a></p>
${body}
</body>
</html>
`;
}

function renderer(): MarkdownIt {
  const markdown = new MarkdownIt({ html: false, linkify: false });
  const defaultLink =
    markdown.renderer.rules.link_open ??
    ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  // Links between the function pages become links between the help pages.
  markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const href = token.attrGet("href") ?? "";
    const local = /^([a-z-]+|README)\.md(#.*)?$/i.exec(href);
    if (local)
      token.attrSet("href", `${local[1] === "README" ? "index" : local[1]}.html${local[2] ?? ""}`);
    return defaultLink(tokens, index, options, env, self);
  };
  return markdown;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Links to the project's other docs (not served) become the words, naming the file. */
function withoutOutsideLinks(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\(\.\.\/([^)#]+)(#[^)]*)?\)/g, "$1 (docs/$2)");
}

/** The help pages by file name (index.html, designation.html, ...). */
export async function helpPages(
  docsDir: string,
  functionIds: readonly string[],
): Promise<Map<string, string>> {
  const markdown = renderer();
  const pages = new Map<string, string>();
  const index = withoutOutsideLinks(await readFile(join(docsDir, "README.md"), "utf8"));
  pages.set("index.html", page("MAT functions: help", markdown.render(index)));
  for (const id of functionIds) {
    const name = id.toLowerCase();
    const text = withoutOutsideLinks(await readFile(join(docsDir, `${name}.md`), "utf8"));
    const forms = TABLE_FORMS[id];
    if (!forms) throw new Error(`help: no Excel-table formula for MAT.${id} in TABLE_FORMS`);
    const table = [
      `<h2 id="in-an-excel-table">In an Excel table</h2>`,
      `<p>In a table (Insert &gt; Table) the formula names columns rather than cells, and Excel fills it down every row:</p>`,
      ...forms.map((form) => `<pre><code>${escapeHtml(form)}</code></pre>`),
    ].join("\n");
    pages.set(`${name}.html`, page(`MAT.${id}: help`, `${markdown.render(text)}\n${table}`));
  }
  return pages;
}

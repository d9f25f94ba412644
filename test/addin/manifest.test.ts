// manifest.xml, checked offline (`office-addin-manifest validate` posts the
// manifest to a Microsoft service, which cannot run here): read with
// office-addin-manifest's own reader, validated by libxml2 (xmllint-wasm)
// against a schema we wrote for the elements we use
// (test/addin/manifest-schema/), and the facts the add-in relies on pinned:
// ids, the MAT namespace, the shared runtime, and every URL under the
// server's /addin/ path, as written and as the build rewrites them.
// docs/addin.md says what is and is not checked.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfficeAddinManifest } from "office-addin-manifest";
import { validateXML } from "xmllint-wasm";
import { buildAddin } from "../../addin/build.js";

const ROOT = new URL("../../", import.meta.url);
const SCHEMA_DIR = new URL("./manifest-schema/", import.meta.url);
const MANIFEST_PATH = new URL("manifest.xml", ROOT).pathname;
const BASE = "https://localhost:4000";

let manifest: string;
let schema: { fileName: string; contents: string }[];

async function validate(xml: string) {
  const [main, ...imports] = schema;
  return validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [main!],
    preload: imports,
  });
}

/** Values of the attributes an XPath expression selects (evaluated by xmllint, offline). */
async function attributes(xml: string, expression: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    normalization: "format",
    modifyArguments: (args) => [...args.filter((arg) => arg !== "--format"), "--xpath", expression],
  });
  return [...result.normalized.matchAll(/ [\w:]+="([^"]*)"/g)].map((match) => match[1]!);
}

/** An XPath step on the local name, whatever the namespace. */
const el = (name: string) => `*[local-name()='${name}']`;

beforeAll(async () => {
  manifest = await readFile(MANIFEST_PATH, "utf8");
  schema = await Promise.all(
    ["office-app.xsd", "version-overrides.xsd", "basic-types.xsd"].map(async (fileName) => ({
      fileName,
      contents: await readFile(new URL(fileName, SCHEMA_DIR), "utf8"),
    })),
  );
});

describe("manifest.xml", () => {
  it("reads with office-addin-manifest as an Excel task-pane add-in", async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST_PATH);
    expect(info).toMatchObject({
      id: "8c4c59f7-2584-426c-ac51-f365bb615aee",
      officeAppType: "TaskPaneApp",
      displayName: "MAT designations",
      providerName: "MAT designations",
      defaultLocale: "en-GB",
      hosts: ["Workbook"],
      permissions: "ReadWriteDocument",
      defaultSettings: { sourceLocation: `${BASE}/addin/taskpane.html` },
    });
  });

  it("is well formed and valid against the schema of the elements we use", async () => {
    const result = await validate(manifest);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each([
    [
      "a resid that names no resource",
      (xml: string) => xml.replace('resid="Functions.Namespace"', 'resid="Functions.Nmespace"'),
      "No match found for key-sequence ['Functions.Nmespace']",
    ],
    [
      "a resource id given twice",
      (xml: string) => xml.replace('<bt:Url id="Help.Url"', '<bt:Url id="Taskpane.Url"'),
      "Duplicate key-sequence ['Taskpane.Url']",
    ],
    [
      "a runtime that is not long or short",
      (xml: string) => xml.replace('lifetime="long"', 'lifetime="forever"'),
      "'forever' is not an element of the set",
    ],
    [
      "a URL that is not https",
      (xml: string) =>
        xml.replace(`${BASE}/addin/functions.js`, "http://localhost:4000/addin/functions.js"),
      "is not accepted by the pattern 'https://",
    ],
    [
      "Runtimes after AllFormFactors",
      (xml: string) =>
        xml
          .replace(/<Runtimes>[\s\S]*?<\/Runtimes>\s*/, "")
          .replace(
            "</AllFormFactors>",
            '</AllFormFactors><Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/></Runtimes>',
          ),
      "Expected is ( {http://schemas.microsoft.com/office/taskpaneappversionoverrides}Runtimes )",
    ],
    [
      "an Id that is not a GUID",
      (xml: string) => xml.replace(/<Id>[^<]+<\/Id>/, "<Id>mat-addin</Id>"),
      "Id",
    ],
    [
      "a document that is not well formed",
      (xml: string) => xml.replace("</Hosts>", "</Host>"),
      "Opening and ending tag mismatch",
    ],
  ])("is refused by the schema with %s", async (_, change, message) => {
    const result = await validate(change(manifest));
    expect(result.valid).toBe(false);
    expect(result.errors.map((error) => error.message).join("\n")).toContain(message);
  });

  it("declares the MAT namespace and one shared runtime serving functions, page and button", async () => {
    const string = (id: string) =>
      attributes(manifest, `//${el("ShortStrings")}/${el("String")}[@id='${id}']/@DefaultValue`);
    const namespaceId = await attributes(manifest, `//${el("Namespace")}/@resid`);
    expect(await string(namespaceId[0]!)).toEqual(["MAT"]);
    expect(await attributes(manifest, `//${el("Runtime")}/@*`)).toEqual(["Taskpane.Url", "long"]);
    const sharedRuntimeUsers = [
      `//${el("ExtensionPoint")}/${el("Page")}/${el("SourceLocation")}/@resid`,
      `//${el("FunctionFile")}/@resid`,
      `//${el("Action")}/${el("SourceLocation")}/@resid`,
    ];
    for (const expression of sharedRuntimeUsers)
      expect(await attributes(manifest, expression)).toEqual(["Taskpane.Url"]);
    expect(
      await attributes(manifest, `/${el("OfficeApp")}/${el("Requirements")}//${el("Set")}/@Name`),
    ).toEqual(["SharedRuntime", "CustomFunctionsRuntime", "ExcelApi"]);
    expect(await attributes(manifest, `//${el("OfficeTab")}/@id`)).toEqual(["TabHome"]);
  });

  it("points every URL at the server's /addin/ path", async () => {
    const urls = await attributes(manifest, "//@DefaultValue[starts-with(., 'http')]");
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const url of urls) expect(url).toMatch(/^https:\/\/localhost:4000\/addin\/[\w./-]+$/);
    expect(manifest).toContain(`<AppDomain>${BASE}</AppDomain>`);
  });
});

describe("the built manifest (dist/addin/manifest.xml)", () => {
  let outDir: string;
  let built: string;
  const publicUrl = "https://mat.example.org";

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "mat-addin-"));
    await buildAddin({ outDir, baseUrl: `${publicUrl}/` });
    built = await readFile(join(outDir, "manifest.xml"), "utf8");
  }, 120_000);

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it("has every URL rewritten to PUBLIC_URL, still valid", async () => {
    expect(built).not.toContain("localhost");
    expect((await validate(built)).valid).toBe(true);
    expect(built).toContain(`<AppDomain>${publicUrl}</AppDomain>`);
  });

  it("names only files the build wrote, so the server's /addin/ path serves each one", async () => {
    const urls = await attributes(built, "//@DefaultValue[starts-with(., 'http')]");
    for (const url of urls) {
      const path = url.slice(`${publicUrl}/addin/`.length);
      expect([url, existsSync(join(outDir, path))]).toEqual([url, true]);
    }
  });
});

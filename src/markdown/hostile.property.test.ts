import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Nodes, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { API_VERSION, type Catalog } from "../catalog/index.js";
import { decodeHtmlAttribute, htmlTokens } from "../core/html-tokens.js";
import { renderReadme } from "./render-readme.js";

// GIVEN hostile text (script tags, event handlers, entity-encoded schemes, markdown link and
// image syntax, container prefixes, control characters) in every markdown field of a catalog
// WHEN the README is rendered THEN, read back by remark (GFM) and its HTML nodes by the HTML
// tokenizer, no element that runs script, no on…= handler, no javascript:/data:/vbscript: URL
// and no raw control character is in the output.

const PIECES = [
  "<script>alert(1)</script>",
  "<script>",
  "</script>",
  "<img src=x onerror=alert(1)>",
  '<img src="x"onerror=alert(1)>',
  "<svg/onload=alert(1)>",
  '<a href="jav&#x61;script:alert(1)">',
  "<a href='&#106;avascript:x'>",
  '<a href="java&Tab;script:x">',
  "<A HREF=JaVaScRiPt:x>",
  "</a>",
  "[x](",
  "](",
  "![i](",
  ")",
  "(",
  "[r]: ",
  "[r]",
  "<",
  ">",
  '"',
  "'",
  "`",
  "\\",
  "|",
  "&",
  "&#",
  ";",
  "javascript:alert(1)",
  "jav&#x61;script:",
  "&#106;avascript:",
  "java&Tab;script:",
  "JaVaScRiPt:",
  "data:text/html,<b>",
  "vbscript:x",
  "https://ok.example",
  "<javascript:alert(1)>",
  "<div>",
  '<div title="',
  "</div>",
  "<!--",
  "-->",
  "<details>",
  "<iframe src=x>",
  "<textarea>",
  "<style>",
  "<br>",
  "\n",
  "\n\n",
  "> ",
  "- ",
  "    ",
  "1. ",
  "# ",
  "```",
  "~~~",
  "\u0000",
  "\u001b[31m",
  "\u001b]0;t\u0007",
  "\u000b",
  "\u202e",
  "\u009b",
  "x",
  " ",
];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((a) => a.join(""));

const DANGEROUS_ELEMENTS = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "textarea",
  "title",
  "xmp",
  "noscript",
  "noembed",
  "noframes",
  "plaintext",
  "template",
  "base",
  "meta",
  "link",
  "form",
  "input",
  "button",
  "select",
]);
/** Attributes a browser follows as a URL (a title that reads "javascript:" is only text). */
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "srcset",
  "action",
  "formaction",
  "xlink:href",
  "cite",
  "longdesc",
  "poster",
  "background",
  "data",
  "ping",
]);
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The scheme check written again, independently of core/safe-url.ts. */
function dangerousUrl(url: string): boolean {
  const compact = [...url]
    .filter((c) => c > " " && !(c >= "\u007f" && c <= "\u009f"))
    .join("")
    .toLowerCase();
  return /^(javascript|data|vbscript):/.test(compact);
}

const parser = unified().use(remarkParse).use(remarkGfm);

function problems(markdown: string): string[] {
  const found: string[] = [];
  if (CONTROL.test(markdown)) found.push("a raw control character");
  const visit = (node: Nodes) => {
    if ((node.type === "link" || node.type === "image" || node.type === "definition") && dangerousUrl(node.url))
      found.push(`a live ${node.type} to ${node.url}`);
    if (node.type === "html") {
      for (const token of htmlTokens(node.value)) {
        if (token.kind === "unfinished") found.push(`HTML left open: ${node.value}`);
        if (token.kind !== "start" && token.kind !== "end") continue;
        if (DANGEROUS_ELEMENTS.has(token.name)) found.push(`a live <${token.name}>`);
        for (const a of token.attributes) {
          if (a.name.startsWith("on")) found.push(`a live ${a.name}= handler`);
          if (URL_ATTRIBUTES.has(a.name) && dangerousUrl(decodeHtmlAttribute(a.value)))
            found.push(`a live ${a.name}=${a.value}`);
        }
      }
    }
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(parser.parse(markdown) as Root);
  return found;
}

const fields = fc.record({
  support: hostile,
  contributing: hostile,
  preamble: hostile,
  trailer: hostile,
  body: hostile,
  after: hostile,
  heading: hostile,
  intro: hostile,
  personaHeading: hostile,
  goal: hostile,
  note: hostile,
  channel: hostile,
  rawUsedIn: hostile,
  rawExtra: hostile,
  announcement: hostile,
  details: hostile,
  title: hostile,
});

type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

function catalogOf(f: Fields): Catalog {
  return {
    apiVersion: API_VERSION,
    program: { name: "P", support: f.support, contributing: f.contributing },
    readme: {
      title: f.title,
      preamble: `\n${f.preamble}\n\n`,
      trailer: `\n${f.trailer}\n`,
      sections: [
        { heading: `Notes ${f.heading}`, body: f.body },
        { heading: "Announcements", role: "announcements", after: `\n${f.after}\n\n` },
        { heading: "Support", role: "support" },
        { heading: "Projects", role: "projects" },
        { heading: "Contributing", role: "contributing" },
      ],
    },
    personas: [{ id: "ops", title: "Ops", intro: `\n${f.intro}\n\n`, heading: f.personaHeading }],
    projects: [
      {
        id: "a",
        name: "A",
        persona: "ops",
        home: "https://a.example",
        goal: f.goal,
        state: { framework: "CNCF", level: "sandbox", note: f.note },
        channels: [{ text: f.channel }],
        usedIn: { raw: f.rawUsedIn },
        raw: { extra: f.rawExtra },
      },
    ],
    announcements: [{ date: "2024-01-01", project: "a", announcement: f.announcement, details: f.details }],
  };
}

describe("README render of hostile text (property)", () => {
  it("leaves no live script, handler, unsafe URL or raw control character", () => {
    fc.assert(
      fc.property(fields, (f) => {
        const out = renderReadme(catalogOf(f));
        assert.deepEqual(problems(out), [], out);
      }),
      { numRuns: 150 },
    );
  });

  it("with the area-table layout too", () => {
    fc.assert(
      fc.property(fields, (f) => {
        const catalog = catalogOf(f);
        const out = renderReadme({ ...catalog, readme: { ...catalog.readme, layout: "area-table" } });
        assert.deepEqual(problems(out), [], out);
      }),
      { numRuns: 75 },
    );
  });
});

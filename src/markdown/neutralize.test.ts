import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { findUnsafeMarkdown } from "./neutralize.js";
import { API_VERSION, type Catalog } from "../catalog/index.js";
import { importReadme } from "./import-readme.js";
import { neutralizeUnsafeHtml } from "./inline.js";
import { renderReadme } from "./render-readme.js";

// GIVEN markdown that could run script in a browser (raw HTML, entity-encoded schemes, links)
// WHEN the README renders it, from any markdown field of the catalog
// THEN none of it stays live: the tag or link shows as text; safe HTML and http(s) links stay.

/**
 * The ways a script slips past a pattern: no space before the handler, schemes hidden by character references, case,
 * tabs.
 */
const SCRIPTED_HTML = [
  '<img src="x"onerror=alert(1)>',
  '<a href="jav&#x61;script:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="java&Tab;script:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  "<svg/onload=alert(1)>",
  "<img src=x onerror=alert(1)//",
  '<a href="vbscript:msgbox(1)">x</a>',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
];
const SCRIPTED_LINKS = [
  "[x](jav&#x61;script:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](java&Tab;script:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "![x](data:text/html,alert)",
  "[x](<vbscript:x>)",
  "<javascript:alert(1)>",
];

describe("the cell neutralizer", () => {
  for (const html of SCRIPTED_HTML) {
    it(`escapes ${html}`, () => {
      const out = neutralizeUnsafeHtml(`a ${html} b`);
      assert.ok(out.startsWith(`a \\${html.slice(0, 8)}`), out);
    });
  }
  for (const link of SCRIPTED_LINKS) {
    it(`breaks the link ${link}`, () => {
      const out = neutralizeUnsafeHtml(`a ${link} b`);
      assert.notEqual(out, `a ${link} b`);
      // what comes out holds nothing live any more, as the full tokenization reads it
      assert.deepEqual(findUnsafeMarkdown(out, { inline: true, exhaustive: true }), [], out);
    });
  }
  it("leaves alone what a browser reads as inert: `/onerror=` inside an unquoted value", () => {
    // The WHATWG tokenizer reads src="x/onerror=alert(1)": one attribute, no handler.
    assert.equal(neutralizeUnsafeHtml("<img/src=x/onerror=alert(1)>"), "<img/src=x/onerror=alert(1)>");
  });
  it("writes `&lt;` right after a word, where a GFM autolink would take a backslash into its URL", () => {
    assert.equal(
      neutralizeUnsafeHtml("see https://ok.example<script>alert(1)</script> now"),
      "see https://ok.example&lt;script>alert(1)&lt;/script> now",
    );
    assert.equal(
      neutralizeUnsafeHtml("a@b.example<img src=x onerror=alert(1)>"),
      "a@b.example&lt;img src=x onerror=alert(1)>",
    );
  });
  it("keeps README HTML and http(s), mailto and relative links live", () => {
    const safe =
      'a <br> <b>x</b> <ul><li>[t](https://t.example)</li></ul> <img src="badges/x.svg" ' +
      'width="20"> [m](mailto:a@b.example) [r](docs/x.md#y) <a href="https://x.example">x</a>';
    assert.equal(neutralizeUnsafeHtml(safe), safe);
  });
});

function catalogWith(fields: {
  support?: string;
  contributing?: string;
  intro?: string;
  body?: string;
  goal?: string;
  details?: string;
  preamble?: string;
}): Catalog {
  return {
    apiVersion: API_VERSION,
    program: {
      name: "P",
      ...(fields.support ? { support: fields.support } : {}),
      ...(fields.contributing ? { contributing: fields.contributing } : {}),
    },
    readme: {
      ...(fields.preamble ? { preamble: fields.preamble } : {}),
      sections: [
        { heading: "Notes", body: fields.body ?? "Notes." },
        { heading: "Announcements", role: "announcements" },
        { heading: "Support", role: "support" },
        { heading: "Projects", role: "projects" },
        { heading: "Contributing", role: "contributing" },
      ],
    },
    personas: [{ id: "ops", title: "Ops", ...(fields.intro ? { intro: fields.intro } : {}) }],
    projects: [{ id: "a", name: "A", persona: "ops", home: "https://a.example", goal: fields.goal ?? "Goal." }],
    announcements: [
      { date: "2024-01-01", project: "a", announcement: "Released", details: fields.details ?? "See notes." },
    ],
  };
}

/** No raw `<script`, no handler in a live tag, no live javascript: link: the markers the payloads carry. */
function assertInert(readme: string, payload: string) {
  assert.equal(readme.includes(payload), false, `still live in:\n${readme}`);
}

describe("every markdown field the README renders", () => {
  const fields = ["support", "contributing", "intro", "body", "goal", "details", "preamble"] as const;
  for (const field of fields) {
    it(`${field}: a <script> block and scripted HTML show as text`, () => {
      const block =
        field === "goal" || field === "details"
          ? "x <script>alert(1)</script> y"
          : "Text.\n\n<script>alert(1)</script>\n";
      const out = renderReadme(catalogWith({ [field]: block }));
      assert.doesNotMatch(out, /(?<![\\;]|&lt)<script>/, out);
      for (const html of SCRIPTED_HTML) {
        const r = renderReadme(catalogWith({ [field]: `x ${html} y` }));
        assertInert(r, ` ${html}`);
      }
    });
    it(`${field}: links to javascript:, data:, vbscript: are not live`, () => {
      for (const link of SCRIPTED_LINKS)
        assertInert(renderReadme(catalogWith({ [field]: `see ${link} now` })), ` ${link}`);
    });
  }

  it("an HTML block cannot hide a script behind a container prefix or an attribute left open", () => {
    const quote = renderReadme(catalogWith({ body: "> <div\n> onmouseover=alert(1)>\n" }));
    assert.match(quote, /&lt;div/);
    const open = renderReadme(catalogWith({ body: '<div title="\n\nx" onmouseover="alert(1)' }));
    assert.match(open, /&lt;div title="/);
  });

  it("keeps the text as written otherwise: a safe README is unchanged", () => {
    const body =
      "A <b>bold</b> word, <br> and <!-- a comment " +
      "-->\n\n<details><summary>More</summary>\n\n[docs](https://d.example)\n</details>";
    assert.match(renderReadme(catalogWith({ body })), new RegExp(body.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  });
});

describe("import of a README with scripted HTML outside the tables", () => {
  it("keeps the text as written and warns with the line, in sections and cells alike", () => {
    const md =
      "# P\n\n## Support\n\nAsk <img src=x onerror=alert(1)> us.\n\n## Projects\n\n### Ops\n\n| Project | Goal " +
      "| State | Communication | Use on Azure |\n|---|---|---|---|---|\n| " +
      "[A](https://a.example) | See [x](jav&#x61;script:alert(1)) | CNCF: sandbox | | |\n";
    const { catalog, issues } = importReadme(md, { file: "x.md" });
    assert.equal(catalog!.program.support, "Ask <img src=x onerror=alert(1)> us.");
    assert.equal(catalog!.projects[0]!.goal, "See [x](jav&#x61;script:alert(1))");
    assert.deepEqual(
      issues.filter((i) => i.code === "E_IMPORT_UNSAFE_HTML").map((i) => [i.line, i.severity]),
      [
        [5, "warning"],
        [13, "warning"],
      ],
    );
    const out = renderReadme(catalog!);
    assert.match(out, /Ask \\<img src=x onerror=alert\(1\)> us\./);
    assert.match(out, /See \[x\]\\\(jav&#x61;script:alert\(1\)\)/);
  });
});

describe("the linear pre-check before tokenizing", () => {
  it("never skips what the full tokenization finds (fast-check), and skips plain READMEs", () => {
    const piece = fc.constantFrom(
      "<br>",
      "<ul><li>",
      "</li></ul>",
      "<img src=x onerror=alert(1)>",
      '<a href="javascript:x">',
      "<!-- c -->",
      "<https://e.example>",
      "<javascript:alert(1)>",
      "[t](https://e.example/a)",
      "[t](javascript:alert(1))",
      "[t](jav&#x61;script:x)",
      "[t](<javascript:x>)",
      "[t](\\javascript:x)",
      "\n[r]: javascript:x\n",
      "![i](data:x)",
      "<br/>",
      "<BR >",
      "< b",
      "a",
      " ",
      "\n",
      "|",
      "&#106;",
      "<scr",
      "ipt>",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 10 }).map((p) => p.join("")),
        (text) => {
          const full = findUnsafeMarkdown(text, { exhaustive: true });
          assert.deepEqual(findUnsafeMarkdown(text), full, JSON.stringify(text));
        },
      ),
      { numRuns: 400 },
    );
    assert.deepEqual(findUnsafeMarkdown("| [A](https://a.example) <br> b | <ul><li>[x](docs/x.md)</li></ul> |\n"), []);
  });
});

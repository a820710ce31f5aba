import { programModel } from "../catalog/index.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import {
  assessPortfolio,
  loadFrameworks,
  renderAssessmentText,
  renderMarkdown,
  renderSummaryText,
  summarizePortfolio,
} from "./index.js";
import { textTable } from "../core/text-table.js";
import { project, projectEvidence, richRepository } from "./testing.js";

const frameworks = await loadFrameworks();
const projects = [
  project({
    id: "alpha",
    name: "Alpha | One",
    state: { framework: "Azure", level: "incubating" },
    attestations: { "sandbox.msft-sponsor": { status: "met", by: "jane", date: "2020-01-01" } },
  }),
  project({ id: "kube", name: "Kube <b>|</b> & Co", state: { framework: "Kubernetes", level: "stable" } }),
];
const assessments = assessPortfolio({
  program: programModel({ name: "P", organizations: ["Microsoft"] }),
  projects,
  evidence: new Map([
    [
      "alpha",
      projectEvidence([
        richRepository(
          "repo",
          (r) => void (r.files = { ...r.files, adopters: { ...r.files.adopters, items: ["Evil | <img src=x>"] } }),
        ),
      ]),
    ],
  ]),
  frameworks,
  asOf: "2020-06-01",
});
const summary = summarizePortfolio(assessments, "2020-06-01");

describe("renderers", () => {
  it("align a text table", () => {
    assert.equal(textTable(["a", "bb"], [["ccc", "d"]]), "a    bb\n---  --\nccc  d");
  });

  it("print the portfolio summary as a table with a footer and notes", () => {
    const text = renderSummaryText(summary);
    assert.match(text, /^project {2}framework +declared +supported +met +missing +unknown +drift\n/);
    assert.match(text, /\nalpha +azcnu-v0\.1@0\.1 +Azure: incubating +none +\d+ +\d+ +\d+ +\? unconfirmed\n/);
    assert.match(
      text,
      new RegExp(
        String.raw`2 projects as of 2020-06-01: 0 declared above their evidence, 1 unconfirmed \(criteria unknown` +
          String.raw`\), 0 eligible to move up, 1 not assessed`,
      ),
    );
    assert.match(text, /kube: 'Kubernetes' is not a framework this program maps/);
    assert.match(
      renderSummaryText(summarizePortfolio(assessments.slice(0, 1), "2020-06-01")),
      /\n1 project as of 2020-06-01:/,
    );
    // one project declared above: "its" evidence, not "their"
    const above = summarizePortfolio(
      [{ ...assessments[0]!, drift: { ...assessments[0]!.drift, kind: "declared-above-supported", message: "" } }],
      "2020-06-01",
    );
    assert.match(
      renderSummaryText(above),
      /\n1 project as of 2020-06-01: 1 declared above its evidence, 0 unconfirmed/,
    );
  });

  it("print one project with each criterion, its evidence and the gaps", () => {
    const text = renderAssessmentText(assessments[0]!);
    assert.match(text, /framework: AzCNU \(azcnu-v0\.1 version 0\.1\)/);
    assert.match(text, /missing for sandbox:\n {4}\[ \] sandbox\.best-effort-support \(\? unknown\)/);
    // statuses and drift in words, as in the tables: never the JSON names
    assert.ok(!/\[ \] \S+ \((suggested, )?(not-met|unknown|expired)\)/.test(text), text);
    assert.ok(!/not-met/.test(text), text);
    assert.match(
      text,
      /\n {2}drift: +declared incubating; not yet confirmed: \d+ required criteria up to incubating are unknown/,
    );
    assert.match(
      text,
      /✔ met {7}incubating\.maintainers: 2\+ maintainers\n {16}· OWNERS in repo@abc1234 lists 40 maintainers/,
    );
  });

  it("write markdown with escaped cells and a checklist", () => {
    const md = renderMarkdown(summary, assessments);
    assert.match(md, /^# Maturity assessment as of 2020-06-01\n/);
    assert.match(md, /## Alpha \\\| One/);
    assert.match(md, /- \[ \] `sandbox\.project-proposal` \(\? unknown\)/);
    assert.match(md, /- \[ \] `sandbox\.badge` \(suggested, \? unknown\)/);
    assert.ok(!/\[ \] \S+ \((suggested, )?(not-met|unknown|expired)\)/.test(md));
    assert.match(md, /Not assessed: 'Kubernetes' is not a framework/);
    // HTML in a name is shown as text, and a pipe does not split a cell
    assert.match(md, /## Kube &lt;b&gt;\\\|&lt;\/b&gt; &amp; Co\n/);
    assert.ok(!md.includes("<b>"));
    assert.match(md, /adopters listed: Evil \\\| &lt;img src=x&gt;/);
    // every row keeps its column count: 8 in the summary, 4 in a project's criteria
    for (const row of md.split("\n").filter((l) => l.startsWith("| ")))
      assert.ok([8, 4].includes(row.split(/(?<!\\)\|/).length - 2), row);
  });
});

describe("markdown review document on hostile names", () => {
  const parser = unified().use(remarkParse).use(remarkGfm);
  /** Nodes that would do something in a reader: images, HTML, and links other than GFM's plain-URL autolinks. */
  function liveNodes(markdown: string): string[] {
    const found: string[] = [];
    const walk = (node: { type: string; url?: string; value?: string; children?: unknown[] }): void => {
      if (
        node.type === "image" ||
        node.type === "html" ||
        node.type === "imageReference" ||
        node.type === "linkReference" ||
        node.type === "definition"
      )
        found.push(`${node.type} ${node.url ?? node.value ?? ""}`);
      if (node.type === "link") {
        const text = (node.children as { value?: string }[]).map((c) => c.value ?? "").join("");
        const autolink =
          /^(https?:\/\/|mailto:|www\.)/i.test(node.url ?? "") &&
          (node.url ?? "").replace(/^mailto:/, "").includes(text.replace(/^mailto:/, ""));
        if (!autolink) found.push(`link ${node.url} (${text})`);
      }
      for (const child of (node.children ?? []) as (typeof node)[]) walk(child);
    };
    walk(parser.parse(markdown) as never);
    return found;
  }
  const render = (name: string, heading: string) => {
    const p = [project({ id: "evil", name, state: { framework: "Azure", level: "incubating" } })];
    const evidence = projectEvidence([
      richRepository(
        "repo",
        (r) =>
          void (r.files = {
            ...r.files,
            governance: { how: "readme-reference", path: "README.md", reference: heading, url: "javascript:alert(1)" },
            adopters: { ...r.files.adopters, items: [name] },
          }),
      ),
    ]);
    const a = assessPortfolio({
      program: programModel({ name: "P" }),
      projects: p,
      evidence: new Map([["evil", evidence]]),
      frameworks,
      asOf: "2020-06-01",
    });
    return renderMarkdown(summarizePortfolio(a, "2020-06-01"), a);
  };

  it("leaves no live link or image from a project name or a repository's README heading", () => {
    const md = render(
      "[x](javascript:alert(1)) ![img](https://evil.example/x.png)",
      "[Governance](javascript:alert(1))",
    );
    assert.deepEqual(liveNodes(md), []);
    assert.match(md, /## \\\[x\\\]\\\(javascript:alert\\\(1\\\)\\\) \\!\\\[img\\\]/);
  });

  it("holds for any text (fast-check): no image, HTML or link comes out of names and evidence", () => {
    const piece = fc.constantFrom(
      "[",
      "]",
      "(",
      ")",
      "!",
      "<",
      ">",
      "`",
      "*",
      "_",
      "\\",
      "|",
      "javascript:",
      "https://e.example/",
      "<img src=x onerror=alert(1)>",
      "<script>",
      "&#x61;",
      "\n",
      " ",
      "a",
      "#",
      "~",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }).map((p) => p.join("")),
        fc.array(piece, { maxLength: 10 }).map((p) => p.join("")),
        (name, heading) => {
          const found = liveNodes(render(name.trim() === "" ? "x" : name, heading));
          assert.deepEqual(found, [], `name ${JSON.stringify(name)}, heading ${JSON.stringify(heading)}`);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("terminal text on hostile data", () => {
  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  it(
    "holds for any text (fast-check): no control or bidi " +
      "character reaches the terminal from names, notes or evidence",
    () => {
      const piece = fc.constantFrom(
        "\u001b[31m",
        "\u001b]0;pwned\u0007",
        "\u202e",
        "\u0000",
        "\u009b",
        "\u000b",
        "\r",
        "\t",
        "a",
        " ",
        "|",
        "é",
      );
      fc.assert(
        fc.property(
          fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
          (evil) => {
            const p = [
              project({ id: "evil", name: `N${evil}`, state: { framework: "Azure", level: `incubating${evil}` } }),
            ];
            const evidence = projectEvidence(
              [
                richRepository(
                  "repo",
                  (r) => void (r.files = { ...r.files, adopters: { ...r.files.adopters, items: [`A${evil}`] } }),
                ),
              ],
              { failures: [{ repository: `r${evil}`, code: "E_GIT_FAILED", message: `git: ${evil}` }] },
            );
            const a = assessPortfolio({
              program: programModel({ name: "P" }),
              projects: p,
              evidence: new Map([["evil", evidence]]),
              frameworks,
              asOf: "2020-06-01",
            });
            const s = summarizePortfolio(a, "2020-06-01");
            for (const out of [renderSummaryText(s), renderAssessmentText(a[0]!)])
              assert.doesNotMatch(out.replace(/\n/g, ""), CONTROL, JSON.stringify(evil));
          },
        ),
        { numRuns: 120 },
      );
    },
  );
});

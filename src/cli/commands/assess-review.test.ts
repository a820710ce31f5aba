import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { buildRepo, tempDir } from "../../evidence/testing.js";
import { runUpstream } from "../testing.js";

// GIVEN a generated 25-project program (a real git repository each, in a temp folder) assessed against a small
// framework kept beside the catalog, WHEN `assess --format markdown` writes the review document, THEN it opens with
// one summary row per project, details only what changed, blocks or needs a person, gives a quiet project one line,
// and escapes the catalog's text; `--detail full` keeps every criterion.

const root = tempDir("upstream-review-");
after(() => root.cleanup());

const FRAMEWORK = `id: mini
version: "1"
title: Mini
name: A small framework for the review document's test
stages:
  - id: sandbox
    title: Sandbox
    synonyms: [sandbox]
    criteria:
      - { id: sandbox.license, text: A license, decided: automatic, rule: { id: files, files: [license] } }
      - { id: sandbox.sponsor, text: A sponsor, decided: attestation }
  - id: incubating
    title: Incubating
    synonyms: [incubating]
    criteria:
      - id: incubating.maintainers
        text: 2+ maintainers
        decided: automatic
        rule: { id: maintainers, threshold: 2 }
  - id: graduated
    title: Graduated
    synonyms: [graduated]
    criteria:
      - id: graduated.adopters
        text: 2+ adopters
        decided: automatic
        rule: { id: adopters, threshold: 2, includeContributors: true }
      - { id: graduated.review, text: A TOC review, decided: attestation }
`;

// Five kinds of project, five of each: graduated with nothing to say; declared above (one maintainer); waiting for a
// sponsor's attestation; sponsored since the last review (changed); and one whose name and state are hostile markdown.
const KINDS = ["quiet", "above", "person", "changed", "hostile"] as const;
type Kind = (typeof KINDS)[number];
const HOSTILE_NAME = "Evil | <script>alert(1)</script> [x](javascript:alert(1)) *bold*";
const SINCE = "2020-01-01";
const AS_OF = "2020-06-01";

function repository(id: string, kind: Kind): void {
  const owners = kind === "above" ? ["solo"] : ["alice", "bob"];
  const files: Record<string, string> = {
    LICENSE: "MIT License\n",
    "README.md": `# ${id}\n`,
    OWNERS: `approvers:\n${owners.map((o) => `  - ${o}\n`).join("")}`,
    "ADOPTERS.md": "# Adopters\n- Contoso\n- Fabrikam\n",
  };
  const dir = join(root.dir, "repos", id);
  mkdirSync(dir, { recursive: true });
  buildRepo(dir, [
    { date: "2019-03-01", author: "Alice <alice@example.com>", files },
    { date: "2019-04-01", author: "Bob <bob@example.com>", files: { "src/a.txt": "a" } },
  ]);
}

function projectYaml(i: number, kind: Kind): string {
  const id = `p${String(i).padStart(2, "0")}-${kind}`;
  repository(id, kind);
  const attest = (date: string) => `{ status: met, by: toc, date: ${date} }`;
  const attestations =
    kind === "quiet" || kind === "hostile"
      ? { "sandbox.sponsor": attest("2019-05-01"), "graduated.review": attest("2019-05-01") }
      : kind === "above"
        ? { "sandbox.sponsor": attest("2019-05-01") }
        : kind === "changed"
          ? { "sandbox.sponsor": attest("2020-02-01") }
          : {};
  const level = kind === "quiet" || kind === "hostile" ? "graduated" : kind === "above" ? "incubating" : "sandbox";
  return [
    `  - id: ${id}`,
    `    name: ${JSON.stringify(kind === "hostile" ? `${HOSTILE_NAME} ${i}` : `Project ${i}`)}`,
    "    persona: ops",
    `    repositories: [repos/${id}]`,
    `    state: { framework: Review, level: ${level} }`,
    ...(Object.keys(attestations).length
      ? ["    attestations:", ...Object.entries(attestations).map(([c, a]) => `      ${c}: ${a}`)]
      : []),
  ].join("\n");
}

const projects = Array.from({ length: 25 }, (_, i) => ({ i, kind: KINDS[i % KINDS.length]! }));
mkdirSync(join(root.dir, "frameworks"));
writeFileSync(join(root.dir, "frameworks", "mini.yaml"), FRAMEWORK);
writeFileSync(
  join(root.dir, "upstream.yaml"),
  `apiVersion: upstream/v1
program: { name: Review, organizations: [Microsoft], frameworks: { Review: mini } }
personas: [{ id: ops, title: Operators }]
projects:
${projects.map((p) => projectYaml(p.i, p.kind)).join("\n")}
`,
);

const assessArgs = (...more: string[]) =>
  runUpstream(["assess", "--catalog", join(root.dir, "upstream.yaml"), "--as-of", AS_OF, ...more], { cwd: root.dir });

/** The table's data rows, each split into cells at the pipes markdown reads as cell borders. */
function summaryRows(doc: string): string[][] {
  const lines = doc.split("\n");
  const start = lines.findIndex((l) => l.startsWith("| project |"));
  const rows: string[][] = [];
  for (let i = start + 2; lines[i]?.startsWith("|"); i++)
    rows.push(
      lines[i]!.slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  return rows;
}

describe("assess --format markdown: the review document at 25 projects", () => {
  const review = assessArgs("--since", SINCE, "--format", "markdown");
  const json = JSON.parse(assessArgs("--json").stdout) as {
    assessments: { project: string; next: { missing: { advice?: { kind: string } }[] } | null }[];
  };

  it("opens with a summary row per project: declared, supported, what changed, blockers, needs a person", () => {
    assert.equal(review.code, 0, review.stderr);
    const doc = review.stdout;
    assert.equal(doc.split("\n")[0], `# Maturity review as of ${AS_OF}`);
    assert.match(
      doc,
      /^\| project \| framework \| declared \| supported \| what changed \| blockers \| needs a person \|$/m,
    );
    const rows = summaryRows(doc);
    assert.equal(rows.length, 25);
    for (const [row, p] of rows.map((r, n) => [r, projects[n]!] as const)) {
      assert.equal(row.length, 7, `${row.join(" | ")}: a hostile name must not add cells`);
      const expected = {
        quiet: ["Review: graduated", "graduated", "no change", "0", "0"],
        hostile: ["Review: graduated", "graduated", "no change", "0", "0"],
        above: ["Review: incubating", "sandbox", "no change", "1", "0"],
        person: ["Review: sandbox", "none", "no change", "0", "1"],
        // sponsored since: sandbox and incubating met, graduated waits for its TOC review
        changed: ["Review: sandbox", "incubating", "↑ moved up, 1 gained", "0", "1"],
      }[p.kind];
      assert.deepEqual(row.slice(2), expected, `${row[0]} (${p.kind})`);
    }
    // the blockers column counts the next stage's open required criteria that evidence decides, as JSON has them
    for (const [n, a] of json.assessments.entries()) {
      const blockers = (a.next?.missing ?? []).filter((f) => f.advice?.kind !== "attest").length;
      assert.equal(rows[n]![5], String(blockers), a.project);
    }
  });

  it("details only the projects with something to say, and gives each quiet one a single line", () => {
    const doc = review.stdout;
    const sections = doc.split("\n").filter((l) => l.startsWith("## "));
    const loud = projects.filter((p) => p.kind === "above" || p.kind === "person" || p.kind === "changed");
    assert.equal(sections.length, loud.length + 1, sections.join("\n"));
    assert.equal(sections.at(-1), "## Nothing to report");
    for (const p of projects) {
      const id = `p${String(p.i).padStart(2, "0")}-${p.kind}`;
      const mentions = doc.split("\n").filter((l) => l.includes(id));
      if (p.kind === "quiet" || p.kind === "hostile") {
        // the summary row and one line under "Nothing to report"
        assert.equal(mentions.length, 2, mentions.join("\n"));
        assert.match(
          mentions[1]!,
          /^- \*\*.*\*\* \(`p\d\d-\w+`\): supported graduated, as declared; top stage; no change; momentum: .+$/,
        );
      } else
        assert.ok(
          mentions.some((l) => l.startsWith(`## Project ${p.i} (\`${id}\`)`)),
          id,
        );
    }
    const section = (id: string) =>
      doc.slice(doc.indexOf(`(\`${id}\`)\n`), doc.indexOf("\n## ", doc.indexOf(`(\`${id}\`)\n`)));
    assert.ok(
      section("p01-above").includes(
        "### Blocks incubating (1)\n\n" +
          "- [ ] `incubating.maintainers` (✘ not met): 2\\+ maintainers — 1 distinct maintainer; 2 required",
      ),
      section("p01-above"),
    );
    assert.doesNotMatch(section("p01-above"), /### What changed/);
    assert.match(
      section("p02-person"),
      /### Needs a person \(1\)\n\n- sandbox\n {2}- `sandbox\.sponsor` \(\? unknown, attest\): A sponsor/,
    );
    assert.doesNotMatch(section("p02-person"), /### Blocks/);
    assert.match(
      section("p03-changed"),
      /### What changed since 2020-01-01\n\n- Supported: none → incubating \(↑ moved up\)/,
    );
    assert.match(section("p03-changed"), /- sandbox\.sponsor: \? unknown → ✔ attested/);
  });

  it("escapes markdown and HTML from the catalog: no tag, link or extra cell reaches the reader", () => {
    const html = micromark(review.stdout, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    assert.doesNotMatch(html, /<script|<a href|<em>bold/);
    const summaryTable = html.slice(0, html.indexOf("</table>"));
    assert.equal((summaryTable.match(/<tr>/g) ?? []).length, 26); // the header and 25 projects
    assert.match(html, /Evil \| &lt;script&gt;alert\(1\)&lt;\/script&gt; \[x\]\(javascript:alert\(1\)\) \*bold\* 4/);
  });

  it("puts each finding's facts in the JSON beside its sentences", () => {
    const doc = JSON.parse(assessArgs("p01-above", "--json").stdout);
    const f = doc.assessments[0].findings.find(
      (x: { criterionId: string }) => x.criterionId === "incubating.maintainers",
    );
    const count = f.facts.find((x: { kind: string }) => x.kind === "maintainers");
    assert.equal(count.count, 1);
    assert.equal(count.threshold, 2);
    assert.equal(count.people[0].handle, "solo");
    assert.equal(count.people[0].file.path, "OWNERS");
    assert.match(count.people[0].file.commit, /^[0-9a-f]{40}$/);
    assert.equal(f.evidence.at(-1), "1 distinct maintainer; 2 required");
    assert.deepEqual(f.advice, {
      kind: "work-towards",
      criterionId: "incubating.maintainers",
      goal: "2+ maintainers",
      threshold: 2,
      readEvidence: false,
      orAttest: false,
    });
  });

  it("keeps every criterion with --detail full, and refuses another detail", () => {
    const full = assessArgs("--format", "markdown", "--detail", "full");
    assert.equal(full.code, 0, full.stderr);
    assert.match(full.stdout, /^\| criterion \| stage \| status \| evidence \|$/m);
    assert.equal((full.stdout.match(/^## /gm) ?? []).length, 25);
    assert.doesNotMatch(review.stdout, /^\| criterion \|/m);
    const bad = assessArgs("--format", "markdown", "--detail", "everything");
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--detail expects summary or full, got 'everything'/);
  });
});

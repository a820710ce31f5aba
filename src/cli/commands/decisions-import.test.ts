import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeProgram } from "../../governance/testing.js";
import { runUpstream } from "../testing.js";

// GIVEN a catalog folder in git with vk (CNCF: incubating) and old (CNCF: archived), a hand-kept
// governance/decisions.yaml with comments and vk's admission, and a landscape.yml in the real shape WHEN
// `decisions import landscape.yml --write` runs THEN the new decisions (vk's promotion, old's admission and
// archival) are appended, marked as imported with their source, and nothing else in the files changes; a second run
// writes nothing; bad input is refused with its place and nothing written.

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const git = (dir: string, ...args: string[]) => {
  const r = spawnSync("git", ["-C", dir, "-c", "user.name=T", "-c", "user.email=t@t.invalid", ...args], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

const DECISIONS = `# Decisions of other bodies, kept by hand until now.
apiVersion: upstream/v1
decisions:
  # the sandbox admission, from the TOC's minutes
  - {project: vk, kind: admit, level: sandbox, framework: cncf, date: 2018-12-04, by: CNCF TOC}
`;

const item = (name: string, level: string, repo: string, extra: Record<string, string>) =>
  `          - item:\n            name: ${name}\n            project: ${level}\n` +
  `            repo_url: https://github.com/example/${repo}\n            extra:\n` +
  Object.entries(extra)
    .map(([k, v]) => `              ${k}: '${v}'\n`)
    .join("");
const landscape = (items: string) =>
  "landscape:\n  - category:\n    name: R\n    subcategories:\n      - subcategory:\n        name: S\n" +
  `        items:\n${items}`;
const LANDSCAPE = landscape(
  item("VK", "incubating", "vk", { accepted: "2018-12-04", incubating: "2021-05-01" }) +
    item("Old", "archived", "old", { accepted: "2019-03-01", archived: "2022-06-01" }),
);

function program(): { dir: string; input: string } {
  const dir = writeProgram(
    { vk: "CNCF: incubating", old: "CNCF: archived" },
    { "governance/decisions.yaml": DECISIONS },
  );
  dirs.push(dir);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "the catalog");
  const inputs = mkdtempSync(join(tmpdir(), "landscape-"));
  dirs.push(inputs);
  const input = join(inputs, "landscape.yml");
  writeFileSync(input, LANDSCAPE);
  return { dir, input };
}

const up = (dir: string, ...args: string[]) =>
  runUpstream(["decisions", ...args, "--catalog", dir, "--date", "2026-12-01"]);

describe("decisions import --write", () => {
  it("appends the matched projects' public decisions, marked as imported, and changes nothing else", () => {
    const { dir, input } = program();
    const r = up(dir, "import", input, "--write");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 decisions recorded, imported from the public record on 2026-12-01 \(no votes/);
    const diff = git(dir, "diff", "--unified=0", "--", "governance/decisions.yaml");
    const removed = diff.split("\n").filter((l) => l.startsWith("-") && !l.startsWith("---"));
    assert.deepEqual(removed, [], "no line of the hand-kept file changes");
    assert.equal(git(dir, "status", "--porcelain"), " M governance/decisions.yaml\n", "no other file is touched");
    const text = readFileSync(join(dir, "governance", "decisions.yaml"), "utf8");
    assert.ok(text.startsWith(DECISIONS), "comments and the hand-kept decision stay as written");
    const added = text.slice(DECISIONS.length);
    assert.equal(
      added,
      [
        "  - project: vk",
        "    kind: promote",
        "    level: incubating",
        "    framework: cncf",
        "    date: 2021-05-01",
        "    by: CNCF TOC",
        `    source: ${input}:8`,
        "    imported:",
        "      from: landscape",
        "      on: 2026-12-01",
        "  - project: old",
        "    kind: admit",
        "    level: sandbox",
        "    framework: cncf",
        "    date: 2019-03-01",
        "    by: CNCF TOC",
        `    source: ${input}:15`,
        "    imported:",
        "      from: landscape",
        "      on: 2026-12-01",
        "  - project: old",
        "    kind: archive",
        "    framework: cncf",
        "    date: 2022-06-01",
        "    by: CNCF TOC",
        `    source: ${input}:15`,
        "    imported:",
        "      from: landscape",
        "      on: 2026-12-01",
        "",
      ].join("\n"),
    );

    // The records check without votes, and the history has them.
    const listed = runUpstream(["decisions", "--catalog", dir, "--json"]);
    assert.equal(listed.code, 0, listed.stderr);
    const history = JSON.parse(listed.stdout).decisions.map((d: { project: string; kind: string; date: string }) =>
      [d.date, d.project, d.kind].join(" "),
    );
    assert.deepEqual(history, [
      "2018-12-04 vk admit",
      "2019-03-01 old admit",
      "2021-05-01 vk promote",
      "2022-06-01 old archive",
    ]);
    // the table says an imported decision carries no vote of this TOC, rather than leaving the column blank
    const table = runUpstream(["decisions", "vk", "--catalog", dir]);
    assert.equal(table.code, 0, table.stderr);
    const rows = table.stdout.split("\n").filter((l) => / vk /.test(l));
    assert.equal(rows.length, 2, table.stdout);
    for (const line of rows) assert.match(line, /none here \(recorded\)/, table.stdout);

    // A second run finds everything recorded and writes nothing.
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "imported");
    const again = up(dir, "import", input, "--write", "--json");
    assert.equal(again.code, 0, again.stderr);
    const report = JSON.parse(again.stdout);
    assert.deepEqual(report.decisions, []);
    assert.equal(report.written, false);
    assert.equal(git(dir, "status", "--porcelain"), "");
  });

  it("makes governance/decisions.yaml when the catalog has none", () => {
    const dir = writeProgram({ vk: "CNCF: incubating" }, {});
    dirs.push(dir);
    const inputs = mkdtempSync(join(tmpdir(), "landscape-"));
    dirs.push(inputs);
    const input = join(inputs, "landscape.yml");
    writeFileSync(
      input,
      landscape(item("VK", "incubating", "vk", { accepted: "2018-12-04", incubating: "2021-05-01" })),
    );
    const r = up(dir, "import", input, "--write");
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(join(dir, "governance", "decisions.yaml"), "utf8");
    assert.match(text, /^apiVersion: upstream\/v1\ndecisions:\n {2}- project: vk\n {4}kind: admit\n/);
    assert.equal(text.match(/imported:/g)?.length, 2);
  });

  it("refuses bad input at its place, exit 1, nothing written", () => {
    const { dir, input } = program();
    const refused = (file: string, code: RegExp, where: RegExp) => {
      const r = up(dir, "import", file, "--write");
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, code);
      assert.match(r.stderr, where);
      assert.equal(git(dir, "status", "--porcelain"), "", "nothing is written");
    };
    const at = (line: number, col = ":\\d+") => new RegExp(`${input.replace(/[.]/g, "\\.")}:${line}${col}`);
    writeFileSync(input, "- {name: vk, maturity: sandbox\n");
    refused(input, /\[E_/, at(2));
    writeFileSync(input, "projects: []\n");
    refused(input, /\[E_DECISIONS_IMPORT_FORMAT\]/, at(1));
    // Graduated with no incubating date: the record skips a level, which the checks refuse at the record's entry.
    writeFileSync(input, landscape(item("VK", "graduated", "vk", { accepted: "2018-12-04", graduated: "2022-01-01" })));
    refused(input, /\[E_GOV_SKIPPED_LEVEL\]/, at(8, ""));
  });
});

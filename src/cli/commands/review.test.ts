import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { changedLines } from "../../catalog/edit-testing.js";
import { TOC_YAML } from "../../governance/testing.js";
import { runUpstream } from "../testing.js";

// GIVEN a real catalog folder in git with a TOC of six voting members WHEN a full quarter runs
// through the commands (open, propose, vote, close) THEN the review holds the votes and results,
// the catalog changes only in the lines the decisions mean, the README shows them, and every bad
// input is refused at its place with nothing written.

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const SIX = ["ann", "bo", "cy", "di", "ed", "flo"];

function git(dir: string, ...args: string[]): string {
  const r = spawnSync("git", ["-C", dir, ...args], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function program(): string {
  const dir = mkdtempSync(join(tmpdir(), "quarter-"));
  dirs.push(dir);
  mkdirSync(join(dir, "projects"));
  mkdirSync(join(dir, "governance"));
  writeFileSync(
    join(dir, "upstream.yaml"),
    [
      "# The Example program's catalog",
      "apiVersion: upstream/v1",
      "program:",
      "  name: Example Upstream",
      "  frameworks: {Azure: azcnu-v0.1, CNCF: cncf}",
      "personas: [{id: ops, title: Ops}]",
      "projects: [fleet, old, gift, mesh]",
      "announcements:",
      "  - {date: 2026-01-05, project: fleet, announcement: Fleet 1.0 released}  # by hand",
      "",
    ].join("\n"),
  );
  const project = (id: string, level: string) =>
    writeFileSync(
      join(dir, "projects", `${id}.yaml`),
      `# ${id}: kept by its maintainers\nid: ${id}\nname: ${id[0]!.toUpperCase()}${id.slice(1)}\npersona: ops\n` +
        `state: {framework: Azure, level: ${level}}  # as the TOC awarded\n` +
        `repositories: [https://github.com/example/${id}]\n`,
    );
  project("fleet", "sandbox");
  project("old", "incubating");
  project("gift", "incubating");
  project("mesh", "sandbox");
  writeFileSync(join(dir, "governance", "toc.yaml"), TOC_YAML);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "the catalog");
  return dir;
}

const up = (dir: string, ...args: string[]) => runUpstream([...args, "--catalog", dir]);
const ok = (dir: string, ...args: string[]) => {
  const r = up(dir, ...args);
  assert.equal(r.code, 0, `${args.join(" ")}\n${r.stderr}`);
  return r;
};
const votes = (dir: string, motion: string, yes: number, no: number, date: string) =>
  SIX.slice(0, yes + no).forEach((m, i) =>
    ok(dir, "vote", motion, i < yes ? "yes" : "no", "--member", m, "--date", date),
  );

/** A command refused: exit 1, the code on stderr with a file:line:col, and no file changed. */
function refused(dir: string, code: string, ...args: string[]) {
  const before = git(dir, "status", "--porcelain") + git(dir, "diff");
  const r = up(dir, ...args);
  assert.equal(r.code, 1, `${args.join(" ")} should fail\n${r.stderr}`);
  assert.match(r.stderr, new RegExp(`\\[${code}\\]`), r.stderr);
  assert.match(r.stderr, /nothing was written/);
  assert.equal(git(dir, "status", "--porcelain") + git(dir, "diff"), before, "nothing is written");
  return r;
}

describe("a full quarter, end to end", () => {
  it("open, propose, vote, close: the catalog diff, announcements and README are what the TOC decided", () => {
    const dir = program();
    const opened = ok(dir, "review", "open", "2026-Q4", "--date", "2026-10-01", "--no-assess", "--json");
    assert.deepEqual(JSON.parse(opened.stdout).review.due, ["fleet", "old", "gift", "mesh"]);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "open 2026-Q4");
    const review = join(dir, "governance", "reviews", "2026-Q4.yaml");

    // Motions, and the bad ones refused at their place.
    ok(
      dir,
      "motion",
      "propose",
      "--kind",
      "promote",
      "--project",
      "fleet",
      "--level",
      "incubating",
      "--proposer",
      "ann",
      "--date",
      "2026-10-05",
      "--rationale",
      "Meets the incubating guidelines.",
    );
    ok(dir, "motion", "propose", "--kind", "archive", "--project", "old", "--proposer", "ann", "--date", "2026-10-05");
    ok(
      dir,
      "motion",
      "propose",
      "--kind",
      "donate",
      "--project",
      "gift",
      "--foundation",
      "CNCF",
      "--link",
      "https://github.com/cncf/sandbox/issues/123",
      "--proposer",
      "ann",
      "--date",
      "2026-10-05",
    );
    ok(
      dir,
      "motion",
      "propose",
      "--kind",
      "admit",
      "--project",
      "nova",
      "--name",
      "Nova",
      "--persona",
      "ops",
      "--repository",
      "https://github.com/example/nova",
      "--level",
      "graduated",
      "--proposer",
      "bo",
      "--date",
      "2026-10-06",
    );
    ok(
      dir,
      "motion",
      "propose",
      "--kind",
      "admit",
      "--project",
      "zed",
      "--name",
      "Zed",
      "--persona",
      "ops",
      "--level",
      "sandbox",
      "--proposer",
      "bo",
      "--date",
      "2026-10-06",
    );
    const skipped = refused(
      dir,
      "E_GOV_SKIPPED_LEVEL",
      "motion",
      "propose",
      "--kind",
      "promote",
      "--project",
      "mesh",
      "--level",
      "graduated",
      "--proposer",
      "bo",
      "--date",
      "2026-10-06",
    );
    assert.match(
      skipped.stderr,
      /2026-Q4\.yaml:\d+:\d+: error: mesh is at sandbox on 2026-10-06: a promotion to graduated skips incubating/,
    );
    assert.match(skipped.stderr, /fix: promote one level at a time: set level: incubating/);
    refused(
      dir,
      "E_GOV_UNKNOWN_PROJECT",
      "motion",
      "propose",
      "--kind",
      "promote",
      "--project",
      "flet",
      "--level",
      "incubating",
      "--proposer",
      "bo",
      "--date",
      "2026-10-06",
    );
    refused(
      dir,
      "E_GOV_UNKNOWN_LEVEL",
      "motion",
      "propose",
      "--kind",
      "promote",
      "--project",
      "mesh",
      "--level",
      "incubatin",
      "--proposer",
      "bo",
      "--date",
      "2026-10-06",
    );
    refused(
      dir,
      "E_GOV_ALREADY_ADMITTED",
      "motion",
      "propose",
      "--kind",
      "admit",
      "--project",
      "mesh",
      "--persona",
      "ops",
      "--level",
      "sandbox",
      "--proposer",
      "bo",
      "--date",
      "2026-10-06",
    );
    refused(
      dir,
      "E_GOV_DONATION_EVIDENCE",
      "motion",
      "propose",
      "--kind",
      "donate",
      "--project",
      "mesh",
      "--foundation",
      "CNCF",
      "--proposer",
      "bo",
      "--date",
      "2026-10-06",
    );

    // Exactly 2/3 passes; just below fails; a donation; the cascade; a rejection.
    votes(dir, "fleet-incubating", 4, 2, "2026-10-20");
    votes(dir, "old-archive", 3, 3, "2026-10-20");
    votes(dir, "gift-donate", 5, 1, "2026-10-21");
    const nonMember = refused(
      dir,
      "E_GOV_NOT_A_MEMBER",
      "vote",
      "nova-graduated",
      "yes",
      "--member",
      "hal",
      "--date",
      "2026-10-22",
    );
    assert.match(nonMember.stderr, /hal is not on the TOC on 2026-10-22 \(terms: 2024-01-01 … 2025-12-31\)/);
    refused(dir, "E_GOV_NOT_A_MEMBER", "vote", "nova-graduated", "yes", "--member", "gus", "--date", "2026-10-22");
    refused(dir, "E_GOV_DUPLICATE_VOTE", "vote", "fleet-incubating", "no", "--member", "ann", "--date", "2026-10-22");
    refused(dir, "E_GOV_UNKNOWN_MOTION", "vote", "nova-sandbox", "yes", "--member", "ann");
    votes(dir, "nova-graduated", 3, 2, "2026-10-22");
    const last = ok(dir, "vote", "nova-graduated", "no", "--member", "flo", "--date", "2026-10-23");
    assert.match(last.stdout, /failed \(3 yes of 6 voting members < 2\/3 \(4 needed\)\)/);
    assert.match(last.stdout, /proposed 2026-Q4\/nova-incubating \(admit at incubating\)/);
    votes(dir, "nova-incubating", 5, 0, "2026-10-25");
    votes(dir, "zed-sandbox", 0, 3, "2026-10-26");
    // The admission failed at every level: no close without the TOC's opinion.
    refused(dir, "E_GOV_OPINION_MISSING", "review", "close", "--date", "2026-12-15");
    refused(
      dir,
      "E_GOV_OPINION_MISSING",
      "motion",
      "propose",
      "--kind",
      "reject",
      "--project",
      "zed",
      "--proposer",
      "ann",
    );
    ok(
      dir,
      "motion",
      "propose",
      "--kind",
      "reject",
      "--project",
      "zed",
      "--proposer",
      "ann",
      "--date",
      "2026-10-30",
      "--opinion",
      "Overlaps Fleet; come back with a second maintainer.",
    );

    // The document the TOC meets over.
    const shown = ok(dir, "review", "show", "--json");
    const view = JSON.parse(shown.stdout) as { motions: { id: string; status: string }[] };
    assert.deepEqual(
      view.motions.map((m) => [m.id, m.status]),
      [
        ["fleet-incubating", "passed"],
        ["old-archive", "failed"],
        ["gift-donate", "passed"],
        ["nova-graduated", "failed"],
        ["zed-sandbox", "failed"],
        ["nova-incubating", "passed"],
        ["zed-reject", "recorded"],
      ],
    );
    const markdown = ok(dir, "review", "show", "2026-Q4", "--format", "markdown").stdout;
    assert.match(markdown, /### 2026-Q4\/fleet-incubating: promote fleet to incubating — passed/);
    assert.match(markdown, /Tally: 4 yes of 6 voting members ≥ 2\/3 \(4 needed\)\./);
    assert.match(markdown, /Opinion of the TOC: Overlaps Fleet; come back with a second maintainer\./);

    // Two writers at once: the close is refused while another holds the catalog's lock.
    const lock = join(dir, "upstream.yaml.lock");
    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString() })}\n`);
    refused(dir, "E_CATALOG_LOCKED", "review", "close", "--date", "2026-12-15");
    unlinkSync(lock);

    const before = (f: string) => git(dir, "show", `HEAD:${f}`);
    const closed = ok(dir, "review", "close", "--date", "2026-12-15", "--json");
    assert.deepEqual(
      (JSON.parse(closed.stdout) as { decisions: { project: string; decision: string }[] }).decisions.map(
        (d) => `${d.project} ${d.decision}`,
      ),
      ["fleet promoted to incubating", "gift donated to CNCF", "nova admitted at incubating", "zed rejected"],
    );
    refused(dir, "E_GOV_VOTE_AFTER_CLOSE", "vote", "old-archive", "yes", "--member", "flo", "--date", "2026-12-16");

    // The catalog diff: only the lines the decisions mean; comments and layout kept.
    const now = (f: string) => readFileSync(join(dir, f), "utf8");
    const stateLine = (level: string) => `state: {framework: Azure, level: ${level}}  # as the TOC awarded`;
    assert.deepEqual(changedLines(before("projects/fleet.yaml"), now("projects/fleet.yaml")), [
      { at: 5, removed: [stateLine("sandbox")], added: [stateLine("incubating")] },
    ]);
    assert.deepEqual(changedLines(before("projects/gift.yaml"), now("projects/gift.yaml")), [
      {
        at: 5,
        removed: [stateLine("incubating")],
        added: ["state: {framework: Azure, level: donated, foundation: CNCF}  # as the TOC awarded"],
      },
    ]);
    assert.equal(now("projects/old.yaml"), before("projects/old.yaml"), "a failed archive changes nothing");
    assert.equal(now("projects/mesh.yaml"), before("projects/mesh.yaml"));
    const link = "[2026-Q4 review](governance/reviews/2026-Q4.yaml)";
    assert.deepEqual(changedLines(before("upstream.yaml"), now("upstream.yaml")), [
      { at: 7, removed: ["projects: [fleet, old, gift, mesh]"], added: ["projects: [fleet, old, gift, mesh, nova]"] },
      {
        at: 10,
        removed: [],
        added: [
          "  - date: 2026-10-20",
          "    project: fleet",
          '    announcement: "Promoted to incubating by the TOC: 4 yes, 2 no, 0 abstaining of 6 voting members ' +
            '(4 needed)"',
          `    details: "${link}"`,
          "  - date: 2026-10-21",
          "    project: gift",
          '    announcement: "Donated to CNCF by the TOC: 5 yes, 1 no, 0 abstaining of 6 voting members (4 needed)"',
          `    details: "${link}"`,
          "  - date: 2026-10-25",
          "    project: nova",
          '    announcement: "Admitted at incubating by the TOC: 5 yes, 0 no, 0 abstaining of 6 voting members ' +
            '(4 needed)"',
          `    details: "${link}"`,
        ],
      },
    ]);
    assert.match(
      now("projects/nova.yaml"),
      /^id: nova\nname: Nova\npersona: ops\nstate:\n {2}framework: Azure\n {2}level: incubating\n/,
    );
    assert.deepEqual(git(dir, "status", "--porcelain").trimEnd().split("\n").sort(), [
      " M governance/reviews/2026-Q4.yaml",
      " M projects/fleet.yaml",
      " M projects/gift.yaml",
      " M upstream.yaml",
      "?? projects/nova.yaml",
    ]);
    const reviewText = readFileSync(review, "utf8");
    assert.match(reviewText, /^closed: 2026-12-15$/m);
    assert.equal(reviewText.match(/^ {4}result: passed$/gm)?.length, 3);
    assert.equal(reviewText.match(/^ {4}result: failed$/gm)?.length, 3);

    // The README shows the new levels and the announcements; the records check clean afterwards.
    const readme = ok(dir, "render", "readme").stdout;
    assert.match(readme, /\| Fleet \| {2}\| Azure: incubating \|/);
    assert.match(readme, /\| Gift \| {2}\| Azure: donated to CNCF \|/);
    assert.match(readme, /\| Nova \| {2}\| Azure: incubating \|/);
    assert.match(readme, /\| Old \| {2}\| Azure: incubating \|/);
    assert.match(
      readme,
      new RegExp(
        String.raw`\| 2026-10-20 \| Fleet \| Promoted to incubating by the TOC: 4 yes, 2 no, 0 abstaining of 6 ` +
          String.raw`voting members \(4 needed\) \| \[2026-Q4 review\]\(governance\/reviews\/2026-Q4\.yaml\) \|`,
      ),
    );
    const history = (JSON.parse(ok(dir, "decisions", "--json").stdout) as { decisions: unknown }).decisions as {
      project: string;
      kind: string;
      date: string;
    }[];
    assert.deepEqual(
      history.map((d) => `${d.date} ${d.project} ${d.kind}`),
      ["2026-10-20 fleet promote", "2026-10-21 gift donate", "2026-10-25 nova admit", "2026-10-30 zed reject"],
    );
    // A later quarter: the donated project is no longer due; the admitted one is.
    const next = ok(dir, "review", "open", "2027-Q1", "--date", "2027-01-04", "--no-assess", "--json");
    assert.deepEqual(JSON.parse(next.stdout).review.due, ["fleet", "old", "mesh", "nova"]);
  });
});

describe("toc add / end", () => {
  it("seats a member and ends a term through the editor, keeping the file's comments", () => {
    const dir = program();
    const toc = join(dir, "governance", "toc.yaml");
    writeFileSync(toc, `# Our TOC (elected yearly)\n${readFileSync(toc, "utf8")}`);
    const original = readFileSync(toc, "utf8");
    ok(dir, "toc", "add", "ivy", "--name", "Ivy Jones", "--organization", "Contoso", "--from", "2026-11-01");
    ok(dir, "toc", "end", "bo", "--date", "2026-10-31");
    const hunks = changedLines(original, readFileSync(toc, "utf8"));
    assert.equal(hunks.length, 2);
    assert.deepEqual(hunks[0]!.removed, [
      "  - {name: Bo Chen, handle: bo, organization: Microsoft, term: {from: 2025-01-01}}",
    ]);
    assert.deepEqual(hunks[0]!.added, [
      "  - {name: Bo Chen, handle: bo, organization: Microsoft, term: {from: 2025-01-01, until: 2026-10-31}}",
    ]);
    assert.match(hunks[1]!.added.join("\n"), /handle: ivy/);
    const members = JSON.parse(ok(dir, "toc", "list", "--date", "2026-11-02", "--json").stdout) as {
      members: { handle: string }[];
    };
    assert.deepEqual(members.members.map((m) => m.handle).sort(), ["ann", "cy", "di", "ed", "flo", "gus", "ivy"]);
    const overlap = up(dir, "toc", "add", "ann", "--name", "Ann Lee", "--from", "2026-11-01");
    assert.equal(overlap.code, 1);
    assert.match(overlap.stderr, /toc\.yaml:\d+:\d+: error: ann holds two seats at once.*\[E_GOV_TERM\]/);
    const notServing = up(dir, "toc", "end", "hal", "--date", "2026-11-01");
    assert.equal(notServing.code, 1);
    assert.match(notServing.stderr, /hal holds no open term/);
  });
});

describe("hostile text in the records", () => {
  it("is escaped in the terminal, the review document, the announcements and the README", () => {
    const dir = program();
    ok(dir, "review", "open", "2026-Q4", "--date", "2026-10-01", "--no-assess");
    const foundation = "Evil <script>alert(1)</script> | Fdn";
    ok(
      dir,
      "motion",
      "propose",
      "--kind",
      "donate",
      "--project",
      "gift",
      "--foundation",
      foundation,
      "--link",
      "https://example.org/interest",
      "--proposer",
      "ann",
      "--date",
      "2026-10-02",
      "--rationale",
      "\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 <img src=x onerror=alert(1)>",
    );
    votes(dir, "gift-donate", 4, 0, "2026-10-03");
    const text = ok(dir, "review", "show").stdout;
    assert.doesNotMatch(text, /[\u001b\u0007]/, "no terminal control reaches the terminal");
    const markdown = ok(dir, "review", "show", "--format", "markdown").stdout;
    assert.doesNotMatch(markdown, /(?<!\\)<(script|img)\b/, "no live HTML");
    ok(dir, "review", "close", "--date", "2026-10-04");
    const readme = ok(dir, "render", "readme").stdout;
    assert.doesNotMatch(readme, /(?<!\\)<script\b/, "no live HTML");
    assert.match(readme, /Azure: donated to Evil \\<script\\>/);
  });
});

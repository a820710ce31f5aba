import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TOC_YAML, votesYaml, writeProgram } from "../../governance/testing.js";
import { runUpstream } from "../testing.js";

// GIVEN a catalog folder whose governance records admit fleet at sandbox (the public record, 2026-03-02) and promote it
// to incubating in the 2026-Q4 review (4 of 6 yes on 2026-10-15), mesh only promoted (its admission not recorded), new
// admitted on 2026-11-20 and plain with no decision WHEN `assess --as-of` and `--since` run THEN the declared level
// on a day is the one the decisions had set by then, with the decision it rests on; plain keeps the catalog's.

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const REVIEW =
  "apiVersion: upstream/v1\nid: 2026-Q4\nopened: 2026-10-01\nclosed: 2026-11-25\nmotions:\n" +
  "  - id: fleet-incubating\n    proposer: ann\n    date: 2026-10-05\n    kind: promote\n    project: fleet\n" +
  `    level: incubating\n    links: [https://example.org/toc/issues/7]\n    votes:\n${votesYaml(4, "2026-10-15")}` +
  "  - id: mesh-incubating\n    proposer: ann\n    date: 2026-10-05\n    kind: promote\n    project: mesh\n" +
  `    level: incubating\n    votes:\n${votesYaml(5, "2026-10-15")}`;

const DECISIONS =
  "apiVersion: upstream/v1\ndecisions:\n" +
  "  - {project: fleet, kind: admit, level: sandbox, framework: azcnu-v0.1, date: 2026-03-02, by: AzCNU TOC," +
  " link: 'https://example.org/toc/issues/1'}\n" +
  "  - {project: new, kind: admit, level: sandbox, framework: azcnu-v0.1, date: 2026-11-20, by: AzCNU TOC}\n";

function program(): string {
  const dir = writeProgram(
    { fleet: "Azure: incubating", mesh: "Azure: incubating", new: "Azure: sandbox", plain: "Azure: sandbox" },
    {
      "governance/toc.yaml": TOC_YAML,
      "governance/reviews/2026-Q4.yaml": REVIEW,
      "governance/decisions.yaml": DECISIONS,
    },
  );
  dirs.push(dir);
  // Repositories that are local folders never made: read offline, at once, as not readable.
  const file = join(dir, "upstream.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replaceAll("https://github.com/example/", `${dir}/missing/`));
  return dir;
}

/** `assess --json` on the catalog, offline (its repositories are unreachable: allowed). */
function assessJson(dir: string, ...args: string[]) {
  const r = runUpstream(["assess", "--catalog", dir, "--no-fetch", "--no-store", "--allow-unreadable", ...args]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const DECIDED = "decided: promote 2026-Q4/fleet-incubating on 2026-10-15";
const LINK = "https://example.org/toc/issues/7";
const has = (text: string, part: string) => assert.ok(text.includes(part), `expected ${part} in\n${text}`);

const declaredOf = (out: { assessments: { project: string; declared: unknown }[] }, id: string) =>
  out.assessments.find((a) => a.project === id)!.declared as {
    written: string | null;
    stage: string | null;
    note?: string;
    source: { kind: string; decision?: string; date?: string; link?: string };
  };

describe("the declared level as of a date comes from the decisions", () => {
  const dir = program();

  it("before the promotion fleet is declared sandbox (its admission), after it incubating (the vote)", () => {
    const then = declaredOf(assessJson(dir, "--as-of", "2026-09-30", "--json"), "fleet");
    assert.equal(then.written, "Azure: sandbox");
    assert.equal(then.stage, "sandbox");
    assert.equal(then.source.kind, "decision");
    assert.equal(then.source.date, "2026-03-02");
    assert.equal(then.source.link, "https://example.org/toc/issues/1");
    const now = declaredOf(assessJson(dir, "--as-of", "2026-11-01", "--json"), "fleet");
    assert.deepEqual(
      { written: now.written, stage: now.stage, ...now.source },
      {
        written: "Azure: incubating",
        stage: "incubating",
        kind: "decision",
        decision: "2026-Q4/fleet-incubating",
        decisionKind: "promote",
        date: "2026-10-15",
        by: "TOC",
        link: "https://example.org/toc/issues/7",
      },
    );
  });

  it("before its first decision a project says so: implied by a promotion, not in the program before admission", () => {
    const out = assessJson(dir, "--as-of", "2026-09-30", "--json");
    const mesh = declaredOf(out, "mesh");
    assert.equal(mesh.stage, "sandbox");
    assert.equal(mesh.source.kind, "implied");
    assert.match(
      mesh.note!,
      /implied: the level below its first recorded decision \(promote to incubating on 2026-10-15\)/,
    );
    const entrant = declaredOf(out, "new");
    assert.equal(entrant.written, null);
    assert.equal(entrant.stage, null);
    assert.match(entrant.note!, /not in the program on 2026-09-30: admitted on 2026-11-20/);
    const assessment = out.assessments.find((a: { project: string }) => a.project === "new");
    assert.equal(assessment.drift.kind, "not-comparable");
  });

  it("a project with no decision keeps the catalog's written state, marked as the catalog's", () => {
    const plain = declaredOf(assessJson(dir, "--as-of", "2026-09-30", "--json"), "plain");
    assert.deepEqual(plain, { written: "Azure: sandbox", stage: "sandbox", source: { kind: "catalog" } });
  });

  it("--since 2026-09-30 reports the declared level then → now and the decision that changed it", () => {
    const out = assessJson(dir, "--as-of", "2026-11-01", "--since", "2026-09-30", "--json");
    const fleet = out.changes.find((c: { project: string }) => c.project === "fleet");
    assert.deepEqual(fleet.declared, { before: "Azure: sandbox", after: "Azure: incubating" });
    assert.equal(fleet.declaredSource.after.decision, "2026-Q4/fleet-incubating");
    assert.equal(fleet.unchanged, false);
    const plain = out.changes.find((c: { project: string }) => c.project === "plain");
    assert.deepEqual(plain.declared, { before: "Azure: sandbox", after: "Azure: sandbox" });

    const text = runUpstream(
      ["assess", "fleet", "--catalog", dir, "--no-fetch", "--no-store", "--allow-unreadable"].concat([
        "--as-of",
        "2026-11-01",
        "--since",
        "2026-09-30",
      ]),
    );
    assert.equal(text.code, 0, text.stderr);
    has(text.stdout, `declared:  Azure: sandbox → Azure: incubating (${DECIDED}, ${LINK})`);
    assert.doesNotMatch(text.stdout, /declared:.*\(unchanged\)/);
  });

  it("text and markdown name the decision a declared level rests on, and its record", () => {
    const base = ["assess", "fleet", "--catalog", dir, "--no-fetch", "--no-store", "--allow-unreadable"];
    const text = runUpstream([...base, "--as-of", "2026-11-01"]);
    has(text.stdout, `declared:  Azure: incubating (${DECIDED}, ${LINK})`);
    const markdown = runUpstream([...base, "--as-of", "2026-11-01", "--format", "markdown"]);
    assert.equal(markdown.code, 0, markdown.stderr);
    has(markdown.stdout, `Declared Azure: incubating (${DECIDED} ([record](${LINK})))`);
    const full = runUpstream([...base, "--as-of", "2026-11-01", "--format", "markdown", "--detail", "full"]);
    has(full.stdout, `- Declared: Azure: incubating (${DECIDED} ([record](${LINK})))`);
  });
});

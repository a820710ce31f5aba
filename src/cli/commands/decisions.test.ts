import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runUpstream } from "../testing.js";
import { CLOSED_REVIEW_YAML, LANDSCAPE_VK_YML, writeGovernedProgram } from "../../governance/testing.js";

// GIVEN a catalog folder with a TOC and a closed quarter WHEN the read-only governance commands
// run THEN they print the history and the members, JSON alone on stdout, and refuse bad records.

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function program(review = CLOSED_REVIEW_YAML) {
  const dir = writeGovernedProgram(review);
  dirs.push(dir);
  return dir;
}

describe("upstream decisions / toc", () => {
  it("lists the decisions: the passed motion, not the failed one", () => {
    const dir = program();
    const r = runUpstream(["decisions", "--catalog", dir, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const { decisions } = JSON.parse(r.stdout) as {
      decisions: { project: string; stage: string; motion: string; vote: { yes: number } }[];
    };
    assert.deepEqual(
      decisions.map((d) => [d.project, d.stage, d.motion, d.vote.yes]),
      [["fleet", "incubating", "2026-Q4/fleet-incubating", 4]],
    );
    const text = runUpstream(["decisions", "fleet", "--catalog", dir]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /2026-10-20 +fleet +azcnu-v0\.1 +promoted to incubating +TOC 2026-Q4\/fleet-incubating/);
    const unknown = runUpstream(["decisions", "flet", "--catalog", dir]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /did you mean 'fleet'/);
  });

  it("lists the TOC on a date: who serves and who votes", () => {
    const r = runUpstream(["toc", "list", "--catalog", program(), "--date", "2025-06-01", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const toc = JSON.parse(r.stdout) as { members: { handle: string; votes: boolean }[] };
    assert.deepEqual(
      toc.members.map((m) => `${m.handle}${m.votes ? "" : " (no vote)"}`),
      ["ann", "bo", "cy", "di", "ed", "gus (no vote)", "hal"],
    );
    assert.equal(runUpstream(["toc", "list", "--date", "2025-02-30", "--catalog", program()]).code, 2);
  });

  it("refuses bad records with every problem located, exit 1", () => {
    const bad = CLOSED_REVIEW_YAML.replace(
      "member: ann, vote: yes, date: 2026-10-20}",
      "member: zed-x, vote: yes, date: 2026-10-20}",
    );
    const r = runUpstream(["decisions", "--catalog", program(bad)]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /governance\/reviews\/2026-Q4\.yaml:13:18: error: zed-x is not a member of the TOC/);
    assert.match(r.stderr, /fix: remove the vote, or add the member/);
  });

  it("imports a landscape.yml: the match report and the decisions it would record", () => {
    const dir = program();
    const file = join(dir, "landscape.yml");
    writeFileSync(file, LANDSCAPE_VK_YML);
    const r = runUpstream(["decisions", "import", file, "--catalog", dir, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      decisions: { project: string; kind: string; date: string }[];
      written: boolean;
    };
    assert.deepEqual(
      report.decisions.map((d) => `${d.project} ${d.kind} ${d.date}`),
      ["vk admit 2018-12-04"],
    );
    assert.equal(report.written, false);
    const text = runUpstream(["decisions", "import", file, "--catalog", dir]);
    assert.match(text.stdout, /1 of 3 catalog projects matched\n {2}✘ fleet: no entry has its repository/);
    assert.match(text.stdout, /✔ vk = VK \(sandbox\), by repository\n {6}2018-12-04 {2}admitted at sandbox/);
  });
});

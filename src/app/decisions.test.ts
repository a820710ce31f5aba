import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { TOC_YAML, votesYaml, writeProgram } from "../governance/testing.js";
import { openCatalog } from "./open-catalog.js";
import { assessProjects } from "./assess.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A program whose 2026-Q4 review promoted fleet to incubating, `yes` of six in favour, voted on 2026-10-20. */
function program(yes: number, attestedByHand = false): string {
  const review =
    "apiVersion: upstream/v1\nid: 2026-Q4\nopened: 2026-10-01\nclosed: 2026-11-15\nmotions:\n" +
    "  - id: fleet-incubating\n    proposer: ann\n    date: 2026-10-05\n    kind: promote\n    project: fleet\n" +
    `    level: incubating\n    links: [https://example.org/toc/issues/7]\n    votes:\n${votesYaml(yes)}`;
  const dir = writeProgram(
    { fleet: yes >= 4 ? "Azure: incubating" : "Azure: sandbox" },
    { "governance/toc.yaml": TOC_YAML, "governance/reviews/2026-Q4.yaml": review },
  );
  if (attestedByHand) {
    const file = `${dir}/upstream.yaml`;
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "    repositories:",
        "    attestations:\n      incubating.due-diligence: {status: not-met, by: ann, date: 2026-10-25}\n" +
          "    repositories:",
      ),
    );
  }
  dirs.push(dir);
  return dir;
}

async function dueDiligence(dir: string, asOf: string) {
  const opened = await openCatalog({ catalog: dir, cwd: dir });
  const result = await assessProjects(opened, { cwd: dir, asOf, fetch: false, affiliations: [], mirrors: [] });
  const finding = result.assessments[0]!.findings.find((f) => f.criterionId === "incubating.due-diligence")!;
  return { finding, issues: result.issues };
}

describe("TOC decisions in the assessment", () => {
  it("a passed promotion attests the byDecision criteria of its stage, dated on the vote, with its link", async () => {
    const { finding } = await dueDiligence(program(4), "2026-12-01");
    assert.equal(finding.status, "attested");
    const text = finding.evidence.join("\n");
    assert.match(text, /promoted at incubating/);
    assert.match(text, /2026-10-20/);
    assert.match(text, /https:\/\/example\.org\/toc\/issues\/7/);
  });

  it("before the vote, the decision attests nothing", async () => {
    const { finding } = await dueDiligence(program(4), "2026-10-19");
    assert.notEqual(finding.status, "attested");
  });

  it("a vote below 2/3 (3 of 6) is no decision and attests nothing", async () => {
    const { finding } = await dueDiligence(program(3), "2026-12-01");
    assert.notEqual(finding.status, "attested");
  });

  it("the catalog's own attestation of the criterion wins over the decision", async () => {
    const { finding } = await dueDiligence(program(4, true), "2026-12-01");
    assert.equal(finding.status, "not-met");
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadCatalog } from "../catalog/index.js";
import { governanceContext } from "./context.js";
import { checkGovernance } from "./check-governance.js";
import { loadGovernance, locateAll, sortIssues } from "./load-governance.js";
import type { FrameworkLadder } from "./model.js";

/** The program framework's ladder, as the lead's wiring would build it from azcnu-v0.1. */
export const PROGRAM_LADDER: FrameworkLadder = {
  id: "azcnu-v0.1",
  stages: [
    { id: "sandbox", synonyms: ["sandbox"] },
    { id: "incubating", synonyms: ["incubation", "incubating"] },
    { id: "graduated", synonyms: ["graduation", "graduated"] },
  ],
  attestedByDecision: {
    sandbox: ["sandbox.proposal"],
    incubating: ["incubating.due-diligence"],
    graduated: ["graduated.due-diligence"],
  },
};

export const CNCF_LADDER: FrameworkLadder = {
  id: "cncf",
  stages: [{ id: "sandbox" }, { id: "incubating", synonyms: ["incubation"] }, { id: "graduated" }],
};

export const LADDERS = new Map([
  [PROGRAM_LADDER.id, PROGRAM_LADDER],
  [CNCF_LADDER.id, CNCF_LADDER],
]);

/** A catalog folder with these projects (id → "Framework: level") and governance files. */
export function writeProgram(projects: Record<string, string>, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "governance-"));
  const entries = Object.entries(projects)
    .map(([id, state]) => {
      const [framework, level] = state.split(": ");
      return (
        `  - id: ${id}\n    name: ${id}\n    persona: ops\n` +
        `    state: {framework: ${framework}, level: "${level}"}\n` +
        `    repositories: [https://github.com/example/${id}]\n`
      );
    })
    .join("");
  writeFileSync(
    join(dir, "upstream.yaml"),
    "apiVersion: upstream/v1\nprogram:\n  name: Example\n  frameworks: {Azure: azcnu-v0.1, CNCF: cncf}\n" +
      `personas: [{id: ops, title: Ops}]\nprojects:\n${entries}`,
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Load a program written by `writeProgram` and check its governance, as the commands do. */
export async function checkProgram(dir: string) {
  const loaded = await loadCatalog(dir);
  if (!loaded.catalog) throw new Error(`catalog does not load: ${JSON.stringify(loaded.issues)}`);
  const governance = loadGovernance(dir, dir);
  const context = governanceContext(loaded.catalog, LADDERS, loaded.catalog.program.frameworks ?? {});
  const check = checkGovernance(governance.records, context);
  return {
    ...check,
    context,
    records: governance.records,
    issues: sortIssues([...governance.issues, ...locateAll(check.issues, governance.locate)]),
  };
}

/** Six voting members from 2025, an observer, and one whose term ended. */
export const TOC_YAML = `apiVersion: upstream/v1
rule:
  fraction: 2/3
  of: members
members:
  - {name: Ann Lee, handle: ann, organization: Microsoft, role: chair, term: {from: 2025-01-01}}
  - {name: Bo Chen, handle: bo, organization: Microsoft, term: {from: 2025-01-01}}
  - {name: Cy Diaz, handle: cy, organization: Acme, term: {from: 2025-01-01}}
  - {name: Di Eze, handle: di, organization: Contoso, term: {from: 2025-01-01}}
  - {name: Ed Fox, handle: ed, organization: independent, term: {from: 2025-01-01}}
  - {name: Flo Gray, handle: flo, organization: Fabrikam, term: {from: 2026-01-01}}
  - {name: Gus Hall, handle: gus, organization: Microsoft, role: observer, term: {from: 2025-01-01}}
  - {name: Hal Ives, handle: hal, organization: Acme, term: {from: 2024-01-01, until: 2025-12-31}}
`;

/** Votes: `yes` of the six, the rest no, all on one day. */
export function votesYaml(yes: number, date = "2026-10-20", indent = "      "): string {
  const six = ["ann", "bo", "cy", "di", "ed", "flo"];
  return six.map((m, i) => `${indent}- {member: ${m}, vote: ${i < yes ? "yes" : "no"}, date: ${date}}\n`).join("");
}

/** A closed quarter: fleet's promotion to incubating passes (4 of 6 yes), old's archival fails (3 of 6). */
export const CLOSED_REVIEW_YAML = `apiVersion: upstream/v1
id: 2026-Q4
opened: 2026-10-01
closed: 2026-12-15
motions:
  - id: fleet-incubating
    kind: promote
    project: fleet
    level: incubating
    proposer: ann
    date: 2026-10-05
    votes:
${votesYaml(4)}  - id: old-archive
    kind: archive
    project: old
    proposer: ann
    date: 2026-10-05
    votes:
${votesYaml(3)}`;

/** A catalog of fleet, old and vk with the TOC and one closed quarter (`review`); the caller removes it. */
export function writeGovernedProgram(review = CLOSED_REVIEW_YAML): string {
  return writeProgram(
    { fleet: "Azure: sandbox", old: "Azure: incubating", vk: "CNCF: sandbox" },
    { "governance/toc.yaml": TOC_YAML, "governance/reviews/2026-Q4.yaml": review },
  );
}

/** A landscape.yml listing one foundation project, VK: vk's repository, accepted at sandbox on 2018-12-04. */
export const LANDSCAPE_VK_YML =
  "landscape:\n  - category:\n    name: R\n    subcategories:\n      - subcategory:\n        name: S\n" +
  "        items:\n          - item:\n            name: VK\n            project: sandbox\n" +
  "            repo_url: https://github.com/example/vk\n            extra:\n              accepted: '2018-12-04'\n";

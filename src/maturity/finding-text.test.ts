import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProjectEvidence } from "../evidence/model.js";
import {
  adviceText,
  assess,
  declaredState,
  DEFAULT_FRAMEWORK_ALIASES,
  factText,
  loadFrameworks,
  type Fact,
  type Finding,
  type ProjectAssessment,
} from "./index.js";
import { bareRepository, project, projectEvidence, richRepository, unreadableRepository } from "./testing.js";

// A finding's sentences are its facts in words: whatever the evidence, the evidence lines are exactly
// `factText` of the facts and the recommendation `adviceText` of the advice, and the facts are plain data.

const frameworks = await loadFrameworks();
const AS_OF = "2020-06-01";

function assessWith(frameworkId: string, evidence: ProjectEvidence | undefined, extra = {}): ProjectAssessment {
  const p = project({
    state: { framework: frameworkId === "cncf" ? "CNCF" : "Azure", level: "incubating" },
    attestations: {
      "sandbox.msft-sponsor": { status: "met", by: "jdoe", date: "2020-01-02", link: "https://example.com/1" },
      "incubating.due-diligence": { status: "met", by: "toc", date: "2019-01-02", expires: "2020-01-01" },
      "sandbox.commits": { status: "met", by: "jdoe", date: "2020-01-02" },
      "graduated.adopters": { status: "not-met", by: "toc", date: "2021-01-01", note: "later" },
    },
    ...extra,
  });
  return assess({
    project: p,
    evidence,
    framework: frameworks.get(frameworkId)!,
    declared: declaredState(p, DEFAULT_FRAMEWORK_ALIASES),
    program: { organizations: ["Microsoft"] },
    asOf: AS_OF,
  });
}

const EVIDENCE: Record<string, ProjectEvidence | undefined> = {
  rich: projectEvidence([richRepository("a"), richRepository("b")]),
  bare: projectEvidence([bareRepository("a")]),
  unreadable: projectEvidence([unreadableRepository("a")]),
  "rich and governance": projectEvidence([
    richRepository("a"),
    bareRepository("community", (r) => {
      r.role = "governance";
    }),
  ]),
  "collector failed": projectEvidence([bareRepository("a")], {
    failures: [{ repository: "b", code: "E_REPO_UNREACHABLE", message: "no such path" }],
  }),
  "not collected": undefined,
};

const findings = (): { label: string; finding: Finding }[] =>
  ["azcnu-v0.1", "cncf"].flatMap((id) =>
    Object.entries(EVIDENCE).flatMap(([name, e]) =>
      assessWith(id, e).findings.map((finding) => ({ label: `${id} ${name} ${finding.criterionId}`, finding })),
    ),
  );

function kindsOf(facts: readonly Fact[]): string[] {
  return facts.flatMap((f) => (f.kind === "also" ? [f.kind, ...kindsOf([f.fact])] : [f.kind]));
}

describe("findings rendered from facts", () => {
  it("renders every evidence line and recommendation from the facts, in one place", () => {
    const all = findings();
    assert.ok(all.length > 500, `${all.length} findings`);
    for (const { label, finding } of all) {
      assert.deepEqual(finding.evidence, finding.facts.map(factText), label);
      assert.equal(finding.recommendation, finding.advice ? adviceText(finding.advice) : undefined, label);
      assert.ok(finding.facts.length > 0, `${label}: a finding rests on at least one fact`);
    }
    // the fixtures reach most kinds of fact, so the check above is not vacuous
    const kinds = new Set(all.flatMap(({ finding }) => kindsOf(finding.facts)));
    for (const k of ["count", "maintainers-file", "maintainers", "file-found", "file-missing", "attestation"])
      assert.ok(kinds.has(k), `no '${k}' fact among ${[...kinds].join(", ")}`);
    assert.ok(kinds.size >= 18, [...kinds].join(", "));
  });

  it("keeps facts plain data: JSON gives them back unchanged", () => {
    for (const { label, finding } of findings()) {
      const copy = JSON.parse(JSON.stringify({ facts: finding.facts, advice: finding.advice ?? null }));
      assert.deepEqual(copy, { facts: finding.facts, advice: finding.advice ?? null }, label);
    }
  });

  it("names the maintainers with their organization and file, the count and the threshold", () => {
    const repo = bareRepository("svc", (r) => {
      r.maintainers = {
        file: { how: "file", path: "OWNERS" },
        maintainers: [
          { handle: "ann", organization: "Microsoft", via: "developers_affiliations.txt:3" },
          { handle: "raj" },
          { handle: "ANN", organization: "Acme" },
        ],
        organizations: ["Microsoft"],
      };
    });
    const f = assessWith("azcnu-v0.1", projectEvidence([repo])).findings.find(
      (x) => x.criterionId === "incubating.maintainers",
    )!;
    const count = f.facts.find((x) => x.kind === "maintainers");
    assert.ok(count?.kind === "maintainers");
    assert.equal(count.count, 2); // ann and ANN are one person, by handle
    assert.equal(count.threshold, 2);
    const file = { repository: "svc", commit: repo.commit, path: "OWNERS" };
    assert.deepEqual(count.people, [
      { handle: "ann", organization: "Microsoft", source: "developers_affiliations.txt:3", file },
      { handle: "raj", organization: null, source: null, file },
    ]);
    assert.equal(factText(count), "2 distinct maintainers; 2 required");
    const listed = f.facts.find((x) => x.kind === "maintainers-file");
    assert.ok(listed?.kind === "maintainers-file");
    assert.equal(listed.people.length, 3);
    assert.equal(
      factText(listed),
      `OWNERS in svc@${repo.commit.slice(0, 7)} lists 3 maintainers: ann (Microsoft), raj, ANN (Acme)`,
    );
  });

  it("gives a count per repository with its commit, and dates as days", () => {
    const a = richRepository("a", (r) => {
      r.releases = {
        ...r.releases,
        semverTags: 3,
        latestSemver: { tag: "v2.3.0", date: "2020-05-01T10:00:00Z" },
      };
    });
    const f = assessWith("azcnu-v0.1", projectEvidence([a, bareRepository("b")])).findings.find(
      (x) => x.ruleId === "semver-releases",
    )!;
    const count = f.facts[0]!;
    assert.ok(count.kind === "count", JSON.stringify(count));
    assert.equal(count.measure, "semver-tags");
    assert.equal(count.count, 3);
    assert.deepEqual(count.repositories[0], {
      repository: { repository: "a", commit: a.commit },
      value: 3,
      detail: { kind: "latest-semver", latest: { tag: "v2.3.0", date: "2020-05-01" } },
    });
    assert.match(factText(count), /^3 semver tags \(a@abc1234: 3, last semver tag v2\.3\.0 on 2020-05-01; b@abc1234: /);
  });

  it("records attestations with their dates, and whether they were ignored", () => {
    const a = assessWith("azcnu-v0.1", projectEvidence([bareRepository("a")]));
    const sponsor = a.findings.find((f) => f.criterionId === "sandbox.msft-sponsor")!;
    assert.deepEqual(
      sponsor.facts.find((f) => f.kind === "attestation"),
      {
        kind: "attestation",
        state: "current",
        status: "met",
        by: "jdoe",
        date: "2020-01-02",
        link: "https://example.com/1",
      },
    );
    const expired = a.findings.find((f) => f.criterionId === "incubating.due-diligence")!;
    assert.equal(expired.status, "expired");
    assert.deepEqual(expired.advice, { kind: "renew", criterionId: "incubating.due-diligence", expired: "2020-01-01" });
    const future = a.findings.find((f) => f.criterionId === "graduated.adopters")!;
    const fact = future.facts.find((f) => f.kind === "attestation");
    assert.ok(fact?.kind === "attestation");
    assert.equal(fact.state, "future");
    assert.match(factText(fact), /^attested not met by toc on 2021-01-01: later, after the assessment date/);
  });
});

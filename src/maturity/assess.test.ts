import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { programModel } from "../catalog/index.js";
import type { Attestation } from "../catalog/schema.js";
import type { ProjectEvidence } from "../evidence/model.js";
import {
  assess,
  assessPortfolio,
  declaredState,
  DEFAULT_FRAMEWORK_ALIASES,
  driftText,
  loadFrameworks,
  summarizePortfolio,
} from "./index.js";
import { bareRepository, framework, project, projectEvidence, richRepository } from "./testing.js";

const frameworks = await loadFrameworks();
const azcnu = frameworks.get("azcnu-v0.1")!;

// A small framework whose every stage is fully under the test's control.
const TINY = framework(`id: tiny
version: "2"
title: Tiny
name: Tiny
stages:
  - id: sandbox
    title: Sandbox
    criteria:
      - { id: sandbox.sponsor, text: A sponsor, decided: attestation }
      - { id: sandbox.semver, text: Semver tags, decided: automatic, rule: { id: semver-releases } }
      - { id: sandbox.nice, text: Nice to have, requirement: should, decided: automatic, rule: { id: lint-config } }
  - id: incubating
    title: Incubating
    synonyms: [incubation]
    criteria:
      - { id: incubating.previous, text: Met sandbox, decided: automatic, rule: { id: previous-stage } }
      - { id: incubating.maintainers, text: 2+ maintainers, decided: automatic,
          rule: { id: maintainers, threshold: 2 } }
      - { id: incubating.adopters, text: 3+ adopters, decided: both, rule: { id: adopters, threshold: 3 } }
  - id: graduated
    title: Graduated
    synonyms: [graduation]
    criteria:
      - { id: graduated.previous, text: Met incubation, decided: automatic, rule: { id: previous-stage } }
      - { id: graduated.review, text: Security review, decided: attestation }
`);

const attest = (status: "met" | "not-met" = "met", extra: Partial<Attestation> = {}): Attestation => ({
  status,
  by: "toc",
  date: "2020-01-15",
  link: "https://example.com/vote",
  ...extra,
});

function run(
  options: {
    level?: string;
    attestations?: Record<string, Attestation>;
    rich?: boolean;
    asOf?: string;
    thresholds?: Record<string, number>;
  } = {},
) {
  const p = project({
    state: { framework: "Tiny", level: options.level ?? "sandbox" },
    attestations: options.attestations,
  });
  const evidence = projectEvidence([options.rich === false ? bareRepository() : richRepository()]);
  return assess({
    project: p,
    evidence,
    framework: TINY,
    declared: declaredState(p, { Tiny: "tiny" }),
    program: { thresholds: options.thresholds },
    asOf: options.asOf ?? "2020-06-01",
  });
}

const status = (a: ReturnType<typeof run>, id: string) => a.findings.find((f) => f.criterionId === id)!.status;

describe("assess", () => {
  it("supports no stage when an attestation-only criterion has no attestation, and says it is unknown", () => {
    const a = run();
    assert.equal(status(a, "sandbox.sponsor"), "unknown");
    assert.equal(a.supported, null);
    assert.equal(a.next!.stage, "sandbox");
    assert.deepEqual(
      a.next!.missing.map((f) => f.criterionId),
      ["sandbox.sponsor"],
    );
    assert.match(a.next!.missing[0]!.recommendation!, /record attestations\.sandbox\.sponsor in the catalog/);
    // nothing contradicts the declared sandbox: it is unconfirmed, not a warning
    assert.equal(a.drift.kind, "unconfirmed");
    // one criterion, in the singular; "not yet confirmed", never "confirmed no stage"
    assert.equal(
      a.drift.message,
      "declared sandbox; not yet confirmed: 1 required criterion up " +
        "to sandbox is unknown (evidence not read or no attestation)",
    );
  });

  it("words an unconfirmed drift with several criteria in the plural, and names the stage that is confirmed", () => {
    const none = run({ level: "incubating", rich: false, attestations: {} });
    // sandbox.semver is not met with bare evidence: that is a warning, not "unconfirmed"
    assert.equal(none.drift.kind, "declared-above-supported");
    const p = project({
      state: { framework: "Tiny", level: "graduated" },
      attestations: { "sandbox.sponsor": attest() },
    });
    const a = assess({
      project: p,
      evidence: projectEvidence([richRepository()]),
      framework: TINY,
      declared: declaredState(p, { Tiny: "tiny" }),
      program: {},
      asOf: "2020-06-01",
    });
    assert.equal(a.supported, "incubating");
    assert.equal(
      a.drift.message,
      "declared graduated; not yet confirmed (confirmed up to incubating): 1 required " +
        "criterion up to graduated is unknown (evidence not read or no attestation)",
    );
    const twoUnknown = run({ level: "incubating", attestations: {} });
    assert.match(twoUnknown.drift.message, /: 2 required criteria up to incubating are unknown \(/);
  });

  it("warns that the declared level is above the evidence when a required criterion is not met", () => {
    const a = run({ attestations: { "sandbox.sponsor": { ...attest(), status: "not-met" } } });
    assert.equal(status(a, "sandbox.sponsor"), "not-met");
    assert.equal(a.drift.kind, "declared-above-supported");
    assert.equal(
      a.drift.message,
      "declared sandbox, but the evidence and attestations support no stage " +
        "(not even sandbox): 1 required criterion up to sandbox is not met",
    );
    const two = run({
      level: "incubating",
      rich: false,
      attestations: { "sandbox.sponsor": { ...attest(), status: "not-met" } },
    });
    assert.match(two.drift.message, /: 5 required criteria up to incubating are not met$/);
  });

  it(
    "names the open criteria of the previous stage with their " +
      "status in words, and counts one criterion in the singular",
    () => {
      const a = run({ level: "incubating", rich: false });
      const previous = a.findings.find((f) => f.criterionId === "incubating.previous")!;
      assert.deepEqual(previous.evidence, [
        "0 of 2 required sandbox criteria met or attested",
        "open: sandbox.sponsor (unknown), sandbox.semver (not met)",
      ]);
      const one = framework(`id: one
version: "1"
title: One
name: One
stages:
  - { id: a, title: A, criteria: [{ id: a.sponsor, text: A sponsor, decided: attestation }] }
  - { id: b, title: B, criteria: [{ id: b.previous, text: Met a, decided: automatic, rule: { id: previous-stage } }] }
`);
      const o = assess({
        project: project(),
        evidence: undefined,
        framework: one,
        declared: { kind: "none" },
        program: {},
        asOf: "2020-06-01",
      });
      assert.equal(o.findings[1]!.evidence[0], "0 of 1 required a criterion met or attested");
    },
  );

  it("supports the highest stage whose required criteria, and every earlier stage's, are met or attested", () => {
    const a = run({ level: "incubation", attestations: { "sandbox.sponsor": attest() } });
    assert.equal(status(a, "sandbox.sponsor"), "attested");
    assert.equal(status(a, "incubating.previous"), "met");
    assert.equal(a.supported, "incubating");
    assert.equal(a.declared.stage, "incubating");
    assert.equal(a.drift.kind, "none");
    assert.deepEqual(
      a.next!.missing.map((f) => f.criterionId),
      ["graduated.review"],
    );
  });

  it("reports eligibility to move up when the evidence supports more than declared", () => {
    const a = run({ level: "sandbox", attestations: { "sandbox.sponsor": attest(), "graduated.review": attest() } });
    assert.equal(a.supported, "graduated");
    assert.equal(a.next, null);
    assert.equal(a.drift.kind, "eligible-to-move-up");
    assert.match(a.drift.message, /support graduated, above the declared sandbox: eligible to move up/);
  });

  it("does not let a suggested criterion gate a stage", () => {
    const a = run({ attestations: { "sandbox.sponsor": attest() }, rich: false });
    assert.equal(status(a, "sandbox.nice"), "not-met");
    assert.equal(status(a, "sandbox.semver"), "not-met");
    assert.equal(a.supported, null);
  });

  it("counts an expired attestation as expired, and one given after --as-of not at all", () => {
    const expired = run({ attestations: { "sandbox.sponsor": attest("met", { expires: "2020-03-01" }) } });
    assert.equal(status(expired, "sandbox.sponsor"), "expired");
    assert.match(expired.findings[0]!.evidence.join(" "), /expired 2020-03-01/);
    assert.match(expired.findings[0]!.recommendation!, /renew/);
    assert.equal(expired.supported, null);
    // the same catalog, reviewed as of a day when the attestation was current
    assert.equal(
      status(
        run({ attestations: { "sandbox.sponsor": attest("met", { expires: "2020-03-01" }) }, asOf: "2020-03-01" }),
        "sandbox.sponsor",
      ),
      "attested",
    );
    const before = run({ attestations: { "sandbox.sponsor": attest() }, asOf: "2020-01-01" });
    assert.equal(status(before, "sandbox.sponsor"), "unknown");
    assert.match(before.findings[0]!.evidence.join(" "), /after the assessment date, so not counted/);
  });

  it("takes a not-met attestation as not met", () => {
    assert.equal(status(run({ attestations: { "sandbox.sponsor": attest("not-met") } }), "sandbox.sponsor"), "not-met");
  });

  it(
    "lets an attestation settle a 'both' criterion the evidence " + "does not meet, but ignores it on an automatic one",
    () => {
      const a = run({
        rich: false,
        attestations: { "incubating.adopters": attest(), "incubating.maintainers": attest() },
      });
      assert.equal(status(a, "incubating.adopters"), "attested");
      assert.match(
        a.findings.find((f) => f.criterionId === "incubating.adopters")!.evidence.join("\n"),
        /no ADOPTERS file at repo@abc1234\nattested met by toc/,
      );
      assert.equal(status(a, "incubating.maintainers"), "not-met");
      assert.match(
        a.findings.find((f) => f.criterionId === "incubating.maintainers")!.evidence.join(" "),
        /ignored: this criterion is decided by evidence only/,
      );
    },
  );

  it("leaves a criterion whose evidence is necessary but not sufficient to a person (evidenceSuffices: false)", () => {
    const partial = [...frameworks.values()].flatMap((fw) =>
      fw.stages.flatMap((st) => st.criteria.filter((c) => !c.evidenceSuffices).map((c) => [fw, c] as const)),
    );
    // the badge link does not prove a passing badge; one test file does not prove majority coverage
    assert.deepEqual(partial.map(([fw, c]) => `${fw.id}/${c.id}`).sort(), [
      "azcnu-v0.1/graduated.best-practices-badge",
      "azcnu-v0.1/incubating.unit-tests",
      "cncf/graduated.openssf-passing",
      "cncf/incubating.openssf-passing",
    ]);
    for (const [fw, c] of partial) {
      const judge = (rich: boolean, attestations: Record<string, Attestation> = {}) =>
        assess({
          project: project({ attestations }),
          evidence: projectEvidence([rich ? richRepository() : bareRepository()]),
          framework: fw,
          declared: { kind: "none" },
          program: {},
          asOf: "2020-06-01",
        }).findings.find((f) => f.criterionId === c.id)!;
      const shown = judge(true);
      assert.equal(shown.status, "unknown", c.id);
      // it reads well on its own line and in a table cell: nothing is "above" there
      assert.match(
        shown.evidence.join("\n"),
        new RegExp(
          String.raw`\nthis evidence is necessary but not sufficient: a person must confirm the criterion\nno att` +
            String.raw`estation recorded$`,
        ),
      );
      assert.ok(!shown.evidence.join("\n").includes("above"));
      assert.match(
        shown.recommendation!,
        new RegExp(`^once a person has confirmed it, record attestations\\.${c.id.replace(".", "\\.")}`),
      );
      assert.equal(judge(true, { [c.id]: attest() }).status, "attested", c.id);
      assert.equal(judge(true, { [c.id]: attest("not-met") }).status, "not-met", c.id);
      assert.equal(judge(false).status, "not-met", c.id);
    }
  });

  it(
    "counts an attestation only against the framework the " +
      "project's state names, not another with the same criterion id",
    () => {
      const p = project({
        state: { framework: "Azure", level: "incubating" },
        attestations: { "incubating.due-diligence": attest() },
      });
      const against = (id: string) =>
        assess({
          project: p,
          evidence: projectEvidence([richRepository()]),
          framework: frameworks.get(id)!,
          declared: declaredState(p, DEFAULT_FRAMEWORK_ALIASES),
          program: {},
          asOf: "2020-06-01",
        }).findings.find((f) => f.criterionId === "incubating.due-diligence")!;
      assert.equal(against("azcnu-v0.1").status, "attested");
      const cncf = against("cncf");
      assert.equal(cncf.status, "unknown");
      assert.match(
        cncf.evidence.join("\n"),
        /recorded for azcnu-v0\.1 \(the project's declared framework\), so it does not count against cncf/,
      );
      // a state of an unmapped framework assessed with --framework uses the attestations as recorded
      const kube = project({
        state: { framework: "Kubernetes", level: "stable" },
        attestations: { "incubating.due-diligence": attest() },
      });
      const k = assess({
        project: kube,
        evidence: undefined,
        framework: frameworks.get("cncf")!,
        declared: declaredState(kube, DEFAULT_FRAMEWORK_ALIASES),
        program: {},
        asOf: "2020-06-01",
      });
      assert.equal(k.findings.find((f) => f.criterionId === "incubating.due-diligence")!.status, "attested");
    },
  );

  it("applies program threshold overrides", () => {
    assert.equal(
      status(run({ thresholds: { "tiny/incubating.maintainers": 1000 } }), "incubating.maintainers"),
      "not-met",
    );
    assert.equal(
      run({ thresholds: { "tiny/incubating.maintainers": 1000 } }).findings.find(
        (f) => f.criterionId === "incubating.maintainers",
      )!.threshold,
      1000,
    );
  });

  it("says unknown, never met or not met, for every evidence-decided criterion when no evidence was collected", () => {
    const p = project({ state: { framework: "Azure", level: "incubating" } });
    const a = assess({
      project: p,
      evidence: undefined,
      framework: azcnu,
      declared: declaredState(p, DEFAULT_FRAMEWORK_ALIASES),
      program: {},
      asOf: "2020-06-01",
    });
    for (const f of a.findings.filter(
      (f) => f.ruleId && f.ruleId !== "previous-stage" && f.ruleId !== "communication-channels",
    ))
      assert.equal(f.status, "unknown", f.criterionId);
    assert.equal(a.supported, null);
    assert.deepEqual(a.evidenceGap, {
      kind: "not-collected",
      asOf: "2020-06-01",
      message: "no evidence was collected for this project",
    });
  });

  it("says why no evidence could be read: repositories not created yet, unreadable, or none listed", () => {
    const p = project({ state: { framework: "Tiny", level: "sandbox" } });
    const gap = (evidence: ProjectEvidence["failures"], repositories = [] as ReturnType<typeof richRepository>[]) =>
      assess({
        project: p,
        evidence: projectEvidence(repositories, { failures: evidence, asOf: "2019-01-01" }),
        framework: TINY,
        declared: declaredState(p, { Tiny: "tiny" }),
        program: {},
        asOf: "2019-01-01",
      }).evidenceGap;
    const empty = {
      repository: "repos/a",
      code: "E_REPO_EMPTY" as const,
      message: "no commit on or before 2019-01-01",
    };
    assert.deepEqual(gap([empty, { ...empty, repository: "repos/b" }]), {
      kind: "not-yet",
      asOf: "2019-01-01",
      failures: [empty, { ...empty, repository: "repos/b" }],
      message: "repos/a, repos/b had no commit on or before 2019-01-01",
    });
    const missing = { repository: "repos/b", code: "E_REPO_NOT_FOUND" as const, message: "no such folder" };
    assert.deepEqual(gap([empty, missing]), {
      kind: "unreadable",
      asOf: "2019-01-01",
      failures: [empty, missing],
      message:
        "collector failed for repos/a: no commit on or before 2019-01-01 " +
        "[E_REPO_EMPTY]; collector failed for repos/b: no such folder [E_REPO_NOT_FOUND]",
    });
    assert.equal(gap([])!.kind, "no-repositories");
    // one repository read is evidence, even if another failed
    assert.equal(gap([empty], [richRepository()]), undefined);
    assert.equal(run().evidenceGap, undefined);
  });

  it("carries the drift as facts (stages, the open required criteria with their status) and words made of them", () => {
    const above = run({ level: "incubating", attestations: { "sandbox.sponsor": attest("not-met") } });
    if (above.drift.kind !== "declared-above-supported") assert.fail(`drift is ${above.drift.kind}`);
    assert.equal(above.drift.declared, "incubating");
    assert.equal(above.drift.supported, above.supported);
    assert.equal(above.drift.firstStage, TINY.stages[0]!.id);
    const open = above.drift.open ?? [];
    assert.ok(open.length > 0 && open.some((f) => f.status === "not-met" || f.status === "expired"));
    const required = new Set(above.findings.filter((f) => f.requirement === "must").map((f) => f.criterionId));
    for (const f of open) assert.ok(required.has(f.criterionId), f.criterionId);
    const against = open.filter((f) => f.status !== "unknown").length;
    assert.match(above.drift.message, new RegExp(`^declared incubating, but .*: ${against} required criteri`));
    assert.equal(above.drift.message, driftText(above.drift));
    // the same facts with every open criterion unknown read as unconfirmed, never as not met
    const unknownOnly = {
      ...above.drift,
      kind: "unconfirmed" as const,
      open: open.map((f) => ({ ...f, status: "unknown" as const })),
    };
    assert.match(driftText(unknownOnly), new RegExp(`not yet confirmed.*${open.length} required criteri.* unknown`));
  });

  it("reports 'stable', 'N/A' and '??' as not a stage, and the drift as not comparable", () => {
    for (const level of ["stable", "N/A", "??"]) {
      const a = run({ level });
      assert.equal(a.declared.stage, null);
      assert.match(a.declared.note!, new RegExp(`'${level.replace(/[?/]/g, "\\$&")}' is not a stage of tiny`));
      assert.equal(a.drift.kind, "not-comparable");
    }
  });
});

describe("assessPortfolio and summarizePortfolio", () => {
  const projects = [
    project({ id: "a", name: "A", state: { framework: "Azure", level: "graduated" } }),
    project({ id: "k", name: "K", state: { framework: "Kubernetes", level: "stable" } }),
    project({ id: "m", name: "M", state: { framework: "Moby", level: "??" } }),
    project({ id: "c", name: "C", state: { framework: "CNCF", level: "incubating" }, repositories: [] }),
  ];
  const evidence = new Map([
    ["a", projectEvidence([richRepository()], { project: "a" })],
    ["c", projectEvidence([], { project: "c" })],
  ]);
  const base = {
    program: programModel({ name: "P", organizations: ["Microsoft"] }),
    projects,
    evidence,
    frameworks,
    asOf: "2020-06-01",
  };

  it("assesses each project against its declared framework and reports unknown frameworks as such", () => {
    const results = assessPortfolio(base);
    assert.equal(results[0]!.framework!.id, "azcnu-v0.1");
    assert.equal(results[1]!.framework, null);
    assert.match(
      results[1]!.notAssessed!,
      /'Kubernetes' is not a framework this program maps \(aliases: Azure, CNCF\); use --framework/,
    );
    assert.equal(results[2]!.framework, null);
    assert.match(
      results[3]!.findings.find((f) => f.criterionId === "incubating.adopters")!.evidence[0]!,
      /no repository listed in the catalog/,
    );
  });

  it("reads program organizations written with their domains like the plain names", () => {
    const withDomains = {
      ...base,
      program: programModel({ name: "P", organizations: [{ name: "Microsoft", domains: ["microsoft.com"] }] }),
    };
    assert.deepEqual(
      assessPortfolio(withDomains).map((r) => r.findings.map((f) => [f.criterionId, f.status, f.evidence])),
      assessPortfolio(base).map((r) => r.findings.map((f) => [f.criterionId, f.status, f.evidence])),
    );
  });

  it("assesses every project against --framework when given", () => {
    const results = assessPortfolio({ ...base, override: frameworks.get("cncf") });
    assert.ok(results.every((r) => r.framework?.id === "cncf"));
    assert.match(results[1]!.declared.note!, /'Kubernetes' is not a framework alias/);
    assert.match(results[0]!.declared.note!, /declared in azcnu-v0.1, assessed against cncf/);
  });

  it("summarizes one row per project with counts and drift", () => {
    const results = assessPortfolio(base);
    const s = summarizePortfolio(results, "2020-06-01");
    assert.equal(s.rows.length, 4);
    const a = s.rows[0]!;
    assert.equal(a.framework, "azcnu-v0.1@0.1");
    assert.equal(a.declared, "Azure: graduated");
    assert.equal(a.supported, null);
    assert.equal(a.drift, "unconfirmed");
    assert.equal(a.met + a.missing + a.unknown, results[0]!.findings.length);
    assert.equal(s.notAssessed, 2);
    assert.equal(s.unconfirmed, 2);
    assert.equal(s.declaredAbove, 0);
  });
});

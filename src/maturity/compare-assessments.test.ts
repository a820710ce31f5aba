import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProjectModel } from "../catalog/index.js";
import type { ProjectEvidence } from "../evidence/model.js";
import {
  assess,
  compareAssessments,
  comparePortfolio,
  renderChangeText,
  renderChangesMarkdown,
  renderChangesText,
  type ProjectAssessment,
} from "./index.js";
import {
  bareRepository,
  framework,
  maintainers,
  project,
  projectEvidence,
  richRepository,
  unreadableRepository,
} from "./testing.js";

// GIVEN a project assessed at the last review and now WHEN the two are compared THEN each
// criterion whose status changed is listed with its evidence now, and the level's movement is named.

const MINE = framework(`
id: mine
version: "1.0"
title: Mine
name: Mine
stages:
  - id: sandbox
    title: Sandbox
    criteria:
      - { id: sandbox.sponsor, text: A sponsor, decided: attestation }
      - { id: sandbox.license, text: A license, decided: automatic, rule: { id: files, files: [license] } }
  - id: incubating
    title: Incubating
    criteria:
      - { id: incubating.met-sandbox, text: Met sandbox, decided: automatic, rule: { id: previous-stage } }
      - { id: incubating.maintainers, text: 2+ maintainers, decided: automatic,
          rule: { id: maintainers, threshold: 2 } }
      - { id: incubating.review, text: A TOC review, decided: attestation }
      - { id: incubating.linting, text: Linting, requirement: should, decided: automatic, rule: { id: lint-config } }
`);

const SINCE = "2025-06-01";
const NOW = "2026-11-01";

/** Evidence whose maintainers file lists `n` people. */
function withMaintainers(n: number, asOf: string): ProjectEvidence {
  return projectEvidence(
    [
      richRepository(
        "repo",
        (r) => void (r.maintainers = { ...r.maintainers, maintainers: maintainers(n), organizations: ["Microsoft"] }),
      ),
    ],
    { asOf },
  );
}

function at(asOf: string, p: ProjectModel, evidence: ProjectEvidence | undefined, fw = MINE): ProjectAssessment {
  return assess({
    project: p,
    evidence,
    framework: fw,
    declared: { kind: "mapped", alias: "Mine", frameworkId: "mine", level: "incubating" },
    program: { organizations: ["Microsoft"] },
    asOf,
  });
}

const sponsor = { status: "met" as const, by: "jane", date: "2025-01-10" };
const growing = project({
  id: "growing",
  name: "Growing",
  attestations: { "sandbox.sponsor": sponsor, "incubating.review": { status: "met", by: "toc", date: "2025-03-01" } },
});
const lapsing = project({
  id: "lapsing",
  name: "Lapsing",
  attestations: {
    "sandbox.sponsor": sponsor,
    "incubating.review": { status: "met", by: "toc", date: "2025-03-01", expires: "2026-03-01" },
  },
});
const steady = project({ id: "steady", name: "Steady | <b>Co</b>", attestations: { "sandbox.sponsor": sponsor } });
const late = project({
  id: "late",
  name: "Late",
  attestations: { "sandbox.sponsor": sponsor, "incubating.review": { status: "met", by: "toc", date: "2026-01-15" } },
});

describe("compareAssessments", () => {
  it("lists a criterion that flips not-met → met with its new evidence, and the level moving up", () => {
    const c = compareAssessments(
      at(SINCE, growing, withMaintainers(1, SINCE)),
      at(NOW, growing, withMaintainers(3, NOW)),
    );
    assert.deepEqual(c.supported, { before: "sandbox", after: "incubating" });
    assert.equal(c.movement, "up");
    assert.deepEqual(
      c.criteria.map((k) => [k.criterionId, k.before, k.after, k.direction]),
      [["incubating.maintainers", "not-met", "met", "gained"]],
    );
    assert.match(c.criteria[0]!.evidence.join("\n"), /lists 3 maintainers/);
    assert.match(c.criteria[0]!.evidenceBefore.join("\n"), /1 distinct maintainer/);
    assert.equal(c.gained, 1);
    assert.equal(c.lost, 0);
    assert.deepEqual(c.drift.before.kind, "declared-above-supported");
    assert.deepEqual(c.drift.after.kind, "none");
    assert.deepEqual(c.declared, { before: "Mine: incubating", after: "Mine: incubating" });
    assert.equal(c.unchanged, false);
    assert.deepEqual([c.since, c.asOf], [SINCE, NOW]);
  });

  it("an attestation that expired between the dates is lost and newly expired, and the level moves down", () => {
    const c = compareAssessments(
      at(SINCE, lapsing, withMaintainers(3, SINCE)),
      at(NOW, lapsing, withMaintainers(3, NOW)),
    );
    assert.equal(c.movement, "down");
    assert.deepEqual(c.supported, { before: "incubating", after: "sandbox" });
    const review = c.criteria.find((k) => k.criterionId === "incubating.review")!;
    assert.deepEqual(
      [review.before, review.after, review.direction, review.newlyExpired],
      ["attested", "expired", "lost", true],
    );
    assert.match(review.evidence.join("\n"), /expired 2026-03-01/);
    assert.deepEqual(c.newlyExpired, ["incubating.review"]);
    assert.equal(c.lost, 1);
  });

  it("does not count, at the earlier date, an attestation given after it", () => {
    const c = compareAssessments(at(SINCE, late, withMaintainers(3, SINCE)), at(NOW, late, withMaintainers(3, NOW)));
    assert.deepEqual(
      c.criteria.map((k) => [k.criterionId, k.before, k.after]),
      [["incubating.review", "unknown", "attested"]],
    );
    assert.match(c.criteria[0]!.evidenceBefore.join("\n"), /after the assessment date, so not counted/);
    assert.equal(c.movement, "up");
  });

  it("finds nothing for a project whose evidence and attestations did not change", () => {
    const c = compareAssessments(
      at(SINCE, steady, withMaintainers(3, SINCE)),
      at(NOW, steady, withMaintainers(3, NOW)),
    );
    assert.equal(c.unchanged, true);
    assert.equal(c.movement, "same");
    assert.deepEqual(c.criteria, []);
    assert.deepEqual([c.gained, c.lost, c.newlyExpired.length], [0, 0, 0]);
  });

  it("counts a change that is neither gained nor lost (unknown → not-met) apart, as now decided", () => {
    const c = compareAssessments(
      at(SINCE, steady, projectEvidence([unreadableRepository()], { asOf: SINCE })),
      at(NOW, steady, withMaintainers(1, NOW)),
    );
    assert.equal(c.movement, "up");
    const k = c.criteria.find((x) => x.criterionId === "incubating.maintainers")!;
    assert.deepEqual([k.before, k.after, k.direction, k.decided], ["unknown", "not-met", "changed", true]);
    assert.equal(c.gained + c.lost, c.criteria.filter((x) => x.direction !== "changed").length);
  });

  it("calls a project whose repositories had no commit at the earlier date new, and compares no criteria", () => {
    const empty = projectEvidence([], {
      asOf: SINCE,
      failures: [{ repository: "repos/edge", code: "E_REPO_EMPTY", message: `no commit on or before ${SINCE}` }],
    });
    const c = compareAssessments(
      at(SINCE, steady, empty),
      at(NOW, steady, projectEvidence([bareRepository()], { asOf: NOW })),
    );
    assert.equal(c.movement, "new");
    assert.equal(c.note, `new since ${SINCE}: repos/edge had no commit on or before ${SINCE}`);
    assert.deepEqual(c.criteria, []);
    assert.deepEqual([c.gained, c.lost, c.unchanged], [0, 0, false]);
    assert.equal(c.evidenceGap.before!.kind, "not-yet");
    assert.equal(c.evidenceGap.after, null);
    const text = renderChangeText(c);
    assert.match(
      text,
      new RegExp(
        `\\n  note: +new since ${SINCE}: repos/edge had no commit on or before ${SINCE}\\n` +
          `  supported: — → none \\(\\+ new\\)\\n`,
      ),
    );
    assert.match(text, /\n {2}drift: +now ⚠ declared above: declared incubating, but /);
    assert.ok(!/criteria changed|→ ✘ not met/.test(text), text);
  });

  it("does not compare criteria when the evidence could be read at one date only", () => {
    const failed = projectEvidence([], {
      asOf: SINCE,
      failures: [{ repository: "repo", code: "E_REPO_NOT_FOUND", message: "no such folder" }],
    });
    const c = compareAssessments(at(SINCE, steady, failed), at(NOW, steady, withMaintainers(3, NOW)));
    assert.equal(c.movement, "not-comparable");
    assert.equal(
      c.note,
      `no evidence as of ${SINCE} (collector failed for repo: no such folder [E_REPO_NOT_FOUND]): ` +
        "criteria not compared",
    );
    assert.deepEqual(c.criteria, []);
    // labelled as in the portfolio summary: no stage supported is "none", whether or not evidence was read
    assert.match(renderChangeText(c), /\n {2}supported: none → sandbox \(n\/a\)\n/);
    const later = compareAssessments(at(SINCE, steady, withMaintainers(3, SINCE)), at(NOW, steady, failed));
    assert.equal(later.movement, "not-comparable");
    assert.match(later.note!, new RegExp(`^no evidence as of ${NOW} `));
    // no evidence at either date: the attestations still compare
    assert.equal(compareAssessments(at(SINCE, late, undefined), at(NOW, late, undefined)).criteria.length, 1);
  });

  it("does not compare criteria across frameworks or a project not assessed", () => {
    const other = framework(oneStageFramework("other"));
    const c = compareAssessments(
      at(SINCE, steady, withMaintainers(3, SINCE), other),
      at(NOW, steady, withMaintainers(3, NOW)),
    );
    assert.equal(c.movement, "not-comparable");
    assert.deepEqual(c.criteria, []);
    assert.match(c.note!, /assessed against other@1\.0 on 2025-06-01 and mine@1\.0 on 2026-11-01/);
    const none = assess({
      project: steady,
      evidence: undefined,
      framework: undefined,
      declared: { kind: "none" },
      program: {},
      asOf: SINCE,
      notAssessed: "no state",
    });
    const n = compareAssessments(none, at(NOW, steady, withMaintainers(3, NOW)));
    assert.equal(n.movement, "not-comparable");
    assert.match(n.note!, /not assessed on 2025-06-01: no state/);
  });

  it("refuses two different projects", () => {
    assert.throws(
      () => compareAssessments(at(SINCE, steady, undefined), at(NOW, growing, undefined)),
      /different projects/,
    );
  });
});

function oneStageFramework(id: string): string {
  return (
    `id: ${id}\nversion: "1.0"\ntitle: X\nname: X\nstages:\n  - id: sandbox\n    title: Sandbox\n    criteria:\n` +
    "      - { id: sandbox.sponsor, text: A sponsor, decided: attestation }\n"
  );
}

describe("comparePortfolio and its renderers", () => {
  const before = [
    at(SINCE, growing, withMaintainers(1, SINCE)),
    at(SINCE, lapsing, withMaintainers(3, SINCE)),
    at(SINCE, steady, withMaintainers(3, SINCE)),
  ];
  const after = [
    at(NOW, growing, withMaintainers(3, NOW)),
    at(NOW, lapsing, withMaintainers(3, NOW)),
    at(NOW, steady, withMaintainers(3, NOW)),
  ];
  const changes = comparePortfolio(before, after, { since: SINCE, asOf: NOW });

  it("pairs projects by id and counts movements", () => {
    assert.deepEqual(
      changes.changes.map((c) => [c.project, c.movement]),
      [
        ["growing", "up"],
        ["lapsing", "down"],
        ["steady", "same"],
      ],
    );
    assert.deepEqual([changes.movedUp, changes.movedDown, changes.same, changes.notComparable], [1, 1, 1, 0]);
    assert.equal(changes.before.asOf, SINCE);
    assert.equal(changes.after.rows[0]!.supported, "incubating");
    assert.throws(
      () => comparePortfolio(before.slice(1), after, { since: SINCE, asOf: NOW }),
      /no assessment of 'growing' as of 2025-06-01/,
    );
  });

  it("prints a table and each project's changed criteria for a terminal", () => {
    const text = renderChangesText(changes);
    assert.match(
      text,
      new RegExp(
        String.raw`^Changes since 2025-06-01 \(as of 2026-11-01\)\n\nproject +framework +supported then → now +mo` +
          String.raw`vement +gained +lost +expired\n`,
      ),
    );
    assert.match(text, /\ngrowing +mine@1\.0 +sandbox → incubating +↑ moved up +1 +0 +0\n/);
    assert.match(text, /\nlapsing +mine@1\.0 +incubating → sandbox +↓ moved down +0 +1 +1\n/);
    assert.match(text, /\nsteady +mine@1\.0 +sandbox → sandbox += same +0 +0 +0\n/);
    assert.match(
      text,
      /3 projects between 2025-06-01 and 2026-11-01: 1 moved up, 1 moved down, 1 same, 0 not comparable/,
    );
    // statuses and drift in the words of the other reports, not the JSON names
    assert.match(
      text,
      /\n {4}incubating\.maintainers: ✘ not met → ✔ met\n {8}· OWNERS in repo@abc1234 lists 3 maintainers/,
    );
    assert.match(text, /drift: +⚠ declared above → — none: declared incubating, supported incubating/);
    assert.ok(!/not-met|declared-above-supported|unconfirmed →/.test(text), text);
    assert.match(text, /newly expired: incubating\.review/);
    assert.match(text, /Steady \| <b>Co<\/b> \(steady\): no change between 2025-06-01 and 2026-11-01/);
  });

  it("writes a markdown section with escaped cells", () => {
    const md = renderChangesMarkdown(changes);
    assert.match(md, /^## Changes since 2025-06-01\n/);
    assert.match(md, /\| growing \| mine@1\.0 \| sandbox → incubating \| ↑ moved up \| 1 \| 0 \| 0 \|/);
    assert.match(
      md,
      /\| `incubating\.maintainers` \| incubating \| ✘ not met \| ✔ met \| OWNERS in repo@abc1234 lists 3 maintainers/,
    );
    assert.match(md, /### Steady \\\| &lt;b&gt;Co&lt;\/b&gt;\n\nNo change\./);
    assert.ok(!md.includes("<b>"));
    for (const row of md.split("\n").filter((l) => l.startsWith("| ")))
      assert.ok([7, 5].includes(row.split(/(?<!\\)\|/).length - 2), row);
  });
});

describe("the --since table labels levels as the portfolio summary does", () => {
  // GIVEN a project with no repositories and one whose declared level is not a stage WHEN compared
  // THEN the table says none (no stage supported) and n/a (not comparable), never "?" or a bare "= same"
  const declaredAt = (asOf: string, p: ProjectModel, evidence: ProjectEvidence | undefined, level: string) =>
    assess({
      project: p,
      evidence,
      framework: MINE,
      declared: { kind: "mapped", alias: "Mine", frameworkId: "mine", level },
      program: { organizations: ["Microsoft"] },
      asOf,
    });
  const empty = project({ id: "empty", name: "Empty", repositories: [] });
  const stable = project({
    id: "stable",
    name: "Stable",
    attestations: { "sandbox.sponsor": { status: "met", by: "toc", date: "2020-01-01" } },
  });
  const before = [
    declaredAt(SINCE, empty, projectEvidence([], { asOf: SINCE }), "incubating"),
    declaredAt(SINCE, stable, projectEvidence([], { asOf: SINCE }), "N/A"),
    declaredAt(SINCE, stable, withMaintainers(3, SINCE), "stable"),
  ];
  const after = [
    declaredAt(NOW, empty, projectEvidence([], { asOf: NOW }), "incubating"),
    declaredAt(NOW, stable, projectEvidence([], { asOf: NOW }), "N/A"),
    declaredAt(NOW, stable, withMaintainers(3, NOW), "stable"),
  ];

  it("says none → none and n/a for projects with no evidence at either date, as the summary says none", () => {
    const changes = comparePortfolio(before.slice(0, 2), after.slice(0, 2), { since: SINCE, asOf: NOW });
    assert.deepEqual(
      changes.after.rows.map((r) => r.supported),
      [null, null], // no stage supported: null in the data, "none" in the text below
    );
    assert.deepEqual(
      changes.changes.map((c) => c.movement),
      ["not-comparable", "not-comparable"],
    );
    const text = renderChangesText(changes);
    assert.match(text, /\nempty +mine@1\.0 +none → none +n\/a +0 +0 +0\n/);
    assert.match(text, /\nstable +mine@1\.0 +none → none +n\/a +0 +0 +0\n/);
    assert.ok(!/\? → \?|= same/.test(text), text);
    assert.match(text, /0 moved up, 0 moved down, 0 same, 2 not comparable/);
    assert.match(
      text,
      new RegExp(
        String.raw`Empty \(empty\): no change between 2025-06-01 and 2026-11-01 \(level not compared: no evidence` +
          String.raw` read at either date\)`,
      ),
    );
  });

  it("says drift n/a beside a level that held when the declared level is not a stage", () => {
    const c = compareAssessments(before[2]!, after[2]!);
    assert.equal(c.movement, "same");
    assert.match(
      renderChangesText(comparePortfolio([before[2]!], [after[2]!], { since: SINCE, asOf: NOW })),
      /\nstable +mine@1\.0 +sandbox → sandbox += same; drift n\/a +0 +0 +0\n/,
    );
  });
});

describe("renderers of many criteria now decided", () => {
  // GIVEN evidence unreadable at the last review and read now WHEN many criteria go unknown → not met
  // THEN they are counted in one line, not listed; a few are still listed
  const WIDE = framework(`id: wide
version: "1"
title: Wide
name: Wide
stages:
  - id: sandbox
    title: Sandbox
    criteria:
      - { id: sandbox.sponsor, text: A sponsor, decided: attestation }
      - { id: sandbox.license, text: A license, decided: automatic, rule: { id: files, files: [license] } }
      - { id: sandbox.readme, text: A readme, decided: automatic, rule: { id: files, files: [readme] } }
      - { id: sandbox.coc, text: A code of conduct, decided: automatic, rule: { id: files, files: [codeOfConduct] } }
      - { id: sandbox.security, text: A security policy, decided: automatic, rule: { id: files, files: [security] } }
`);
  const wideAt = (asOf: string, p: ProjectModel, evidence: ProjectEvidence) =>
    assess({
      project: p,
      evidence,
      framework: WIDE,
      declared: { kind: "mapped", alias: "Wide", frameworkId: "wide", level: "sandbox" },
      program: {},
      asOf,
    });
  const p = project({
    id: "quiet",
    name: "Quiet",
    attestations: { "sandbox.sponsor": { status: "met", by: "toc", date: "2025-09-01" } },
  });
  const c = compareAssessments(
    wideAt(SINCE, p, projectEvidence([unreadableRepository()], { asOf: SINCE })),
    wideAt(NOW, p, projectEvidence([bareRepository()], { asOf: NOW })),
  );

  it("count them in text, after the criteria gained or lost", () => {
    assert.equal(c.criteria.filter((k) => k.decided).length, 4);
    const text = renderChangeText(c);
    assert.match(
      text,
      new RegExp(
        String.raw`\n {2}criteria changed \(1 gained, 0 lost, 4 now decided\):\n` +
          String.raw` {4}sandbox\.sponsor: \? unknown → ✔ attested\n {8}· attested met by toc on 2025-09-01\n` +
          String.raw` {4}4 criteria now decided: \? unknown → ✘ not met; ` +
          "`upstream assess quiet --as-of 2026-11-01` shows their evidence\\n",
      ),
    );
    assert.ok(!text.includes("sandbox.license"), text);
  });

  it("show the drift change beside a level that did not move", () => {
    assert.equal(c.movement, "same");
    assert.deepEqual([c.drift.before.kind, c.drift.after.kind], ["unconfirmed", "declared-above-supported"]);
    assert.match(
      renderChangeText(c),
      /\n {2}supported: none → none \(= same level; drift \? unconfirmed → ⚠ declared above\)\n/,
    );
    const table = renderChangesText(
      comparePortfolio(
        [c].map(() => wideAt(SINCE, p, projectEvidence([unreadableRepository()], { asOf: SINCE }))),
        [wideAt(NOW, p, projectEvidence([bareRepository()], { asOf: NOW }))],
        { since: SINCE, asOf: NOW },
      ),
    );
    assert.match(table, /\nquiet +wide@1 +none → none += same; drift → ⚠ declared above +1 +0 +0\n/);
  });

  it("count them in markdown, and list a few", () => {
    const portfolio = comparePortfolio(
      [wideAt(SINCE, p, projectEvidence([unreadableRepository()], { asOf: SINCE }))],
      [wideAt(NOW, p, projectEvidence([bareRepository()], { asOf: NOW }))],
      { since: SINCE, asOf: NOW },
    );
    const md = renderChangesMarkdown(portfolio);
    assert.match(
      md,
      new RegExp(
        String.raw`\n- 4 criteria now decided: \? unknown → ✘ not met; ` +
          "`upstream assess quiet --as-of 2026-11-01` shows their evidence\\n",
      ),
    );
    assert.match(md, /\| `sandbox\.sponsor` \| sandbox \| \? unknown \| ✔ attested \|/);
    assert.ok(!md.includes("`sandbox.license`"), md);
    // three or fewer are listed one by one
    const few = compareAssessments(
      at(SINCE, steady, projectEvidence([unreadableRepository()], { asOf: SINCE })),
      at(NOW, steady, withMaintainers(1, NOW)),
    );
    assert.ok(few.criteria.filter((k) => k.decided).length <= 3);
    assert.match(renderChangeText(few), /\n {4}incubating\.maintainers: \? unknown → ✘ not met\n/);
  });
});

import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { formatIssue, type Issue } from "../core/errors.js";
import { checkProgram, TOC_YAML, votesYaml, writeProgram } from "./testing.js";
import { declaredAsOf, decisionAttestations, projectHistory } from "./decisions.js";
import { PROGRAM_LADDER } from "./testing.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const PROJECTS = {
  fleet: "Azure: sandbox",
  mesh: "Azure: incubating",
  old: "Azure: incubation",
  gift: "Azure: graduated",
};

const REVIEW_HEAD = `apiVersion: upstream/v1
id: 2026-Q4
opened: 2026-10-01
closed: 2026-12-15
notes:
  fleet: Momentum is up; three adopters in production.
motions:
`;

function motion(id: string, body: string, yes?: number): string {
  return (
    `  - id: ${id}\n    proposer: ann\n    date: ` +
    `2026-10-05\n${body}${yes === undefined ? "" : `    votes:\n${votesYaml(yes)}`}`
  );
}

/** A full quarter: each kind of motion, at and just below 2/3, a cascade and a rejection. */
const QUARTER =
  REVIEW_HEAD +
  motion("fleet-incubating", "    kind: promote\n    project: fleet\n    level: incubating\n", 4) +
  motion("mesh-graduated", "    kind: promote\n    project: mesh\n    level: graduated\n", 3) +
  motion("nova-graduated", "    kind: admit\n    project: nova\n    level: graduated\n", 3) +
  motion("nova-incubating", "    kind: admit\n    project: nova\n    level: incubating\n", 5) +
  motion("zed-incubating", "    kind: admit\n    project: zed\n    level: incubating\n", 2) +
  motion("zed-sandbox", "    kind: admit\n    project: zed\n    level: sandbox\n", 3) +
  motion(
    "zed-rejected",
    "    kind: reject\n    project: zed\n    opinion: Overlaps fleet; come back with a second maintainer.\n",
  ) +
  motion("old-archive", "    kind: archive\n    project: old\n    rationale: Superseded by fleet.\n", 6) +
  motion(
    "gift-cncf",
    "    kind: donate\n    project: gift\n    foundation: CNCF\n" +
      "    links: [https://github.com/cncf/sandbox/issues/1]\n",
    4,
  );

async function run(review: string, extra: Record<string, string> = {}) {
  const dir = writeProgram(PROJECTS, {
    "governance/toc.yaml": TOC_YAML,
    "governance/reviews/2026-Q4.yaml": review,
    ...extra,
  });
  dirs.push(dir);
  return checkProgram(dir);
}

const errors = (issues: readonly Issue[]) => issues.filter((i) => i.severity === "error");

describe("a full quarter", () => {
  it("checks clean and yields the decisions a TOC expects", async () => {
    const r = await run(QUARTER);
    assert.deepEqual(r.issues.map(formatIssue), []);
    const status = Object.fromEntries(r.outcomes.map((o) => [o.motion.id, o.status]));
    assert.deepEqual(status, {
      "fleet-incubating": "passed", // 4 of 6: exactly 2/3
      "mesh-graduated": "failed", // 3 of 6: just below
      "nova-graduated": "failed",
      "nova-incubating": "passed", // the cascade stops at the first level that passes
      "zed-incubating": "failed",
      "zed-sandbox": "failed",
      "zed-rejected": "recorded",
      "old-archive": "passed",
      "gift-cncf": "passed",
    });
    assert.deepEqual(
      r.decisions.map((d) => `${d.project} ${d.kind} ${d.stage ?? d.foundation ?? ""}`.trim()),
      ["fleet promote incubating", "nova admit incubating", "zed reject", "old archive", "gift donate CNCF"],
    );
    const fleet = r.decisions[0]!;
    assert.equal(fleet.date, "2026-10-20");
    assert.equal(fleet.motion, "2026-Q4/fleet-incubating");
    assert.equal(fleet.tally?.explanation, "4 yes of 6 voting members ≥ 2/3 (4 needed)");
    assert.equal(r.decisions[2]!.opinion, "Overlaps fleet; come back with a second maintainer.");
  });

  it("gives the declared level as of any date from the decisions", async () => {
    const r = await run(QUARTER);
    const at = (project: string, date: string) => declaredAsOf(r.decisions, r.context, project, "azcnu-v0.1", date);
    assert.deepEqual(pick(at("fleet", "2026-10-19")), { kind: "stage", stage: "sandbox", basis: "implied" });
    assert.deepEqual(pick(at("fleet", "2026-10-20")), { kind: "stage", stage: "incubating", basis: "decision" });
    assert.deepEqual(pick(at("mesh", "2027-01-01")), { kind: "stage", stage: "incubating", basis: "catalog" });
    assert.equal(at("nova", "2026-01-01").kind, "not-in-program");
    assert.deepEqual(pick(at("nova", "2027-01-01")), { kind: "stage", stage: "incubating", basis: "decision" });
    assert.equal(at("old", "2027-01-01").kind, "archived");
    assert.equal(at("gift", "2027-01-01").kind, "donated");
    assert.equal(at("zed", "2027-01-01").kind, "rejected");
    assert.equal(projectHistory(r.decisions, "fleet").length, 1);
  });

  it("says which criteria a decision attests, dated on the vote", async () => {
    const r = await run(QUARTER);
    assert.deepEqual(decisionAttestations(r.decisions, PROGRAM_LADDER, "fleet", "2026-10-19"), []);
    const [a] = decisionAttestations(r.decisions, PROGRAM_LADDER, "fleet", "2026-12-31");
    assert.equal(a!.criterion, "incubating.due-diligence");
    assert.equal(a!.attestation.status, "met");
    assert.equal(a!.attestation.date, "2026-10-20");
    assert.match(a!.attestation.by, /TOC, motion 2026-Q4\/fleet-incubating/);
    assert.match(a!.attestation.note!, /4 yes of 6/);
  });
});

function pick(v: object): object {
  const { kind, stage, basis } = v as Record<string, unknown>;
  return { kind, stage, basis };
}

/** One motion in an otherwise valid closed review; returns the error issues. */
async function errorsOf(motions: string, head = REVIEW_HEAD, extra?: Record<string, string>) {
  return errors((await run(head + motions, extra)).issues);
}

function expectOne(found: Issue[], code: string, line: number, col: number, message: RegExp, hint: RegExp): void {
  assert.equal(found.length, 1, found.map(formatIssue).join("\n"));
  const [i] = found;
  assert.equal(i!.code, code, formatIssue(i!));
  assert.equal(i!.file, "governance/reviews/2026-Q4.yaml");
  assert.deepEqual([i!.line, i!.col], [line, col], formatIssue(i!));
  assert.match(i!.message, message);
  assert.match(i!.hint ?? "", hint);
}

// Lines of a motion written by motion(): 8 id, 9 proposer, 10 date, 11… the body, then votes.
describe("bad records: each a located error with a fix", () => {
  it("a vote by someone not on the TOC on that date", async () => {
    const votes =
      "    votes:\n      - {member: hal, vote: yes, date: 2026-10-20}\n      - {member: zoe-quinn, vote: yes, " +
      "date: 2026-10-20}\n";
    const found = await errorsOf(motion("m", "    kind: archive\n    project: old\n") + votes);
    assert.equal(found.length, 2, found.map(formatIssue).join("\n"));
    assert.equal(found[0]!.code, "E_GOV_NOT_A_MEMBER");
    assert.deepEqual([found[0]!.line, found[0]!.col], [14, 18]);
    assert.match(found[0]!.message, /hal is not on the TOC on 2026-10-20 \(terms: 2024-01-01 … 2025-12-31\)/);
    assert.match(found[1]!.message, /zoe-quinn is not a member of the TOC/);
    assert.match(found[1]!.hint!, /add the member .* governance\/toc\.yaml/);
  });

  it("an observer's vote", async () => {
    const votes = "    votes:\n      - {member: gus, vote: yes, date: 2026-10-20}\n";
    const found = await errorsOf(motion("m", "    kind: archive\n    project: old\n") + votes);
    expectOne(found, "E_GOV_NOT_A_MEMBER", 14, 18, /observer .* without a vote/, /remove the vote/);
  });

  it("a second vote by the same member", async () => {
    const votes =
      "    votes:\n      - {member: ann, vote: yes, date: 2026-10-20}\n      - {member: Ann, vote: no, date: " +
      "2026-10-21}\n";
    const found = await errorsOf(motion("m", "    kind: archive\n    project: old\n") + votes);
    expectOne(found, "E_GOV_DUPLICATE_VOTE", 15, 18, /Ann votes a second time .* \(first at votes\[0\]\)/, /keep one/);
  });

  it("a vote after the review closed", async () => {
    const votes = `    votes:\n${votesYaml(6).replace("date: 2026-10-20", "date: 2026-12-16")}`;
    const found = await errorsOf(motion("m", "    kind: archive\n    project: old\n") + votes);
    expectOne(found, "E_GOV_VOTE_AFTER_CLOSE", 14, 40, /after the review 2026-Q4 closed \(2026-12-15\)/, /next review/);
  });

  it("a motion on an unknown project", async () => {
    const found = await errorsOf(motion("m", "    kind: promote\n    project: flet\n    level: incubating\n", 6));
    expectOne(found, "E_GOV_UNKNOWN_PROJECT", 12, 14, /'flet' is not a project of the catalog/, /did you mean 'fleet'/);
  });

  it("a motion to a level the framework lacks", async () => {
    const found = await errorsOf(motion("m", "    kind: promote\n    project: fleet\n    level: incubatin\n", 6));
    expectOne(
      found,
      "E_GOV_UNKNOWN_LEVEL",
      13,
      12,
      /'incubatin' is not a level of the framework azcnu-v0.1 \(sandbox, incubating, graduated\)/,
      /did you mean 'incubating'/,
    );
  });

  it("a promotion that skips a level", async () => {
    const found = await errorsOf(motion("m", "    kind: promote\n    project: fleet\n    level: graduated\n", 6));
    expectOne(found, "E_GOV_SKIPPED_LEVEL", 13, 12, /at sandbox .* skips incubating/, /set level: incubating/);
  });

  it("a promotion to the level it has", async () => {
    // (failed: a passed one in a closed review would read as already written back to the catalog)
    const found = await errorsOf(motion("m", "    kind: promote\n    project: mesh\n    level: incubation\n", 3));
    expectOne(found, "E_GOV_SKIPPED_LEVEL", 13, 12, /incubating is no promotion/, /set level: graduated/);
  });

  it("two promotions in a row are checked against the level the first one set", async () => {
    const found = await errorsOf(
      motion("a", "    kind: promote\n    project: fleet\n    level: incubating\n", 6) +
        motion("b", "    kind: promote\n    project: fleet\n    level: incubating\n", 6),
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.code, "E_GOV_SKIPPED_LEVEL");
    assert.match(found[0]!.message, /fleet is at incubating on 2026-10-05: incubating is no promotion/);
  });

  it("an admission of a project already in the program", async () => {
    const found = await errorsOf(motion("m", "    kind: admit\n    project: mesh\n    level: graduated\n", 6));
    expectOne(found, "E_GOV_ALREADY_ADMITTED", 11, 11, /mesh is already in the program .*\(at incubating\)/, /promote/);
  });

  it("an admission voted again after it passed", async () => {
    const found = await errorsOf(
      motion("a", "    kind: admit\n    project: nova\n    level: incubating\n", 6) +
        motion("b", "    kind: admit\n    project: nova\n    level: sandbox\n", 6),
    );
    expectOne(found, "E_GOV_ALREADY_ADMITTED", 24, 11, /already admitted by 2026-Q4\/a/, /remove this motion/);
  });

  it("a cascade that skips a level", async () => {
    const found = await errorsOf(
      motion("a", "    kind: admit\n    project: nova\n    level: graduated\n", 2) +
        motion("b", "    kind: admit\n    project: nova\n    level: sandbox\n", 6),
    );
    expectOne(found, "E_GOV_CASCADE", 26, 12, /next is at incubating, not sandbox/, /set level: incubating/);
  });

  it("a closed review that stops the cascade half-way", async () => {
    const found = await errorsOf(motion("a", "    kind: admit\n    project: nova\n    level: incubating\n", 2));
    expectOne(
      found,
      "E_GOV_CASCADE",
      8,
      5,
      /failed at incubating, and the closed review votes no lower level/,
      /next lower/,
    );
  });

  it("a cascade that fails at sandbox with no rejection", async () => {
    const found = await errorsOf(motion("a", "    kind: admit\n    project: nova\n    level: sandbox\n", 2));
    expectOne(found, "E_GOV_OPINION_MISSING", 8, 5, /failed at every level/, /kind: reject, project: nova/);
  });

  it("a rejection without its opinion", async () => {
    const found = await errorsOf(
      motion("a", "    kind: admit\n    project: nova\n    level: sandbox\n", 2) +
        motion("b", "    kind: reject\n    project: nova\n    opinion: '  '\n"),
    );
    // the rejection's own error, and the cascade's: it ends with no valid rejection
    assert.deepEqual(
      found.map((i) => `${i.code} ${i.line}:${i.col}`),
      ["E_GOV_OPINION_MISSING 8:5", "E_GOV_OPINION_MISSING 21:5"],
    );
    assert.match(found[1]!.hint!, /add opinion:/);
  });

  it("a rejection before the lowest level was voted", async () => {
    const found = await errorsOf(
      motion("a", "    kind: admit\n    project: nova\n    level: incubating\n", 2) +
        motion("b", "    kind: reject\n    project: nova\n    opinion: No.\n"),
    );
    const rejection = found.find((i) => i.message.includes("rejected only"));
    assert.equal(rejection?.code, "E_GOV_CASCADE");
    assert.match(rejection!.message, /rejected only after the vote at sandbox fails; the last vote was at incubating/);
  });

  it("a donation without evidence of the foundation's interest", async () => {
    const found = await errorsOf(motion("m", "    kind: donate\n    project: gift\n    foundation: CNCF\n", 6));
    expectOne(found, "E_GOV_DONATION_EVIDENCE", 8, 5, /needs evidence of the foundation's interest/, /add links:/);
  });

  it("a promotion of an archived project", async () => {
    const found = await errorsOf(
      motion("a", "    kind: archive\n    project: old\n", 6) +
        motion("b", "    kind: promote\n    project: old\n    level: graduated\n", 6),
    );
    expectOne(found, "E_GOV_NOT_IN_PROGRAM", 24, 14, /old is archived on 2026-10-05/, /admitted again/);
  });

  it("a written result that disagrees with the votes", async () => {
    const found = await errorsOf(
      motion("m", "    kind: promote\n    project: mesh\n    level: graduated\n    result: passed\n", 3),
    );
    expectOne(
      found,
      "E_GOV_RESULT_MISMATCH",
      14,
      13,
      /written as passed, but the votes say failed: 3 yes of 6/,
      /set result: failed/,
    );
  });

  it("a vote before the motion was proposed, a motion outside its review", async () => {
    const body =
      "    kind: archive\n    project: old\n    votes:\n      - {member: ann, vote: yes, date: 2026-10-01}\n";
    const found = await errorsOf(motion("m", body).replace("date: 2026-10-05", "date: 2026-10-03"));
    expectOne(
      found,
      "E_GOV_VOTE_DATE",
      14,
      40,
      /before the motion was proposed \(2026-10-03\)/,
      /on or after 2026-10-03/,
    );
    const outside = await errorsOf(
      motion("m", "    kind: archive\n    project: old\n", 6).replace("2026-10-05", "2026-09-30"),
    );
    expectOne(outside, "E_GOV_MOTION_DATE", 10, 11, /outside the review 2026-Q4/, /date it within the review/);
  });

  it("a typo in a key, a date that is no date, a kind that is none: the schema's errors, located", async () => {
    const found = await errorsOf(
      "  - id: m\n    proposer: ann\n    date: 2026-02-30\n    kind: promot\n    project: fleet\n    levle: " +
        "incubating\n",
    );
    assert.deepEqual(
      found.map((i) => `${i.code} ${i.line}:${i.col} ${i.hint}`),
      [
        "E_CATALOG_INVALID_DATE 10:11 write a real calendar date as YYYY-MM-DD, e.g. 2026-10-01 (quote it or not)",
        'E_CATALOG_INVALID_VALUE 11:11 did you mean "promote"? ' +
          'use one of: "admit", "promote", "archive", "donate", "reject"',
        "E_CATALOG_UNKNOWN_KEY 13:5 did you mean 'level'?",
      ],
    );
  });

  it("overlapping terms of one member, a term that ends before it begins", async () => {
    const toc =
      TOC_YAML +
      "  - {name: Ann Lee, handle: ann, term: {from: 2026-06-01}}\n" +
      "  - {name: Ivy Jo, handle: ivy, term: {from: 2026-06-01, until: 2026-01-01}}\n";
    const found = errors((await run(REVIEW_HEAD.replace("motions:\n", ""), { "governance/toc.yaml": toc })).issues);
    assert.deepEqual(
      found.map((i) => `${i.file}:${i.line}:${i.col} ${i.code}`),
      ["governance/toc.yaml:14:40 E_GOV_TERM", "governance/toc.yaml:15:65 E_GOV_TERM"],
    );
  });
});

describe("an open review", () => {
  const OPEN = REVIEW_HEAD.replace("closed: 2026-12-15\n", "");
  it("knows a result once the missing votes cannot change it", async () => {
    const r = await run(
      OPEN +
        motion(
          "decided",
          "    kind: archive\n    project: old\n    votes:\n" +
            "      - {member: ann, vote: yes, date: 2026-10-20}\n".repeat(1) +
            ["bo", "cy", "di"].map((m) => `      - {member: ${m}, vote: yes, date: 2026-10-20}\n`).join(""),
        ) +
        motion(
          "open",
          "    kind: promote\n    project: fleet\n    level: incubating\n    votes:\n" +
            "      - {member: ann, vote: yes, date: 2026-10-20}\n",
        ) +
        motion(
          "lost",
          "    kind: promote\n    project: mesh\n    level: graduated\n    votes:\n" +
            ["ann", "bo", "cy"].map((m) => `      - {member: ${m}, vote: no, date: 2026-10-20}\n`).join(""),
        ),
    );
    assert.deepEqual(errors(r.issues).map(formatIssue), []);
    assert.deepEqual(
      r.outcomes.map((o) => `${o.motion.id} ${o.status}`),
      ["decided passed", "open pending", "lost failed"],
    );
    assert.deepEqual(
      r.decisions.map((d) => d.motion),
      ["2026-Q4/decided"],
    );
  });

  it("refuses a lower admission while the higher vote is open", async () => {
    const found = errors(
      (
        await run(
          OPEN +
            motion(
              "a",
              "    kind: admit\n    project: nova\n    level: incubating\n    votes:\n" +
                "      - {member: ann, vote: yes, date: 2026-10-20}\n",
            ) +
            motion("b", "    kind: admit\n    project: nova\n    level: sandbox\n"),
        )
      ).issues,
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.code, "E_GOV_CASCADE");
    assert.match(found[0]!.message, /still open/);
  });
});

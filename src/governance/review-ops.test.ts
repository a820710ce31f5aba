import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { quarterOf, suggestMotions, motionIdFor } from "./review-ops.js";
import { LADDERS } from "./testing.js";

describe("review steps (pure)", () => {
  it("names the quarter a day falls in", () => {
    assert.deepEqual(["2026-01-01", "2026-03-31", "2026-04-01", "2026-11-03", "2026-12-31"].map(quarterOf), [
      "2026-Q1",
      "2026-Q1",
      "2026-Q2",
      "2026-Q4",
      "2026-Q4",
    ]);
  });

  it("suggests archive for ended repositories and a one-level promotion when the evidence supports more", () => {
    const suggested = suggestMotions(
      [
        { project: "a", framework: "azcnu-v0.1", declared: "sandbox", supported: "graduated", lifecycle: "active" },
        { project: "b", framework: "azcnu-v0.1", declared: "incubating", supported: "incubating" },
        {
          project: "c",
          framework: "azcnu-v0.1",
          declared: "incubating",
          supported: null,
          lifecycle: "inactive",
          lifecycleWhy: "last commit 2024-01-02",
        },
        // Not assessed, or a level that is no stage: unknown is no reason to move.
        { project: "d", framework: "azcnu-v0.1", declared: "sandbox", supported: undefined },
        { project: "e", framework: "azcnu-v0.1", supported: "graduated" },
        { project: "f", framework: "nope", declared: "sandbox", supported: "graduated" },
      ],
      LADDERS,
    );
    assert.deepEqual(
      suggested.map((s) => [s.kind, s.project, s.level ?? null]),
      [
        ["promote", "a", "incubating"],
        ["archive", "c", null],
      ],
    );
    assert.match(suggested[1]!.why, /inactive \(last commit 2024-01-02\)/);
  });

  it("gives each new motion an id not yet used in the review", () => {
    const review = {
      apiVersion: "upstream/v1" as const,
      id: "2026-Q4",
      opened: "2026-10-01",
      motions: [{ id: "nova-incubating", kind: "admit" as const, project: "nova", proposer: "a", date: "2026-10-01" }],
    };
    assert.equal(motionIdFor(review, "admit", "nova", "incubating"), "nova-incubating-2");
    assert.equal(motionIdFor(review, "archive", "old"), "old-archive");
  });
});

describe("attestationsByProject", () => {
  it("gives, per project, the criteria its passed decisions attest on a date, none before the vote", async () => {
    const { attestationsByProject } = await import("./decisions.js");
    const { checkProgram, TOC_YAML, votesYaml, writeProgram } = await import("./testing.js");
    const dir = writeProgram(
      { fleet: "Azure: sandbox", vk: "CNCF: sandbox" },
      {
        "governance/toc.yaml": TOC_YAML,
        "governance/reviews/2026-Q4.yaml":
          "apiVersion: upstream/v1\nid: 2026-Q4\nopened: 2026-10-01\nmotions:\n" +
          "  - id: fleet-incubating\n    kind: promote\n    project: fleet\n    level: incubating\n" +
          `    proposer: ann\n    date: 2026-10-05\n    links: [https://example.org/dd]\n    votes:\n${votesYaml(4)}`,
      },
    );
    const { decisions, context } = await checkProgram(dir);
    const after = attestationsByProject(decisions, context, "2026-10-20");
    assert.deepEqual([...after.keys()], ["fleet"]);
    const dd = after.get("fleet")!["incubating.due-diligence"]!;
    assert.deepEqual([dd.status, dd.date, dd.link], ["met", "2026-10-20", "https://example.org/dd"]);
    assert.match(dd.by, /motion 2026-Q4\/fleet-incubating/);
    assert.equal(attestationsByProject(decisions, context, "2026-10-19").size, 0);
    rmSync(dir, { recursive: true, force: true });
  });
});

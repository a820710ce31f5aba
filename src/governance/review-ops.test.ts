import { describe, it } from "node:test";
import assert from "node:assert/strict";
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
